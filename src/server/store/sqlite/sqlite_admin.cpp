// The administration queries of the SQLite store (store.h: all_staff, queue_infos, tokens by
// id, the audit log, and the writes of domain/admin_service.h).
#include "server/store/sqlite/sqlite_tx.h"

namespace sb::server::sqlite {

namespace {}  // namespace

std::vector<protocol::Staff> SqliteTx::all_staff() {
    std::vector<protocol::Staff> out;
    // staff(id) reads one member with the same columns as every other staff query.
    auto s = db_.prepare("SELECT id FROM staff ORDER BY name, id");
    std::vector<Id> ids;
    while (s->step()) ids.push_back(s->integer(0));
    for (Id id : ids)
        if (auto st = staff(id)) out.push_back(std::move(*st));
    return out;
}

std::vector<protocol::QueueInfo> SqliteTx::queue_infos() {
    auto s = db_.prepare(
        "SELECT q.id, q.name, q.archived, "
        "(SELECT count(*) FROM chats c WHERE c.queue_id = q.id AND c.status = 'pending' "
        " AND c.deleted = 0), "
        "(SELECT group_concat(staff_id) FROM (SELECT staff_id FROM queue_members m "
        " WHERE m.queue_id = q.id ORDER BY staff_id)) "
        "FROM queues q ORDER BY q.name, q.id");
    std::vector<protocol::QueueInfo> out;
    while (s->step())
        out.push_back({s->integer(0), s->text(1), s->integer(2) != 0, s->integer(3),
                       store::parse_id_list(s->text(4))});
    return out;
}

std::vector<store::TokenRecord> SqliteTx::listed_tokens() {
    auto s = db_.prepare(std::string(kTokenColumns) +
                         "WHERE kind IN ('display', 'integration') ORDER BY id DESC");
    std::vector<store::TokenRecord> out;
    while (s->step()) out.push_back(read_token_row(*s));
    return out;
}

std::optional<store::TokenRecord> SqliteTx::token_by_id(Id id) {
    auto s = db_.prepare(std::string(kTokenColumns) + "WHERE id = ?");
    s->bind(1, id);
    if (!s->step()) return std::nullopt;
    return read_token_row(*s);
}

std::vector<store::AuditEntry> SqliteTx::audit(const store::AuditQuery& q) {
    auto s = db_.prepare(
        "SELECT id, at, actor_type, actor_id, action, chat_id, detail FROM audit "
        "WHERE (?1 IS NULL OR (actor_type = 'staff' AND actor_id = ?1)) "
        "AND (?2 IS NULL OR chat_id = ?2) AND (?3 IS NULL OR action = ?3) "
        "AND (?4 IS NULL OR id < ?4) ORDER BY id DESC LIMIT ?5");
    s->bind(1, q.actor_id).bind(2, q.chat_id).bind(3, q.action).bind(4, q.before_id);
    s->bind(5, q.limit);
    std::vector<store::AuditEntry> out;
    while (s->step()) {
        store::AuditEntry a;
        a.id = s->integer(0);
        a.at = s->integer(1);
        a.actor_type = s->text(2);
        a.actor_id = s->opt_integer(3);
        a.action = s->text(4);
        a.chat_id = s->opt_integer(5);
        a.detail = s->text(6);
        out.push_back(std::move(a));
    }
    return out;
}

void SqliteTx::set_staff_role(Id staff_id, protocol::Role role) {
    db_.prepare("UPDATE staff SET role = ? WHERE id = ?")
        ->bind(1, protocol::to_string(role))
        .bind(2, staff_id)
        .run();
}

void SqliteTx::set_staff_active(Id staff_id, bool active) {
    db_.prepare("UPDATE staff SET active = ? WHERE id = ?")
        ->bind(1, active)
        .bind(2, staff_id)
        .run();
}

void SqliteTx::rename_queue(Id queue_id, const std::string& name) {
    db_.prepare("UPDATE queues SET name = ? WHERE id = ?")->bind(1, name).bind(2, queue_id).run();
}

void SqliteTx::set_queue_archived(Id queue_id, bool archived) {
    db_.prepare("UPDATE queues SET archived = ? WHERE id = ?")
        ->bind(1, archived)
        .bind(2, queue_id)
        .run();
}

void SqliteTx::remove_member(Id queue_id, Id staff_id) {
    db_.prepare("DELETE FROM queue_members WHERE queue_id = ? AND staff_id = ?")
        ->bind(1, queue_id)
        .bind(2, staff_id)
        .run();
}

bool SqliteTx::delete_token_by_id(Id id) {
    db_.prepare("DELETE FROM tokens WHERE id = ?")->bind(1, id).run();
    return db_.changes() > 0;
}

std::int64_t SqliteTx::delete_staff_sessions(Id staff_id, const std::string& except_hash) {
    auto s = db_.prepare("DELETE FROM tokens WHERE kind = 'staff' AND staff_id = ? AND hash <> ?");
    s->bind(1, staff_id).bind_blob(2, except_hash.data(), static_cast<int>(except_hash.size()));
    s->run();
    return db_.changes();
}

void SqliteTx::touch_token(const std::string& hash, Time at) {
    auto s = db_.prepare("UPDATE tokens SET last_used_at = ? WHERE hash = ?");
    s->bind(1, at).bind_blob(2, hash.data(), static_cast<int>(hash.size())).run();
}

}  // namespace sb::server::sqlite
