// store::Store on SQLite: WAL, one writer connection (BEGIN IMMEDIATE), a pool of reader
// connections, migrations applied at open.
//
// Group commit: writers that arrive while a transaction is running queue up; the next leader runs
// all their work in one transaction, each piece inside its own SAVEPOINT (a piece that throws is
// rolled back alone and its caller gets the exception), and COMMITs once. Every caller returns
// only after the COMMIT that holds its work, so an acknowledged write is a committed one.
// Each waiter has its own condition variable: a finished batch wakes exactly its callers and the
// next leader. A batch holds at most kMaxBatch pieces.
//
// Checkpoints run on a background connection (WalCheckpointer), never inside a COMMIT.
//
// Other processes on the same file (the admin CLI): a watcher thread looks once a second for
// events committed past the last one handed to the commit listener, and publishes them through
// an empty batch, in seq order with ours (the commit-notification seam of store.h).
//
// A failure that ends the whole transaction (SQLite rolls back on its own on SQLITE_FULL, I/O
// errors, out of memory) is seen with sqlite3_get_autocommit after every piece: then the batch
// stops, and every caller in it gets that error, including those whose pieces had run, since
// their work went with the transaction. Without this check the pieces after it ran in autocommit
// mode and committed one by one while their callers were told the batch failed.
//
// Durability: synchronous=NORMAL by default (in WAL mode a commit is atomic and consistent, but
// the last commits before a power loss or OS crash may be lost; a process crash loses nothing);
// full_durability: synchronous=FULL (every COMMIT waits for an fsync of the WAL).
//
// Errors: SQLITE_BUSY/LOCKED and SQLITE_FULL (disk or max_page_count full) leave as
// store::Unavailable, other SQLite errors as store::StorageError; exceptions of the caller's own
// work pass unchanged.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/store/sqlite/sqlite_db.h"
#include "server/store/sqlite/wal_checkpointer.h"
#include "server/store/store.h"

namespace sb::server::sqlite {

class SqliteStore final : public store::Store {
  public:
    // Opens or creates the database file and migrates it. readers: the size of the read pool;
    // checkpoint_pages: the WAL size (in pages) at which a background checkpoint starts.
    explicit SqliteStore(std::string path, int readers = 4,
                         int checkpoint_pages = WalCheckpointer::kDefaultPages,
                         bool full_durability = false);
    ~SqliteStore() override;

    void read(const std::function<void(store::ReadTx&)>& fn) override;
    void write(const std::function<void(store::WriteTx&)>& fn) override;
    void set_commit_listener(std::function<void(std::vector<store::StoredEvent>)> fn) override;
    void prune_events(std::int64_t keep) override;

    int schema_version() const { return schema_version_; }
    // Background WAL checkpoints done since open.
    long long checkpoints() const { return checkpointer_->checkpoints(); }

    static constexpr size_t kMaxBatch = 256;

    // For tests of a full disk: PRAGMA max_page_count on the writer (between batches). SQLite
    // never sets it below the current size; returns the limit now in force.
    std::int64_t set_max_page_count(std::int64_t pages);
    // The synchronous setting of the writer: 1 NORMAL, 2 FULL.
    int synchronous() const;

  private:
    std::unique_ptr<Connection> take_reader();
    void give_back(std::unique_ptr<Connection> c);

    std::string path_;
    int max_readers_;
    int schema_version_ = 0;

    struct PendingWrite;
    void run_batch(std::vector<PendingWrite*>& batch);

    std::mutex queue_mutex_;  // guards queue_, leader_ and every PendingWrite's flags
    std::deque<PendingWrite*> queue_;
    bool leader_ = false;

    // Runs fn between two group commits; a batch that would start meanwhile waits (fairly: a
    // busy writer does not starve it).
    void pause_writer(const std::function<void()>& fn);

    // Publishes what other processes committed since the last event handed over (cheap when
    // nothing was). Runs on watcher_, once a second while a listener is set.
    void publish_foreign_events();
    void watch();

    std::mutex write_mutex_;  // the writer connection
    std::condition_variable pause_cv_;
    std::atomic<bool> pause_wanted_{false};
    std::unique_ptr<Connection> writer_;
    std::function<void(std::vector<store::StoredEvent>)> listener_;
    std::atomic<store::Seq> published_seq_{0};       // the newest event handed to the listener
    std::unique_ptr<WalCheckpointer> checkpointer_;  // after writer_: stops before it closes
    std::atomic<bool> has_listener_{false};

    std::mutex watch_mutex_;
    std::condition_variable watch_cv_;
    bool stopping_ = false;
    std::thread watcher_;  // last: stops first

    std::mutex pool_mutex_;
    std::condition_variable pool_cv_;
    std::vector<std::unique_ptr<Connection>> idle_readers_;
    int open_readers_ = 0;
};

}  // namespace sb::server::sqlite
