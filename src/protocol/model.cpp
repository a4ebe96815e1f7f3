// Wire names of the protocol enums; see model.h.
#include "protocol/model.h"

#include "protocol/names.h"

namespace sb::protocol {

namespace {

constexpr Names<ChatStatus, 3> kChatStatus{{{ChatStatus::pending, "pending"},
                                            {ChatStatus::working, "working"},
                                            {ChatStatus::resolved, "resolved"}}};
constexpr Names<MessageKind, 3> kMessageKind{
    {{MessageKind::text, "text"}, {MessageKind::note, "note"}, {MessageKind::system, "system"}}};
constexpr Names<AuthorType, 3> kAuthorType{{{AuthorType::contact, "contact"},
                                            {AuthorType::staff, "staff"},
                                            {AuthorType::system, "system"}}};
constexpr Names<Role, 3> kRole{
    {{Role::agent, "agent"}, {Role::supervisor, "supervisor"}, {Role::admin, "admin"}}};
constexpr Names<Presence, 3> kPresence{
    {{Presence::online, "online"}, {Presence::away, "away"}, {Presence::offline, "offline"}}};
constexpr Names<EventType, 10> kEventType{{{EventType::chat_created, "chat.created"},
                                           {EventType::chat_updated, "chat.updated"},
                                           {EventType::chat_deleted, "chat.deleted"},
                                           {EventType::chat_restored, "chat.restored"},
                                           {EventType::message_created, "message.created"},
                                           {EventType::typing, "typing"},
                                           {EventType::presence_changed, "presence.changed"},
                                           {EventType::staff_updated, "staff.updated"},
                                           {EventType::queue_updated, "queue.updated"},
                                           {EventType::token_revoked, "token.revoked"}}};
constexpr Names<TokenKind, 2> kTokenKind{
    {{TokenKind::display, "display"}, {TokenKind::integration, "integration"}}};
constexpr Names<Level, 3> kLevel{
    {{Level::normal, "normal"}, {Level::amber, "amber"}, {Level::red, "red"}}};

}  // namespace

const char* to_string(ChatStatus v) {
    return name_of(kChatStatus, v);
}
const char* to_string(MessageKind v) {
    return name_of(kMessageKind, v);
}
const char* to_string(AuthorType v) {
    return name_of(kAuthorType, v);
}
const char* to_string(Role v) {
    return name_of(kRole, v);
}
const char* to_string(Presence v) {
    return name_of(kPresence, v);
}
const char* to_string(EventType v) {
    return name_of(kEventType, v);
}
const char* to_string(Level v) {
    return name_of(kLevel, v);
}
const char* to_string(TokenKind v) {
    return name_of(kTokenKind, v);
}
std::optional<ChatStatus> parse_chat_status(std::string_view s) {
    return value_of(kChatStatus, s);
}
std::optional<MessageKind> parse_message_kind(std::string_view s) {
    return value_of(kMessageKind, s);
}
std::optional<AuthorType> parse_author_type(std::string_view s) {
    return value_of(kAuthorType, s);
}
std::optional<Role> parse_role(std::string_view s) {
    return value_of(kRole, s);
}
std::optional<Presence> parse_presence(std::string_view s) {
    return value_of(kPresence, s);
}
std::optional<EventType> parse_event_type(std::string_view s) {
    return value_of(kEventType, s);
}
std::optional<Level> parse_level(std::string_view s) {
    return value_of(kLevel, s);
}
std::optional<TokenKind> parse_token_kind(std::string_view s) {
    return value_of(kTokenKind, s);
}

}  // namespace sb::protocol
