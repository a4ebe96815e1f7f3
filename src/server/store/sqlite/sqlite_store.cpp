// SqliteStore: the writer, the reader pool and transaction handling; see sqlite_store.h.
#include "server/store/sqlite/sqlite_store.h"

#include <iterator>

#include "server/store/sqlite/migrations.h"
#include "server/store/sqlite/sqlite_tx.h"

namespace sb::server::sqlite {

SqliteStore::SqliteStore(std::string path, int readers)
    : path_(std::move(path)), max_readers_(readers < 1 ? 1 : readers) {
    writer_ = std::make_unique<Connection>(path_, false);
    schema_version_ = migrate(*writer_);
}

SqliteStore::~SqliteStore() = default;

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
    auto conn = take_reader();
    try {
        conn->exec("BEGIN");  // one consistent snapshot for every query of fn
        SqliteTx tx(*conn);
        fn(tx);
        conn->exec("COMMIT");
    } catch (...) {
        try {
            conn->exec("ROLLBACK");
        } catch (...) {
        }
        give_back(std::move(conn));
        throw;
    }
    give_back(std::move(conn));
}

struct SqliteStore::PendingWrite {
    const std::function<void(store::WriteTx&)>* fn;
    std::exception_ptr error;
    bool done = false;
};

void SqliteStore::write(const std::function<void(store::WriteTx&)>& fn) {
    PendingWrite me{&fn, nullptr, false};
    std::unique_lock lock(queue_mutex_);
    queue_.push_back(&me);
    while (!me.done) {
        if (leader_) {
            queue_cv_.wait(lock);
            continue;
        }
        // Lead: take everything queued so far (this call's work included) as one transaction.
        leader_ = true;
        std::vector<PendingWrite*> batch;
        batch.swap(queue_);
        lock.unlock();
        run_batch(batch);
        lock.lock();
        leader_ = false;
        for (auto* p : batch) p->done = true;
        queue_cv_.notify_all();
    }
    lock.unlock();
    if (me.error) std::rethrow_exception(me.error);
}

void SqliteStore::run_batch(std::vector<PendingWrite*>& batch) {
    std::lock_guard lock(write_mutex_);
    std::vector<store::StoredEvent> events;
    try {
        writer_->exec("BEGIN IMMEDIATE");
    } catch (...) {
        for (auto* p : batch) p->error = std::current_exception();
        return;
    }
    for (auto* p : batch) {
        SqliteTx tx(*writer_);
        try {
            writer_->exec("SAVEPOINT piece");
            (*p->fn)(tx);
            writer_->exec("RELEASE piece");
            auto mine = tx.take_events();
            std::move(mine.begin(), mine.end(), std::back_inserter(events));
        } catch (...) {
            p->error = std::current_exception();
            try {
                writer_->exec("ROLLBACK TO piece");
                writer_->exec("RELEASE piece");
            } catch (...) {
            }
        }
    }
    try {
        writer_->exec("COMMIT");
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
    if (listener_ && !events.empty()) listener_(std::move(events));
}

void SqliteStore::set_commit_listener(std::function<void(std::vector<store::StoredEvent>)> fn) {
    std::lock_guard lock(write_mutex_);
    listener_ = std::move(fn);
}

void SqliteStore::prune_events(std::int64_t keep) {
    std::lock_guard lock(write_mutex_);
    auto s = writer_->prepare(
        "DELETE FROM events WHERE seq <= (SELECT ifnull(max(seq), 0) FROM events) - ?");
    s->bind(1, keep).run();
}

}  // namespace sb::server::sqlite
