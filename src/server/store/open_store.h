// Opens the store a configuration names: the one place that knows which implementations exist.
// "postgresql://..." or "postgres://..." opens PostgreSQL (store/postgres/); anything else is a
// SQLite database file (store/sqlite/), the default. The server (core.cpp), the admin CLI and
// the tests open stores only through here.
#pragma once

#include <memory>
#include <string>

#include "server/store/store.h"

namespace sb::server::store {

struct StoreOptions {
    int connections = 8;  // SQLite: readers; PostgreSQL: the connection pool
    // --durability full: SQLite commits with synchronous=FULL (fsync per commit) instead of
    // NORMAL. PostgreSQL is durable per its own synchronous_commit setting; this changes nothing.
    bool full_durability = false;
};

std::unique_ptr<Store> open_store(const std::string& database, const StoreOptions& options = {});

// Which kind a database string names ("sqlite" or "postgres"), for logs.
const char* store_kind(const std::string& database);

}  // namespace sb::server::store
