// The one definition of what Switchboard's server and clients exchange: chats, messages, staff,
// queues, events, errors, the WebSocket hello/resync frames and the REST request/answer bodies
// of shared/API.md (documented field by field in docs/api.md). Plain structs and enums only;
// the JSON codec is in protocol/json.h, the limits and checks in protocol/validate.h.
//
// Times are Unix epoch milliseconds (Time) in memory and RFC 3339 UTC strings on the wire
// (protocol/time.h converts). Ids are 64-bit integers; 0 never names anything.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb::protocol {

using Id = std::int64_t;
using Seq = std::int64_t;
using Time = std::int64_t;  // milliseconds since the Unix epoch, UTC

enum class ChatStatus { pending, working, resolved };
enum class MessageKind { text, note, system };
enum class AuthorType { contact, staff, system };
enum class Role { agent, supervisor, admin };
enum class Presence { online, away, offline };
enum class EventType {
    chat_created,      // "chat.created": chat
    chat_updated,      // "chat.updated": chat (status, assignee, read state, version ...)
    chat_deleted,      // "chat.deleted": chat (deleted = true)
    chat_restored,     // "chat.restored": chat (deleted = false)
    message_created,   // "message.created": message and chat (the chat after the message)
    typing,            // "typing": typing; not stored, seq = 0 (does not move `since`)
    presence_changed,  // "presence.changed": staff
    staff_updated,     // "staff.updated": staff (also: created, deactivated, queues changed)
    queue_updated,     // "queue.updated": queue_info (a queue created, renamed or archived)
    // "token.revoked": no payload. Internal: the event hubs of every instance re-check the
    // display sockets they hold (a display or integration token was revoked); never sent.
    token_revoked,
};

// ---- objects --------------------------------------------------------------------------------

struct Queue {
    Id id = 0;
    std::string name;
    bool operator==(const Queue&) const = default;
};

// A staff member as other objects mention them: {id, name}.
struct StaffRef {
    Id id = 0;
    std::string name;
    bool operator==(const StaffRef&) const = default;
};

struct Contact {
    Id id = 0;
    std::string name;
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::string channel = "web";  // where the contact writes from: "web" (widget) or an integration
    bool operator==(const Contact&) const = default;
};

struct Chat {
    Id id = 0;
    ChatStatus status = ChatStatus::pending;
    Queue queue;
    Contact contact;
    std::optional<StaffRef> assignee;    // null unless working (kept on resolved: who resolved)
    std::vector<StaffRef> participants;  // staff who wrote in the chat, in order of first reply
    bool unread = false;                 // for the caller
    std::int64_t unread_count = 0;       // contact messages the caller has not read
    Time created_at = 0;
    Time last_message_at = 0;
    std::optional<Time> waiting_since;      // set while pending
    std::optional<Time> first_response_at;  // first staff reply
    std::optional<Time> resolved_at;
    bool deleted = false;
    std::int64_t version = 1;          // grows with every change; If-Match compares it
    std::string last_message_preview;  // up to 120 characters of the last text message
    bool operator==(const Chat&) const = default;
};

struct Author {
    AuthorType type = AuthorType::system;
    std::optional<Id> id;             // contact or staff id; absent for system lines
    std::optional<std::string> name;  // contact name, or staff name (contacts: signed replies only)
    bool operator==(const Author&) const = default;
};

struct Message {
    Id id = 0;
    Id chat_id = 0;
    MessageKind kind = MessageKind::text;
    Author author;
    bool signed_ = false;  // "signed" on the wire: the author's Sign was on when it was sent
    std::string body;
    std::optional<std::string> client_id;
    Time created_at = 0;
    bool operator==(const Message&) const = default;
};

struct Staff {
    Id id = 0;
    std::string login;
    std::string name;
    Role role = Role::agent;
    std::vector<Id> queues;
    bool sign = false;
    Presence presence = Presence::offline;
    bool active = true;  // false: deactivated by an admin (cannot log in; no sessions)
    bool operator==(const Staff&) const = default;
};

// A queue as administration sees it (GET /admin/queues, queue.updated events).
struct QueueInfo {
    Id id = 0;
    std::string name;
    bool archived = false;     // takes no new chats; not listed by GET /queues
    std::int64_t pending = 0;  // pending, not deleted chats in it now
    std::vector<Id> members;   // staff ids, ascending
    bool operator==(const QueueInfo&) const = default;
};

// Somebody is typing in a chat. Staff see who; the contact sees a staff name only if the
// typist signs their replies.
struct Typing {
    Id chat_id = 0;
    Author author;
    bool operator==(const Typing&) const = default;
};

struct Event {
    Seq seq = 0;  // one increasing sequence over all stored events; 0 for typing
    EventType type = EventType::chat_updated;
    Time at = 0;
    std::optional<Chat> chat;
    std::optional<Message> message;
    std::optional<Staff> staff;
    std::optional<Typing> typing;
    std::optional<QueueInfo> queue_info;  // queue.updated
    bool operator==(const Event&) const = default;
};

// {"error": {"code", "message", "assignee"?, "field"?}}; assignee names the winner of a lost
// accept; field the request field a 400 (or an administration 409) is about.
struct Error {
    std::string code;
    std::string message;
    std::optional<StaffRef> assignee;
    std::optional<std::string> field;  // the request field at fault, when there is one
    bool operator==(const Error&) const = default;
};

// ---- WebSocket frames ------------------------------------------------------------------------

// Client → server, first frame: {"type":"hello","token":"…","since":N}.
struct Hello {
    std::string token;
    Seq since = 0;
    bool operator==(const Hello&) const = default;
};

// Server → client frames other than events.
//   {"type":"ready","seq":N}  after the replay: N is the last seq the server has sent/kept
//   {"type":"resync","seq":N} `since` is older than the server keeps: reload lists, resume at N
//   {"type":"error","error":{...}} hello refused (bad token); the socket is then closed
struct Ready {
    Seq seq = 0;
    bool operator==(const Ready&) const = default;
};
struct Resync {
    Seq seq = 0;
    bool operator==(const Resync&) const = default;
};
//   {"type":"ping"} every 25 s from the transport, so a client hears something: ignore it
struct Ping {
    bool operator==(const Ping&) const = default;
};

// ---- REST bodies ----------------------------------------------------------------------------

struct LoginRequest {
    std::string login;
    std::string password;
    bool operator==(const LoginRequest&) const = default;
};
struct LoginResponse {
    std::string token;
    Time expires_at = 0;
    Staff staff;
    bool operator==(const LoginResponse&) const = default;
};

// PATCH /me: every field optional, at least one.
struct MePatch {
    std::optional<bool> sign;
    std::optional<Presence> presence;
    std::optional<std::string> name;
    bool operator==(const MePatch&) const = default;
};

struct StaffList {
    std::vector<Staff> staff;
    bool operator==(const StaffList&) const = default;
};
struct QueueList {
    std::vector<Queue> queues;
    bool operator==(const QueueList&) const = default;
};

struct Counts {
    std::int64_t working = 0;
    std::int64_t pending = 0;
    std::int64_t resolved = 0;
    bool operator==(const Counts&) const = default;
};

// GET /chats and GET /chats/search.
struct ChatPage {
    std::vector<Chat> chats;
    std::optional<std::string> next_cursor;  // absent on the last page
    Counts counts;
    bool operator==(const ChatPage&) const = default;
};

// GET /chats/{id}/messages: newest page first, each page in chronological order.
struct MessagePage {
    std::vector<Message> messages;
    std::optional<Id> next_before;  // pass as ?before= for the older page; absent at the start
    bool operator==(const MessagePage&) const = default;
};

struct SendMessageRequest {
    std::string body;
    std::string client_id;
    MessageKind kind = MessageKind::text;  // text or note (staff); contacts send text
    bool operator==(const SendMessageRequest&) const = default;
};

struct TransferRequest {
    std::optional<Id> staff_id;
    std::optional<Id> queue_id;
    bool operator==(const TransferRequest&) const = default;
};

struct ContactStartRequest {
    std::string name;
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::optional<Id> queue_id;  // default: the first queue
    std::string body;
    std::optional<std::string> client_id;
    bool operator==(const ContactStartRequest&) const = default;
};
struct ContactStartResponse {
    Id chat_id = 0;
    std::string contact_token;
    Chat chat;  // the contact's view
    Message message;
    bool operator==(const ContactStartResponse&) const = default;
};

// ---- GET /stats (K2, K3) ---------------------------------------------------------------------

enum class Level { normal, amber, red };

struct Thresholds {
    std::int64_t wait_amber_seconds = 120;  // a pending chat waiting longer is amber
    std::int64_t wait_red_seconds = 300;
    std::int64_t pending_amber = 5;  // pending chats in one queue
    std::int64_t pending_red = 10;
    std::int64_t first_response_amber_seconds = 60;  // median first response today
    std::int64_t first_response_red_seconds = 180;
    bool operator==(const Thresholds&) const = default;
};

struct QueueStats {
    Queue queue;
    std::int64_t pending = 0;
    std::int64_t longest_wait_seconds = 0;
    Level level = Level::normal;  // worst of pending count and longest wait
    bool operator==(const QueueStats&) const = default;
};

struct AgentStats {
    StaffRef staff;
    Role role = Role::agent;
    Presence presence = Presence::offline;
    std::int64_t working = 0;  // chats assigned and working
    bool operator==(const AgentStats&) const = default;
};

struct WaitingChat {
    Id chat_id = 0;
    std::string contact_name;
    Queue queue;
    Time waiting_since = 0;
    std::int64_t wait_seconds = 0;
    Level level = Level::normal;
    bool operator==(const WaitingChat&) const = default;
};

struct HourCount {
    Time hour = 0;  // start of the hour
    std::int64_t count = 0;
    bool operator==(const HourCount&) const = default;
};

struct Stats {
    Time at = 0;
    std::string timezone;  // "today" is midnight to midnight here
    std::vector<QueueStats> queues;
    std::int64_t pending_total = 0;
    std::int64_t longest_wait_seconds = 0;
    Level longest_wait_level = Level::normal;
    std::vector<AgentStats> agents;
    std::int64_t agents_online = 0;
    std::int64_t agents_away = 0;
    std::int64_t agents_offline = 0;
    std::int64_t resolved_today = 0;
    std::int64_t incoming_today = 0;
    std::optional<std::int64_t> median_first_response_seconds_today;  // null: no replies yet
    Level first_response_level = Level::normal;
    std::optional<std::int64_t> median_wait_seconds_today;  // created → accepted, today
    std::vector<HourCount> incoming_per_hour;               // 24 entries, oldest first
    std::vector<WaitingChat> longest_waiting;               // up to 10, longest first
    Thresholds thresholds;
    bool operator==(const Stats&) const = default;
};

// ---- canned replies (E12) ---------------------------------------------------------------------

// A saved answer an agent inserts by typing "/" and its shortcut in the composer. Shared ones
// (owner_id absent) belong to the whole team; personal ones only to their owner.
struct CannedReply {
    Id id = 0;
    std::string shortcut;  // 1-32 of [a-z0-9_-]
    std::string body;      // 1-4,000 characters
    bool shared = false;
    std::optional<Id> owner_id;  // the owner of a personal reply; absent when shared
    Time updated_at = 0;
    bool operator==(const CannedReply&) const = default;
};

// GET /canned: my personal replies and every shared one, by shortcut (personal first on ties).
struct CannedReplyList {
    std::vector<CannedReply> items;
    bool operator==(const CannedReplyList&) const = default;
};

// POST /canned.
struct CannedCreateRequest {
    std::string shortcut;
    std::string body;
    bool shared = false;
    bool operator==(const CannedCreateRequest&) const = default;
};

// PATCH /canned/{id}: at least one field.
struct CannedPatchRequest {
    std::optional<std::string> shortcut;
    std::optional<std::string> body;
    bool operator==(const CannedPatchRequest&) const = default;
};

// ---- administration (API.md, "Administration") -----------------------------------------------

// POST /admin/staff.
struct StaffCreateRequest {
    std::string login;
    std::string name;
    Role role = Role::agent;
    std::vector<Id> queues;
    std::string password;  // at least kMinPasswordChars characters
    bool operator==(const StaffCreateRequest&) const = default;
};

// PATCH /admin/staff/{id}: at least one field. active:false ends the person's sessions and
// returns their working chats to Pending; password ends their sessions too.
struct StaffPatchRequest {
    std::optional<std::string> name;
    std::optional<Role> role;
    std::optional<bool> active;
    std::optional<std::string> password;
    bool operator==(const StaffPatchRequest&) const = default;
};

struct QueueInfoList {
    std::vector<QueueInfo> queues;
    bool operator==(const QueueInfoList&) const = default;
};

// POST /admin/queues.
struct QueueCreateRequest {
    std::string name;
    bool operator==(const QueueCreateRequest&) const = default;
};

// PATCH /admin/queues/{id}: at least one field. Archiving a queue with pending chats is a 409.
struct QueuePatchRequest {
    std::optional<std::string> name;
    std::optional<bool> archived;
    bool operator==(const QueuePatchRequest&) const = default;
};

enum class TokenKind { display, integration };

// The last delivery of an integration's webhook (absent until one is configured).
struct WebhookInfo {
    std::string url;
    std::optional<Time> last_attempt_at;
    std::optional<std::int64_t> last_status;  // HTTP status of the last attempt (absent: none)
    std::optional<std::string> last_error;
    bool operator==(const WebhookInfo&) const = default;
};

// PUT /admin/tokens/{id}/webhook (an integration token): where staff replies are POSTed.
struct WebhookSetRequest {
    std::string url;  // http://host[:port]/path
    bool operator==(const WebhookSetRequest&) const = default;
};
// Its answer: the signing secret, shown only here.
struct WebhookSecret {
    std::string secret;
    bool operator==(const WebhookSecret&) const = default;
};

// A display or integration token as administration lists it (never its secret).
struct TokenInfo {
    Id id = 0;
    TokenKind kind = TokenKind::display;
    std::string label;
    Time created_at = 0;
    std::optional<Time> expires_at;      // absent: does not expire
    std::optional<Time> last_used_at;    // absent: never used (updated at most once a minute)
    std::optional<WebhookInfo> webhook;  // integrations with a webhook
    bool operator==(const TokenInfo&) const = default;
};

struct TokenList {
    std::vector<TokenInfo> tokens;
    bool operator==(const TokenList&) const = default;
};

// POST /admin/tokens.
struct TokenCreateRequest {
    TokenKind kind = TokenKind::display;
    std::string label;
    std::optional<Time> expires_at;  // in the future
    bool operator==(const TokenCreateRequest&) const = default;
};

// The POST /admin/tokens answer: the only time the secret is shown.
struct TokenCreated {
    TokenInfo info;  // on the wire its fields sit beside "token"
    std::string token;
    bool operator==(const TokenCreated&) const = default;
};

// GET /admin/settings.
struct AdminSettings {
    Thresholds thresholds;
    std::string time_zone;  // IANA name: "today" on the dashboard
    bool operator==(const AdminSettings&) const = default;
};

// PATCH /admin/settings: at least one field; thresholds are replaced whole.
struct SettingsPatch {
    std::optional<Thresholds> thresholds;
    std::optional<std::string> time_zone;
    bool operator==(const SettingsPatch&) const = default;
};

// One row of the audit log.
struct AuditItem {
    Id id = 0;
    Time at = 0;
    std::string actor_type;  // staff, contact, system, admin-cli
    std::optional<Id> actor_id;
    std::optional<std::string> actor_name;  // staff actors
    std::string action;
    std::optional<Id> chat_id;
    std::string detail;
    bool operator==(const AuditItem&) const = default;
};

// GET /admin/audit: newest first.
struct AuditPage {
    std::vector<AuditItem> items;
    std::optional<std::string> next_cursor;  // absent on the last page
    bool operator==(const AuditPage&) const = default;
};

// ---- names on the wire -----------------------------------------------------------------------

const char* to_string(ChatStatus v);
const char* to_string(MessageKind v);
const char* to_string(AuthorType v);
const char* to_string(Role v);
const char* to_string(Presence v);
const char* to_string(EventType v);
const char* to_string(Level v);
const char* to_string(TokenKind v);
std::optional<ChatStatus> parse_chat_status(std::string_view s);
std::optional<MessageKind> parse_message_kind(std::string_view s);
std::optional<AuthorType> parse_author_type(std::string_view s);
std::optional<Role> parse_role(std::string_view s);
std::optional<Presence> parse_presence(std::string_view s);
std::optional<EventType> parse_event_type(std::string_view s);
std::optional<Level> parse_level(std::string_view s);
std::optional<TokenKind> parse_token_kind(std::string_view s);

}  // namespace sb::protocol
