// Every SQL query of the server (SQLite dialect); see sqlite_tx.h. Statements are prepared once
// per connection and cached by their text.
#include "server/store/sqlite/sqlite_tx.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <sstream>
#include <unordered_set>

#include "protocol/json.h"
#include "protocol/validate.h"
#include "protocol/visibility.h"

namespace sb::server::sqlite {

using protocol::ChatStatus;
using protocol::lower_ascii;
using store::ChatRecord;

namespace {

constexpr const char* kChatColumns =
    "SELECT c.id, c.status, c.queue_id, q.name, c.contact_id, ct.name, ct.email, ct.phone, "
    "ct.channel, c.assignee_id, s.name, c.created_at, c.last_message_at, c.waiting_since, "
    "c.first_response_at, c.resolved_at, c.deleted, c.version, c.last_message_preview, "
    "c.contact_msg_count, c.accepted_at, c.deleted_by, c.deleted_at "
    "FROM chats c JOIN queues q ON q.id = c.queue_id JOIN contacts ct ON ct.id = c.contact_id "
    "LEFT JOIN staff s ON s.id = c.assignee_id ";

constexpr const char* kMessageColumns =
    "SELECT id, chat_id, kind, author_type, author_id, author_name, signed, body, client_id, "
    "created_at FROM messages ";

protocol::Message read_message_row(Statement& s) {
    protocol::Message m;
    m.id = s.integer(0);
    m.chat_id = s.integer(1);
    m.kind = protocol::parse_message_kind(s.text(2)).value_or(protocol::MessageKind::text);
    m.author.type = protocol::parse_author_type(s.text(3)).value_or(protocol::AuthorType::system);
    m.author.id = s.opt_integer(4);
    m.author.name = s.opt_text(5);
    m.signed_ = s.integer(6) != 0;
    m.body = s.text(7);
    m.client_id = s.opt_text(8);
    m.created_at = s.integer(9);
    return m;
}

constexpr const char* kStaffColumns =
    "SELECT s.id, s.login, s.name, s.role, s.sign, s.presence, s.password_hash, "
    "(SELECT group_concat(queue_id) FROM (SELECT queue_id FROM queue_members m "
    " WHERE m.staff_id = s.id ORDER BY queue_id)), s.active FROM staff s ";

store::StaffRecord read_staff_row(Statement& s) {
    store::StaffRecord r;
    r.staff.id = s.integer(0);
    r.staff.login = s.text(1);
    r.staff.name = s.text(2);
    r.staff.role = protocol::parse_role(s.text(3)).value_or(protocol::Role::agent);
    r.staff.sign = s.integer(4) != 0;
    r.staff.presence = protocol::parse_presence(s.text(5)).value_or(protocol::Presence::offline);
    r.password_hash = s.text(6);
    r.staff.active = s.integer(8) != 0;
    r.staff.queues = store::parse_id_list(s.text(7));
    return r;
}

// Words of a search as an FTS5 query: every word a quoted prefix term, all required.
std::string fts_query(const std::string& q) {
    std::string out;
    std::istringstream in(q);
    std::string word;
    while (in >> word) {
        std::string quoted = "\"";
        for (char c : word) {
            if (c == '"') quoted += '"';
            quoted += c;
        }
        quoted += "\"*";
        if (!out.empty()) out += ' ';
        out += quoted;
    }
    return out;
}

}  // namespace

// ---- staff and queues -------------------------------------------------------------------------

std::optional<store::StaffRecord> SqliteTx::staff_by_login(const std::string& login) {
    auto s = db_.prepare(std::string(kStaffColumns) + "WHERE s.login = ?");
    s->bind(1, login);
    if (!s->step()) return std::nullopt;
    return read_staff_row(*s);
}

std::optional<protocol::Staff> SqliteTx::staff(Id id) {
    auto s = db_.prepare(std::string(kStaffColumns) + "WHERE s.id = ?");
    s->bind(1, id);
    if (!s->step()) return std::nullopt;
    return read_staff_row(*s).staff;
}

std::vector<protocol::Staff> SqliteTx::staff_search(const std::string& q, int limit) {
    auto s = db_.prepare(std::string(kStaffColumns) +
                         "WHERE s.active AND (instr(lower(s.name), ?1) > 0 OR "
                         "instr(lower(s.login), ?1) > 0) "
                         "ORDER BY CASE s.presence WHEN 'online' THEN 0 WHEN 'away' THEN 1 "
                         "ELSE 2 END, s.name, s.id LIMIT ?2");
    s->bind(1, lower_ascii(q)).bind(2, limit);
    std::vector<protocol::Staff> out;
    while (s->step()) out.push_back(read_staff_row(*s).staff);
    return out;
}

std::vector<protocol::Queue> SqliteTx::queues() {
    auto s = db_.prepare("SELECT id, name FROM queues WHERE NOT archived ORDER BY id");
    std::vector<protocol::Queue> out;
    while (s->step()) out.push_back({s->integer(0), s->text(1)});
    return out;
}

std::optional<protocol::Queue> SqliteTx::queue(Id id) {
    auto s = db_.prepare("SELECT id, name FROM queues WHERE id = ?");
    s->bind(1, id);
    if (!s->step()) return std::nullopt;
    return protocol::Queue{s->integer(0), s->text(1)};
}

std::vector<Id> SqliteTx::staff_queue_ids(Id staff_id) {
    auto s = db_.prepare("SELECT queue_id FROM queue_members WHERE staff_id = ? ORDER BY queue_id");
    s->bind(1, staff_id);
    std::vector<Id> out;
    while (s->step()) out.push_back(s->integer(0));
    return out;
}

std::int64_t SqliteTx::count_staff() {
    auto s = db_.prepare("SELECT count(*) FROM staff");
    s->step();
    return s->integer(0);
}

// ---- chats ------------------------------------------------------------------------------------

ChatRecord SqliteTx::read_chat_row(Statement& s) {
    ChatRecord r;
    auto& c = r.chat;
    c.id = s.integer(0);
    c.status = protocol::parse_chat_status(s.text(1)).value_or(ChatStatus::pending);
    c.queue = {s.integer(2), s.text(3)};
    c.contact.id = s.integer(4);
    c.contact.name = s.text(5);
    c.contact.email = s.opt_text(6);
    c.contact.phone = s.opt_text(7);
    c.contact.channel = s.text(8);
    if (!s.is_null(9)) c.assignee = protocol::StaffRef{s.integer(9), s.text(10)};
    c.created_at = s.integer(11);
    c.last_message_at = s.integer(12);
    c.waiting_since = s.opt_integer(13);
    c.first_response_at = s.opt_integer(14);
    c.resolved_at = s.opt_integer(15);
    c.deleted = s.integer(16) != 0;
    c.version = s.integer(17);
    c.last_message_preview = s.text(18);
    r.contact_msg_count = s.integer(19);
    r.accepted_at = s.opt_integer(20);
    r.deleted_by = s.opt_integer(21);
    r.deleted_at = s.opt_integer(22);
    return r;
}

void SqliteTx::fill_chat_details(ChatRecord& r) {
    {
        auto s = db_.prepare(
            "SELECT p.staff_id, s.name FROM chat_participants p JOIN staff s ON s.id = p.staff_id "
            "WHERE p.chat_id = ? ORDER BY p.since, p.staff_id");
        s->bind(1, r.chat.id);
        while (s->step()) r.chat.participants.push_back({s->integer(0), s->text(1)});
    }
    auto s = db_.prepare(
        "SELECT staff_id, read_count, marked_unread FROM chat_reads WHERE chat_id = ? "
        "ORDER BY staff_id");
    s->bind(1, r.chat.id);
    while (s->step()) r.reads.push_back({s->integer(0), s->integer(1), s->integer(2) != 0});
}

std::optional<ChatRecord> SqliteTx::chat(Id id) {
    std::optional<ChatRecord> r;
    {
        auto s = db_.prepare(std::string(kChatColumns) + "WHERE c.id = ?");
        s->bind(1, id);
        if (!s->step()) return std::nullopt;
        r = read_chat_row(*s);
    }
    fill_chat_details(*r);
    return r;
}

std::optional<ChatRecord> SqliteTx::chat_by_start_key(const std::string& key) {
    std::optional<Id> id;
    {
        auto s = db_.prepare("SELECT id FROM chats WHERE start_key = ?");
        s->bind(1, key);
        if (s->step()) id = s->integer(0);
    }
    return id ? chat(*id) : std::nullopt;
}

std::vector<ChatRecord> SqliteTx::load_chats(const std::vector<Id>& ids) {
    std::vector<ChatRecord> out;
    out.reserve(ids.size());
    for (Id id : ids)
        if (auto r = chat(id)) out.push_back(std::move(*r));
    return out;
}

store::ChatList SqliteTx::list_chats(const store::ListQuery& q) {
    // Cursor: "<sort key>:<id>" of the last chat of the previous page.
    std::optional<std::int64_t> key, after_id;
    if (q.cursor) {
        const auto colon = q.cursor->find(':');
        const char* begin = q.cursor->data();
        const char* end = begin + q.cursor->size();
        std::int64_t k = 0, i = 0;
        auto whole = [](std::from_chars_result r, const char* stop) {
            return r.ec == std::errc() && r.ptr == stop;
        };
        if (colon == std::string::npos ||
            !whole(std::from_chars(begin, begin + colon, k), begin + colon) ||
            !whole(std::from_chars(begin + colon + 1, end, i), end))
            throw std::invalid_argument("cursor is not one this server made");
        key = k;
        after_id = i;
    }
    // The list rule of protocol/visibility.h (in_list), as SQL (?1: the viewer).
    const bool everything = q.audience.everything;
    std::string where, order, key_col;
    switch (q.view) {
        case store::View::pending:
            where = "c.deleted = 0 AND c.status = 'pending'";
            if (!everything)
                where +=
                    " AND c.queue_id IN (SELECT queue_id FROM queue_members WHERE staff_id = ?1)";
            key_col = "c.waiting_since";
            order = " ORDER BY c.waiting_since, c.id";
            if (key) where += " AND (c.waiting_since, c.id) > (?2, ?3)";
            break;
        case store::View::working:
            where = "c.deleted = 0 AND c.status = 'working'";
            if (!(everything && q.all_staff)) where += " AND c.assignee_id = ?1";
            key_col = "c.last_message_at";
            order = " ORDER BY c.last_message_at DESC, c.id DESC";
            if (key) where += " AND (c.last_message_at, c.id) < (?2, ?3)";
            break;
        case store::View::resolved:
            where = "c.deleted = 0 AND c.status = 'resolved'";
            if (!everything)
                where +=
                    " AND (c.queue_id IN (SELECT queue_id FROM queue_members WHERE staff_id = ?1)"
                    " OR c.assignee_id = ?1)";
            key_col = "c.resolved_at";
            order = " ORDER BY c.resolved_at DESC, c.id DESC";
            if (key) where += " AND (c.resolved_at, c.id) < (?2, ?3)";
            break;
        case store::View::deleted:
            where = "c.deleted = 1";
            key_col = "c.last_message_at";
            order = " ORDER BY c.last_message_at DESC, c.id DESC";
            if (key) where += " AND (c.last_message_at, c.id) < (?2, ?3)";
            break;
    }
    std::vector<std::pair<Id, std::int64_t>> rows;
    {
        auto s = db_.prepare("SELECT c.id, ifnull(" + key_col + ", 0) FROM chats c WHERE " + where +
                             order + " LIMIT ?4");
        s->bind(1, q.audience.staff_id);
        if (key) s->bind(2, *key).bind(3, *after_id);
        s->bind(4, q.limit + 1);
        while (s->step()) rows.emplace_back(s->integer(0), s->integer(1));
    }
    store::ChatList out;
    if (static_cast<int>(rows.size()) > q.limit) {
        rows.resize(static_cast<std::size_t>(q.limit));
        out.next_cursor =
            std::to_string(rows.back().second) + ":" + std::to_string(rows.back().first);
    }
    std::vector<Id> ids;
    for (auto& [id, k] : rows) ids.push_back(id);
    out.chats = load_chats(ids);
    return out;
}

protocol::Counts SqliteTx::counts(const store::Audience& a, bool all_working) {
    protocol::Counts c;
    auto sum = [&](const std::string& sql) {
        auto s = db_.prepare(sql);
        if (sql.find("?1") != std::string::npos) s->bind(1, a.staff_id);
        s->step();
        return s->integer(0);
    };
    const std::string base = "SELECT ifnull(sum(n), 0) FROM chat_counts WHERE ";
    c.working = sum(base + "status = 'working'" +
                    ((a.everything && all_working) ? "" : " AND assignee_id = ?1"));
    if (a.everything) {
        c.pending = sum(base + "status = 'pending'");
        c.resolved = sum(base + "status = 'resolved'");
    } else {
        const std::string mine =
            "queue_id IN (SELECT queue_id FROM queue_members WHERE staff_id = ?1)";
        c.pending = sum(base + "status = 'pending' AND " + mine);
        c.resolved = sum(base + "status = 'resolved' AND (" + mine + " OR assignee_id = ?1)");
    }
    return c;
}

std::vector<ChatRecord> SqliteTx::search(const std::string& q, const store::Audience& a,
                                         bool include_deleted, int limit) {
    const std::string match = fts_query(q);
    if (match.empty()) return {};
    std::vector<Id> ids;
    std::unordered_set<Id> seen;
    {
        auto s = db_.prepare(
            "SELECT c.id FROM contacts_fts f JOIN chats c ON c.contact_id = f.rowid "
            "WHERE contacts_fts MATCH ? ORDER BY c.last_message_at DESC LIMIT 500");
        s->bind(1, match);
        while (s->step())
            if (seen.insert(s->integer(0)).second) ids.push_back(s->integer(0));
    }
    {
        // Newest matching messages first: rowid order, no ranking (fast on millions of rows).
        auto s = db_.prepare(
            "SELECT m.chat_id FROM messages_fts f JOIN messages m ON m.id = f.rowid "
            "WHERE messages_fts MATCH ? ORDER BY f.rowid DESC LIMIT 2000");
        s->bind(1, match);
        while (s->step())
            if (seen.insert(s->integer(0)).second) ids.push_back(s->integer(0));
    }
    // A common word matches a thousand chats and a page shows 50: order the candidates by recency
    // with one light query, then load whole records only until `limit` visible ones are found.
    std::vector<Id> ordered;
    {
        std::string list = "[";
        for (std::size_t i = 0; i < ids.size(); ++i)
            list += (i ? "," : "") + std::to_string(ids[i]);
        list += "]";
        auto s = db_.prepare(
            "SELECT id FROM chats WHERE id IN (SELECT value FROM json_each(?1)) "
            "AND (?2 OR deleted = 0) ORDER BY last_message_at DESC, id DESC");
        s->bind(1, list).bind(2, include_deleted);
        while (s->step()) ordered.push_back(s->integer(0));
    }
    store::Audience audience = a;
    if (!a.everything) audience.queue_ids = staff_queue_ids(a.staff_id);
    const protocol::Viewer viewer = store::viewer_of(audience);
    std::vector<ChatRecord> out;
    for (Id id : ordered) {
        if (static_cast<int>(out.size()) >= limit) break;
        auto r = chat(id);
        if (r && protocol::sees_chat(viewer, r->chat)) out.push_back(std::move(*r));
    }
    return out;
}

std::vector<ChatRecord> SqliteTx::contact_chats(Id contact_id, int limit) {
    std::vector<Id> ids;
    {
        auto s = db_.prepare("SELECT id FROM chats WHERE contact_id = ? ORDER BY id DESC LIMIT ?");
        s->bind(1, contact_id).bind(2, limit);
        while (s->step()) ids.push_back(s->integer(0));
    }
    return load_chats(ids);
}

// ---- messages ---------------------------------------------------------------------------------

protocol::MessagePage SqliteTx::messages(const store::MessageQuery& q) {
    auto s = db_.prepare(std::string(kMessageColumns) +
                         "WHERE chat_id = ?1 AND id < ?2 AND (?3 OR kind != 'note') "
                         "ORDER BY id DESC LIMIT ?4");
    s->bind(1, q.chat_id)
        .bind(2, q.before.value_or(std::numeric_limits<Id>::max()))
        .bind(3, q.include_notes)
        .bind(4, q.limit + 1);
    protocol::MessagePage page;
    while (s->step()) page.messages.push_back(read_message_row(*s));
    if (static_cast<int>(page.messages.size()) > q.limit) {
        page.messages.resize(static_cast<std::size_t>(q.limit));
        page.next_before = page.messages.back().id;
    }
    std::reverse(page.messages.begin(), page.messages.end());
    return page;
}

std::optional<protocol::Message> SqliteTx::message_by_client_id(Id chat_id,
                                                                protocol::AuthorType type,
                                                                std::optional<Id> author_id,
                                                                const std::string& client_id) {
    auto s = db_.prepare(std::string(kMessageColumns) +
                         "WHERE chat_id = ? AND author_type = ? AND ifnull(author_id, 0) = ? "
                         "AND client_id = ?");
    s->bind(1, chat_id).bind(2, protocol::to_string(type)).bind(3, author_id.value_or(0));
    s->bind(4, client_id);
    if (!s->step()) return std::nullopt;
    return read_message_row(*s);
}

// ---- tokens, events, settings -----------------------------------------------------------------

store::TokenRecord SqliteTx::read_token_row(Statement& s) {
    store::TokenRecord t;
    t.kind = store::parse_token_kind(s.text(0));
    t.staff_id = s.opt_integer(1);
    t.chat_id = s.opt_integer(2);
    t.contact_id = s.opt_integer(3);
    t.label = s.text(4);
    t.created_at = s.integer(5);
    t.expires_at = s.opt_integer(6);
    t.id = s.integer(7);
    t.last_used_at = s.opt_integer(8);
    return t;
}

std::optional<store::TokenRecord> SqliteTx::token(const std::string& hash) {
    auto s = db_.prepare(std::string(kTokenColumns) + "WHERE hash = ?");
    s->bind_blob(1, hash.data(), static_cast<int>(hash.size()));
    if (!s->step()) return std::nullopt;
    return read_token_row(*s);
}

std::vector<store::StoredEvent> SqliteTx::events_after(Seq after, int limit) {
    auto s = db_.prepare(
        "SELECT seq, payload, reads, notify FROM events WHERE seq > ? ORDER BY seq LIMIT ?");
    s->bind(1, after).bind(2, limit);
    std::vector<store::StoredEvent> out;
    while (s->step()) {
        store::StoredEvent e;
        e.event = protocol::decode<protocol::Event>(s->text(1));
        e.event.seq = s->integer(0);
        store::decode_reads(s->text(2), e.contact_msg_count, e.reads);
        e.notify_staff = store::parse_id_list(s->text(3));
        out.push_back(std::move(e));
    }
    return out;
}

Seq SqliteTx::first_event_seq() {
    auto s = db_.prepare("SELECT ifnull(min(seq), 0) FROM events");
    s->step();
    return s->integer(0);
}

Seq SqliteTx::last_event_seq() {
    // sqlite_sequence remembers the last seq even when old events were pruned.
    auto s =
        db_.prepare("SELECT ifnull((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0)");
    s->step();
    return s->integer(0);
}

store::StatsInputs SqliteTx::stats_inputs(Time since, Time now) {
    store::StatsInputs in;
    {
        auto s = db_.prepare(
            "SELECT c.id, ct.name, c.queue_id, c.waiting_since FROM chats c "
            "JOIN contacts ct ON ct.id = c.contact_id "
            "WHERE c.status = 'pending' AND c.deleted = 0 ORDER BY c.waiting_since, c.id");
        while (s->step())
            in.pending.push_back({s->integer(0), s->text(1), s->integer(2), s->integer(3)});
    }
    {
        auto s = db_.prepare(
            "SELECT assignee_id, sum(n) FROM chat_counts WHERE status = 'working' "
            "AND assignee_id != 0 GROUP BY assignee_id");
        while (s->step()) in.working_per_staff.emplace_back(s->integer(0), s->integer(1));
    }
    {
        auto s = db_.prepare(
            "SELECT count(*) FROM chats WHERE resolved_at >= ? AND status = 'resolved'");
        s->bind(1, since);
        s->step();
        in.resolved_since = s->integer(0);
    }
    {
        auto s = db_.prepare(
            "SELECT first_response_at - created_at FROM chats WHERE created_at >= ? "
            "AND first_response_at IS NOT NULL");
        s->bind(1, since);
        while (s->step()) in.first_response_ms.push_back(s->integer(0));
    }
    {
        auto s = db_.prepare("SELECT accepted_at - created_at FROM chats WHERE accepted_at >= ?");
        s->bind(1, since);
        while (s->step()) in.wait_ms.push_back(s->integer(0));
    }
    {
        auto s =
            db_.prepare("SELECT created_at FROM chats WHERE created_at >= ? ORDER BY created_at");
        // A local day can last 25 hours (DST ends): "today" may start before now - 24 h.
        s->bind(1, std::min(since, now - 24 * 3'600'000));
        while (s->step()) in.created_times.push_back(s->integer(0));
    }
    return in;
}

std::optional<std::string> SqliteTx::setting(const std::string& key) {
    auto s = db_.prepare("SELECT value FROM settings WHERE key = ?");
    s->bind(1, key);
    if (!s->step()) return std::nullopt;
    return s->text(0);
}

// ---- writes -----------------------------------------------------------------------------------

Id SqliteTx::insert_queue(const std::string& name) {
    auto s = db_.prepare("INSERT INTO queues(name) VALUES (?)");
    s->bind(1, name).run();
    return db_.last_insert_rowid();
}

Id SqliteTx::insert_staff(const std::string& login, const std::string& name, protocol::Role role,
                          const std::string& password_hash, Time at) {
    auto s = db_.prepare(
        "INSERT INTO staff(login, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)");
    s->bind(1, login).bind(2, name).bind(3, protocol::to_string(role)).bind(4, password_hash);
    s->bind(5, at).run();
    return db_.last_insert_rowid();
}

void SqliteTx::set_password(Id staff_id, const std::string& password_hash) {
    auto s = db_.prepare("UPDATE staff SET password_hash = ? WHERE id = ?");
    s->bind(1, password_hash).bind(2, staff_id).run();
}

void SqliteTx::add_member(Id queue_id, Id staff_id) {
    auto s = db_.prepare("INSERT OR IGNORE INTO queue_members(queue_id, staff_id) VALUES (?, ?)");
    s->bind(1, queue_id).bind(2, staff_id).run();
}

void SqliteTx::update_staff(Id staff_id, const protocol::MePatch& patch) {
    auto s = db_.prepare(
        "UPDATE staff SET sign = ifnull(?2, sign), presence = ifnull(?3, presence), "
        "name = ifnull(?4, name) WHERE id = ?1");
    s->bind(1, staff_id);
    if (patch.sign) s->bind(2, *patch.sign);
    if (patch.presence) s->bind(3, protocol::to_string(*patch.presence));
    if (patch.name) s->bind(4, *patch.name);
    s->run();
}

void SqliteTx::set_setting(const std::string& key, const std::string& value) {
    auto s = db_.prepare(
        "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = "
        "excluded.value");
    s->bind(1, key).bind(2, value).run();
}

Id SqliteTx::insert_contact(const protocol::Contact& c, Time at) {
    auto s = db_.prepare(
        "INSERT INTO contacts(name, email, phone, channel, created_at) VALUES (?, ?, ?, ?, ?)");
    s->bind(1, c.name).bind(2, c.email).bind(3, c.phone).bind(4, c.channel).bind(5, at).run();
    return db_.last_insert_rowid();
}

Id SqliteTx::insert_chat(Id queue_id, Id contact_id, Time at,
                         const std::optional<std::string>& start_key) {
    auto s = db_.prepare(
        "INSERT INTO chats(status, queue_id, contact_id, created_at, last_message_at, "
        "waiting_since, start_key) VALUES ('pending', ?1, ?2, ?3, ?3, ?3, ?4)");
    s->bind(1, queue_id).bind(2, contact_id).bind(3, at).bind(4, start_key).run();
    return db_.last_insert_rowid();
}

bool SqliteTx::try_accept(Id chat_id, Id staff_id, Time at) {
    auto s = db_.prepare(
        "UPDATE chats SET status = 'working', assignee_id = ?2, waiting_since = NULL, "
        "accepted_at = ifnull(accepted_at, ?3), version = version + 1 "
        "WHERE id = ?1 AND status = 'pending' AND deleted = 0 RETURNING id");
    s->bind(1, chat_id).bind(2, staff_id).bind(3, at);
    const bool won = s->step();
    if (won) s->run();
    return won;
}

void SqliteTx::change_chat(Id chat_id, const store::ChatChange& ch) {
    // ?N IS NULL means "leave it"; a separate flag says "set to NULL" for nullable columns.
    auto s = db_.prepare(
        "UPDATE chats SET "
        "status = ifnull(?2, status), "
        "assignee_id = CASE WHEN ?3 THEN ?4 ELSE assignee_id END, "
        "queue_id = ifnull(?5, queue_id), "
        "waiting_since = CASE WHEN ?6 THEN ?7 ELSE waiting_since END, "
        "resolved_at = CASE WHEN ?8 THEN ?9 ELSE resolved_at END, "
        "deleted = CASE WHEN ?10 THEN ?11 IS NOT NULL ELSE deleted END, "
        "deleted_by = CASE WHEN ?10 THEN ?11 ELSE deleted_by END, "
        "deleted_at = CASE WHEN ?10 THEN ?12 ELSE deleted_at END, "
        "version = version + 1 WHERE id = ?1");
    s->bind(1, chat_id);
    if (ch.status) s->bind(2, protocol::to_string(*ch.status));
    s->bind(3, ch.assignee_id.has_value());
    if (ch.assignee_id) s->bind(4, *ch.assignee_id);
    if (ch.queue_id) s->bind(5, *ch.queue_id);
    s->bind(6, ch.waiting_since.has_value());
    if (ch.waiting_since) s->bind(7, *ch.waiting_since);
    s->bind(8, ch.resolved_at.has_value());
    if (ch.resolved_at) s->bind(9, *ch.resolved_at);
    s->bind(10, ch.deletion.has_value());
    if (ch.deletion && *ch.deletion) s->bind(11, (*ch.deletion)->by).bind(12, (*ch.deletion)->at);
    s->run();
}

protocol::Message SqliteTx::insert_message(const store::NewMessage& m) {
    {
        auto s = db_.prepare(
            "INSERT INTO messages(chat_id, kind, author_type, author_id, author_name, signed, "
            "body, client_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        s->bind(1, m.chat_id).bind(2, protocol::to_string(m.kind));
        s->bind(3, protocol::to_string(m.author.type)).bind(4, m.author.id).bind(5, m.author.name);
        s->bind(6, m.signed_).bind(7, m.body).bind(8, m.client_id).bind(9, m.at).run();
    }
    protocol::Message out;
    out.id = db_.last_insert_rowid();
    out.chat_id = m.chat_id;
    out.kind = m.kind;
    out.author = m.author;
    out.signed_ = m.signed_;
    out.body = m.body;
    out.client_id = m.client_id;
    out.created_at = m.at;

    const bool from_contact = m.author.type == protocol::AuthorType::contact;
    const bool staff_reply =
        m.author.type == protocol::AuthorType::staff && m.kind == protocol::MessageKind::text;
    {
        auto s = db_.prepare(
            "UPDATE chats SET last_message_at = ?2, "
            "last_message_preview = CASE WHEN ?3 THEN ?4 ELSE last_message_preview END, "
            "contact_msg_count = contact_msg_count + ?5, "
            "first_response_at = CASE WHEN ?6 THEN ifnull(first_response_at, ?2) "
            "ELSE first_response_at END, version = version + 1 WHERE id = ?1");
        s->bind(1, m.chat_id).bind(2, m.at);
        s->bind(3, m.kind == protocol::MessageKind::text);
        s->bind(4, protocol::utf8_preview(m.body, protocol::kPreviewChars));
        s->bind(5, from_contact ? 1 : 0).bind(6, staff_reply).run();
    }
    if (m.author.type == protocol::AuthorType::staff && m.author.id) {
        auto s = db_.prepare(
            "INSERT OR IGNORE INTO chat_participants(chat_id, staff_id, since) VALUES (?, ?, ?)");
        s->bind(1, m.chat_id).bind(2, *m.author.id).bind(3, m.at).run();
        mark_read(m.chat_id, *m.author.id);  // writing in a chat means having read it
    }
    return out;
}

void SqliteTx::mark_read(Id chat_id, Id staff_id) {
    auto s = db_.prepare(
        "INSERT INTO chat_reads(chat_id, staff_id, read_count, marked_unread) "
        "SELECT id, ?2, contact_msg_count, 0 FROM chats WHERE id = ?1 "
        "ON CONFLICT DO UPDATE SET read_count = excluded.read_count, marked_unread = 0");
    s->bind(1, chat_id).bind(2, staff_id).run();
}

void SqliteTx::mark_unread(Id chat_id, Id staff_id) {
    auto s = db_.prepare(
        "INSERT INTO chat_reads(chat_id, staff_id, read_count, marked_unread) VALUES (?1, ?2, 0, "
        "1) "
        "ON CONFLICT DO UPDATE SET marked_unread = 1");
    s->bind(1, chat_id).bind(2, staff_id).run();
}

void SqliteTx::bump_version(Id chat_id) {
    auto s = db_.prepare("UPDATE chats SET version = version + 1 WHERE id = ?");
    s->bind(1, chat_id).run();
}

void SqliteTx::insert_audit(const store::AuditEntry& a) {
    auto s = db_.prepare(
        "INSERT INTO audit(at, actor_type, actor_id, action, chat_id, detail) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    s->bind(1, a.at).bind(2, a.actor_type).bind(3, a.actor_id).bind(4, a.action);
    s->bind(5, a.chat_id).bind(6, a.detail).run();
}

store::StoredEvent SqliteTx::append_event(protocol::Event e, const std::vector<Id>& notify_staff) {
    store::StoredEvent out;
    out.notify_staff = notify_staff;
    if (e.chat) {
        // The chat as it is now, inside this transaction, with everybody's read state.
        auto r = chat(e.chat->id);
        if (!r) throw std::logic_error("event for a chat that does not exist");
        e.chat = r->chat;
        out.contact_msg_count = r->contact_msg_count;
        out.reads = r->reads;
    }
    e.seq = 0;
    {
        auto s = db_.prepare(
            "INSERT INTO events(type, at, chat_id, payload, reads, notify) VALUES (?, ?, ?, ?, ?, "
            "?)");
        s->bind(1, protocol::to_string(e.type)).bind(2, e.at);
        s->bind(3, e.chat ? std::optional<Id>(e.chat->id) : std::nullopt);
        s->bind(4, protocol::encode(e))
            .bind(5, store::encode_reads(out.contact_msg_count, out.reads));
        std::string notify;
        for (Id id : notify_staff) notify += (notify.empty() ? "" : ",") + std::to_string(id);
        s->bind(6, notify).run();
    }
    e.seq = db_.last_insert_rowid();
    out.event = std::move(e);
    appended_.push_back(out);
    return out;
}

Id SqliteTx::insert_token(const std::string& hash, const store::TokenRecord& t) {
    auto s = db_.prepare(
        "INSERT INTO tokens(hash, kind, staff_id, chat_id, contact_id, label, created_at, "
        "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s->bind_blob(1, hash.data(), static_cast<int>(hash.size()));
    s->bind(2, store::to_string(t.kind)).bind(3, t.staff_id).bind(4, t.chat_id);
    s->bind(5, t.contact_id).bind(6, t.label).bind(7, t.created_at).bind(8, t.expires_at).run();
    return db_.last_insert_rowid();
}

void SqliteTx::delete_token(const std::string& hash) {
    auto s = db_.prepare("DELETE FROM tokens WHERE hash = ?");
    s->bind_blob(1, hash.data(), static_cast<int>(hash.size())).run();
}

void SqliteTx::delete_expired_tokens(Time now) {
    auto s = db_.prepare("DELETE FROM tokens WHERE expires_at IS NOT NULL AND expires_at < ?");
    s->bind(1, now).run();
}

// Limit counters. The write transaction holds SQLite's write lock (BEGIN IMMEDIATE), so a read
// here is already "for update".
std::optional<store::LimitCounter> SqliteTx::limit_counter(const std::string& key) {
    auto s = db_.prepare("SELECT count, at, expires_at FROM limit_counters WHERE key = ?");
    s->bind(1, key);
    if (!s->step()) return std::nullopt;
    return store::LimitCounter{s->integer(0), s->integer(1), s->integer(2)};
}

void SqliteTx::set_limit_counter(const std::string& key, const store::LimitCounter& c) {
    auto s = db_.prepare(
        "INSERT INTO limit_counters(key, count, at, expires_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET count = excluded.count, at = excluded.at, "
        "expires_at = excluded.expires_at");
    s->bind(1, key).bind(2, c.count).bind(3, c.at).bind(4, c.expires_at).run();
}

void SqliteTx::delete_limit_counter(const std::string& key) {
    auto s = db_.prepare("DELETE FROM limit_counters WHERE key = ?");
    s->bind(1, key).run();
}

void SqliteTx::delete_expired_limit_counters(Time now) {
    auto s = db_.prepare("DELETE FROM limit_counters WHERE expires_at < ?");
    s->bind(1, now).run();
}

namespace {
Time wall_clock_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}
}  // namespace

void SqliteTx::hold_presence(const std::string& instance, const std::vector<Id>& staff_ids,
                             std::chrono::milliseconds ttl) {
    auto s = db_.prepare(
        "INSERT INTO presence_leases(instance, staff_id, until) VALUES (?, ?, ?) "
        "ON CONFLICT (instance, staff_id) DO UPDATE SET until = excluded.until");
    const Time until = wall_clock_ms() + ttl.count();
    for (Id id : staff_ids) {
        s->reset();
        s->bind(1, instance).bind(2, id).bind(3, until).run();
    }
}

bool SqliteTx::hold_lease(const std::string& name, const std::string& holder,
                          std::chrono::milliseconds ttl) {
    const Time now = wall_clock_ms();
    auto s = db_.prepare(
        "INSERT INTO leases(name, holder, until) VALUES (?1, ?2, ?3) ON CONFLICT (name) DO "
        "UPDATE SET holder = excluded.holder, until = excluded.until "
        "WHERE leases.holder = excluded.holder OR leases.until < ?4");
    s->bind(1, name).bind(2, holder).bind(3, now + ttl.count()).bind(4, now).run();
    auto q = db_.prepare("SELECT holder FROM leases WHERE name = ?");
    q->bind(1, name);
    return q->step() && q->text(0) == holder;
}

std::vector<protocol::Staff> SqliteTx::lapsed_presence() {
    db_.prepare("DELETE FROM presence_leases WHERE until < ?")->bind(1, wall_clock_ms()).run();
    auto s = db_.prepare(std::string(kStaffColumns) +
                         "WHERE s.presence != 'offline' AND NOT EXISTS "
                         "(SELECT 1 FROM presence_leases l WHERE l.staff_id = s.id) ORDER BY s.id");
    std::vector<protocol::Staff> out;
    while (s->step()) out.push_back(read_staff_row(*s).staff);
    return out;
}

}  // namespace sb::server::sqlite
