// The administration queries of the PostgreSQL store (store.h: all_staff, queue_infos, tokens
// by id, the audit log, and the writes of domain/admin_service.h); as sqlite/sqlite_admin.cpp.
#include "server/store/postgres/pg_tx.h"

namespace sb::server::postgres {

namespace {}  // namespace

std::vector<protocol::Staff> PgTx::all_staff() {
    // staff(id) reads one member with the same columns as every other staff query.
    auto r = db_.exec("SELECT id FROM staff ORDER BY name COLLATE \"C\", id");
    std::vector<protocol::Staff> out;
    for (int i = 0; i < r.rows(); ++i)
        if (auto st = staff(r.integer(i, 0))) out.push_back(std::move(*st));
    return out;
}

std::vector<protocol::QueueInfo> PgTx::queue_infos() {
    auto r = db_.exec(
        "SELECT q.id, q.name, q.archived, "
        "(SELECT count(*) FROM chats c WHERE c.queue_id = q.id AND c.status = 'pending' "
        " AND NOT c.deleted), "
        "coalesce((SELECT string_agg(m.staff_id::text, ',' ORDER BY m.staff_id) "
        " FROM queue_members m WHERE m.queue_id = q.id), '') "
        "FROM queues q ORDER BY q.name COLLATE \"C\", q.id");
    std::vector<protocol::QueueInfo> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.integer(i, 0), r.text(i, 1), r.boolean(i, 2), r.integer(i, 3),
                       store::parse_id_list(r.text(i, 4))});
    return out;
}

std::vector<store::TokenRecord> PgTx::listed_tokens() {
    auto r = db_.exec(std::string(kTokenColumns) +
                      "WHERE kind IN ('display', 'integration') ORDER BY id DESC");
    std::vector<store::TokenRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(read_token(r, i));
    return out;
}

std::optional<store::TokenRecord> PgTx::token_by_id(Id id) {
    auto r = db_.exec(std::string(kTokenColumns) + "WHERE id = $1", Params().add(id));
    if (!r.rows()) return std::nullopt;
    return read_token(r, 0);
}

std::vector<store::AuditEntry> PgTx::audit(const store::AuditQuery& q) {
    auto r = db_.exec(
        "SELECT id, at, actor_type, actor_id, action, chat_id, detail FROM audit "
        "WHERE ($1::bigint IS NULL OR (actor_type = 'staff' AND actor_id = $1)) "
        "AND ($2::bigint IS NULL OR chat_id = $2) AND ($3::text IS NULL OR action = $3) "
        "AND ($4::bigint IS NULL OR id < $4) ORDER BY id DESC LIMIT $5",
        Params().add(q.actor_id).add(q.chat_id).add(q.action).add(q.before_id).add(q.limit));
    std::vector<store::AuditEntry> out;
    for (int i = 0; i < r.rows(); ++i) {
        store::AuditEntry a;
        a.id = r.integer(i, 0);
        a.at = r.integer(i, 1);
        a.actor_type = r.text(i, 2);
        a.actor_id = r.opt_integer(i, 3);
        a.action = r.text(i, 4);
        a.chat_id = r.opt_integer(i, 5);
        a.detail = r.text(i, 6);
        out.push_back(std::move(a));
    }
    return out;
}

void PgTx::set_staff_role(Id staff_id, protocol::Role role) {
    db_.exec("UPDATE staff SET role = $1 WHERE id = $2",
             Params().add(protocol::to_string(role)).add(staff_id));
}

void PgTx::set_staff_active(Id staff_id, bool active) {
    db_.exec("UPDATE staff SET active = $1 WHERE id = $2", Params().add(active).add(staff_id));
}

void PgTx::rename_queue(Id queue_id, const std::string& name) {
    db_.exec("UPDATE queues SET name = $1 WHERE id = $2", Params().add(name).add(queue_id));
}

void PgTx::set_queue_archived(Id queue_id, bool archived) {
    db_.exec("UPDATE queues SET archived = $1 WHERE id = $2", Params().add(archived).add(queue_id));
}

void PgTx::remove_member(Id queue_id, Id staff_id) {
    db_.exec("DELETE FROM queue_members WHERE queue_id = $1 AND staff_id = $2",
             Params().add(queue_id).add(staff_id));
}

bool PgTx::delete_token_by_id(Id id) {
    return db_.exec("DELETE FROM tokens WHERE id = $1", Params().add(id)).affected() > 0;
}

std::int64_t PgTx::delete_staff_sessions(Id staff_id, const std::string& except_hash) {
    return db_
        .exec("DELETE FROM tokens WHERE kind = 'staff' AND staff_id = $1 AND hash <> $2::bytea",
              Params().add(staff_id).bytes(except_hash))
        .affected();
}

void PgTx::touch_token(const std::string& hash, Time at) {
    db_.exec("UPDATE tokens SET last_used_at = $1 WHERE hash = $2::bytea",
             Params().add(at).bytes(hash));
}

}  // namespace sb::server::postgres
