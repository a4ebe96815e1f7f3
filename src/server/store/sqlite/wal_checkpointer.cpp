// WalCheckpointer: see wal_checkpointer.h.
#include "server/store/sqlite/wal_checkpointer.h"

#include <iostream>

namespace sb::server::sqlite {

WalCheckpointer::WalCheckpointer(const std::string& path, Connection& writer,
                                 PauseWriter pause_writer, int pages)
    : writer_(writer),
      pause_writer_(std::move(pause_writer)),
      conn_(std::make_unique<Connection>(path, false)),
      pages_(pages) {
    // Replaces SQLite's own auto-checkpoint hook on the writer (sqlite3_wal_hook docs).
    sqlite3_wal_hook(writer_.handle(), &WalCheckpointer::on_wal_commit, this);
    thread_ = std::thread([this] { loop(); });
}

WalCheckpointer::~WalCheckpointer() {
    sqlite3_wal_hook(writer_.handle(), nullptr, nullptr);
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_one();
    thread_.join();
}

long long WalCheckpointer::checkpoints() const {
    std::lock_guard lock(mutex_);
    return done_;
}

// Runs on the writer's thread after each COMMIT, with the WAL's size in frames.
int WalCheckpointer::on_wal_commit(void* self, sqlite3*, const char*, int pages) {
    auto* me = static_cast<WalCheckpointer*>(self);
    if (pages < me->pages_) return SQLITE_OK;
    {
        std::lock_guard lock(me->mutex_);
        if (me->wanted_) return SQLITE_OK;
        me->wanted_ = true;
    }
    me->cv_.notify_one();
    return SQLITE_OK;
}

void WalCheckpointer::checkpoint() {
    // PASSIVE never blocks the writer or the readers; it copies what it can.
    const int rc = sqlite3_wal_checkpoint_v2(conn_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                             nullptr, nullptr);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        std::cerr << "switchboard-server: WAL checkpoint failed: " << sqlite3_errstr(rc)
                  << std::endl;
}

void WalCheckpointer::loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        cv_.wait(lock, [this] { return wanted_ || stopping_; });
        if (stopping_) return;
        lock.unlock();
        checkpoint();
        pause_writer_([this] { checkpoint(); });
        lock.lock();
        wanted_ = false;
        ++done_;
    }
}

}  // namespace sb::server::sqlite
