// Every SQL query of the server in PostgreSQL's dialect; see pg_tx.h. Parameters are sent as
// text ($1, $2 ...); a page of chats is loaded with three queries (chats, participants, read
// states) whatever its length.
#include "server/store/postgres/pg_tx.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "protocol/json.h"
#include "protocol/validate.h"
#include "protocol/visibility.h"

namespace sb::server::postgres {

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

constexpr const char* kStaffColumns =
    "SELECT s.id, s.login, s.name, s.role, s.sign, s.presence, s.password_hash, "
    "coalesce((SELECT string_agg(m.queue_id::text, ',' ORDER BY m.queue_id) FROM queue_members m "
    " WHERE m.staff_id = s.id), ''), s.active FROM staff s ";

constexpr const char* kCannedColumns =
    "SELECT id, shortcut, body, owner_staff_id, updated_at, created_by, created_at "
    "FROM canned_replies ";

// An array parameter: "{1,2,3}".
std::string id_array(const std::vector<Id>& ids) {
    std::string out = "{";
    for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
    return out + "}";
}

protocol::Message read_message(const Result& r, int i) {
    protocol::Message m;
    m.id = r.integer(i, 0);
    m.chat_id = r.integer(i, 1);
    m.kind = protocol::parse_message_kind(r.text(i, 2)).value_or(protocol::MessageKind::text);
    m.author.type =
        protocol::parse_author_type(r.text(i, 3)).value_or(protocol::AuthorType::system);
    m.author.id = r.opt_integer(i, 4);
    m.author.name = r.opt_text(i, 5);
    m.signed_ = r.boolean(i, 6);
    m.body = r.text(i, 7);
    m.client_id = r.opt_text(i, 8);
    m.created_at = r.integer(i, 9);
    return m;
}

store::StaffRecord read_staff(const Result& r, int i) {
    store::StaffRecord s;
    s.staff.id = r.integer(i, 0);
    s.staff.login = r.text(i, 1);
    s.staff.name = r.text(i, 2);
    s.staff.role = protocol::parse_role(r.text(i, 3)).value_or(protocol::Role::agent);
    s.staff.sign = r.boolean(i, 4);
    s.staff.presence = protocol::parse_presence(r.text(i, 5)).value_or(protocol::Presence::offline);
    s.password_hash = r.text(i, 6);
    s.staff.queues = store::parse_id_list(r.text(i, 7));
    s.staff.active = r.boolean(i, 8);
    return s;
}

ChatRecord read_chat(const Result& r, int i) {
    ChatRecord out;
    auto& c = out.chat;
    c.id = r.integer(i, 0);
    c.status = protocol::parse_chat_status(r.text(i, 1)).value_or(ChatStatus::pending);
    c.queue = {r.integer(i, 2), r.text(i, 3)};
    c.contact.id = r.integer(i, 4);
    c.contact.name = r.text(i, 5);
    c.contact.email = r.opt_text(i, 6);
    c.contact.phone = r.opt_text(i, 7);
    c.contact.channel = r.text(i, 8);
    if (!r.is_null(i, 9)) c.assignee = protocol::StaffRef{r.integer(i, 9), r.text(i, 10)};
    c.created_at = r.integer(i, 11);
    c.last_message_at = r.integer(i, 12);
    c.waiting_since = r.opt_integer(i, 13);
    c.first_response_at = r.opt_integer(i, 14);
    c.resolved_at = r.opt_integer(i, 15);
    c.deleted = r.boolean(i, 16);
    c.version = r.integer(i, 17);
    c.last_message_preview = r.text(i, 18);
    out.contact_msg_count = r.integer(i, 19);
    out.accepted_at = r.opt_integer(i, 20);
    out.deleted_by = r.opt_integer(i, 21);
    out.deleted_at = r.opt_integer(i, 22);
    return out;
}

store::CannedRecord read_canned(const Result& r, int i) {
    store::CannedRecord c;
    c.reply.id = r.integer(i, 0);
    c.reply.shortcut = r.text(i, 1);
    c.reply.body = r.text(i, 2);
    c.reply.owner_id = r.opt_integer(i, 3);
    c.reply.shared = !c.reply.owner_id;
    c.reply.updated_at = r.integer(i, 4);
    c.created_by = r.integer(i, 5);
    c.created_at = r.integer(i, 6);
    return c;
}

// Words of a search as a tsquery: every word a quoted prefix term, all required.
std::string ts_query(const std::string& q) {
    std::string out;
    std::istringstream in(q);
    std::string word;
    while (in >> word) {
        std::string quoted = "'";
        for (char c : word) {
            if (c == '\'' || c == '\\') quoted += c == '\'' ? '\'' : '\\';
            quoted += c;
        }
        quoted += "':*";
        if (!out.empty()) out += " & ";
        out += quoted;
    }
    return out;
}

}  // namespace

// ---- staff and queues -------------------------------------------------------------------------

std::optional<store::StaffRecord> PgTx::staff_by_login(const std::string& login) {
    auto r = db_.exec(std::string(kStaffColumns) + "WHERE s.login = $1", Params().add(login));
    if (!r.rows()) return std::nullopt;
    return read_staff(r, 0);
}

std::optional<protocol::Staff> PgTx::staff(Id id) {
    auto r = db_.exec(std::string(kStaffColumns) + "WHERE s.id = $1", Params().add(id));
    if (!r.rows()) return std::nullopt;
    return read_staff(r, 0).staff;
}

std::vector<protocol::Staff> PgTx::staff_search(const std::string& q, int limit) {
    auto r = db_.exec(std::string(kStaffColumns) +
                          "WHERE s.active AND (strpos(lower(s.name), $1) > 0 OR "
                          "strpos(lower(s.login), $1) > 0) "
                          "ORDER BY CASE s.presence WHEN 'online' THEN 0 WHEN 'away' THEN 1 "
                          "ELSE 2 END, s.name COLLATE \"C\", s.id LIMIT $2",
                      Params().add(lower_ascii(q)).add(limit));
    std::vector<protocol::Staff> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(read_staff(r, i).staff);
    return out;
}

std::vector<protocol::Queue> PgTx::queues() {
    auto r = db_.exec("SELECT id, name FROM queues WHERE NOT archived ORDER BY id");
    std::vector<protocol::Queue> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.integer(i, 0), r.text(i, 1)});
    return out;
}

std::optional<protocol::Queue> PgTx::queue(Id id) {
    auto r = db_.exec("SELECT id, name FROM queues WHERE id = $1", Params().add(id));
    if (!r.rows()) return std::nullopt;
    return protocol::Queue{r.integer(0, 0), r.text(0, 1)};
}

std::vector<Id> PgTx::staff_queue_ids(Id staff_id) {
    auto r = db_.exec("SELECT queue_id FROM queue_members WHERE staff_id = $1 ORDER BY queue_id",
                      Params().add(staff_id));
    std::vector<Id> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.integer(i, 0));
    return out;
}

std::int64_t PgTx::count_staff() {
    return db_.exec("SELECT count(*) FROM staff").integer(0, 0);
}

// ---- chats ------------------------------------------------------------------------------------

std::vector<ChatRecord> PgTx::load_chats(const std::vector<Id>& ids) {
    if (ids.empty()) return {};
    const std::string arr = id_array(ids);
    std::unordered_map<Id, ChatRecord> by_id;
    {
        auto r = db_.exec(std::string(kChatColumns) + "WHERE c.id = ANY($1::bigint[])",
                          Params().add(arr));
        for (int i = 0; i < r.rows(); ++i) {
            auto c = read_chat(r, i);
            by_id.emplace(c.chat.id, std::move(c));
        }
    }
    {
        auto r = db_.exec(
            "SELECT p.chat_id, p.staff_id, s.name FROM chat_participants p "
            "JOIN staff s ON s.id = p.staff_id WHERE p.chat_id = ANY($1::bigint[]) "
            "ORDER BY p.chat_id, p.since, p.staff_id",
            Params().add(arr));
        for (int i = 0; i < r.rows(); ++i)
            if (auto it = by_id.find(r.integer(i, 0)); it != by_id.end())
                it->second.chat.participants.push_back({r.integer(i, 1), r.text(i, 2)});
    }
    {
        auto r = db_.exec(
            "SELECT chat_id, staff_id, read_count, marked_unread FROM chat_reads "
            "WHERE chat_id = ANY($1::bigint[]) ORDER BY chat_id, staff_id",
            Params().add(arr));
        for (int i = 0; i < r.rows(); ++i)
            if (auto it = by_id.find(r.integer(i, 0)); it != by_id.end())
                it->second.reads.push_back({r.integer(i, 1), r.integer(i, 2), r.boolean(i, 3)});
    }
    std::vector<ChatRecord> out;
    out.reserve(ids.size());
    for (Id id : ids)
        if (auto it = by_id.find(id); it != by_id.end()) out.push_back(std::move(it->second));
    return out;
}

std::optional<ChatRecord> PgTx::chat(Id id) {
    auto v = load_chats({id});
    if (v.empty()) return std::nullopt;
    return std::move(v.front());
}

std::optional<ChatRecord> PgTx::chat_by_start_key(const std::string& key) {
    auto r = db_.exec("SELECT id FROM chats WHERE start_key = $1", Params().add(key));
    if (!r.rows()) return std::nullopt;
    return chat(r.integer(0, 0));
}

store::ChatList PgTx::list_chats(const store::ListQuery& q) {
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
    // The list rule of protocol/visibility.h, as SQL ($1: the viewer).
    const bool everything = q.audience.everything;
    const std::string mine =
        "c.queue_id IN (SELECT queue_id FROM queue_members WHERE staff_id = $1)";
    std::string where, order, key_col;
    switch (q.view) {
        case store::View::pending:
            where = "NOT c.deleted AND c.status = 'pending'";
            if (!everything) where += " AND " + mine;
            key_col = "c.waiting_since";
            order = " ORDER BY c.waiting_since, c.id";
            if (key) where += " AND (c.waiting_since, c.id) > ($2, $3)";
            break;
        case store::View::working:
            where = "NOT c.deleted AND c.status = 'working'";
            if (!(everything && q.all_staff)) where += " AND c.assignee_id = $1";
            key_col = "c.last_message_at";
            order = " ORDER BY c.last_message_at DESC, c.id DESC";
            if (key) where += " AND (c.last_message_at, c.id) < ($2, $3)";
            break;
        case store::View::resolved:
            where = "NOT c.deleted AND c.status = 'resolved'";
            if (!everything) where += " AND (" + mine + " OR c.assignee_id = $1)";
            key_col = "c.resolved_at";
            order = " ORDER BY c.resolved_at DESC, c.id DESC";
            if (key) where += " AND (c.resolved_at, c.id) < ($2, $3)";
            break;
        case store::View::deleted:
            where = "c.deleted";
            key_col = "c.last_message_at";
            order = " ORDER BY c.last_message_at DESC, c.id DESC";
            if (key) where += " AND (c.last_message_at, c.id) < ($2, $3)";
            break;
    }
    // $1..$4 are always sent; unused ones are typed by the casts.
    auto r = db_.exec("SELECT c.id, coalesce(" + key_col + ", 0) FROM chats c WHERE " + where +
                          " AND $1::bigint IS NOT NULL AND ($2::bigint IS NULL OR true) AND "
                          "($3::bigint IS NULL OR true)" +
                          order + " LIMIT $4",
                      Params().add(q.audience.staff_id).add(key).add(after_id).add(q.limit + 1));
    std::vector<std::pair<Id, std::int64_t>> rows;
    for (int i = 0; i < r.rows(); ++i) rows.emplace_back(r.integer(i, 0), r.integer(i, 1));
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

protocol::Counts PgTx::counts(const store::Audience& a, bool all_working) {
    const std::string mine = "queue_id IN (SELECT queue_id FROM queue_members WHERE staff_id = $1)";
    std::string working = "status = 'working'";
    if (!(a.everything && all_working)) working += " AND assignee_id = $1";
    std::string pending = "status = 'pending'", resolved = "status = 'resolved'";
    if (!a.everything) {
        pending += " AND " + mine;
        resolved += " AND (" + mine + " OR assignee_id = $1)";
    }
    auto r = db_.exec("SELECT coalesce(sum(n) FILTER (WHERE " + working +
                          "), 0), coalesce(sum(n) FILTER (WHERE " + pending +
                          "), 0), coalesce(sum(n) FILTER (WHERE " + resolved +
                          "), 0) FROM chat_counts WHERE $1::bigint IS NOT NULL",
                      Params().add(a.staff_id));
    protocol::Counts c;
    c.working = r.integer(0, 0);
    c.pending = r.integer(0, 1);
    c.resolved = r.integer(0, 2);
    return c;
}

// The chats of the newest `wanted` messages matching the tsquery, newest first (id order, no
// ranking, as the SQLite store). GIN gives matches in no order, and the planner's estimate for
// prefix terms is blind (a one-in-a-million word and a word in every seventh message look alike):
// left to itself it walked all 1M rows backwards for a rare word (345 ms) and read two common
// words' whole posting lists (150 ms). So the plan is chosen here, from the density the newest
// messages show:
//  1. walk the newest `window` messages by id ("IS TRUE" keeps the planner off the GIN
//     index: the walk is bounded by the window) — enough for one common word or a prefix;
//  2. still short: if the density seen says the rest is within `max_walk` messages, walk
//     that far (two common words);
//  3. still short, or too sparse to walk: the rest from the GIN index alone (a MATERIALIZED CTE,
//     so no id-order plan), then sorted — cheap exactly when matches are rare.
std::vector<Id> newest_matching_messages(Connection& db, const std::string& query, int wanted,
                                         const SearchWalk& steps) {
    std::vector<Id> chats;
    auto newest = db.exec("SELECT coalesce(max(id), 0) FROM messages", Params());
    const Id top = newest.integer(0, 0);
    if (top == 0) return chats;
    auto walk = [&](Id from, Id below, int limit) {
        auto r = db.exec(
            "SELECT chat_id FROM messages WHERE id >= $2 AND id < $3 "
            "AND (tsv @@ to_tsquery('simple', $1)) IS TRUE ORDER BY id DESC LIMIT $4",
            Params().add(query).add(from).add(below).add(limit));
        for (int i = 0; i < r.rows(); ++i) chats.push_back(r.integer(i, 0));
        return r.rows();
    };
    Id low = std::max<Id>(1, top - steps.window + 1);
    const int first = walk(low, top + 1, wanted);
    if (first >= wanted || low == 1) return chats;
    const int need = wanted - first;
    if (first > 0) {
        const double density = static_cast<double>(first) / static_cast<double>(top - low + 1);
        const double span = 1.5 * need / density;
        if (span <= static_cast<double>(steps.max_walk)) {
            const Id from = std::max<Id>(1, low - static_cast<Id>(span));
            walk(from, low, need);
            low = from;
        }
    }
    const int left = wanted - static_cast<int>(chats.size());
    if (left <= 0 || low == 1) return chats;
    auto r = db.exec(
        "WITH m AS MATERIALIZED (SELECT id, chat_id FROM messages "
        "WHERE tsv @@ to_tsquery('simple', $1) AND id < $2) "
        "SELECT chat_id FROM m ORDER BY id DESC LIMIT $3",
        Params().add(query).add(low).add(left));
    for (int i = 0; i < r.rows(); ++i) chats.push_back(r.integer(i, 0));
    return chats;
}

std::vector<ChatRecord> PgTx::search(const std::string& q, const store::Audience& a,
                                     bool include_deleted, int limit) {
    const std::string query = ts_query(q);
    if (query.empty()) return {};
    std::vector<Id> ids;
    std::unordered_set<Id> seen;
    {
        auto r = db_.exec(
            "SELECT c.id FROM contacts ct JOIN chats c ON c.contact_id = ct.id "
            "WHERE ct.tsv @@ to_tsquery('simple', $1) ORDER BY c.last_message_at DESC LIMIT 500",
            Params().add(query));
        for (int i = 0; i < r.rows(); ++i)
            if (seen.insert(r.integer(i, 0)).second) ids.push_back(r.integer(i, 0));
    }
    for (Id chat : newest_matching_messages(db_, query, 2000))  // as the SQLite store
        if (seen.insert(chat).second) ids.push_back(chat);
    std::vector<Id> ordered;
    {
        auto r = db_.exec(
            "SELECT id FROM chats WHERE id = ANY($1::bigint[]) AND ($2::boolean OR NOT deleted) "
            "ORDER BY last_message_at DESC, id DESC",
            Params().add(id_array(ids)).add(include_deleted));
        for (int i = 0; i < r.rows(); ++i) ordered.push_back(r.integer(i, 0));
    }
    store::Audience audience = a;
    if (!a.everything) audience.queue_ids = staff_queue_ids(a.staff_id);
    const protocol::Viewer viewer = store::viewer_of(audience);
    std::vector<ChatRecord> out;
    // Load in slices of twice what is still missing, so a page costs few round trips.
    std::size_t next = 0;
    while (next < ordered.size() && static_cast<int>(out.size()) < limit) {
        const std::size_t want =
            std::max<std::size_t>(8, 2 * static_cast<std::size_t>(limit - out.size()));
        std::vector<Id> slice(ordered.begin() + next,
                              ordered.begin() + std::min(ordered.size(), next + want));
        next += slice.size();
        for (auto& r : load_chats(slice)) {
            if (static_cast<int>(out.size()) >= limit) break;
            if (protocol::sees_chat(viewer, r.chat)) out.push_back(std::move(r));
        }
    }
    return out;
}

std::vector<ChatRecord> PgTx::contact_chats(Id contact_id, int limit) {
    auto r = db_.exec("SELECT id FROM chats WHERE contact_id = $1 ORDER BY id DESC LIMIT $2",
                      Params().add(contact_id).add(limit));
    std::vector<Id> ids;
    for (int i = 0; i < r.rows(); ++i) ids.push_back(r.integer(i, 0));
    return load_chats(ids);
}

// ---- messages ---------------------------------------------------------------------------------

protocol::MessagePage PgTx::messages(const store::MessageQuery& q) {
    auto r = db_.exec(std::string(kMessageColumns) +
                          "WHERE chat_id = $1 AND id < $2 AND ($3::boolean OR kind <> 'note') "
                          "ORDER BY id DESC LIMIT $4",
                      Params()
                          .add(q.chat_id)
                          .add(q.before.value_or(std::numeric_limits<Id>::max()))
                          .add(q.include_notes)
                          .add(q.limit + 1));
    protocol::MessagePage page;
    for (int i = 0; i < r.rows(); ++i) page.messages.push_back(read_message(r, i));
    if (static_cast<int>(page.messages.size()) > q.limit) {
        page.messages.resize(static_cast<std::size_t>(q.limit));
        page.next_before = page.messages.back().id;
    }
    std::reverse(page.messages.begin(), page.messages.end());
    return page;
}

std::optional<protocol::Message> PgTx::message_by_client_id(Id chat_id, protocol::AuthorType type,
                                                            std::optional<Id> author_id,
                                                            const std::string& client_id) {
    auto r = db_.exec(std::string(kMessageColumns) +
                          "WHERE chat_id = $1 AND author_type = $2 AND coalesce(author_id, 0) = $3 "
                          "AND client_id = $4",
                      Params()
                          .add(chat_id)
                          .add(protocol::to_string(type))
                          .add(author_id.value_or(0))
                          .add(client_id));
    if (!r.rows()) return std::nullopt;
    return read_message(r, 0);
}

// ---- tokens, events, settings -----------------------------------------------------------------

store::TokenRecord read_token(const Result& r, int i) {
    store::TokenRecord t;
    t.kind = store::parse_token_kind(r.text(i, 0));
    t.staff_id = r.opt_integer(i, 1);
    t.chat_id = r.opt_integer(i, 2);
    t.contact_id = r.opt_integer(i, 3);
    t.label = r.text(i, 4);
    t.created_at = r.integer(i, 5);
    t.expires_at = r.opt_integer(i, 6);
    t.id = r.integer(i, 7);
    t.last_used_at = r.opt_integer(i, 8);
    return t;
}

std::optional<store::TokenRecord> PgTx::token(const std::string& hash) {
    auto r = db_.exec(std::string(kTokenColumns) + "WHERE hash = $1::bytea", Params().bytes(hash));
    if (!r.rows()) return std::nullopt;
    return read_token(r, 0);
}

std::vector<store::StoredEvent> PgTx::events_after(Seq after, int limit) {
    auto r = db_.exec(
        "SELECT seq, payload, reads, notify FROM events WHERE seq > $1 ORDER BY seq LIMIT $2",
        Params().add(after).add(limit));
    std::vector<store::StoredEvent> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        store::StoredEvent e;
        e.event = protocol::decode<protocol::Event>(r.text(i, 1));
        e.event.seq = r.integer(i, 0);
        store::decode_reads(r.text(i, 2), e.contact_msg_count, e.reads);
        e.notify_staff = store::parse_id_list(r.text(i, 3));
        out.push_back(std::move(e));
    }
    return out;
}

Seq PgTx::first_event_seq() {
    return db_.exec("SELECT coalesce(min(seq), 0) FROM events").integer(0, 0);
}

Seq PgTx::last_event_seq() {
    // The counter remembers the last seq even when old events were pruned.
    return db_.exec("SELECT seq FROM event_counter WHERE id = 1").integer(0, 0);
}

store::StatsInputs PgTx::stats_inputs(Time since, Time now) {
    store::StatsInputs in;
    {
        auto r = db_.exec(
            "SELECT c.id, ct.name, c.queue_id, c.waiting_since FROM chats c "
            "JOIN contacts ct ON ct.id = c.contact_id "
            "WHERE c.status = 'pending' AND NOT c.deleted ORDER BY c.waiting_since, c.id");
        for (int i = 0; i < r.rows(); ++i)
            in.pending.push_back({r.integer(i, 0), r.text(i, 1), r.integer(i, 2), r.integer(i, 3)});
    }
    {
        auto r = db_.exec(
            "SELECT assignee_id, sum(n) FROM chat_counts WHERE status = 'working' "
            "AND assignee_id <> 0 GROUP BY assignee_id HAVING sum(n) > 0 ORDER BY assignee_id");
        for (int i = 0; i < r.rows(); ++i)
            in.working_per_staff.emplace_back(r.integer(i, 0), r.integer(i, 1));
    }
    in.resolved_since =
        db_.exec("SELECT count(*) FROM chats WHERE resolved_at >= $1 AND status = 'resolved'",
                 Params().add(since))
            .integer(0, 0);
    {
        auto r = db_.exec(
            "SELECT first_response_at - created_at FROM chats WHERE created_at >= $1 "
            "AND first_response_at IS NOT NULL ORDER BY id",
            Params().add(since));
        for (int i = 0; i < r.rows(); ++i) in.first_response_ms.push_back(r.integer(i, 0));
    }
    {
        auto r = db_.exec(
            "SELECT accepted_at - created_at FROM chats WHERE accepted_at >= $1 ORDER BY id",
            Params().add(since));
        for (int i = 0; i < r.rows(); ++i) in.wait_ms.push_back(r.integer(i, 0));
    }
    {
        // A local day can last 25 hours (DST ends): "today" may start before now - 24 h.
        auto r = db_.exec("SELECT created_at FROM chats WHERE created_at >= $1 ORDER BY created_at",
                          Params().add(std::min(since, now - 24 * 3'600'000)));
        for (int i = 0; i < r.rows(); ++i) in.created_times.push_back(r.integer(i, 0));
    }
    return in;
}

std::optional<std::string> PgTx::setting(const std::string& key) {
    auto r = db_.exec("SELECT value FROM settings WHERE key = $1", Params().add(key));
    if (!r.rows()) return std::nullopt;
    return r.text(0, 0);
}

// ---- canned replies ---------------------------------------------------------------------------

std::vector<protocol::CannedReply> PgTx::canned_replies_for(Id staff_id) {
    auto r = db_.exec(std::string(kCannedColumns) +
                          "WHERE owner_staff_id IS NULL OR owner_staff_id = $1 "
                          "ORDER BY shortcut COLLATE \"C\", owner_staff_id IS NULL, id",
                      Params().add(staff_id));
    std::vector<protocol::CannedReply> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(read_canned(r, i).reply);
    return out;
}

std::optional<store::CannedRecord> PgTx::canned_reply(Id id) {
    auto r = db_.exec(std::string(kCannedColumns) + "WHERE id = $1", Params().add(id));
    if (!r.rows()) return std::nullopt;
    return read_canned(r, 0);
}

std::optional<Id> PgTx::canned_by_shortcut(const std::string& shortcut,
                                           std::optional<Id> owner_staff_id) {
    auto r = db_.exec(
        "SELECT id FROM canned_replies WHERE shortcut = $1 AND "
        "owner_staff_id IS NOT DISTINCT FROM $2::bigint",
        Params().add(shortcut).add(owner_staff_id));
    if (!r.rows()) return std::nullopt;
    return r.integer(0, 0);
}

Id PgTx::insert_canned(const store::NewCanned& c) {
    return db_
        .exec(
            "INSERT INTO canned_replies(shortcut, body, owner_staff_id, created_by, created_at, "
            "updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
            Params().add(c.shortcut).add(c.body).add(c.owner_staff_id).add(c.created_by).add(c.at))
        .integer(0, 0);
}

void PgTx::update_canned(Id id, const std::string& shortcut, const std::string& body, Time at) {
    db_.exec("UPDATE canned_replies SET shortcut = $1, body = $2, updated_at = $3 WHERE id = $4",
             Params().add(shortcut).add(body).add(at).add(id));
}

void PgTx::delete_canned(Id id) {
    db_.exec("DELETE FROM canned_replies WHERE id = $1", Params().add(id));
}

// ---- writes -----------------------------------------------------------------------------------

Id PgTx::insert_queue(const std::string& name) {
    return db_.exec("INSERT INTO queues(name) VALUES ($1) RETURNING id", Params().add(name))
        .integer(0, 0);
}

Id PgTx::insert_staff(const std::string& login, const std::string& name, protocol::Role role,
                      const std::string& password_hash, Time at) {
    return db_
        .exec(
            "INSERT INTO staff(login, name, role, password_hash, created_at) "
            "VALUES ($1, $2, $3, $4, $5) RETURNING id",
            Params().add(login).add(name).add(protocol::to_string(role)).add(password_hash).add(at))
        .integer(0, 0);
}

void PgTx::set_password(Id staff_id, const std::string& password_hash) {
    db_.exec("UPDATE staff SET password_hash = $1 WHERE id = $2",
             Params().add(password_hash).add(staff_id));
}

void PgTx::add_member(Id queue_id, Id staff_id) {
    db_.exec("INSERT INTO queue_members(queue_id, staff_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
             Params().add(queue_id).add(staff_id));
}

void PgTx::update_staff(Id staff_id, const protocol::MePatch& patch) {
    Params p;
    p.add(staff_id).add(patch.sign);
    if (patch.presence)
        p.add(std::string(protocol::to_string(*patch.presence)));
    else
        p.null();
    p.add(patch.name);
    db_.exec(
        "UPDATE staff SET sign = coalesce($2::boolean, sign), presence = coalesce($3, presence), "
        "name = coalesce($4, name) WHERE id = $1",
        p);
}

void PgTx::set_setting(const std::string& key, const std::string& value) {
    db_.exec(
        "INSERT INTO settings(key, value) VALUES ($1, $2) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        Params().add(key).add(value));
}

Id PgTx::insert_contact(const protocol::Contact& c, Time at) {
    return db_
        .exec(
            "INSERT INTO contacts(name, email, phone, channel, created_at) "
            "VALUES ($1, $2, $3, $4, $5) RETURNING id",
            Params().add(c.name).add(c.email).add(c.phone).add(c.channel).add(at))
        .integer(0, 0);
}

Id PgTx::insert_chat(Id queue_id, Id contact_id, Time at,
                     const std::optional<std::string>& start_key) {
    return db_
        .exec(
            "INSERT INTO chats(status, queue_id, contact_id, created_at, last_message_at, "
            "waiting_since, start_key) VALUES ('pending', $1, $2, $3, $3, $3, $4) RETURNING id",
            Params().add(queue_id).add(contact_id).add(at).add(start_key))
        .integer(0, 0);
}

bool PgTx::try_accept(Id chat_id, Id staff_id, Time at) {
    // One conditional UPDATE: a concurrent accept waits for this row and then re-checks the
    // WHERE on the new version (READ COMMITTED), so exactly one wins across every instance.
    auto r = db_.exec(
        "UPDATE chats SET status = 'working', assignee_id = $2, waiting_since = NULL, "
        "accepted_at = coalesce(accepted_at, $3), version = version + 1 "
        "WHERE id = $1 AND status = 'pending' AND NOT deleted RETURNING id",
        Params().add(chat_id).add(staff_id).add(at));
    return r.rows() == 1;
}

void PgTx::change_chat(Id chat_id, const store::ChatChange& ch) {
    Params p;
    p.add(chat_id);
    if (ch.status)
        p.add(std::string(protocol::to_string(*ch.status)));
    else
        p.null();
    p.add(ch.assignee_id.has_value());
    if (ch.assignee_id)
        p.add(*ch.assignee_id);
    else
        p.null();
    p.add(ch.queue_id);
    p.add(ch.waiting_since.has_value());
    if (ch.waiting_since)
        p.add(*ch.waiting_since);
    else
        p.null();
    p.add(ch.resolved_at.has_value());
    if (ch.resolved_at)
        p.add(*ch.resolved_at);
    else
        p.null();
    p.add(ch.deletion.has_value());
    if (ch.deletion && *ch.deletion)
        p.add((*ch.deletion)->by).add((*ch.deletion)->at);
    else
        p.null().null();
    db_.exec(
        "UPDATE chats SET "
        "status = coalesce($2, status), "
        "assignee_id = CASE WHEN $3::boolean THEN $4::bigint ELSE assignee_id END, "
        "queue_id = coalesce($5::bigint, queue_id), "
        "waiting_since = CASE WHEN $6::boolean THEN $7::bigint ELSE waiting_since END, "
        "resolved_at = CASE WHEN $8::boolean THEN $9::bigint ELSE resolved_at END, "
        "deleted = CASE WHEN $10::boolean THEN $11::bigint IS NOT NULL ELSE deleted END, "
        "deleted_by = CASE WHEN $10::boolean THEN $11::bigint ELSE deleted_by END, "
        "deleted_at = CASE WHEN $10::boolean THEN $12::bigint ELSE deleted_at END, "
        "version = version + 1 WHERE id = $1",
        p);
}

protocol::Message PgTx::insert_message(const store::NewMessage& m) {
    protocol::Message out;
    out.id = db_.exec(
                    "INSERT INTO messages(chat_id, kind, author_type, author_id, author_name, "
                    "signed, body, client_id, created_at) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                    Params()
                        .add(m.chat_id)
                        .add(protocol::to_string(m.kind))
                        .add(protocol::to_string(m.author.type))
                        .add(m.author.id)
                        .add(m.author.name)
                        .add(m.signed_)
                        .add(m.body)
                        .add(m.client_id)
                        .add(m.at))
                 .integer(0, 0);
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
    db_.exec(
        "UPDATE chats SET last_message_at = $2, "
        "last_message_preview = CASE WHEN $3::boolean THEN $4 ELSE last_message_preview END, "
        "contact_msg_count = contact_msg_count + $5, "
        "first_response_at = CASE WHEN $6::boolean THEN coalesce(first_response_at, $2) "
        "ELSE first_response_at END, version = version + 1 WHERE id = $1",
        Params()
            .add(m.chat_id)
            .add(m.at)
            .add(m.kind == protocol::MessageKind::text)
            .add(protocol::utf8_preview(m.body, protocol::kPreviewChars))
            .add(from_contact ? 1 : 0)
            .add(staff_reply));
    if (m.author.type == protocol::AuthorType::staff && m.author.id) {
        db_.exec(
            "INSERT INTO chat_participants(chat_id, staff_id, since) VALUES ($1, $2, $3) "
            "ON CONFLICT DO NOTHING",
            Params().add(m.chat_id).add(*m.author.id).add(m.at));
        mark_read(m.chat_id, *m.author.id);  // writing in a chat means having read it
    }
    return out;
}

void PgTx::mark_read(Id chat_id, Id staff_id) {
    db_.exec(
        "INSERT INTO chat_reads(chat_id, staff_id, read_count, marked_unread) "
        "SELECT id, $2, contact_msg_count, false FROM chats WHERE id = $1 "
        "ON CONFLICT (chat_id, staff_id) DO UPDATE SET read_count = excluded.read_count, "
        "marked_unread = false",
        Params().add(chat_id).add(staff_id));
}

void PgTx::mark_unread(Id chat_id, Id staff_id) {
    db_.exec(
        "INSERT INTO chat_reads(chat_id, staff_id, read_count, marked_unread) "
        "VALUES ($1, $2, 0, true) ON CONFLICT (chat_id, staff_id) DO UPDATE SET "
        "marked_unread = true",
        Params().add(chat_id).add(staff_id));
}

void PgTx::bump_version(Id chat_id) {
    db_.exec("UPDATE chats SET version = version + 1 WHERE id = $1", Params().add(chat_id));
}

void PgTx::insert_audit(const store::AuditEntry& a) {
    db_.exec(
        "INSERT INTO audit(at, actor_type, actor_id, action, chat_id, detail) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        Params()
            .add(a.at)
            .add(a.actor_type)
            .add(a.actor_id)
            .add(a.action)
            .add(a.chat_id)
            .add(a.detail));
}

store::StoredEvent PgTx::append_event(protocol::Event e, const std::vector<Id>& notify_staff) {
    store::StoredEvent out;
    out.notify_staff = notify_staff;
    if (e.chat) {
        auto r = chat(e.chat->id);
        if (!r) throw std::logic_error("event for a chat that does not exist");
        e.chat = r->chat;
        out.contact_msg_count = r->contact_msg_count;
        out.reads = r->reads;
    }
    // The seq comes from the one-row counter: its row lock, held until COMMIT, puts every
    // event-writing transaction of every instance in seq order.
    e.seq =
        db_.exec("UPDATE event_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq").integer(0, 0);
    std::string notify;
    for (Id id : notify_staff) notify += (notify.empty() ? "" : ",") + std::to_string(id);
    const Seq seq = e.seq;
    e.seq = 0;  // the payload does not carry it (as in the SQLite store)
    const std::string payload = protocol::encode(e);
    e.seq = seq;
    db_.exec(
        "INSERT INTO events(seq, type, at, chat_id, payload, reads, notify) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        Params()
            .add(seq)
            .add(protocol::to_string(e.type))
            .add(e.at)
            .add(e.chat ? std::optional<Id>(e.chat->id) : std::nullopt)
            .add(payload)
            .add(store::encode_reads(out.contact_msg_count, out.reads))
            .add(notify));
    last_appended_ = seq;
    out.event = std::move(e);
    return out;
}

Id PgTx::insert_token(const std::string& hash, const store::TokenRecord& t) {
    return db_
        .exec(
            "INSERT INTO tokens(hash, kind, staff_id, chat_id, contact_id, label, created_at, "
            "expires_at) VALUES ($1::bytea, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            Params()
                .bytes(hash)
                .add(store::to_string(t.kind))
                .add(t.staff_id)
                .add(t.chat_id)
                .add(t.contact_id)
                .add(t.label)
                .add(t.created_at)
                .add(t.expires_at))
        .integer(0, 0);
}

void PgTx::delete_token(const std::string& hash) {
    db_.exec("DELETE FROM tokens WHERE hash = $1::bytea", Params().bytes(hash));
}

void PgTx::delete_expired_tokens(Time now) {
    db_.exec("DELETE FROM tokens WHERE expires_at IS NOT NULL AND expires_at < $1",
             Params().add(now));
}

// Limit counters. READ COMMITTED alone would let two transactions read the same counter and
// both write it; a transaction-scoped advisory lock on the key makes the read "for update" even
// when the row does not exist yet (a row lock could not cover that case).
std::optional<store::LimitCounter> PgTx::limit_counter(const std::string& key) {
    db_.exec("SELECT pg_advisory_xact_lock(hashtextextended($1, 7))", Params().add(key));
    auto r = db_.exec("SELECT count, at, expires_at FROM limit_counters WHERE key = $1",
                      Params().add(key));
    if (!r.rows()) return std::nullopt;
    return store::LimitCounter{r.integer(0, 0), r.integer(0, 1), r.integer(0, 2)};
}

void PgTx::set_limit_counter(const std::string& key, const store::LimitCounter& c) {
    db_.exec(
        "INSERT INTO limit_counters(key, count, at, expires_at) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (key) DO UPDATE SET count = excluded.count, at = excluded.at, "
        "expires_at = excluded.expires_at",
        Params().add(key).add(c.count).add(c.at).add(c.expires_at));
}

void PgTx::delete_limit_counter(const std::string& key) {
    db_.exec("DELETE FROM limit_counters WHERE key = $1", Params().add(key));
}

void PgTx::delete_expired_limit_counters(Time now) {
    db_.exec("DELETE FROM limit_counters WHERE expires_at < $1", Params().add(now));
}

// The database server's clock, in ms since the epoch: every instance measures leases by it.
#define SB_PG_NOW_MS "(extract(epoch FROM clock_timestamp()) * 1000)::bigint"

void PgTx::hold_presence(const std::string& instance, const std::vector<Id>& staff_ids,
                         std::chrono::milliseconds ttl) {
    for (Id id : staff_ids)
        db_.exec(
            "INSERT INTO presence_leases(instance, staff_id, until) VALUES ($1, $2, " SB_PG_NOW_MS
            " + $3) ON CONFLICT (instance, staff_id) DO UPDATE SET until = excluded.until",
            Params().add(instance).add(id).add(static_cast<std::int64_t>(ttl.count())));
}

bool PgTx::hold_lease(const std::string& name, const std::string& holder,
                      std::chrono::milliseconds ttl) {
    auto r = db_.exec("INSERT INTO leases(name, holder, until) VALUES ($1, $2, " SB_PG_NOW_MS
                      " + $3) ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, "
                      "until = excluded.until WHERE leases.holder = excluded.holder OR "
                      "leases.until < " SB_PG_NOW_MS " RETURNING holder",
                      Params().add(name).add(holder).add(static_cast<std::int64_t>(ttl.count())));
    return r.rows() == 1;
}

std::vector<protocol::Staff> PgTx::lapsed_presence() {
    db_.exec("DELETE FROM presence_leases WHERE until < " SB_PG_NOW_MS);
    auto r = db_.exec(std::string(kStaffColumns) +
                      "WHERE s.presence <> 'offline' AND NOT EXISTS "
                      "(SELECT 1 FROM presence_leases l WHERE l.staff_id = s.id) ORDER BY s.id");
    std::vector<protocol::Staff> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(read_staff(r, i).staff);
    return out;
}
#undef SB_PG_NOW_MS

}  // namespace sb::server::postgres
