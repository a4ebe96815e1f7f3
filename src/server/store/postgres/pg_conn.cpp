// See pg_conn.h.
#include "server/store/postgres/pg_conn.h"

#include <charconv>

#include "server/store/store.h"

namespace sb::server::postgres {

Params& Params::bytes(const std::string& raw) {
    static const char* kHex = "0123456789abcdef";
    std::string v = "\\x";
    for (unsigned char c : raw) {
        v += kHex[c >> 4];
        v += kHex[c & 15];
    }
    return text(std::move(v));
}

std::vector<const char*> Params::pointers() const {
    std::vector<const char*> out;
    out.reserve(values_.size());
    for (const auto& v : values_) out.push_back(v ? v->c_str() : nullptr);
    return out;
}

std::int64_t Result::integer(int row, int col) const {
    const char* v = PQgetvalue(r_.get(), row, col);
    std::int64_t out = 0;
    std::from_chars(v, v + std::char_traits<char>::length(v), out);
    return out;
}

std::int64_t Result::affected() const {
    const char* v = PQcmdTuples(r_.get());
    std::int64_t out = 0;
    if (v && *v) std::from_chars(v, v + std::char_traits<char>::length(v), out);
    return out;
}

Connection::Connection(const std::string& conninfo) {
    conn_ = PQconnectdb(conninfo.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
        const std::string why = PQerrorMessage(conn_);
        PQfinish(conn_);
        conn_ = nullptr;
        throw store::Unavailable("PostgreSQL is not reachable: " + why);
    }
    // Quiet NOTICEs (e.g. "relation already exists, skipping") instead of stderr.
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
}

Connection::~Connection() {
    if (conn_) PQfinish(conn_);
}

void Connection::fail(PGresult* r, const std::string& sql) {
    std::string state;
    if (r) {
        if (const char* s = PQresultErrorField(r, PG_DIAG_SQLSTATE)) state = s;
    }
    std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
    if (r) PQclear(r);
    // Class 08 (connection exception), 57P01..57P03 (shutdown, crash, starting), or a
    // connection libpq itself reports as gone: the server is away, not the query wrong.
    const bool gone = PQstatus(conn_) != CONNECTION_OK || state.rfind("08", 0) == 0 ||
                      state == "57P01" || state == "57P02" || state == "57P03";
    if (gone) {
        ok_ = false;
        throw store::Unavailable("PostgreSQL went away: " + msg);
    }
    throw PgError(state, msg + " [" + sql.substr(0, 120) + "]");
}

Result Connection::exec(const std::string& sql, const Params& params) {
    if (!ok_) throw store::Unavailable("PostgreSQL connection is broken");
    const auto ptrs = params.pointers();
    PGresult* r = PQexecParams(conn_, sql.c_str(), params.size(), nullptr,
                               ptrs.empty() ? nullptr : ptrs.data(), nullptr, nullptr, 0);
    const auto st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail(r, sql);
    return Result(r);
}

void Connection::exec_script(const std::string& sql) {
    if (!ok_) throw store::Unavailable("PostgreSQL connection is broken");
    PGresult* r = PQexec(conn_, sql.c_str());
    const auto st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail(r, sql);
    PQclear(r);
}

bool is_postgres_url(const std::string& s) {
    return s.rfind("postgresql://", 0) == 0 || s.rfind("postgres://", 0) == 0;
}

}  // namespace sb::server::postgres
