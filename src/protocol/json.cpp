// The JSON codec of protocol/model.h on nlohmann/json; see json.h for the rules.
//
// Each type's fields are described once, by a describe(visitor, object) overload below; the
// Reader and the Writer walk the same description, so the two directions cannot drift. A field
// is one of:
//   v.req(key, x)              required; always written
//   v.opt(key, optional x)     absent or null reads as nullopt; nullopt is left out when written
//   v.nullable(key, optional)  the same when read; nullopt is written as null
//   v.def(key, x, fallback)    absent or null reads as fallback; always written
//   v.time / v.nullable_time   the same for Time (epoch ms), RFC 3339 on the wire
//   v.tag(key, "name")         a constant ("type":"hello"): must be that when read; written
//   v.refuse(key, why)         present at all is an error when read; never written
//   v.object(key, fn)          a nested object whose fields fn describes (Error's "error")
// Fields are read in the order they are described, so the first bad one is the one reported.
// Checks beyond the shape (limits of protocol/validate.h) are check() overloads, run after the
// fields are read.
#include "protocol/json.h"

#include <limits>
#include <nlohmann/json.hpp>
#include <type_traits>

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

// ---- the fields of every type, once --------------------------------------------------------

// Each describe() takes the object as S& with S = T or const T (the Writer walks a const value).
#define SB_DESCRIBE(T)                                 \
    template <class V, class S>                        \
    requires std::is_same_v<std::remove_const_t<S>, T> \
    void describe(V& v, S& o)

SB_DESCRIBE(Queue) {
    v.req("id", o.id);
    v.req("name", o.name);
}
SB_DESCRIBE(StaffRef) {
    v.req("id", o.id);
    v.req("name", o.name);
}
SB_DESCRIBE(Contact) {
    v.req("id", o.id);
    v.req("name", o.name);
    v.opt("email", o.email);
    v.opt("phone", o.phone);
    v.def("channel", o.channel, std::string("web"));
}
SB_DESCRIBE(Chat) {
    v.req("id", o.id);
    v.req("status", o.status);
    v.req("queue", o.queue);
    v.req("contact", o.contact);
    v.nullable("assignee", o.assignee);
    v.def("participants", o.participants, std::vector<StaffRef>{});
    v.def("unread", o.unread, false);
    v.def("unread_count", o.unread_count, std::int64_t{0});
    v.time("created_at", o.created_at);
    v.time("last_message_at", o.last_message_at);
    v.nullable_time("waiting_since", o.waiting_since);
    v.nullable_time("first_response_at", o.first_response_at);
    v.nullable_time("resolved_at", o.resolved_at);
    v.req("deleted", o.deleted);
    v.req("version", o.version);
    v.def("last_message_preview", o.last_message_preview, std::string());
}
SB_DESCRIBE(Author) {
    v.req("type", o.type);
    v.opt("id", o.id);
    v.opt("name", o.name);
}
SB_DESCRIBE(Message) {
    v.req("id", o.id);
    v.req("chat_id", o.chat_id);
    v.req("kind", o.kind);
    v.req("author", o.author);
    v.req("signed", o.signed_);
    v.req("body", o.body);
    v.opt("client_id", o.client_id);
    v.time("created_at", o.created_at);
}
SB_DESCRIBE(Staff) {
    v.req("id", o.id);
    v.req("login", o.login);
    v.req("name", o.name);
    v.req("role", o.role);
    v.req("queues", o.queues);
    v.req("sign", o.sign);
    v.req("presence", o.presence);
    v.def("active", o.active, true);
}
SB_DESCRIBE(QueueInfo) {
    v.req("id", o.id);
    v.req("name", o.name);
    v.def("archived", o.archived, false);
    v.def("pending", o.pending, std::int64_t{0});
    v.def("members", o.members, std::vector<Id>{});
}
SB_DESCRIBE(Typing) {
    v.req("chat_id", o.chat_id);
    v.req("author", o.author);
}
SB_DESCRIBE(Event) {
    v.req("seq", o.seq);
    v.req("type", o.type);
    v.time("at", o.at);
    v.opt("chat", o.chat);
    v.opt("message", o.message);
    v.opt("staff", o.staff);
    v.opt("typing", o.typing);
    v.opt("queue", o.queue_info);
}
SB_DESCRIBE(Error) {
    v.object("error", [&](auto& e) {
        e.req("code", o.code);
        e.req("message", o.message);
        e.opt("assignee", o.assignee);
        e.opt("field", o.field);
    });
}
SB_DESCRIBE(Hello) {
    v.tag("type", "hello");
    v.req("token", o.token);
    v.def("since", o.since, Seq{0});
}
SB_DESCRIBE(Ready) {
    v.tag("type", "ready");
    v.req("seq", o.seq);
}
SB_DESCRIBE(Resync) {
    v.tag("type", "resync");
    v.def("seq", o.seq, Seq{0});
}
SB_DESCRIBE(LoginRequest) {
    v.req("login", o.login);
    v.req("password", o.password);
}
SB_DESCRIBE(LoginResponse) {
    v.req("token", o.token);
    v.time("expires_at", o.expires_at);
    v.req("staff", o.staff);
}
SB_DESCRIBE(MePatch) {
    v.opt("sign", o.sign);
    v.opt("presence", o.presence);
    v.opt("name", o.name);
}
SB_DESCRIBE(StaffList) {
    v.req("staff", o.staff);
}
SB_DESCRIBE(QueueList) {
    v.req("queues", o.queues);
}
SB_DESCRIBE(Counts) {
    v.req("working", o.working);
    v.req("pending", o.pending);
    v.req("resolved", o.resolved);
}
SB_DESCRIBE(ChatPage) {
    v.req("chats", o.chats);
    v.nullable("next_cursor", o.next_cursor);
    v.req("counts", o.counts);
}
SB_DESCRIBE(MessagePage) {
    v.req("messages", o.messages);
    v.nullable("next_before", o.next_before);
}
SB_DESCRIBE(SendMessageRequest) {
    v.req("body", o.body);
    v.req("client_id", o.client_id);
    v.def("kind", o.kind, MessageKind::text);
}
SB_DESCRIBE(TransferRequest) {
    v.opt("staff_id", o.staff_id);
    v.opt("queue_id", o.queue_id);
}
SB_DESCRIBE(ContactStartRequest) {
    v.req("name", o.name);
    v.opt("email", o.email);
    v.opt("phone", o.phone);
    v.opt("queue_id", o.queue_id);
    v.req("body", o.body);
    v.opt("client_id", o.client_id);
}
SB_DESCRIBE(ContactStartResponse) {
    v.req("chat_id", o.chat_id);
    v.req("contact_token", o.contact_token);
    v.req("chat", o.chat);
    v.req("message", o.message);
}
SB_DESCRIBE(Thresholds) {
    v.req("wait_amber_seconds", o.wait_amber_seconds);
    v.req("wait_red_seconds", o.wait_red_seconds);
    v.req("pending_amber", o.pending_amber);
    v.req("pending_red", o.pending_red);
    v.req("first_response_amber_seconds", o.first_response_amber_seconds);
    v.req("first_response_red_seconds", o.first_response_red_seconds);
}
SB_DESCRIBE(QueueStats) {
    v.req("queue", o.queue);
    v.req("pending", o.pending);
    v.req("longest_wait_seconds", o.longest_wait_seconds);
    v.req("level", o.level);
}
SB_DESCRIBE(AgentStats) {
    v.req("staff", o.staff);
    v.req("role", o.role);
    v.req("presence", o.presence);
    v.req("working", o.working);
}
SB_DESCRIBE(WaitingChat) {
    v.req("chat_id", o.chat_id);
    v.req("contact_name", o.contact_name);
    v.req("queue", o.queue);
    v.time("waiting_since", o.waiting_since);
    v.req("wait_seconds", o.wait_seconds);
    v.req("level", o.level);
}
SB_DESCRIBE(HourCount) {
    v.time("hour", o.hour);
    v.req("count", o.count);
}
SB_DESCRIBE(Stats) {
    v.time("at", o.at);
    v.req("timezone", o.timezone);
    v.req("queues", o.queues);
    v.req("pending_total", o.pending_total);
    v.req("longest_wait_seconds", o.longest_wait_seconds);
    v.req("longest_wait_level", o.longest_wait_level);
    v.req("agents", o.agents);
    v.req("agents_online", o.agents_online);
    v.req("agents_away", o.agents_away);
    v.req("agents_offline", o.agents_offline);
    v.req("resolved_today", o.resolved_today);
    v.req("incoming_today", o.incoming_today);
    v.nullable("median_first_response_seconds_today", o.median_first_response_seconds_today);
    v.req("first_response_level", o.first_response_level);
    v.nullable("median_wait_seconds_today", o.median_wait_seconds_today);
    v.req("incoming_per_hour", o.incoming_per_hour);
    v.req("longest_waiting", o.longest_waiting);
    v.req("thresholds", o.thresholds);
}
SB_DESCRIBE(CannedReply) {
    v.req("id", o.id);
    v.req("shortcut", o.shortcut);
    v.req("body", o.body);
    v.req("shared", o.shared);
    v.opt("owner_id", o.owner_id);
    v.time("updated_at", o.updated_at);
}
SB_DESCRIBE(CannedReplyList) {
    v.req("items", o.items);
}
SB_DESCRIBE(CannedCreateRequest) {
    v.req("shortcut", o.shortcut);
    v.req("body", o.body);
    v.def("shared", o.shared, false);
}
SB_DESCRIBE(CannedPatchRequest) {
    v.opt("shortcut", o.shortcut);
    v.opt("body", o.body);
    v.refuse("shared", "cannot be changed: delete the reply and create it again");
}
SB_DESCRIBE(StaffCreateRequest) {
    v.req("login", o.login);
    v.req("name", o.name);
    v.def("role", o.role, Role::agent);
    v.def("queues", o.queues, std::vector<Id>{});
    v.req("password", o.password);
}
SB_DESCRIBE(StaffPatchRequest) {
    v.opt("name", o.name);
    v.opt("role", o.role);
    v.opt("active", o.active);
    v.opt("password", o.password);
    v.refuse("login", "cannot be changed: create another staff member");
}
SB_DESCRIBE(QueueInfoList) {
    v.req("queues", o.queues);
}
SB_DESCRIBE(QueueCreateRequest) {
    v.req("name", o.name);
}
SB_DESCRIBE(QueuePatchRequest) {
    v.opt("name", o.name);
    v.opt("archived", o.archived);
}
SB_DESCRIBE(WebhookInfo) {
    v.req("url", o.url);
    v.nullable_time("last_attempt_at", o.last_attempt_at);
    v.nullable("last_status", o.last_status);
    v.nullable("last_error", o.last_error);
}
template <class V, class S>
void describe_token_info(V& v, S& o) {
    v.req("id", o.id);
    v.req("kind", o.kind);
    v.req("label", o.label);
    v.time("created_at", o.created_at);
    v.nullable_time("expires_at", o.expires_at);
    v.nullable_time("last_used_at", o.last_used_at);
    v.opt("webhook", o.webhook);
}
SB_DESCRIBE(TokenInfo) {
    describe_token_info(v, o);
}
SB_DESCRIBE(TokenList) {
    v.req("tokens", o.tokens);
}
SB_DESCRIBE(TokenCreateRequest) {
    v.req("kind", o.kind);
    v.def("label", o.label, std::string{});
    v.nullable_time("expires_at", o.expires_at);
}
SB_DESCRIBE(TokenCreated) {
    describe_token_info(v, o.info);
    v.req("token", o.token);
}
SB_DESCRIBE(AdminSettings) {
    v.req("thresholds", o.thresholds);
    v.req("time_zone", o.time_zone);
}
SB_DESCRIBE(SettingsPatch) {
    v.opt("thresholds", o.thresholds);
    v.opt("time_zone", o.time_zone);
}
SB_DESCRIBE(AuditItem) {
    v.req("id", o.id);
    v.time("at", o.at);
    v.req("actor_type", o.actor_type);
    v.nullable("actor_id", o.actor_id);
    v.nullable("actor_name", o.actor_name);
    v.req("action", o.action);
    v.nullable("chat_id", o.chat_id);
    v.req("detail", o.detail);
}
SB_DESCRIBE(AuditPage) {
    v.req("items", o.items);
    v.nullable("next_cursor", o.next_cursor);
}

#undef SB_DESCRIBE

template <class T>
concept Described = requires(T& o, int& v) {
    describe(v, o);
};

[[noreturn]] void fail(const std::string& path, const std::string& what) {
    throw DecodeError(path.empty() ? what : path + ": " + what, path);
}
// A check's message that already names its field ("name is empty").
[[noreturn]] void fail_field(const std::string& field, const std::string& message) {
    throw DecodeError(message, field);
}

// ---- what a request must hold beyond its shape (protocol/validate.h) -----------------------

void check(Hello& o) {
    if (o.since < 0) fail("since", "must not be negative");
}
void check(LoginRequest& o) {
    if (auto e = check_name("login", o.login)) fail("", *e);
    if (o.password.size() > 1024) fail("password", "longer than 1024 bytes");
}
void check(MePatch& o) {
    if (!o.sign && !o.presence && !o.name)
        fail("", "nothing to change: give sign, presence or name");
    if (o.name)
        if (auto e = check_name("name", *o.name)) fail("", *e);
}
void check(SendMessageRequest& o) {
    if (o.kind == MessageKind::system) fail("kind", "expected one of text, note");
    if (auto e = check_message_body(o.body)) fail("", *e);
    if (auto e = check_client_id(o.client_id)) fail("", *e);
}
void check(TransferRequest& o) {
    if (!o.staff_id && !o.queue_id) fail("", "give staff_id, queue_id or both");
}
void check(ContactStartRequest& o) {
    if (auto e = check_name("name", o.name)) fail("", *e);
    if (o.email)
        if (auto e = check_name("email", *o.email)) fail("", *e);
    if (o.phone)
        if (auto e = check_name("phone", *o.phone)) fail("", *e);
    if (auto e = check_message_body(o.body)) fail("", *e);
    if (o.client_id)
        if (auto e = check_client_id(*o.client_id)) fail("", *e);
}
void check(CannedCreateRequest& o) {
    if (auto e = check_canned_shortcut(o.shortcut)) fail("", *e);
    if (auto e = check_canned_body(o.body)) fail("", *e);
}
void check(CannedPatchRequest& o) {
    if (!o.shortcut && !o.body) fail("", "nothing to change: give shortcut, body or both");
    if (o.shortcut)
        if (auto e = check_canned_shortcut(*o.shortcut)) fail("", *e);
    if (o.body)
        if (auto e = check_canned_body(*o.body)) fail("", *e);
}
void check(StaffCreateRequest& o) {
    if (auto e = check_name("login", o.login)) fail_field("login", *e);
    if (o.login.find_first_of(" \t") != std::string::npos)
        fail_field("login", "login must not contain spaces");
    if (auto e = check_name("name", o.name)) fail_field("name", *e);
    if (auto e = check_new_password(o.password)) fail_field("password", *e);
}
void check(StaffPatchRequest& o) {
    if (!o.name && !o.role && !o.active && !o.password)
        fail("", "nothing to change: give name, role, active or password");
    if (o.name)
        if (auto e = check_name("name", *o.name)) fail_field("name", *e);
    if (o.password)
        if (auto e = check_new_password(*o.password)) fail_field("password", *e);
}
void check(QueueCreateRequest& o) {
    if (auto e = check_name("name", o.name)) fail_field("name", *e);
}
void check(QueuePatchRequest& o) {
    if (!o.name && !o.archived) fail("", "nothing to change: give name, archived or both");
    if (o.name)
        if (auto e = check_name("name", *o.name)) fail_field("name", *e);
}
void check(TokenCreateRequest& o) {
    if (protocol::utf8_length(o.label) > kMaxNameChars) fail("label", "longer than 200 characters");
}
void check(SettingsPatch& o) {
    if (!o.thresholds && !o.time_zone) fail("", "nothing to change: give thresholds, time_zone");
}
template <class T>
void check(T&) {}  // no rule beyond the shape

// ---- reading ---------------------------------------------------------------------------------

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
void read(const json& j, const std::string& p, TokenKind& o) {
    read_enum(j, p, o, parse_token_kind, "display, integration");
}

void read_time(const json& j, const std::string& path, Time& out) {
    if (!j.is_string()) fail(path, "expected an RFC 3339 time string");
    auto t = parse_time(j.get_ref<const std::string&>());
    if (!t) fail(path, "expected an RFC 3339 time string");
    out = *t;
}

template <class T>
void read(const json& j, const std::string& p, std::vector<T>& out);
template <Described T>
void read(const json& j, const std::string& p, T& out);

// Reads the fields of one JSON object at `path` (e.g. "chat.queue") into a described type.
class Reader {
  public:
    Reader(const json& j, std::string path) : j_(j), path_(std::move(path)) {
        if (!j_.is_object()) fail(path_, "expected an object");
    }

    template <class T>
    void req(const char* key, T& out) {
        read(present(key), join(path_, key), out);
    }
    void time(const char* key, Time& out) { read_time(present(key), join(path_, key), out); }
    template <class T>
    void opt(const char* key, std::optional<T>& out) {
        const json* f = find(key);
        if (!f) return out.reset();
        T v{};
        read(*f, join(path_, key), v);
        out = std::move(v);
    }
    template <class T>
    void nullable(const char* key, std::optional<T>& out) {
        opt(key, out);
    }
    void nullable_time(const char* key, std::optional<Time>& out) {
        const json* f = find(key);
        if (!f) return out.reset();
        Time t;
        read_time(*f, join(path_, key), t);
        out = t;
    }
    template <class T>
    void def(const char* key, T& out, T fallback) {
        std::optional<T> v;
        opt(key, v);
        out = v ? std::move(*v) : std::move(fallback);
    }
    void tag(const char* key, const char* value) {
        std::string t;
        req(key, t);
        if (t != value) fail(join(path_, key), std::string("expected \"") + value + "\"");
    }
    void refuse(const char* key, const char* why) {
        if (j_.contains(key)) fail(join(path_, key), why);
    }
    template <class F>
    void object(const char* key, F&& fields) {
        auto it = j_.find(key);
        if (it == j_.end()) fail(join(path_, key), "missing");
        Reader inner(*it, join(path_, key));
        fields(inner);
    }

  private:
    // The field, or nullptr when absent or null.
    const json* find(const char* key) const {
        auto it = j_.find(key);
        return it == j_.end() || it->is_null() ? nullptr : &*it;
    }
    const json& present(const char* key) const {
        const json* f = find(key);
        if (!f) fail(join(path_, key), "missing");
        return *f;
    }

    const json& j_;
    std::string path_;
};

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

template <Described T>
void read(const json& j, const std::string& p, T& out) {
    Reader r(j, p);
    describe(r, out);
    check(out);
}

// ---- writing ---------------------------------------------------------------------------------

json write(const std::string& v) {
    return v;
}
json write(std::int64_t v) {
    return v;
}
json write(bool v) {
    return v;
}
template <class E>
requires std::is_enum_v<E> json write(E v) {
    return to_string(v);
}
template <class T>
json write(const std::vector<T>& v);
template <Described T>
json write(const T& v);

// Writes the fields of a described type into one JSON object.
class Writer {
  public:
    template <class T>
    void req(const char* key, const T& v) {
        j_[key] = write(v);
    }
    void time(const char* key, Time t) { j_[key] = format_time(t); }
    template <class T>
    void opt(const char* key, const std::optional<T>& v) {
        if (v) j_[key] = write(*v);
    }
    template <class T>
    void nullable(const char* key, const std::optional<T>& v) {
        j_[key] = v ? write(*v) : json();
    }
    void nullable_time(const char* key, const std::optional<Time>& t) {
        j_[key] = t ? json(format_time(*t)) : json();
    }
    template <class T>
    void def(const char* key, const T& v, const T&) {
        req(key, v);
    }
    void tag(const char* key, const char* value) { j_[key] = value; }
    void refuse(const char*, const char*) {}
    template <class F>
    void object(const char* key, F&& fields) {
        Writer inner;
        fields(inner);
        j_[key] = std::move(inner.j_);
    }

    json take() { return std::move(j_); }

  private:
    json j_ = json::object();
};

template <class T>
json write(const std::vector<T>& v) {
    json a = json::array();
    for (const auto& x : v) a.push_back(write(x));
    return a;
}

template <Described T>
json write(const T& v) {
    Writer w;
    describe(w, v);
    return w.take();
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
    Reader(j, "").req("type", type);
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
SB_PROTOCOL_CODEC(QueueInfo)
SB_PROTOCOL_CODEC(StaffCreateRequest)
SB_PROTOCOL_CODEC(StaffPatchRequest)
SB_PROTOCOL_CODEC(QueueInfoList)
SB_PROTOCOL_CODEC(QueueCreateRequest)
SB_PROTOCOL_CODEC(QueuePatchRequest)
SB_PROTOCOL_CODEC(TokenInfo)
SB_PROTOCOL_CODEC(TokenList)
SB_PROTOCOL_CODEC(TokenCreateRequest)
SB_PROTOCOL_CODEC(TokenCreated)
SB_PROTOCOL_CODEC(AdminSettings)
SB_PROTOCOL_CODEC(SettingsPatch)
SB_PROTOCOL_CODEC(AuditItem)
SB_PROTOCOL_CODEC(AuditPage)

#undef SB_PROTOCOL_CODEC

}  // namespace sb::protocol
