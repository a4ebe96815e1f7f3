// store::Store on PostgreSQL 15 (libpq): several server instances share one database.
//
// Connections: a bounded pool (`pool` connections, made on demand) used only from the threads
// that call read()/write(): the server's request worker pool and background threads, never an
// Asio I/O thread. libpq calls block; that costs a worker what a SQLite call costs it today, and
// keeps every query a plain function call (see docs/architecture.md, "PostgreSQL").
//
// Transactions: read() runs fn in REPEATABLE READ READ ONLY (one snapshot for all its queries);
// write() in READ COMMITTED, retried from the start (up to 5 times) on a serialization failure,
// deadlock or unique-key race, so a write that loses a race re-reads and decides again.
//
// Events and the commit listener: seq comes from the one-row event_counter inside the writing
// transaction, so events commit in seq order across every instance. The listener receives every
// committed event of any writer, exactly once, in seq order: a write hands over its own events
// (and any earlier ones not yet seen) before it returns; a follower thread LISTENs on the
// channel `switchboard_events` (each event-writing commit NOTIFYs it) and, on a notification,
// after every (re)LISTEN and every second, reads the table from the last seq it handed over.
// NOTIFY is only a wake-up: nothing is read from its payload. A hole in seq (possible only while
// a pruned range is being read) makes it read again rather than skip.
//
// The relay (typing, which is not stored, and ended sessions): broadcast_*() NOTIFY it on
// `switchboard_relay` ("E" + author_signs 0/1 + the event's JSON; "S" + hex token hash + "\n" +
// reason), and every instance's follower (this one's included) hands it to its relay.
//
// Availability: a lost connection or a server that is down throws store::Unavailable (the API
// answers 503); the broken connection is dropped and the next call connects again.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/store/postgres/pg_conn.h"
#include "server/store/store.h"

namespace sb::server::postgres {

class PgStore final : public store::Store {
  public:
    // conninfo: a libpq URL ("postgresql://user@host:port/db" or with ?host=/socket/dir).
    // Connects and migrates (throws store::Unavailable when PostgreSQL cannot be reached).
    explicit PgStore(std::string conninfo, int pool = 8);
    ~PgStore() override;

    void read(const std::function<void(store::ReadTx&)>& fn) override;
    void write(const std::function<void(store::WriteTx&)>& fn) override;
    void set_commit_listener(std::function<void(std::vector<store::StoredEvent>)> fn) override;
    void prune_events(std::int64_t keep) override;
    void broadcast_ephemeral(const store::StoredEvent& e) override;
    void broadcast_session_end(const std::string& token_hash, const std::string& reason) override;

    int schema_version() const { return schema_version_; }

    static constexpr const char* kChannel = "switchboard_events";
    static constexpr const char* kRelayChannel = "switchboard_relay";  // typing, ended sessions

  private:
    std::unique_ptr<Connection> take();
    void give_back(std::unique_ptr<Connection> c);
    std::unique_ptr<Connection> begin(const char* sql);  // take() + BEGIN, past dead idle ones
    // Hands the listener every committed event after the last one handed over, up to `upto`
    // (0: all there are), reading the table on `conn`.
    void deliver(Connection& conn, store::Seq upto);
    void follow();  // the follower thread
    void relay(const std::string& payload);       // NOTIFY switchboard_relay, payload
    void hand_over(std::string_view payload);     // a switchboard_relay notification

    std::string conninfo_;
    int max_pool_;
    int schema_version_ = 0;

    std::mutex pool_mutex_;
    std::condition_variable pool_cv_;
    std::vector<std::unique_ptr<Connection>> idle_;
    int open_ = 0;

    std::mutex deliver_mutex_;  // guards listener_ and delivered_; held while the listener runs
    std::function<void(std::vector<store::StoredEvent>)> listener_;
    store::Seq delivered_ = 0;

    std::atomic<bool> stopping_{false};
    std::thread follower_;
};

}  // namespace sb::server::postgres
