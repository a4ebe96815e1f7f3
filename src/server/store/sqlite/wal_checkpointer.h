// Moves WAL checkpoints out of the commit path. SQLite's automatic checkpoint runs inside the
// COMMIT that crosses wal_autocheckpoint pages, so that commit (and every writer queued behind it)
// waits for the checkpoint's page copies and its two fsyncs. WalCheckpointer turns the automatic
// checkpoint off on the writer connection, watches the WAL's size through sqlite3_wal_hook, and
// runs checkpoints on a thread of its own with its own connection, in two steps:
//  1. PASSIVE, while commits go on: copies the bulk of the WAL into the database file.
//  2. PASSIVE again with the writer paused between two group commits: copies only the frames
//     committed during step 1. The writer starts the WAL over only if every frame was copied
//     when its transaction began; with commits arriving all the time that never happens by
//     itself, and the WAL would grow without end.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "server/store/sqlite/sqlite_db.h"

namespace sb::server::sqlite {

class WalCheckpointer {
  public:
    // A checkpoint starts once the WAL holds at least `pages` frames (4 KiB each by default).
    static constexpr int kDefaultPages = 4000;

    // Runs fn while no write transaction is open on the writer connection.
    using PauseWriter = std::function<void(const std::function<void()>& fn)>;

    // Installs the hook on `writer` (which must outlive this object) and starts the thread.
    WalCheckpointer(const std::string& path, Connection& writer, PauseWriter pause_writer,
                    int pages = kDefaultPages);
    ~WalCheckpointer();  // stops the thread; the last connection's close checkpoints the rest
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    // Checkpoints done so far (for tests and /metrics).
    long long checkpoints() const;

  private:
    static int on_wal_commit(void* self, sqlite3* db, const char* schema, int pages);
    void loop();
    void checkpoint();

    Connection& writer_;
    PauseWriter pause_writer_;
    std::unique_ptr<Connection> conn_;
    const int pages_;

    mutable std::mutex mutex_;
    std::condition_variable cv_;
    bool wanted_ = false;
    bool stopping_ = false;
    long long done_ = 0;
    std::thread thread_;
};

}  // namespace sb::server::sqlite
