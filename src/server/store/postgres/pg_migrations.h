// The PostgreSQL schema as numbered .sql files (store/postgres/migrations/), embedded in the
// binary and applied at open, each in its own transaction, under an advisory lock so that
// instances starting together migrate once.
#pragma once

#include "server/store/postgres/pg_conn.h"

namespace sb::server::postgres {

struct Migration {
    int version;
    const char* name;
    const char* sql;
};

const Migration* migrations(int& count);

// Applies every migration not yet recorded; returns the schema version.
int migrate(Connection& db);

}  // namespace sb::server::postgres
