// Embeds migrations/*.sql into the binary with the assembler's .incbin (no generated sources,
// no file lookup at run time), and applies them. To add a migration: write NNN_name.sql, add
// one SB_EMBED_SQL line and one kMigrations row below.
#include "server/store/sqlite/migrations.h"

#include <set>
#include <string>

#ifndef SWITCHBOARD_SQL_DIR
#error "SWITCHBOARD_SQL_DIR must name src/server/store/sqlite/migrations"
#endif

#define SB_EMBED_SQL(symbol, file)                                                   \
    __asm__(".pushsection .rodata\n.global " #symbol "\n.balign 16\n" #symbol        \
            ":\n"                                                                    \
            ".incbin \"" SWITCHBOARD_SQL_DIR "/" file "\"\n.byte 0\n.popsection\n"); \
    extern "C" const char symbol[];

SB_EMBED_SQL(sb_sql_001_initial, "001_initial.sql")
SB_EMBED_SQL(sb_sql_002_event_notify, "002_event_notify.sql")
SB_EMBED_SQL(sb_sql_003_chat_deleted_by, "003_chat_deleted_by.sql")
SB_EMBED_SQL(sb_sql_004_canned_replies, "004_canned_replies.sql")
SB_EMBED_SQL(sb_sql_005_batched_message_index, "005_batched_message_index.sql")
SB_EMBED_SQL(sb_sql_006_chat_start_key, "006_chat_start_key.sql")
SB_EMBED_SQL(sb_sql_007_leases, "007_leases.sql")
SB_EMBED_SQL(sb_sql_008_limit_counters, "008_limit_counters.sql")
SB_EMBED_SQL(sb_sql_009_administration, "009_administration.sql")

namespace sb::server::sqlite {

namespace {

const Migration kMigrations[] = {
    {1, "001_initial", sb_sql_001_initial},
    {2, "002_event_notify", sb_sql_002_event_notify},
    {3, "003_chat_deleted_by", sb_sql_003_chat_deleted_by},
    {4, "004_canned_replies", sb_sql_004_canned_replies},
    {5, "005_batched_message_index", sb_sql_005_batched_message_index},
    {6, "006_chat_start_key", sb_sql_006_chat_start_key},
    {7, "007_leases", sb_sql_007_leases},
    {8, "008_limit_counters", sb_sql_008_limit_counters},
    {9, "009_administration", sb_sql_009_administration},
};

}  // namespace

const Migration* migrations(int& count) {
    count = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);
    return kMigrations;
}

int migrate(Connection& db) {
    db.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "name TEXT NOT NULL, applied_at INTEGER NOT NULL DEFAULT (unixepoch() * 1000))");
    // Every migration not yet applied runs, in version order (not only those above the highest
    // applied one, so a migration merged late with a lower number still runs).
    std::set<int> applied;
    {
        auto s = db.prepare("SELECT version FROM schema_migrations");
        while (s->step()) applied.insert(static_cast<int>(s->integer(0)));
    }
    int count = 0;
    const Migration* all = migrations(count);
    for (int i = 0; i < count; ++i) {
        const Migration& m = all[i];
        if (applied.count(m.version)) continue;
        db.exec("BEGIN IMMEDIATE");
        try {
            db.exec(m.sql);
            auto s = db.prepare("INSERT INTO schema_migrations(version, name) VALUES (?, ?)");
            s->bind(1, m.version).bind(2, m.name).run();
            db.exec("COMMIT");
        } catch (...) {
            db.exec("ROLLBACK");
            throw;
        }
        applied.insert(m.version);
    }
    const int current = applied.empty() ? 0 : *applied.rbegin();
    return current;
}

}  // namespace sb::server::sqlite
