// The chat lifecycle (issue 3, "Domain rules"): accept, reply and note, transfer, return,
// resolve, reopen by a contact message, soft delete and restore, per-staff read state, typing,
// profile changes, and the contact's side. Each action runs in one write transaction that
// checks who may act and the If-Match version, changes the chat, writes a system line and an
// audit row, and appends its events to the outbox; the store publishes them after COMMIT.
// Transport-free: tested without the network (tests/server/domain_test.cpp).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "protocol/model.h"
#include "server/domain/domain_error.h"
#include "server/domain/public_limits.h"
#include "server/store/store.h"

namespace sb::server {

using protocol::Id;
using protocol::Time;

struct SendResult {
    protocol::Message message;
    bool created = true;  // false: the client_id was seen before, nothing was stored
};

struct ContactStartResult {
    store::ChatRecord chat;
    protocol::Message message;
    bool created = true;  // false: a retried start; the chat its first try created
};

// How long a retried contact start (same client_id) finds the chat its first try made.
inline constexpr Time kStartRetryWindowMs = 60 * 60 * 1000;

class ChatService {
  public:
    using Clock = std::function<Time()>;
    using EphemeralSink = std::function<void(store::StoredEvent)>;  // typing events

    // limits: the public side's rates (public_limits.h), applied to contact starts, messages and
    // typing that name the address or token to count (the widget's REST calls do).
    ChatService(store::Store& store, Clock clock, EphemeralSink typing_sink,
                PublicLimits limits = unlimited_public_side());

    // Reads, checked for visibility (404 for chats the caller may not see).
    store::ChatRecord chat_for(const protocol::Staff& s, Id chat_id);

    // Lifecycle. if_match: the chat version the caller saw (409 when stale).
    store::ChatRecord accept(const protocol::Staff& s, Id chat_id,
                             std::optional<std::int64_t> if_match);
    SendResult send(const protocol::Staff& s, Id chat_id, const protocol::SendMessageRequest& r);
    store::ChatRecord transfer(const protocol::Staff& s, Id chat_id,
                               const protocol::TransferRequest& r,
                               std::optional<std::int64_t> if_match);
    store::ChatRecord return_to_queue(const protocol::Staff& s, Id chat_id,
                                      std::optional<std::int64_t> if_match);
    store::ChatRecord resolve(const protocol::Staff& s, Id chat_id,
                              std::optional<std::int64_t> if_match);
    store::ChatRecord remove(const protocol::Staff& s, Id chat_id,
                             std::optional<std::int64_t> if_match);
    store::ChatRecord restore(const protocol::Staff& s, Id chat_id,
                              std::optional<std::int64_t> if_match);
    store::ChatRecord mark_read(const protocol::Staff& s, Id chat_id);
    store::ChatRecord mark_unread(const protocol::Staff& s, Id chat_id);
    void staff_typing(const protocol::Staff& s, Id chat_id);

    // Administration (domain/admin_service.h), inside the caller's write transaction: every
    // working chat assigned to `staff` goes back to Pending in its queue with the system line
    // `line`, each audited as action "return" by the actor (actor_type "staff" or "admin-cli").
    // Returns how many chats went back.
    int return_chats_of(store::WriteTx& tx, const protocol::Staff& staff, const std::string& line,
                        const std::string& actor_type, std::optional<Id> actor_id);

    // My profile: sign, presence, name. Emits staff.updated (or presence.changed).
    protocol::Staff update_me(const protocol::Staff& s, const protocol::MePatch& patch);

    // Contact side. token_hash: the contact token made for the new chat (stored in the same
    // transaction). channel: the contact's channel ("web", or "<integration>:<external id>").
    // On the web channel a start with a client_id is idempotent: sent again within
    // kStartRetryWindowMs with the same name and first message, it returns the chat the first
    // try made (created = false) and token_hash becomes a second token for it; with another
    // name or message, or later, it is a 409 and nothing changes.
    // address: the caller's, counted against the chat-start limits (empty: not counted, as for
    // integrations and demo data). A retried start is not counted again.
    ContactStartResult contact_start(const protocol::ContactStartRequest& r,
                                     const std::string& token_hash,
                                     const std::string& channel = "web",
                                     const std::string& address = {});
    // token_key: the contact token's hash, counted against the per-token message limit (empty:
    // not counted). A message sent again with the same client_id is not counted again.
    SendResult contact_send(Id chat_id, Id contact_id, const protocol::SendMessageRequest& r,
                            const std::string& token_key = {});
    // Refused with 429 past the per-token typing limit; at most one typing event a chat reaches
    // staff every typing_coalesce_ms (the rest are answered but not sent).
    void contact_typing(Id chat_id, Id contact_id, const std::string& token_key = {});

  private:
    // A start sent again with the same client_id (see contact_start).
    ContactStartResult retried_start(store::WriteTx& tx, const store::ChatRecord& prior,
                                     const protocol::ContactStartRequest& req,
                                     const std::string& token_hash, Time now);
    // Mark read / mark unread: the caller's own read state, one transaction, audited.
    store::ChatRecord set_read_state(const protocol::Staff& s, Id chat_id, bool read);
    // Loads the chat in a write transaction and checks it exists and is visible (even_if_deleted:
    // as if it were not deleted, for restore).
    store::ChatRecord load_for_action(store::WriteTx& tx, const protocol::Staff& s, Id chat_id,
                                      std::optional<std::int64_t> if_match,
                                      bool even_if_deleted = false);
    // load_for_action, then the checks of most actions, in this order: not deleted (409), the
    // caller may act on it (403), If-Match (409).
    store::ChatRecord load_to_act(store::WriteTx& tx, const protocol::Staff& s, Id chat_id,
                                  std::optional<std::int64_t> if_match);
    // Runs `change(tx)` in one write transaction and returns the chat as that transaction leaves
    // it (every lifecycle action answers with the chat after the change).
    template <class F>
    store::ChatRecord write_and_read_back(Id chat_id, F&& change);
    // After an action: writes its system line ("Alice accepted") and its audit row, and appends
    // the message.created and chat.updated (or `type`) events. `before`: the chat before the
    // change; its assignee hears of it even if they may no longer see it.
    void system_line_audit_and_events(store::WriteTx& tx, const protocol::Staff& s,
                                      const store::ChatRecord& before, const std::string& action,
                                      const std::string& line,
                                      protocol::EventType type = protocol::EventType::chat_updated);
    // The same with any actor (administration's "admin-cli" has no staff member).
    void system_line_audit_and_events(store::WriteTx& tx, const std::string& actor_type,
                                      std::optional<Id> actor_id, const store::ChatRecord& before,
                                      const std::string& action, const std::string& line,
                                      protocol::EventType type);
    void emit_chat(store::WriteTx& tx, Id chat_id, protocol::EventType type,
                   const std::vector<Id>& notify = {});
    void emit_message(store::WriteTx& tx, const protocol::Message& m);

    store::Store& store_;
    Clock clock_;
    EphemeralSink typing_sink_;
    PublicLimits limits_;
    MemoryRates typing_rates_;  // per token, this instance
    MemoryRates typing_sent_;   // coalescing, per chat, this instance
};

}  // namespace sb::server
