// store::Store on SQLite: WAL, one writer connection (BEGIN IMMEDIATE), a pool of reader
// connections, migrations applied at open.
//
// Group commit: writers that arrive while a transaction is running queue up; the next leader runs
// all their work in one transaction, each piece inside its own SAVEPOINT (a piece that throws is
// rolled back alone and its caller gets the exception), and COMMITs once. Every caller returns
// only after the COMMIT that holds its work, so an acknowledged write is a committed one.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "server/store/sqlite/sqlite_db.h"
#include "server/store/store.h"

namespace sb::server::sqlite {

class SqliteStore final : public store::Store {
  public:
    // Opens or creates the database file and migrates it. readers: the size of the read pool.
    explicit SqliteStore(std::string path, int readers = 4);
    ~SqliteStore() override;

    void read(const std::function<void(store::ReadTx&)>& fn) override;
    void write(const std::function<void(store::WriteTx&)>& fn) override;
    void set_commit_listener(std::function<void(std::vector<store::StoredEvent>)> fn) override;
    void prune_events(std::int64_t keep) override;

    int schema_version() const { return schema_version_; }

  private:
    std::unique_ptr<Connection> take_reader();
    void give_back(std::unique_ptr<Connection> c);

    std::string path_;
    int max_readers_;
    int schema_version_ = 0;

    struct PendingWrite;
    void run_batch(std::vector<PendingWrite*>& batch);

    std::mutex queue_mutex_;  // guards queue_ and leader_
    std::condition_variable queue_cv_;
    std::vector<PendingWrite*> queue_;
    bool leader_ = false;

    std::mutex write_mutex_;  // the writer connection
    std::unique_ptr<Connection> writer_;
    std::function<void(std::vector<store::StoredEvent>)> listener_;

    std::mutex pool_mutex_;
    std::condition_variable pool_cv_;
    std::vector<std::unique_ptr<Connection>> idle_readers_;
    int open_readers_ = 0;
};

}  // namespace sb::server::sqlite
