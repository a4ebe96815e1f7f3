// A thin RAII layer over libpq: one connection, queries with text parameters, results read by
// row and column. Every failure throws: store::Unavailable when the server cannot be reached or
// went away (the connection is then broken and must be dropped), PgError for everything else
// (with the SQLSTATE, so callers can retry serialization failures).
//
// Blocking by design: a Connection is only ever used from a worker thread or the store's own
// follower thread, never from an Asio I/O thread (see docs/architecture.md, "PostgreSQL").
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sb::server::postgres {

class PgError : public std::runtime_error {
  public:
    PgError(std::string sqlstate, const std::string& what)
        : std::runtime_error(what), sqlstate_(std::move(sqlstate)) {}
    const std::string& sqlstate() const { return sqlstate_; }
    // Serialization failure, deadlock or unique violation: running the transaction again may
    // succeed (the second run sees what the first collided with).
    bool retryable() const {
        return sqlstate_ == "40001" || sqlstate_ == "40P01" || sqlstate_ == "23505";
    }

  private:
    std::string sqlstate_;
};

// Parameters, all sent as text (NULL for nullopt).
class Params {
  public:
    Params& add(std::int64_t v) { return text(std::to_string(v)); }
    Params& add(int v) { return text(std::to_string(v)); }
    Params& add(bool v) { return text(v ? "t" : "f"); }
    Params& add(const std::string& v) { return text(v); }
    Params& add(std::string_view v) { return text(std::string(v)); }
    Params& add(const char* v) { return text(v); }
    template <class T>
    Params& add(const std::optional<T>& v) {
        if (v) return add(*v);
        values_.emplace_back(std::nullopt);
        return *this;
    }
    Params& null() {
        values_.emplace_back(std::nullopt);
        return *this;
    }
    // bytea from raw bytes (hex input form).
    Params& bytes(const std::string& raw);

    int size() const { return static_cast<int>(values_.size()); }
    std::vector<const char*> pointers() const;

  private:
    Params& text(std::string v) {
        values_.emplace_back(std::move(v));
        return *this;
    }
    std::vector<std::optional<std::string>> values_;
};

class Result {
  public:
    explicit Result(PGresult* r) : r_(r, &PQclear) {}
    int rows() const { return PQntuples(r_.get()); }
    bool is_null(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }
    std::string text(int row, int col) const { return PQgetvalue(r_.get(), row, col); }
    std::optional<std::string> opt_text(int row, int col) const {
        if (is_null(row, col)) return std::nullopt;
        return text(row, col);
    }
    std::int64_t integer(int row, int col) const;
    std::optional<std::int64_t> opt_integer(int row, int col) const {
        if (is_null(row, col)) return std::nullopt;
        return integer(row, col);
    }
    bool boolean(int row, int col) const { return PQgetvalue(r_.get(), row, col)[0] == 't'; }
    // Rows changed by an UPDATE/DELETE/INSERT.
    std::int64_t affected() const;

  private:
    std::unique_ptr<PGresult, void (*)(PGresult*)> r_;
};

class Connection {
  public:
    // Connects (throws store::Unavailable when it cannot).
    explicit Connection(const std::string& conninfo);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    Result exec(const std::string& sql, const Params& params = {});
    // Several statements without parameters (migrations).
    void exec_script(const std::string& sql);
    // False once the connection is known to be broken: drop it.
    bool ok() const { return ok_ && PQstatus(conn_) == CONNECTION_OK; }
    PGconn* handle() const { return conn_; }
    void mark_broken() { ok_ = false; }

  private:
    [[noreturn]] void fail(PGresult* r, const std::string& sql);
    PGconn* conn_ = nullptr;
    bool ok_ = true;
};

// True for a conninfo this store serves ("postgresql://..." or "postgres://...").
bool is_postgres_url(const std::string& s);

}  // namespace sb::server::postgres
