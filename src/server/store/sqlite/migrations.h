// The schema migrations, embedded into the binary at build time from migrations/*.sql, and the
// code that applies the missing ones in order.
#pragma once

#include "server/store/sqlite/sqlite_db.h"

namespace sb::server::sqlite {

struct Migration {
    int version;
    const char* name;
    const char* sql;
};

// Every migration, oldest first.
const Migration* migrations(int& count);

// Applies each migration the database has not recorded yet, oldest first, one transaction each.
// Returns the highest version applied.
int migrate(Connection& db);

}  // namespace sb::server::sqlite
