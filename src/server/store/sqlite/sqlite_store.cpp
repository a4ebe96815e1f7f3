// SqliteStore: the writer, the reader pool and transaction handling; see sqlite_store.h.
#include "server/store/sqlite/sqlite_store.h"

#include <algorithm>
#include <chrono>
#include <iterator>

#include "server/store/sqlite/message_index.h"
#include "server/store/sqlite/migrations.h"
#include "server/store/sqlite/sqlite_tx.h"

namespace sb::server::sqlite {

namespace {

// The store's own errors for SQLite's (store.h): busy means "retry", anything else is a failure.
[[noreturn]] void rethrow_for_store(std::exception_ptr e) {
    try {
        std::rethrow_exception(e);
    } catch (const SqliteError& err) {
        const int base = err.code() & 0xff;
        if (base == SQLITE_BUSY || base == SQLITE_LOCKED || base == SQLITE_FULL)
            throw store::Unavailable(err.what());
        throw store::StorageError(err.what());
    }
}

}  // namespace

SqliteStore::SqliteStore(std::string path, int readers, int checkpoint_pages, bool full_durability)
    : path_(std::move(path)), max_readers_(readers < 1 ? 1 : readers) {
    writer_ = std::make_unique<Connection>(path_, false);
    if (full_durability) writer_->exec("PRAGMA synchronous=FULL");
    schema_version_ = migrate(*writer_);
    // After a burst the WAL file is cut back to this size when it starts over.
    writer_->exec("PRAGMA journal_size_limit = 67108864");
    {
        SqliteTx tx(*writer_);
        published_seq_ = tx.last_event_seq();  // older events are history, not news
    }
    checkpointer_ = std::make_unique<WalCheckpointer>(
        path_, *writer_, [this](const std::function<void()>& fn) { pause_writer(fn); },
        checkpoint_pages);
    watcher_ = std::thread([this] { watch(); });
}

SqliteStore::~SqliteStore() {
    {
        std::lock_guard lock(watch_mutex_);
        stopping_ = true;
    }
    watch_cv_.notify_all();
    watcher_.join();
}

void SqliteStore::watch() {
    std::unique_lock lock(watch_mutex_);
    while (!watch_cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; })) {
        if (!has_listener_) continue;
        lock.unlock();
        try {
            publish_foreign_events();
        } catch (const std::exception&) {
            // Busy: the next turn looks again.
        }
        lock.lock();
    }
}

std::unique_ptr<Connection> SqliteStore::take_reader() {
    std::unique_lock lock(pool_mutex_);
    for (;;) {
        if (!idle_readers_.empty()) {
            auto c = std::move(idle_readers_.back());
            idle_readers_.pop_back();
            return c;
        }
        if (open_readers_ < max_readers_) {
            ++open_readers_;
            lock.unlock();
            try {
                return std::make_unique<Connection>(path_, false);
            } catch (...) {
                std::lock_guard relock(pool_mutex_);
                --open_readers_;
                throw;
            }
        }
        pool_cv_.wait(lock);
    }
}

void SqliteStore::give_back(std::unique_ptr<Connection> c) {
    {
        std::lock_guard lock(pool_mutex_);
        idle_readers_.push_back(std::move(c));
    }
    pool_cv_.notify_one();
}

void SqliteStore::read(const std::function<void(store::ReadTx&)>& fn) {
    std::unique_ptr<Connection> conn;
    try {
        conn = take_reader();
    } catch (...) {
        rethrow_for_store(std::current_exception());
    }
    try {
        conn->prepare("BEGIN")->run();  // one consistent snapshot for every query of fn
        SqliteTx tx(*conn);
        fn(tx);
        conn->prepare("COMMIT")->run();
    } catch (...) {
        try {
            conn->exec("ROLLBACK");
        } catch (...) {
        }
        give_back(std::move(conn));
        rethrow_for_store(std::current_exception());
    }
    give_back(std::move(conn));
}

struct SqliteStore::PendingWrite {
    const std::function<void(store::WriteTx&)>* fn;
    std::exception_ptr error;
    bool done = false;  // its batch committed (or failed)
    bool lead = false;  // it is at the front of the queue and no batch is running: lead one
    std::condition_variable cv;
};

void SqliteStore::write(const std::function<void(store::WriteTx&)>& fn) {
    PendingWrite me{&fn};
    std::unique_lock lock(queue_mutex_);
    // Invariant: while queue_ is not empty, leader_ is true (leadership is handed over, not
    // dropped), so an arrival that finds no leader is alone in the queue.
    queue_.push_back(&me);
    if (leader_)
        me.cv.wait(lock, [&] { return me.done || me.lead; });
    else
        leader_ = true;
    if (!me.done) {
        // Lead: take what is queued, this call's work first, as one transaction.
        const size_t n = std::min(queue_.size(), kMaxBatch);
        std::vector<PendingWrite*> batch(queue_.begin(), queue_.begin() + n);
        queue_.erase(queue_.begin(), queue_.begin() + n);
        lock.unlock();
        run_batch(batch);
        lock.lock();
        for (auto* p : batch) {
            p->done = true;
            if (p != &me) p->cv.notify_one();
        }
        if (queue_.empty()) {
            leader_ = false;
        } else {
            queue_.front()->lead = true;
            queue_.front()->cv.notify_one();
        }
    }
    lock.unlock();
    if (me.error) rethrow_for_store(me.error);
}

void SqliteStore::pause_writer(const std::function<void()>& fn) {
    pause_wanted_ = true;  // the next batch waits instead of taking the writer straight back
    {
        std::lock_guard lock(write_mutex_);
        fn();
        pause_wanted_ = false;
    }
    pause_cv_.notify_all();
}

void SqliteStore::run_batch(std::vector<PendingWrite*>& batch) {
    std::unique_lock lock(write_mutex_);
    pause_cv_.wait(lock, [this] { return !pause_wanted_; });
    std::vector<store::StoredEvent> events;
    try {
        writer_->prepare("BEGIN IMMEDIATE")->run();
        // Events other processes committed since ours go out first, keeping seq order.
        SqliteTx tx(*writer_);
        if (tx.last_event_seq() > published_seq_) events = tx.events_after(published_seq_, 1 << 30);
    } catch (...) {
        try {
            writer_->exec("ROLLBACK");
        } catch (...) {
        }
        for (auto* p : batch) p->error = std::current_exception();
        return;
    }
    std::exception_ptr lost;  // set when the transaction is gone: the whole batch fails
    for (auto* p : batch) {
        SqliteTx tx(*writer_);
        try {
            writer_->prepare("SAVEPOINT piece")->run();
            (*p->fn)(tx);
            writer_->prepare("RELEASE piece")->run();
            auto mine = tx.take_events();
            std::move(mine.begin(), mine.end(), std::back_inserter(events));
        } catch (...) {
            p->error = std::current_exception();
            if (writer_->in_transaction()) {
                try {
                    writer_->prepare("ROLLBACK TO piece")->run();
                    writer_->prepare("RELEASE piece")->run();
                } catch (...) {
                }
            }
        }
        // After every piece, failed or not (its work may have caught an SQLite error itself).
        if (!writer_->in_transaction()) {
            lost = p->error ? p->error
                            : std::make_exception_ptr(SqliteError(
                                  SQLITE_ABORT, "the transaction was rolled back by SQLite"));
            break;
        }
    }
    if (lost) {
        for (auto* p : batch) p->error = lost;
        return;
    }
    try {
        index_new_messages(*writer_);
        writer_->prepare("COMMIT")->run();
    } catch (...) {
        const auto error = std::current_exception();
        try {
            writer_->exec("ROLLBACK");
        } catch (...) {
        }
        for (auto* p : batch)
            if (!p->error) p->error = error;
        return;
    }
    // Still holding the writer, so listeners see events in seq order.
    if (events.empty()) return;
    published_seq_ = events.back().event.seq;
    if (listener_) listener_(std::move(events));
}

std::int64_t SqliteStore::set_max_page_count(std::int64_t pages) {
    std::lock_guard lock(write_mutex_);
    auto s = writer_->prepare("PRAGMA max_page_count = " + std::to_string(pages));
    return s->step() ? s->integer(0) : 0;
}

int SqliteStore::synchronous() const {
    std::lock_guard lock(const_cast<std::mutex&>(write_mutex_));
    auto s = writer_->prepare("PRAGMA synchronous");
    return s->step() ? static_cast<int>(s->integer(0)) : -1;
}

void SqliteStore::set_commit_listener(std::function<void(std::vector<store::StoredEvent>)> fn) {
    std::lock_guard lock(write_mutex_);
    has_listener_ = static_cast<bool>(fn);
    listener_ = std::move(fn);
}

void SqliteStore::publish_foreign_events() {
    const auto newest = read_value([](store::ReadTx& tx) { return tx.last_event_seq(); });
    if (newest > published_seq_) write([](store::WriteTx&) {});  // that batch publishes them
}

void SqliteStore::prune_events(std::int64_t keep) {
    std::lock_guard lock(write_mutex_);
    try {
        auto s = writer_->prepare(
            "DELETE FROM events WHERE seq <= (SELECT ifnull(max(seq), 0) FROM events) - ?");
        s->bind(1, keep).run();
    } catch (...) {
        rethrow_for_store(std::current_exception());
    }
}

}  // namespace sb::server::sqlite
