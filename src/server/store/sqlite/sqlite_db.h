// A thin RAII layer over the SQLite C API: a connection that caches its prepared statements,
// and a Statement with bind/step/column helpers. Errors throw SqliteError.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sb::server::sqlite {

class SqliteError : public std::runtime_error {
  public:
    SqliteError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
    int code() const { return code_; }

  private:
    int code_;
};

class Statement {
  public:
    Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement() { sqlite3_finalize(stmt_); }

    // Binds by 1-based index; std::nullopt binds NULL.
    Statement& bind(int i, std::int64_t v);
    Statement& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
    Statement& bind(int i, bool v) { return bind(i, static_cast<std::int64_t>(v ? 1 : 0)); }
    Statement& bind(int i, std::string_view v);
    Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
    Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
    Statement& bind_blob(int i, const void* data, int size);
    Statement& bind_null(int i);
    template <class T>
    Statement& bind(int i, const std::optional<T>& v) {
        return v ? bind(i, *v) : bind_null(i);
    }

    // True while there is a row; false when done. Throws on error.
    bool step();
    // Runs to completion (for statements without rows).
    void run();

    bool is_null(int col) const;
    std::int64_t integer(int col) const;
    std::optional<std::int64_t> opt_integer(int col) const;
    std::string text(int col) const;
    std::optional<std::string> opt_text(int col) const;

    // Called when the statement goes back to the cache.
    void reset();

  private:
    sqlite3* db_;
    sqlite3_stmt* stmt_;
};

// Borrowed from a connection's cache; resets the statement when it goes out of scope.
class StatementRef {
  public:
    explicit StatementRef(Statement& s) : s_(&s) {}
    StatementRef(StatementRef&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
    StatementRef(const StatementRef&) = delete;
    ~StatementRef() {
        if (s_) s_->reset();
    }
    Statement* operator->() { return s_; }
    Statement& operator*() { return *s_; }

  private:
    Statement* s_;
};

class Connection {
  public:
    // Opens (creating if asked) with WAL, foreign keys and a busy timeout.
    Connection(const std::string& path, bool read_only);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void exec(const std::string& sql);
    // A prepared statement for this SQL text, prepared once per connection.
    StatementRef prepare(const std::string& sql);
    std::int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
    int changes() const { return sqlite3_changes(db_); }
    sqlite3* handle() const { return db_; }
    // A transaction is open. SQLite rolls a whole transaction back by itself on some errors
    // (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM ...), after which this turns false mid-batch.
    bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

  private:
    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

[[noreturn]] void throw_sqlite(sqlite3* db, int rc, std::string_view context);

}  // namespace sb::server::sqlite
