// The database a benchmark runs on, on either store: a SQLite file (the default) or, with
// $SWITCHBOARD_BENCH_STORE=postgres (scripts/bench --store postgres), a fresh database on a
// throwaway PostgreSQL 15 cluster that this process starts (tests/store/pg_cluster: initdb +
// pg_ctl as the postgres user, removed at exit). Unlike the test cluster it keeps fsync and
// synchronous_commit on: a benchmark measures acknowledged = durable writes.
#pragma once

#include <libpq-fe.h>

#include <string>

namespace bench {

enum class StoreKind { sqlite, postgres };
// $SWITCHBOARD_BENCH_STORE: "sqlite" (or unset) | "postgres"; anything else throws.
StoreKind bench_store();
const char* store_name(StoreKind kind);

// A new empty database for this run: the SQLite file path in dir, or a postgresql:// URL.
std::string new_database(StoreKind kind, const std::string& dir);

// One integer from a query on a database of either kind (e.g. a count); throws when the query
// fails or gives no row.
long long query_integer(StoreKind kind, const std::string& database, const std::string& sql);

// A libpq connection for the PostgreSQL side of a benchmark (the bare reference writer, bulk
// loading). Not the server's store/postgres pg::Connection: benchmarks link only the protocol
// library and measure the server binary from outside, and they need COPY, which the store does
// not. Throws std::runtime_error with libpq's message on any failure.
class PgConnection {
  public:
    explicit PgConnection(const std::string& url);
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    // Runs a command or query; returns the first column of the first row ("" when none).
    std::string exec(const std::string& sql);
    // COPY table(columns) FROM STDIN in text format: rows are tab-separated lines ending in \n,
    // NULL as \N (copy_escape() escapes a text value).
    void copy_in(const std::string& table_and_columns, const std::string& rows);
    PGconn* raw() { return conn_; }

  private:
    PGconn* conn_ = nullptr;
};

// A text value for COPY's text format (backslash, tab, newline, carriage return escaped).
std::string copy_escape(const std::string& text);

}  // namespace bench
