// Embeds migrations/*.sql with the assembler's .incbin (as store/sqlite/migrations.cpp does) and
// applies them. To add a migration: write NNN_name.sql, add one SB_EMBED_PG_SQL line and one
// kMigrations row below.
#include "server/store/postgres/pg_migrations.h"

#include <set>
#include <string>

#ifndef SWITCHBOARD_PG_SQL_DIR
#error "SWITCHBOARD_PG_SQL_DIR must name src/server/store/postgres/migrations"
#endif

#define SB_EMBED_PG_SQL(symbol, file)                                                   \
    __asm__(".pushsection .rodata\n.global " #symbol "\n.balign 16\n" #symbol           \
            ":\n"                                                                       \
            ".incbin \"" SWITCHBOARD_PG_SQL_DIR "/" file "\"\n.byte 0\n.popsection\n"); \
    extern "C" const char symbol[];

SB_EMBED_PG_SQL(sb_pg_sql_001_initial, "001_initial.sql")
SB_EMBED_PG_SQL(sb_pg_sql_002_leases, "002_leases.sql")
SB_EMBED_PG_SQL(sb_pg_sql_003_limit_counters, "003_limit_counters.sql")
SB_EMBED_PG_SQL(sb_pg_sql_004_administration, "004_administration.sql")

namespace sb::server::postgres {

namespace {

const Migration kMigrations[] = {
    {1, "001_initial", sb_pg_sql_001_initial},
    {2, "002_leases", sb_pg_sql_002_leases},
    {3, "003_limit_counters", sb_pg_sql_003_limit_counters},
    {4, "004_administration", sb_pg_sql_004_administration},
};

// Any constant shared by every instance: the advisory lock that serializes migrations.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(7236413920155)";

}  // namespace

const Migration* migrations(int& count) {
    count = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);
    return kMigrations;
}

int migrate(Connection& db) {
    db.exec("BEGIN");
    try {
        db.exec(kMigrationLock);
        db.exec(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
            "name TEXT NOT NULL, applied_at BIGINT NOT NULL DEFAULT "
            "(extract(epoch FROM now()) * 1000)::bigint)");
        std::set<int> applied;
        {
            auto r = db.exec("SELECT version FROM schema_migrations");
            for (int i = 0; i < r.rows(); ++i) applied.insert(static_cast<int>(r.integer(i, 0)));
        }
        int count = 0;
        const Migration* all = migrations(count);
        for (int i = 0; i < count; ++i) {
            if (applied.count(all[i].version)) continue;
            db.exec_script(all[i].sql);
            db.exec("INSERT INTO schema_migrations(version, name) VALUES ($1, $2)",
                    Params().add(all[i].version).add(all[i].name));
            applied.insert(all[i].version);
        }
        db.exec("COMMIT");
        return applied.empty() ? 0 : *applied.rbegin();
    } catch (...) {
        try {
            db.exec("ROLLBACK");
        } catch (...) {
        }
        throw;
    }
}

}  // namespace sb::server::postgres
