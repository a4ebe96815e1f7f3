// The JSON codec of every protocol type (protocol/model.h). nlohmann/json stays inside
// src/protocol: callers see only typed structs and strings.
//
// decode<T>() is strict, since the server uses it to check requests: the text must be valid
// JSON (UTF-8), the root an object, every required field present with the right type, enum
// values among the documented names, times RFC 3339, request limits of protocol/validate.h
// respected. Unknown fields are ignored; an optional field may be absent or null. A failure
// throws DecodeError whose what() names the field, e.g. "body: expected a string".
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

#include "protocol/model.h"

namespace sb::protocol {

class DecodeError : public std::runtime_error {
  public:
    explicit DecodeError(const std::string& what, std::string field = {})
        : std::runtime_error(what), field_(std::move(field)) {}
    // The field at fault ("body", "queues", "thresholds.pending_red"), empty when none is.
    const std::string& field() const { return field_; }

  private:
    std::string field_;
};

// Defined (explicitly instantiated) for: Queue, StaffRef, Contact, Chat, Author, Message, Staff,
// Typing, Event, Error, Hello, Ready, Resync, LoginRequest, LoginResponse, MePatch, StaffList,
// QueueList, Counts, ChatPage, MessagePage, SendMessageRequest, TransferRequest,
// ContactStartRequest, ContactStartResponse, Thresholds, Stats, CannedReply, CannedReplyList,
// CannedCreateRequest, CannedPatchRequest, and administration's QueueInfo, StaffCreateRequest,
// StaffPatchRequest, QueueInfoList, QueueCreateRequest, QueuePatchRequest, TokenInfo, TokenList,
// TokenCreateRequest, TokenCreated, AdminSettings, SettingsPatch, AuditItem, AuditPage,
// WebhookSetRequest, WebhookSecret.
template <class T>
std::string encode(const T& value);
template <class T>
T decode(std::string_view text);

// What the server may send on an event socket.
using ServerFrame = std::variant<Event, Ready, Resync, Error, Ping>;
ServerFrame decode_server_frame(std::string_view text);

// Appends s as a JSON string literal (quotes, escapes), for the few places that build JSON text by
// hand on a hot or dependency-free path (error bodies, the automation bridge, state snapshots).
void append_json_string(std::string& out, std::string_view s);

}  // namespace sb::protocol
