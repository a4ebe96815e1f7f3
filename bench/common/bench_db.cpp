#include "common/bench_db.h"

#include <sqlite3.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

#include "pg_cluster.h"

namespace bench {

StoreKind bench_store() {
    const char* v = std::getenv("SWITCHBOARD_BENCH_STORE");
    const std::string s = v ? v : "";
    if (s.empty() || s == "sqlite") return StoreKind::sqlite;
    if (s == "postgres") return StoreKind::postgres;
    throw std::runtime_error("SWITCHBOARD_BENCH_STORE must be sqlite or postgres, not " + s);
}

const char* store_name(StoreKind kind) {
    return kind == StoreKind::postgres ? "postgres" : "sqlite";
}

std::string new_database(StoreKind kind, const std::string& dir) {
    if (kind == StoreKind::sqlite) return dir + "/switchboard.db";
    sb::test::PgCluster::durable = true;  // before the first get(): fsync on for benchmarks
    auto* cluster = sb::test::PgCluster::get();
    if (!cluster)
        throw std::runtime_error("cannot start a PostgreSQL cluster: " +
                                 sb::test::PgCluster::why());
    return cluster->fresh_database();
}

long long query_integer(StoreKind kind, const std::string& database, const std::string& sql) {
    if (kind == StoreKind::postgres) {
        PgConnection c(database);
        const std::string v = c.exec(sql);
        if (v.empty()) throw std::runtime_error("no row for " + sql);
        return std::atoll(v.c_str());
    }
    sqlite3* db = nullptr;
    // Read-write, so that SQLite can recover a WAL the server left behind (after a crash).
    if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        throw std::runtime_error("cannot open " + database);
    }
    sqlite3_stmt* st = nullptr;
    bool found = false;
    long long value = 0;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        found = true;
        value = sqlite3_column_int64(st, 0);
    }
    const std::string err = sqlite3_errmsg(db);
    sqlite3_finalize(st);
    sqlite3_close(db);
    if (!found) throw std::runtime_error("no row for " + sql + " (" + err + ")");
    return value;
}

PgConnection::PgConnection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
        const std::string err = PQerrorMessage(conn_);
        PQfinish(conn_);
        throw std::runtime_error("cannot connect to PostgreSQL: " + err);
    }
}

PgConnection::~PgConnection() {
    PQfinish(conn_);
}

std::string PgConnection::exec(const std::string& sql) {
    std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(conn_, sql.c_str()), &PQclear);
    const auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        throw std::runtime_error(sql.substr(0, 60) + ": " + PQerrorMessage(conn_));
    if (status == PGRES_TUPLES_OK && PQntuples(r.get()) > 0) return PQgetvalue(r.get(), 0, 0);
    return "";
}

void PgConnection::copy_in(const std::string& table_and_columns, const std::string& rows) {
    std::unique_ptr<PGresult, decltype(&PQclear)> r(
        PQexec(conn_, ("COPY " + table_and_columns + " FROM STDIN").c_str()), &PQclear);
    if (PQresultStatus(r.get()) != PGRES_COPY_IN)
        throw std::runtime_error("COPY " + table_and_columns + ": " + PQerrorMessage(conn_));
    if (PQputCopyData(conn_, rows.data(), static_cast<int>(rows.size())) != 1 ||
        PQputCopyEnd(conn_, nullptr) != 1)
        throw std::runtime_error("COPY data: " + std::string(PQerrorMessage(conn_)));
    std::unique_ptr<PGresult, decltype(&PQclear)> done(PQgetResult(conn_), &PQclear);
    if (PQresultStatus(done.get()) != PGRES_COMMAND_OK)
        throw std::runtime_error("COPY " + table_and_columns + ": " + PQerrorMessage(conn_));
    while (PGresult* more = PQgetResult(conn_)) PQclear(more);
}

std::string copy_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace bench
