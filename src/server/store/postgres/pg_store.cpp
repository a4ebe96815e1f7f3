// PgStore: the connection pool, transactions with retry, and the event follower; see pg_store.h.
#include "server/store/postgres/pg_store.h"

#include <poll.h>

#include <chrono>
#include <iostream>

#include "protocol/json.h"
#include "server/store/postgres/pg_migrations.h"
#include "server/store/postgres/pg_tx.h"

namespace sb::server::postgres {

namespace {

void rollback_quietly(Connection& c) {
    try {
        if (c.ok()) c.exec("ROLLBACK");
    } catch (...) {
    }
}

constexpr int kAttempts = 5;
constexpr int kEventBatch = 1000;

}  // namespace

PgStore::PgStore(std::string conninfo, int pool)
    : conninfo_(std::move(conninfo)), max_pool_(pool < 1 ? 1 : pool) {
    auto c = std::make_unique<Connection>(conninfo_);
    schema_version_ = migrate(*c);
    delivered_ = PgTx(*c).last_event_seq();  // older events are history, not news
    give_back(std::move(c));
    ++open_;
    follower_ = std::thread([this] { follow(); });
}

PgStore::~PgStore() {
    stopping_ = true;
    if (follower_.joinable()) follower_.join();
}

std::unique_ptr<Connection> PgStore::take() {
    std::unique_lock lock(pool_mutex_);
    for (;;) {
        if (!idle_.empty()) {
            auto c = std::move(idle_.back());
            idle_.pop_back();
            return c;
        }
        if (open_ < max_pool_) {
            ++open_;
            lock.unlock();
            try {
                return std::make_unique<Connection>(conninfo_);
            } catch (...) {
                std::lock_guard relock(pool_mutex_);
                --open_;
                pool_cv_.notify_one();
                throw;
            }
        }
        pool_cv_.wait(lock);
    }
}

void PgStore::give_back(std::unique_ptr<Connection> c) {
    {
        std::lock_guard lock(pool_mutex_);
        if (c && c->ok())
            idle_.push_back(std::move(c));
        else
            --open_;  // broken: the next take() connects again
    }
    pool_cv_.notify_one();
}

// A pooled connection may have died while idle (PostgreSQL restarted): BEGIN is where that shows,
// before anything was done, so another one is taken (a fresh one at the latest) instead of
// answering 503 while the database is back.
std::unique_ptr<Connection> PgStore::begin(const char* sql) {
    for (int tries = 0;; ++tries) {
        auto conn = take();
        try {
            conn->exec(sql);
            return conn;
        } catch (const store::Unavailable&) {
            conn->mark_broken();
            give_back(std::move(conn));
            if (tries >= max_pool_) throw;
        }
    }
}

void PgStore::read(const std::function<void(store::ReadTx&)>& fn) {
    auto conn = begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
        PgTx tx(*conn);
        fn(tx);
        conn->exec("COMMIT");
    } catch (...) {
        rollback_quietly(*conn);
        give_back(std::move(conn));
        throw;
    }
    give_back(std::move(conn));
}

void PgStore::write(const std::function<void(store::WriteTx&)>& fn) {
    for (int attempt = 1;; ++attempt) {
        auto conn = begin("BEGIN");
        store::Seq last = 0;
        try {
            PgTx tx(*conn);
            fn(tx);
            last = tx.last_appended();
            if (last) conn->exec(std::string("NOTIFY ") + kChannel);  // wakes every instance
            conn->exec("COMMIT");
        } catch (const PgError& e) {
            rollback_quietly(*conn);
            give_back(std::move(conn));
            if (e.retryable() && attempt < kAttempts) continue;
            throw;
        } catch (...) {
            rollback_quietly(*conn);
            give_back(std::move(conn));
            throw;
        }
        // Committed. Hand the listener our events (and earlier ones) before returning; should
        // that fail, the follower delivers them.
        if (last) {
            try {
                deliver(*conn, last);
            } catch (const std::exception&) {
            }
        }
        give_back(std::move(conn));
        return;
    }
}

void PgStore::deliver(Connection& conn, store::Seq upto) {
    std::lock_guard lock(deliver_mutex_);
    int holes = 0;
    for (;;) {
        if (upto && delivered_ >= upto) return;
        auto batch = PgTx(conn).events_after(delivered_, kEventBatch);
        if (batch.empty()) return;
        std::vector<store::StoredEvent> run;
        for (auto& e : batch) {
            if (e.event.seq != delivered_ + 1 + static_cast<store::Seq>(run.size())) break;
            run.push_back(std::move(e));
        }
        if (run.empty()) {
            // The next seq is not there. Commits come in seq order, so it was pruned (a resume
            // from before it gets a resync) or is in flight: look again, then move on.
            const store::Seq first = PgTx(conn).first_event_seq();
            if (first > delivered_ + 1 || ++holes > 3) {
                if (holes > 3)
                    std::cerr << "switchboard-server: events after seq " << delivered_
                              << " missing; skipping to " << batch.front().event.seq << std::endl;
                delivered_ = batch.front().event.seq - 1;
            } else {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            continue;
        }
        const bool full = static_cast<int>(batch.size()) == kEventBatch;
        delivered_ = run.back().event.seq;
        if (listener_) listener_(std::move(run));
        if (!full && !upto) return;
    }
}

void PgStore::follow() {
    std::unique_ptr<Connection> conn;
    auto last_read = std::chrono::steady_clock::now();
    while (!stopping_) {
        try {
            if (!conn || !conn->ok()) {
                conn.reset();
                conn = std::make_unique<Connection>(conninfo_);
                conn->exec(std::string("LISTEN ") + kChannel);
                conn->exec(std::string("LISTEN ") + kRelayChannel);
                deliver(*conn, 0);  // whatever was committed while we were not listening
                last_read = std::chrono::steady_clock::now();
            }
            // Notifications libpq has already read: relays are handed over, commits wake.
            auto drain = [&] {
                bool commits = false;
                while (PGnotify* note = PQnotifies(conn->handle())) {
                    if (std::string_view(note->relname) == kRelayChannel)
                        hand_over(note->extra);
                    else
                        commits = true;
                    PQfreemem(note);
                }
                return commits;
            };
            // First what arrived while deliver()'s queries ran on this connection: libpq read
            // those into its queue, so the socket is no longer readable and poll() would not
            // see them until something else came (a relayed logout could wait for ever).
            bool woken = drain();
            if (!woken) {
                pollfd p{PQsocket(conn->handle()), POLLIN, 0};
                if (::poll(&p, 1, 250) > 0) {
                    if (!PQconsumeInput(conn->handle())) {
                        conn->mark_broken();
                        continue;
                    }
                    woken = drain();
                }
            }
            const auto now = std::chrono::steady_clock::now();
            if (woken || now - last_read >= std::chrono::seconds(1)) {
                deliver(*conn, 0);
                last_read = now;
            }
        } catch (const std::exception&) {
            if (conn) conn->mark_broken();
            for (int i = 0; i < 10 && !stopping_; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
}

void PgStore::set_commit_listener(std::function<void(std::vector<store::StoredEvent>)> fn) {
    std::lock_guard lock(deliver_mutex_);
    listener_ = std::move(fn);
}

// PostgreSQL takes NOTIFY payloads under 8000 bytes; a typing event is a few hundred.
void PgStore::relay(const std::string& payload) {
    auto conn = take();
    try {
        conn->exec(std::string("SELECT pg_notify('") + kRelayChannel + "', $1)",
                   Params().add(payload));
    } catch (...) {
        give_back(std::move(conn));
        throw;
    }
    give_back(std::move(conn));
}

void PgStore::broadcast_ephemeral(const store::StoredEvent& e) {
    std::string payload = e.author_signs ? "E1" : "E0";
    payload += protocol::encode(e.event);
    if (payload.size() >= 7900) return hand_ephemeral(e);  // too big to relay: this instance only
    relay(payload);
}

void PgStore::broadcast_session_end(const std::string& token_hash, const std::string& reason) {
    static const char* kHex = "0123456789abcdef";
    std::string payload = "S";
    for (unsigned char c : token_hash) {
        payload += kHex[c >> 4];
        payload += kHex[c & 15];
    }
    payload += '\n';
    payload += reason.substr(0, 200);
    relay(payload);
}

void PgStore::hand_over(std::string_view payload) {
    if (payload.size() < 2) return;
    try {
        if (payload[0] == 'E') {
            store::StoredEvent e;
            e.author_signs = payload[1] == '1';
            e.event = protocol::decode<protocol::Event>(payload.substr(2));
            hand_ephemeral(std::move(e));
        } else if (payload[0] == 'S') {
            const auto nl = payload.find('\n');
            if (nl == std::string_view::npos || (nl - 1) % 2) return;
            auto nibble = [](char c) { return c >= 'a' ? c - 'a' + 10 : c - '0'; };
            std::string hash;
            for (std::size_t i = 1; i + 1 < nl + 1 && i < nl; i += 2)
                hash += static_cast<char>(nibble(payload[i]) << 4 | nibble(payload[i + 1]));
            hand_session_end(hash, std::string(payload.substr(nl + 1)));
        }
    } catch (const std::exception&) {
        // Not ours (someone else NOTIFYing the channel): ignored.
    }
}

void PgStore::prune_events(std::int64_t keep) {
    auto conn = take();
    try {
        conn->exec("DELETE FROM events WHERE seq <= (SELECT seq FROM event_counter) - $1",
                   Params().add(keep));
    } catch (...) {
        give_back(std::move(conn));
        throw;
    }
    give_back(std::move(conn));
}

}  // namespace sb::server::postgres
