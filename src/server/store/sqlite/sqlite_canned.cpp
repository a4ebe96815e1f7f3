// The canned-reply queries of SqliteTx (E12; table canned_replies, migration 004), kept apart
// from sqlite_tx.cpp's chat queries. Shortcuts are ASCII, so ORDER BY shortcut is byte order.
#include "server/store/sqlite/sqlite_tx.h"

namespace sb::server::sqlite {

namespace {

constexpr const char* kCannedColumns =
    "SELECT id, shortcut, body, owner_staff_id, updated_at, created_by, created_at "
    "FROM canned_replies ";

store::CannedRecord read_canned_row(Statement& s) {
    store::CannedRecord r;
    r.reply.id = s.integer(0);
    r.reply.shortcut = s.text(1);
    r.reply.body = s.text(2);
    r.reply.owner_id = s.opt_integer(3);
    r.reply.shared = !r.reply.owner_id;
    r.reply.updated_at = s.integer(4);
    r.created_by = s.integer(5);
    r.created_at = s.integer(6);
    return r;
}

}  // namespace

std::vector<protocol::CannedReply> SqliteTx::canned_replies_for(Id staff_id) {
    auto s = db_.prepare(std::string(kCannedColumns) +
                         "WHERE owner_staff_id IS NULL OR owner_staff_id = ? "
                         "ORDER BY shortcut, owner_staff_id IS NULL, id");
    s->bind(1, staff_id);
    std::vector<protocol::CannedReply> out;
    while (s->step()) out.push_back(read_canned_row(*s).reply);
    return out;
}

std::optional<store::CannedRecord> SqliteTx::canned_reply(Id id) {
    auto s = db_.prepare(std::string(kCannedColumns) + "WHERE id = ?");
    s->bind(1, id);
    if (!s->step()) return std::nullopt;
    return read_canned_row(*s);
}

std::optional<Id> SqliteTx::canned_by_shortcut(const std::string& shortcut,
                                               std::optional<Id> owner_staff_id) {
    auto s =
        db_.prepare("SELECT id FROM canned_replies WHERE shortcut = ? AND owner_staff_id IS ?");
    s->bind(1, shortcut).bind(2, owner_staff_id);
    if (!s->step()) return std::nullopt;
    return s->integer(0);
}

Id SqliteTx::insert_canned(const store::NewCanned& c) {
    auto s = db_.prepare(
        "INSERT INTO canned_replies(shortcut, body, owner_staff_id, created_by, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?)");
    s->bind(1, c.shortcut).bind(2, c.body).bind(3, c.owner_staff_id).bind(4, c.created_by);
    s->bind(5, c.at).bind(6, c.at).run();
    return db_.last_insert_rowid();
}

void SqliteTx::update_canned(Id id, const std::string& shortcut, const std::string& body, Time at) {
    auto s = db_.prepare(
        "UPDATE canned_replies SET shortcut = ?, body = ?, updated_at = ? WHERE id = ?");
    s->bind(1, shortcut).bind(2, body).bind(3, at).bind(4, id).run();
}

void SqliteTx::delete_canned(Id id) {
    auto s = db_.prepare("DELETE FROM canned_replies WHERE id = ?");
    s->bind(1, id).run();
}

}  // namespace sb::server::sqlite
