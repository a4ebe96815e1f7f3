// The JSON codec of protocol/model.h on nlohmann/json; see json.h for the rules.
#include "protocol/json.h"

#include <limits>
#include <nlohmann/json.hpp>

#include "protocol/time.h"
#include "protocol/validate.h"

namespace sb::protocol {

void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    for (char c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    static const char hex[] = "0123456789abcdef";
                    out += "\\u00";
                    out += hex[(c >> 4) & 0xF];
                    out += hex[c & 0xF];
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

using json = nlohmann::json;

namespace {

// ---- reading: one read() overload per type; `path` names the field in errors ----------------

// Forward declarations, so that the templates below find every overload.
void read(const json& j, const std::string& p, Queue& o);
void read(const json& j, const std::string& p, StaffRef& o);
void read(const json& j, const std::string& p, Contact& o);
void read(const json& j, const std::string& p, Chat& o);
void read(const json& j, const std::string& p, Author& o);
void read(const json& j, const std::string& p, Message& o);
void read(const json& j, const std::string& p, Staff& o);
void read(const json& j, const std::string& p, Typing& o);
void read(const json& j, const std::string& p, Event& o);
void read(const json& j, const std::string& p, Error& o);
void read(const json& j, const std::string& p, Hello& o);
void read(const json& j, const std::string& p, Ready& o);
void read(const json& j, const std::string& p, Resync& o);
void read(const json& j, const std::string& p, LoginRequest& o);
void read(const json& j, const std::string& p, LoginResponse& o);
void read(const json& j, const std::string& p, MePatch& o);
void read(const json& j, const std::string& p, StaffList& o);
void read(const json& j, const std::string& p, QueueList& o);
void read(const json& j, const std::string& p, Counts& o);
void read(const json& j, const std::string& p, ChatPage& o);
void read(const json& j, const std::string& p, MessagePage& o);
void read(const json& j, const std::string& p, SendMessageRequest& o);
void read(const json& j, const std::string& p, TransferRequest& o);
void read(const json& j, const std::string& p, ContactStartRequest& o);
void read(const json& j, const std::string& p, ContactStartResponse& o);
void read(const json& j, const std::string& p, Thresholds& o);
void read(const json& j, const std::string& p, QueueStats& o);
void read(const json& j, const std::string& p, AgentStats& o);
void read(const json& j, const std::string& p, WaitingChat& o);
void read(const json& j, const std::string& p, HourCount& o);
void read(const json& j, const std::string& p, Stats& o);
void read(const json& j, const std::string& p, CannedReply& o);
void read(const json& j, const std::string& p, CannedReplyList& o);
void read(const json& j, const std::string& p, CannedCreateRequest& o);
void read(const json& j, const std::string& p, CannedPatchRequest& o);
json write(const Queue& v);
json write(const StaffRef& v);
json write(const Contact& v);
json write(const Chat& v);
json write(const Author& v);
json write(const Message& v);
json write(const Staff& v);
json write(const Typing& v);
json write(const Event& v);
json write(const Error& v);
json write(const Hello& v);
json write(const Ready& v);
json write(const Resync& v);
json write(const LoginRequest& v);
json write(const LoginResponse& v);
json write(const MePatch& v);
json write(const StaffList& v);
json write(const QueueList& v);
json write(const Counts& v);
json write(const ChatPage& v);
json write(const MessagePage& v);
json write(const SendMessageRequest& v);
json write(const TransferRequest& v);
json write(const ContactStartRequest& v);
json write(const ContactStartResponse& v);
json write(const Thresholds& v);
json write(const QueueStats& v);
json write(const AgentStats& v);
json write(const WaitingChat& v);
json write(const HourCount& v);
json write(const Stats& v);
json write(const CannedReply& v);
json write(const CannedReplyList& v);
json write(const CannedCreateRequest& v);
json write(const CannedPatchRequest& v);
template <class T>
void read(const json& j, const std::string& p, std::vector<T>& out);

[[noreturn]] void fail(const std::string& path, const std::string& what) {
    throw DecodeError(path.empty() ? what : path + ": " + what);
}

std::string join(const std::string& path, const char* key) {
    return path.empty() ? std::string(key) : path + "." + key;
}

void read(const json& j, const std::string& path, std::string& out) {
    if (!j.is_string()) fail(path, "expected a string");
    out = j.get<std::string>();
}

void read(const json& j, const std::string& path, std::int64_t& out) {
    if (j.is_number_unsigned()) {
        const auto u = j.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            fail(path, "integer out of range");
        out = static_cast<std::int64_t>(u);
        return;
    }
    if (!j.is_number_integer()) fail(path, "expected an integer");
    out = j.get<std::int64_t>();
}

void read(const json& j, const std::string& path, bool& out) {
    if (!j.is_boolean()) fail(path, "expected true or false");
    out = j.get<bool>();
}

template <class E>
void read_enum(const json& j, const std::string& path, E& out,
               std::optional<E> (*parse)(std::string_view), const char* expected) {
    if (!j.is_string()) fail(path, std::string("expected one of ") + expected);
    auto v = parse(j.get_ref<const std::string&>());
    if (!v) fail(path, std::string("expected one of ") + expected);
    out = *v;
}

void read(const json& j, const std::string& p, ChatStatus& o) {
    read_enum(j, p, o, parse_chat_status, "pending, working, resolved");
}
void read(const json& j, const std::string& p, MessageKind& o) {
    read_enum(j, p, o, parse_message_kind, "text, note, system");
}
void read(const json& j, const std::string& p, AuthorType& o) {
    read_enum(j, p, o, parse_author_type, "contact, staff, system");
}
void read(const json& j, const std::string& p, Role& o) {
    read_enum(j, p, o, parse_role, "agent, supervisor, admin");
}
void read(const json& j, const std::string& p, Presence& o) {
    read_enum(j, p, o, parse_presence, "online, away, offline");
}
void read(const json& j, const std::string& p, EventType& o) {
    read_enum(j, p, o, parse_event_type, "the event types of API.md");
}
void read(const json& j, const std::string& p, Level& o) {
    read_enum(j, p, o, parse_level, "normal, amber, red");
}

void read_time(const json& j, const std::string& path, Time& out) {
    if (!j.is_string()) fail(path, "expected an RFC 3339 time string");
    auto t = parse_time(j.get_ref<const std::string&>());
    if (!t) fail(path, "expected an RFC 3339 time string");
    out = *t;
}

const json& object_at(const json& j, const std::string& path) {
    if (!j.is_object()) fail(path, "expected an object");
    return j;
}

// Required field: present and not null.
template <class T>
void req(const json& o, const std::string& path, const char* key, T& out);
// Optional field: absent or null gives nullopt.
template <class T>
void opt(const json& o, const std::string& path, const char* key, std::optional<T>& out);

void req_time(const json& o, const std::string& path, const char* key, Time& out) {
    auto it = o.find(key);
    if (it == o.end() || it->is_null()) fail(join(path, key), "missing");
    read_time(*it, join(path, key), out);
}
void opt_time(const json& o, const std::string& path, const char* key, std::optional<Time>& out) {
    auto it = o.find(key);
    if (it == o.end() || it->is_null()) {
        out.reset();
        return;
    }
    Time t;
    read_time(*it, join(path, key), t);
    out = t;
}

void read(const json& j, const std::string& p, Queue& o) {
    object_at(j, p);
    req(j, p, "id", o.id);
    req(j, p, "name", o.name);
}
void read(const json& j, const std::string& p, StaffRef& o) {
    object_at(j, p);
    req(j, p, "id", o.id);
    req(j, p, "name", o.name);
}
void read(const json& j, const std::string& p, Contact& o) {
    object_at(j, p);
    req(j, p, "id", o.id);
    req(j, p, "name", o.name);
    opt(j, p, "email", o.email);
    opt(j, p, "phone", o.phone);
    std::optional<std::string> channel;
    opt(j, p, "channel", channel);
    o.channel = channel.value_or("web");
}

template <class T>
void read(const json& j, const std::string& p, std::vector<T>& out) {
    if (!j.is_array()) fail(p, "expected an array");
    out.clear();
    out.reserve(j.size());
    for (std::size_t i = 0; i < j.size(); ++i) {
        T v{};
        read(j[i], p + "[" + std::to_string(i) + "]", v);
        out.push_back(std::move(v));
    }
}

void read(const json& j, const std::string& p, Chat& o) {
    object_at(j, p);
    req(j, p, "id", o.id);
    req(j, p, "status", o.status);
    req(j, p, "queue", o.queue);
    req(j, p, "contact", o.contact);
    opt(j, p, "assignee", o.assignee);
    std::optional<std::vector<StaffRef>> participants;
    opt(j, p, "participants", participants);
    o.participants = participants.value_or(std::vector<StaffRef>{});
    std::optional<bool> unread;
    opt(j, p, "unread", unread);
    o.unread = unread.value_or(false);
    std::optional<std::int64_t> unread_count;
    opt(j, p, "unread_count", unread_count);
    o.unread_count = unread_count.value_or(0);
    req_time(j, p, "created_at", o.created_at);
    req_time(j, p, "last_message_at", o.last_message_at);
    opt_time(j, p, "waiting_since", o.waiting_since);
    opt_time(j, p, "first_response_at", o.first_response_at);
    opt_time(j, p, "resolved_at", o.resolved_at);
    req(j, p, "deleted", o.deleted);
    req(j, p, "version", o.version);
    std::optional<std::string> preview;
    opt(j, p, "last_message_preview", preview);
    o.last_message_preview = preview.value_or("");
}
void read(const json& j, const std::string& p, Author& o) {
    object_at(j, p);
    req(j, p, "type", o.type);
    opt(j, p, "id", o.id);
    opt(j, p, "name", o.name);
}
void read(const json& j, const std::string& p, Message& o) {
    object_at(j, p);
    req(j, p, "id", o.id);
    req(j, p, "chat_id", o.chat_id);
    req(j, p, "kind", o.kind);
    req(j, p, "author", o.author);
    req(j, p, "signed", o.signed_);
    req(j, p, "body", o.body);
    opt(j, p, "client_id", o.client_id);
    req_time(j, p, "created_at", o.created_at);
}
void read(const json& j, const std::string& p, Staff& o) {
    object_at(j, p);
    req(j, p, "id", o.id);
    req(j, p, "login", o.login);
    req(j, p, "name", o.name);
    req(j, p, "role", o.role);
    req(j, p, "queues", o.queues);
    req(j, p, "sign", o.sign);
    req(j, p, "presence", o.presence);
}
void read(const json& j, const std::string& p, Typing& o) {
    object_at(j, p);
    req(j, p, "chat_id", o.chat_id);
    req(j, p, "author", o.author);
}
void read(const json& j, const std::string& p, Event& o) {
    object_at(j, p);
    req(j, p, "seq", o.seq);
    req(j, p, "type", o.type);
    req_time(j, p, "at", o.at);
    opt(j, p, "chat", o.chat);
    opt(j, p, "message", o.message);
    opt(j, p, "staff", o.staff);
    opt(j, p, "typing", o.typing);
}
void read(const json& j, const std::string& p, Error& o) {
    object_at(j, p);
    auto it = j.find("error");
    if (it == j.end()) fail(join(p, "error"), "missing");
    const std::string ep = join(p, "error");
    object_at(*it, ep);
    req(*it, ep, "code", o.code);
    req(*it, ep, "message", o.message);
    opt(*it, ep, "assignee", o.assignee);
}

void expect_type(const json& j, const std::string& p, const char* type) {
    std::string t;
    req(j, p, "type", t);
    if (t != type) fail(join(p, "type"), std::string("expected \"") + type + "\"");
}

void read(const json& j, const std::string& p, Hello& o) {
    object_at(j, p);
    expect_type(j, p, "hello");
    req(j, p, "token", o.token);
    std::optional<std::int64_t> since;
    opt(j, p, "since", since);
    o.since = since.value_or(0);
    if (o.since < 0) fail(join(p, "since"), "must not be negative");
}
void read(const json& j, const std::string& p, Ready& o) {
    object_at(j, p);
    expect_type(j, p, "ready");
    req(j, p, "seq", o.seq);
}
void read(const json& j, const std::string& p, Resync& o) {
    object_at(j, p);
    expect_type(j, p, "resync");
    std::optional<std::int64_t> seq;
    opt(j, p, "seq", seq);
    o.seq = seq.value_or(0);
}
void read(const json& j, const std::string& p, LoginRequest& o) {
    object_at(j, p);
    req(j, p, "login", o.login);
    req(j, p, "password", o.password);
    if (auto e = check_name("login", o.login)) fail("", *e);
    if (o.password.size() > 1024) fail("password", "longer than 1024 bytes");
}
void read(const json& j, const std::string& p, LoginResponse& o) {
    object_at(j, p);
    req(j, p, "token", o.token);
    req_time(j, p, "expires_at", o.expires_at);
    req(j, p, "staff", o.staff);
}
void read(const json& j, const std::string& p, MePatch& o) {
    object_at(j, p);
    opt(j, p, "sign", o.sign);
    opt(j, p, "presence", o.presence);
    opt(j, p, "name", o.name);
    if (!o.sign && !o.presence && !o.name)
        fail("", "nothing to change: give sign, presence or name");
    if (o.name)
        if (auto e = check_name("name", *o.name)) fail("", *e);
}
void read(const json& j, const std::string& p, StaffList& o) {
    object_at(j, p);
    req(j, p, "staff", o.staff);
}
void read(const json& j, const std::string& p, QueueList& o) {
    object_at(j, p);
    req(j, p, "queues", o.queues);
}
void read(const json& j, const std::string& p, Counts& o) {
    object_at(j, p);
    req(j, p, "working", o.working);
    req(j, p, "pending", o.pending);
    req(j, p, "resolved", o.resolved);
}
void read(const json& j, const std::string& p, ChatPage& o) {
    object_at(j, p);
    req(j, p, "chats", o.chats);
    opt(j, p, "next_cursor", o.next_cursor);
    req(j, p, "counts", o.counts);
}
void read(const json& j, const std::string& p, MessagePage& o) {
    object_at(j, p);
    req(j, p, "messages", o.messages);
    opt(j, p, "next_before", o.next_before);
}
void read(const json& j, const std::string& p, SendMessageRequest& o) {
    object_at(j, p);
    req(j, p, "body", o.body);
    req(j, p, "client_id", o.client_id);
    std::optional<MessageKind> kind;
    opt(j, p, "kind", kind);
    o.kind = kind.value_or(MessageKind::text);
    if (o.kind == MessageKind::system) fail("kind", "expected one of text, note");
    if (auto e = check_message_body(o.body)) fail("", *e);
    if (auto e = check_client_id(o.client_id)) fail("", *e);
}
void read(const json& j, const std::string& p, TransferRequest& o) {
    object_at(j, p);
    opt(j, p, "staff_id", o.staff_id);
    opt(j, p, "queue_id", o.queue_id);
    if (!o.staff_id && !o.queue_id) fail("", "give staff_id, queue_id or both");
}
void read(const json& j, const std::string& p, ContactStartRequest& o) {
    object_at(j, p);
    req(j, p, "name", o.name);
    opt(j, p, "email", o.email);
    opt(j, p, "phone", o.phone);
    opt(j, p, "queue_id", o.queue_id);
    req(j, p, "body", o.body);
    opt(j, p, "client_id", o.client_id);
    if (auto e = check_name("name", o.name)) fail("", *e);
    if (o.email)
        if (auto e = check_name("email", *o.email)) fail("", *e);
    if (o.phone)
        if (auto e = check_name("phone", *o.phone)) fail("", *e);
    if (auto e = check_message_body(o.body)) fail("", *e);
    if (o.client_id)
        if (auto e = check_client_id(*o.client_id)) fail("", *e);
}
void read(const json& j, const std::string& p, ContactStartResponse& o) {
    object_at(j, p);
    req(j, p, "chat_id", o.chat_id);
    req(j, p, "contact_token", o.contact_token);
    req(j, p, "chat", o.chat);
    req(j, p, "message", o.message);
}
void read(const json& j, const std::string& p, Thresholds& o) {
    object_at(j, p);
    req(j, p, "wait_amber_seconds", o.wait_amber_seconds);
    req(j, p, "wait_red_seconds", o.wait_red_seconds);
    req(j, p, "pending_amber", o.pending_amber);
    req(j, p, "pending_red", o.pending_red);
    req(j, p, "first_response_amber_seconds", o.first_response_amber_seconds);
    req(j, p, "first_response_red_seconds", o.first_response_red_seconds);
}
void read(const json& j, const std::string& p, QueueStats& o) {
    object_at(j, p);
    req(j, p, "queue", o.queue);
    req(j, p, "pending", o.pending);
    req(j, p, "longest_wait_seconds", o.longest_wait_seconds);
    req(j, p, "level", o.level);
}
void read(const json& j, const std::string& p, AgentStats& o) {
    object_at(j, p);
    req(j, p, "staff", o.staff);
    req(j, p, "role", o.role);
    req(j, p, "presence", o.presence);
    req(j, p, "working", o.working);
}
void read(const json& j, const std::string& p, WaitingChat& o) {
    object_at(j, p);
    req(j, p, "chat_id", o.chat_id);
    req(j, p, "contact_name", o.contact_name);
    req(j, p, "queue", o.queue);
    req_time(j, p, "waiting_since", o.waiting_since);
    req(j, p, "wait_seconds", o.wait_seconds);
    req(j, p, "level", o.level);
}
void read(const json& j, const std::string& p, HourCount& o) {
    object_at(j, p);
    req_time(j, p, "hour", o.hour);
    req(j, p, "count", o.count);
}
void read(const json& j, const std::string& p, Stats& o) {
    object_at(j, p);
    req_time(j, p, "at", o.at);
    req(j, p, "timezone", o.timezone);
    req(j, p, "queues", o.queues);
    req(j, p, "pending_total", o.pending_total);
    req(j, p, "longest_wait_seconds", o.longest_wait_seconds);
    req(j, p, "longest_wait_level", o.longest_wait_level);
    req(j, p, "agents", o.agents);
    req(j, p, "agents_online", o.agents_online);
    req(j, p, "agents_away", o.agents_away);
    req(j, p, "agents_offline", o.agents_offline);
    req(j, p, "resolved_today", o.resolved_today);
    req(j, p, "incoming_today", o.incoming_today);
    opt(j, p, "median_first_response_seconds_today", o.median_first_response_seconds_today);
    req(j, p, "first_response_level", o.first_response_level);
    opt(j, p, "median_wait_seconds_today", o.median_wait_seconds_today);
    req(j, p, "incoming_per_hour", o.incoming_per_hour);
    req(j, p, "longest_waiting", o.longest_waiting);
    req(j, p, "thresholds", o.thresholds);
}

void read(const json& j, const std::string& p, CannedReply& o) {
    object_at(j, p);
    req(j, p, "id", o.id);
    req(j, p, "shortcut", o.shortcut);
    req(j, p, "body", o.body);
    req(j, p, "shared", o.shared);
    opt(j, p, "owner_id", o.owner_id);
    req_time(j, p, "updated_at", o.updated_at);
}
void read(const json& j, const std::string& p, CannedReplyList& o) {
    object_at(j, p);
    req(j, p, "items", o.items);
}
void read(const json& j, const std::string& p, CannedCreateRequest& o) {
    object_at(j, p);
    req(j, p, "shortcut", o.shortcut);
    req(j, p, "body", o.body);
    std::optional<bool> shared;
    opt(j, p, "shared", shared);
    o.shared = shared.value_or(false);
    if (auto e = check_canned_shortcut(o.shortcut)) fail("", *e);
    if (auto e = check_canned_body(o.body)) fail("", *e);
}
void read(const json& j, const std::string& p, CannedPatchRequest& o) {
    object_at(j, p);
    opt(j, p, "shortcut", o.shortcut);
    opt(j, p, "body", o.body);
    if (j.contains("shared"))
        fail("shared", "cannot be changed: delete the reply and create it again");
    if (!o.shortcut && !o.body) fail("", "nothing to change: give shortcut, body or both");
    if (o.shortcut)
        if (auto e = check_canned_shortcut(*o.shortcut)) fail("", *e);
    if (o.body)
        if (auto e = check_canned_body(*o.body)) fail("", *e);
}

template <class T>
void req(const json& o, const std::string& path, const char* key, T& out) {
    auto it = o.find(key);
    if (it == o.end() || it->is_null()) fail(join(path, key), "missing");
    read(*it, join(path, key), out);
}

template <class T>
void opt(const json& o, const std::string& path, const char* key, std::optional<T>& out) {
    auto it = o.find(key);
    if (it == o.end() || it->is_null()) {
        out.reset();
        return;
    }
    T v{};
    read(*it, join(path, key), v);
    out = std::move(v);
}

// ---- writing: one write() overload per type ---------------------------------------------------

json time_json(Time t) {
    return format_time(t);
}
json opt_time_json(const std::optional<Time>& t) {
    return t ? json(format_time(*t)) : json();
}

json write(const Queue& v) {
    return {{"id", v.id}, {"name", v.name}};
}
json write(const StaffRef& v) {
    return {{"id", v.id}, {"name", v.name}};
}
json write(const Contact& v) {
    json j = {{"id", v.id}, {"name", v.name}, {"channel", v.channel}};
    if (v.email) j["email"] = *v.email;
    if (v.phone) j["phone"] = *v.phone;
    return j;
}
template <class T>
json write(const std::vector<T>& v) {
    json a = json::array();
    for (const auto& x : v) a.push_back(write(x));
    return a;
}
json write(const Chat& v) {
    return {{"id", v.id},
            {"status", to_string(v.status)},
            {"queue", write(v.queue)},
            {"contact", write(v.contact)},
            {"assignee", v.assignee ? write(*v.assignee) : json()},
            {"participants", write(v.participants)},
            {"unread", v.unread},
            {"unread_count", v.unread_count},
            {"created_at", time_json(v.created_at)},
            {"last_message_at", time_json(v.last_message_at)},
            {"waiting_since", opt_time_json(v.waiting_since)},
            {"first_response_at", opt_time_json(v.first_response_at)},
            {"resolved_at", opt_time_json(v.resolved_at)},
            {"deleted", v.deleted},
            {"version", v.version},
            {"last_message_preview", v.last_message_preview}};
}
json write(const Author& v) {
    json j = {{"type", to_string(v.type)}};
    if (v.id) j["id"] = *v.id;
    if (v.name) j["name"] = *v.name;
    return j;
}
json write(const Message& v) {
    json j = {{"id", v.id},
              {"chat_id", v.chat_id},
              {"kind", to_string(v.kind)},
              {"author", write(v.author)},
              {"signed", v.signed_},
              {"body", v.body},
              {"created_at", time_json(v.created_at)}};
    if (v.client_id) j["client_id"] = *v.client_id;
    return j;
}
json write(const Staff& v) {
    return {{"id", v.id},
            {"login", v.login},
            {"name", v.name},
            {"role", to_string(v.role)},
            {"queues", v.queues},
            {"sign", v.sign},
            {"presence", to_string(v.presence)}};
}
json write(const Typing& v) {
    return {{"chat_id", v.chat_id}, {"author", write(v.author)}};
}
json write(const Event& v) {
    json j = {{"seq", v.seq}, {"type", to_string(v.type)}, {"at", time_json(v.at)}};
    if (v.chat) j["chat"] = write(*v.chat);
    if (v.message) j["message"] = write(*v.message);
    if (v.staff) j["staff"] = write(*v.staff);
    if (v.typing) j["typing"] = write(*v.typing);
    return j;
}
json write(const Error& v) {
    json e = {{"code", v.code}, {"message", v.message}};
    if (v.assignee) e["assignee"] = write(*v.assignee);
    return {{"error", e}};
}
json write(const Hello& v) {
    return {{"type", "hello"}, {"token", v.token}, {"since", v.since}};
}
json write(const Ready& v) {
    return {{"type", "ready"}, {"seq", v.seq}};
}
json write(const Resync& v) {
    return {{"type", "resync"}, {"seq", v.seq}};
}
json write(const LoginRequest& v) {
    return {{"login", v.login}, {"password", v.password}};
}
json write(const LoginResponse& v) {
    return {{"token", v.token}, {"expires_at", time_json(v.expires_at)}, {"staff", write(v.staff)}};
}
json write(const MePatch& v) {
    json j = json::object();
    if (v.sign) j["sign"] = *v.sign;
    if (v.presence) j["presence"] = to_string(*v.presence);
    if (v.name) j["name"] = *v.name;
    return j;
}
json write(const StaffList& v) {
    return {{"staff", write(v.staff)}};
}
json write(const QueueList& v) {
    return {{"queues", write(v.queues)}};
}
json write(const Counts& v) {
    return {{"working", v.working}, {"pending", v.pending}, {"resolved", v.resolved}};
}
json write(const ChatPage& v) {
    return {{"chats", write(v.chats)},
            {"next_cursor", v.next_cursor ? json(*v.next_cursor) : json()},
            {"counts", write(v.counts)}};
}
json write(const MessagePage& v) {
    return {{"messages", write(v.messages)},
            {"next_before", v.next_before ? json(*v.next_before) : json()}};
}
json write(const SendMessageRequest& v) {
    return {{"body", v.body}, {"client_id", v.client_id}, {"kind", to_string(v.kind)}};
}
json write(const TransferRequest& v) {
    json j = json::object();
    if (v.staff_id) j["staff_id"] = *v.staff_id;
    if (v.queue_id) j["queue_id"] = *v.queue_id;
    return j;
}
json write(const ContactStartRequest& v) {
    json j = {{"name", v.name}, {"body", v.body}};
    if (v.email) j["email"] = *v.email;
    if (v.phone) j["phone"] = *v.phone;
    if (v.queue_id) j["queue_id"] = *v.queue_id;
    if (v.client_id) j["client_id"] = *v.client_id;
    return j;
}
json write(const ContactStartResponse& v) {
    return {{"chat_id", v.chat_id},
            {"contact_token", v.contact_token},
            {"chat", write(v.chat)},
            {"message", write(v.message)}};
}
json write(const Thresholds& v) {
    return {{"wait_amber_seconds", v.wait_amber_seconds},
            {"wait_red_seconds", v.wait_red_seconds},
            {"pending_amber", v.pending_amber},
            {"pending_red", v.pending_red},
            {"first_response_amber_seconds", v.first_response_amber_seconds},
            {"first_response_red_seconds", v.first_response_red_seconds}};
}
json write(const QueueStats& v) {
    return {{"queue", write(v.queue)},
            {"pending", v.pending},
            {"longest_wait_seconds", v.longest_wait_seconds},
            {"level", to_string(v.level)}};
}
json write(const AgentStats& v) {
    return {{"staff", write(v.staff)},
            {"role", to_string(v.role)},
            {"presence", to_string(v.presence)},
            {"working", v.working}};
}
json write(const WaitingChat& v) {
    return {{"chat_id", v.chat_id},           {"contact_name", v.contact_name},
            {"queue", write(v.queue)},        {"waiting_since", time_json(v.waiting_since)},
            {"wait_seconds", v.wait_seconds}, {"level", to_string(v.level)}};
}
json write(const HourCount& v) {
    return {{"hour", time_json(v.hour)}, {"count", v.count}};
}
json opt_int(const std::optional<std::int64_t>& v) {
    return v ? json(*v) : json();
}
json write(const Stats& v) {
    return {{"at", time_json(v.at)},
            {"timezone", v.timezone},
            {"queues", write(v.queues)},
            {"pending_total", v.pending_total},
            {"longest_wait_seconds", v.longest_wait_seconds},
            {"longest_wait_level", to_string(v.longest_wait_level)},
            {"agents", write(v.agents)},
            {"agents_online", v.agents_online},
            {"agents_away", v.agents_away},
            {"agents_offline", v.agents_offline},
            {"resolved_today", v.resolved_today},
            {"incoming_today", v.incoming_today},
            {"median_first_response_seconds_today", opt_int(v.median_first_response_seconds_today)},
            {"first_response_level", to_string(v.first_response_level)},
            {"median_wait_seconds_today", opt_int(v.median_wait_seconds_today)},
            {"incoming_per_hour", write(v.incoming_per_hour)},
            {"longest_waiting", write(v.longest_waiting)},
            {"thresholds", write(v.thresholds)}};
}

json write(const CannedReply& v) {
    json j = {{"id", v.id},
              {"shortcut", v.shortcut},
              {"body", v.body},
              {"shared", v.shared},
              {"updated_at", time_json(v.updated_at)}};
    if (v.owner_id) j["owner_id"] = *v.owner_id;
    return j;
}
json write(const CannedReplyList& v) {
    return {{"items", write(v.items)}};
}
json write(const CannedCreateRequest& v) {
    return {{"shortcut", v.shortcut}, {"body", v.body}, {"shared", v.shared}};
}
json write(const CannedPatchRequest& v) {
    json j = json::object();
    if (v.shortcut) j["shortcut"] = *v.shortcut;
    if (v.body) j["body"] = *v.body;
    return j;
}

json parse_text(std::string_view text) {
    if (text.size() > kMaxRequestBytes * 64) throw DecodeError("document too large");
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::exception& e) {
        // nlohmann reports invalid UTF-8 inside strings as a parse error too, and a number too
        // big for a double (1e999) as out_of_range: both are malformed input.
        throw DecodeError(std::string("malformed JSON: ") + e.what());
    }
}

}  // namespace

template <class T>
std::string encode(const T& value) {
    // Invalid UTF-8 is replaced rather than thrown: text is checked on the way in.
    return write(value).dump(-1, ' ', false, json::error_handler_t::replace);
}

template <class T>
T decode(std::string_view text) {
    const json j = parse_text(text);
    T out{};
    read(j, "", out);
    return out;
}

ServerFrame decode_server_frame(std::string_view text) {
    const json j = parse_text(text);
    if (!j.is_object()) fail("", "expected an object");
    if (j.contains("error")) {
        Error e;
        read(j, "", e);
        return e;
    }
    std::string type;
    req(j, "", "type", type);
    if (type == "ready") {
        Ready r;
        read(j, "", r);
        return r;
    }
    if (type == "ping") return Ping{};
    if (type == "resync") {
        Resync r;
        read(j, "", r);
        return r;
    }
    Event e;
    read(j, "", e);
    return e;
}

#define SB_PROTOCOL_CODEC(T)                  \
    template std::string encode<T>(const T&); \
    template T decode<T>(std::string_view);

SB_PROTOCOL_CODEC(Queue)
SB_PROTOCOL_CODEC(StaffRef)
SB_PROTOCOL_CODEC(Contact)
SB_PROTOCOL_CODEC(Chat)
SB_PROTOCOL_CODEC(Author)
SB_PROTOCOL_CODEC(Message)
SB_PROTOCOL_CODEC(Staff)
SB_PROTOCOL_CODEC(Typing)
SB_PROTOCOL_CODEC(Event)
SB_PROTOCOL_CODEC(Error)
SB_PROTOCOL_CODEC(Hello)
SB_PROTOCOL_CODEC(Ready)
SB_PROTOCOL_CODEC(Resync)
SB_PROTOCOL_CODEC(LoginRequest)
SB_PROTOCOL_CODEC(LoginResponse)
SB_PROTOCOL_CODEC(MePatch)
SB_PROTOCOL_CODEC(StaffList)
SB_PROTOCOL_CODEC(QueueList)
SB_PROTOCOL_CODEC(Counts)
SB_PROTOCOL_CODEC(ChatPage)
SB_PROTOCOL_CODEC(MessagePage)
SB_PROTOCOL_CODEC(SendMessageRequest)
SB_PROTOCOL_CODEC(TransferRequest)
SB_PROTOCOL_CODEC(ContactStartRequest)
SB_PROTOCOL_CODEC(ContactStartResponse)
SB_PROTOCOL_CODEC(Thresholds)
SB_PROTOCOL_CODEC(Stats)
SB_PROTOCOL_CODEC(CannedReply)
SB_PROTOCOL_CODEC(CannedReplyList)
SB_PROTOCOL_CODEC(CannedCreateRequest)
SB_PROTOCOL_CODEC(CannedPatchRequest)

#undef SB_PROTOCOL_CODEC

}  // namespace sb::protocol
