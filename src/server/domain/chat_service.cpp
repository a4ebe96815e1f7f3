// The chat lifecycle rules; see chat_service.h.
#include "server/domain/chat_service.h"

#include "server/domain/permissions.h"

namespace sb::server {

using protocol::AuthorType;
using protocol::ChatStatus;
using protocol::EventType;
using protocol::MessageKind;
using store::ChatRecord;
using store::WriteTx;

namespace {

std::string chat_name(Id id) {
    return "chat #" + std::to_string(id);
}

void check_version(const ChatRecord& r, std::optional<std::int64_t> if_match) {
    if (if_match && *if_match != r.chat.version)
        throw DomainError::conflict(chat_name(r.chat.id) + " has changed (version " +
                                    std::to_string(r.chat.version) + ", If-Match " +
                                    std::to_string(*if_match) + "); reload it");
}

void check_not_deleted(const ChatRecord& r) {
    if (r.chat.deleted) throw DomainError::conflict(chat_name(r.chat.id) + " is deleted");
}

void check_may_act(const protocol::Staff& s, const ChatRecord& r) {
    if (!may_act(s, r.chat))
        throw DomainError::forbidden("you may not act on " + chat_name(r.chat.id) +
                                     " (agents act on pending chats of their queues and on "
                                     "chats assigned to them)");
}

void check_may_restore(const protocol::Staff& s, const ChatRecord& r, Time now) {
    if (may_restore(s, r, now)) return;
    const std::string window = std::to_string(kDeleteUndoWindowMs / 1000) + " seconds";
    if (deleted_it(s, r))
        throw DomainError::forbidden("the Undo time has passed: you may restore " +
                                     chat_name(r.chat.id) + " only within " + window +
                                     " of deleting it; ask a supervisor to restore it");
    throw DomainError::forbidden("only supervisors restore deleted chats (and, for " + window +
                                 ", the staff member who deleted the chat)");
}

// A contact token (stored as its hash) that opens exactly this chat, for this contact.
void insert_contact_token(WriteTx& tx, const std::string& token_hash, Id chat_id, Id contact_id,
                          Time now) {
    store::TokenRecord token;
    token.kind = store::TokenRecord::Kind::contact;
    token.chat_id = chat_id;
    token.contact_id = contact_id;
    token.created_at = now;
    tx.insert_token(token_hash, token);
}

// The change that puts a chat (back) in its queue: pending, nobody's, waiting since now.
store::ChatChange pending_since(Time now) {
    store::ChatChange change;
    change.status = ChatStatus::pending;
    change.assignee_id = std::optional<Id>();
    change.waiting_since = std::optional<Time>(now);
    return change;
}

// An archived queue takes no new chats (domain/admin_service.h): 400 on the request's queue_id.
void check_takes_chats(store::ReadTx& tx, const protocol::Queue& q) {
    for (const auto& open : tx.queues())
        if (open.id == q.id) return;
    throw DomainError::bad_field("queue_id", "queue " + q.name + " is archived and takes no chats");
}

}  // namespace

ChatService::ChatService(store::Store& store, Clock clock, EphemeralSink typing_sink,
                         PublicLimits limits)
    : store_(store),
      clock_(std::move(clock)),
      typing_sink_(std::move(typing_sink)),
      limits_(std::move(limits)) {}

ChatRecord ChatService::chat_for(const protocol::Staff& s, Id chat_id) {
    if (!handles_chats(s)) throw DomainError::forbidden("only agents and supervisors handle chats");
    auto r = store_.read_value([&](store::ReadTx& tx) { return tx.chat(chat_id); });
    if (!r || !may_see(s, r->chat))
        throw DomainError::not_found("there is no " + chat_name(chat_id));
    return *r;
}

ChatRecord ChatService::load_for_action(WriteTx& tx, const protocol::Staff& s, Id chat_id,
                                        std::optional<std::int64_t> if_match,
                                        bool even_if_deleted) {
    if (!handles_chats(s)) throw DomainError::forbidden("only agents and supervisors handle chats");
    auto r = tx.chat(chat_id);
    const auto sees = even_if_deleted ? may_see_ignoring_deleted : may_see;
    if (!r || !sees(s, r->chat)) throw DomainError::not_found("there is no " + chat_name(chat_id));
    (void)if_match;
    return *r;
}

ChatRecord ChatService::load_to_act(WriteTx& tx, const protocol::Staff& s, Id chat_id,
                                    std::optional<std::int64_t> if_match) {
    auto r = load_for_action(tx, s, chat_id, if_match);
    check_not_deleted(r);
    check_may_act(s, r);
    check_version(r, if_match);
    return r;
}

template <class F>
ChatRecord ChatService::write_and_read_back(Id chat_id, F&& change) {
    ChatRecord out;
    store_.write([&](WriteTx& tx) {
        change(tx);
        out = *tx.chat(chat_id);
    });
    return out;
}

void ChatService::emit_chat(WriteTx& tx, Id chat_id, EventType type,
                            const std::vector<Id>& notify) {
    protocol::Event e;
    e.type = type;
    e.at = clock_();
    e.chat = protocol::Chat{};
    e.chat->id = chat_id;
    tx.append_event(std::move(e), notify);
}

void ChatService::emit_message(WriteTx& tx, const protocol::Message& m) {
    protocol::Event e;
    e.type = EventType::message_created;
    e.at = m.created_at;
    e.chat = protocol::Chat{};
    e.chat->id = m.chat_id;
    e.message = m;
    tx.append_event(std::move(e));
}

void ChatService::system_line_audit_and_events(WriteTx& tx, const protocol::Staff& s,
                                               const ChatRecord& before, const std::string& action,
                                               const std::string& line, EventType type) {
    system_line_audit_and_events(tx, "staff", s.id, before, action, line, type);
}

void ChatService::system_line_audit_and_events(WriteTx& tx, const std::string& actor_type,
                                               std::optional<Id> actor_id, const ChatRecord& before,
                                               const std::string& action, const std::string& line,
                                               EventType type) {
    const Id chat_id = before.chat.id;
    const Time now = clock_();
    store::NewMessage sys;
    sys.chat_id = chat_id;
    sys.kind = MessageKind::system;
    sys.author = {AuthorType::system, std::nullopt, std::nullopt};
    sys.body = line;
    sys.at = now;
    const auto m = tx.insert_message(sys);
    tx.insert_audit({now, actor_type, actor_id, action, chat_id, line});
    emit_message(tx, m);
    std::vector<Id> notify;
    if (before.chat.assignee) notify.push_back(before.chat.assignee->id);
    emit_chat(tx, chat_id, type, notify);
}

ChatRecord ChatService::accept(const protocol::Staff& s, Id chat_id,
                               std::optional<std::int64_t> if_match) {
    return write_and_read_back(chat_id, [&](WriteTx& tx) {
        auto r = load_for_action(tx, s, chat_id, if_match);
        check_not_deleted(r);
        auto lost = [&](const ChatRecord& now) {
            if (now.chat.status == ChatStatus::working && now.chat.assignee)
                throw DomainError::conflict(
                    now.chat.assignee->name + " has already accepted " + chat_name(chat_id),
                    now.chat.assignee);
            throw DomainError::conflict(chat_name(chat_id) + " is " +
                                        protocol::to_string(now.chat.status) + ", not pending");
        };
        if (r.chat.status != ChatStatus::pending) lost(r);
        check_may_act(s, r);
        check_version(r, if_match);
        // The race-free step: one conditional UPDATE; zero rows means somebody else won.
        if (!tx.try_accept(chat_id, s.id, clock_())) lost(*tx.chat(chat_id));
        tx.mark_read(chat_id, s.id);
        system_line_audit_and_events(tx, s, r, "accept", s.name + " accepted");
    });
}

SendResult ChatService::send(const protocol::Staff& s, Id chat_id,
                             const protocol::SendMessageRequest& req) {
    SendResult out;
    store_.write([&](WriteTx& tx) {
        auto r = load_for_action(tx, s, chat_id, std::nullopt);
        if (auto first = tx.message_by_client_id(chat_id, AuthorType::staff, s.id, req.client_id)) {
            out = {*first, false};
            return;
        }
        check_not_deleted(r);
        check_may_act(s, r);
        if (req.kind == MessageKind::text && r.chat.status == ChatStatus::pending)
            throw DomainError::conflict(chat_name(chat_id) +
                                        " is pending: accept it before replying");
        store::NewMessage m;
        m.chat_id = chat_id;
        m.kind = req.kind;
        m.author = {AuthorType::staff, s.id, s.name};
        m.signed_ = req.kind == MessageKind::text && s.sign;
        m.body = req.body;
        m.client_id = req.client_id;
        m.at = clock_();
        out = {tx.insert_message(m), true};
        emit_message(tx, out.message);
    });
    return out;
}

ChatRecord ChatService::transfer(const protocol::Staff& s, Id chat_id,
                                 const protocol::TransferRequest& req,
                                 std::optional<std::int64_t> if_match) {
    return write_and_read_back(chat_id, [&](WriteTx& tx) {
        auto r = load_to_act(tx, s, chat_id, if_match);
        if (r.chat.status == ChatStatus::resolved)
            throw DomainError::conflict(chat_name(chat_id) + " is resolved");
        std::optional<protocol::Staff> target;
        if (req.staff_id) {
            target = tx.staff(*req.staff_id);
            if (!target)
                throw DomainError::not_found("there is no staff member #" +
                                             std::to_string(*req.staff_id));
            if (!handles_chats(*target))
                throw DomainError::bad_request(target->name + " is an admin and takes no chats");
        }
        std::optional<protocol::Queue> queue;
        if (req.queue_id) {
            queue = tx.queue(*req.queue_id);
            if (!queue)
                throw DomainError::not_found("there is no queue #" + std::to_string(*req.queue_id));
            check_takes_chats(tx, *queue);
        }
        // A transfer that would change nothing is refused rather than written as a system line.
        const bool same_queue = !queue || queue->id == r.chat.queue.id;
        if (target && same_queue && r.chat.status == ChatStatus::working && r.chat.assignee &&
            r.chat.assignee->id == target->id)
            throw DomainError::conflict(chat_name(chat_id) + " is already " + target->name + "'s");
        if (!target && same_queue && r.chat.status == ChatStatus::pending)
            throw DomainError::conflict(chat_name(chat_id) + " is already pending in queue " +
                                        r.chat.queue.name);
        std::string line;
        if (target) {
            store::ChatChange change;
            if (queue) change.queue_id = queue->id;
            change.status = ChatStatus::working;
            change.assignee_id = std::optional<Id>(target->id);
            change.waiting_since = std::optional<Time>();
            tx.change_chat(chat_id, change);
            tx.mark_unread(chat_id, target->id);
            line = s.name + " transferred to " + target->name;
            if (queue) line += ", queue " + queue->name;
        } else {
            store::ChatChange change = pending_since(clock_());
            change.queue_id = queue->id;
            tx.change_chat(chat_id, change);
            line = s.name + " transferred to queue " + queue->name;
        }
        system_line_audit_and_events(tx, s, r, "transfer", line);
    });
}

ChatRecord ChatService::return_to_queue(const protocol::Staff& s, Id chat_id,
                                        std::optional<std::int64_t> if_match) {
    return write_and_read_back(chat_id, [&](WriteTx& tx) {
        auto r = load_to_act(tx, s, chat_id, if_match);
        if (r.chat.status != ChatStatus::working)
            throw DomainError::conflict(chat_name(chat_id) + " is " +
                                        protocol::to_string(r.chat.status) +
                                        "; only a working chat can be returned");
        tx.change_chat(chat_id, pending_since(clock_()));
        system_line_audit_and_events(tx, s, r, "return",
                                     s.name + " returned the chat to queue " + r.chat.queue.name);
    });
}

int ChatService::return_chats_of(WriteTx& tx, const protocol::Staff& staff, const std::string& line,
                                 const std::string& actor_type, std::optional<Id> actor_id) {
    // The member's own working list, page by page (each page read before any chat changes).
    std::vector<ChatRecord> working;
    store::ListQuery q;
    q.view = store::View::working;
    q.audience = audience_of(staff);
    q.limit = 200;
    for (;;) {
        auto page = tx.list_chats(q);
        for (auto& r : page.chats)
            if (r.chat.assignee && r.chat.assignee->id == staff.id) working.push_back(r);
        if (!page.next_cursor) break;
        q.cursor = page.next_cursor;
    }
    for (const auto& r : working) {
        tx.change_chat(r.chat.id, pending_since(clock_()));
        system_line_audit_and_events(tx, actor_type, actor_id, r, "return", line,
                                     EventType::chat_updated);
    }
    return static_cast<int>(working.size());
}

ChatRecord ChatService::resolve(const protocol::Staff& s, Id chat_id,
                                std::optional<std::int64_t> if_match) {
    return write_and_read_back(chat_id, [&](WriteTx& tx) {
        auto r = load_to_act(tx, s, chat_id, if_match);
        if (r.chat.status == ChatStatus::resolved)
            throw DomainError::conflict(chat_name(chat_id) + " is already resolved");
        store::ChatChange change;
        change.status = ChatStatus::resolved;
        change.resolved_at = std::optional<Time>(clock_());
        change.waiting_since = std::optional<Time>();
        tx.change_chat(chat_id, change);
        system_line_audit_and_events(tx, s, r, "resolve", s.name + " resolved the chat");
    });
}

ChatRecord ChatService::remove(const protocol::Staff& s, Id chat_id,
                               std::optional<std::int64_t> if_match) {
    return write_and_read_back(chat_id, [&](WriteTx& tx) {
        auto r = load_for_action(tx, s, chat_id, if_match);
        if (r.chat.deleted) throw DomainError::conflict(chat_name(chat_id) + " is already deleted");
        if (!may_delete(s, r.chat))
            throw DomainError::forbidden(
                "agents may delete their own chats and pending chats of their queues");
        check_version(r, if_match);
        store::ChatChange change;
        change.deletion = store::Deletion{s.id, clock_()};
        tx.change_chat(chat_id, change);
        system_line_audit_and_events(tx, s, r, "delete", s.name + " deleted the chat",
                                     EventType::chat_deleted);
    });
}

ChatRecord ChatService::restore(const protocol::Staff& s, Id chat_id,
                                std::optional<std::int64_t> if_match) {
    return write_and_read_back(chat_id, [&](WriteTx& tx) {
        auto r = load_for_action(tx, s, chat_id, if_match, /*even_if_deleted=*/true);
        if (!r.chat.deleted) throw DomainError::conflict(chat_name(chat_id) + " is not deleted");
        check_may_restore(s, r, clock_());
        check_version(r, if_match);
        store::ChatChange change;
        change.deletion = std::optional<store::Deletion>();
        tx.change_chat(chat_id, change);
        system_line_audit_and_events(tx, s, r, "restore", s.name + " restored the chat",
                                     EventType::chat_restored);
    });
}

ChatRecord ChatService::mark_read(const protocol::Staff& s, Id chat_id) {
    return set_read_state(s, chat_id, /*read=*/true);
}

ChatRecord ChatService::mark_unread(const protocol::Staff& s, Id chat_id) {
    return set_read_state(s, chat_id, /*read=*/false);
}

ChatRecord ChatService::set_read_state(const protocol::Staff& s, Id chat_id, bool read) {
    return write_and_read_back(chat_id, [&](WriteTx& tx) {
        load_for_action(tx, s, chat_id, std::nullopt);
        if (read) {
            tx.mark_read(chat_id, s.id);
        } else {
            tx.mark_unread(chat_id, s.id);
        }
        tx.bump_version(chat_id);
        tx.insert_audit({clock_(), "staff", s.id, read ? "read" : "unread", chat_id, ""});
        emit_chat(tx, chat_id, EventType::chat_updated);
    });
}

void ChatService::staff_typing(const protocol::Staff& s, Id chat_id) {
    auto r = chat_for(s, chat_id);
    store::StoredEvent e;
    e.event.type = EventType::typing;
    e.event.at = clock_();
    e.event.chat = r.chat;
    e.event.typing = protocol::Typing{chat_id, {AuthorType::staff, s.id, s.name}};
    e.author_signs = s.sign;
    if (typing_sink_) typing_sink_(std::move(e));
}

protocol::Staff ChatService::update_me(const protocol::Staff& s, const protocol::MePatch& patch) {
    protocol::Staff out;
    store_.write([&](WriteTx& tx) {
        tx.update_staff(s.id, patch);
        out = *tx.staff(s.id);
        std::string detail;
        if (patch.sign) detail += std::string("sign=") + (*patch.sign ? "on " : "off ");
        if (patch.presence)
            detail += std::string("presence=") + protocol::to_string(*patch.presence) + " ";
        if (patch.name) detail += "name=" + *patch.name;
        tx.insert_audit({clock_(), "staff", s.id, "profile", std::nullopt, detail});
        protocol::Event e;
        e.type = (patch.presence && !patch.sign && !patch.name) ? EventType::presence_changed
                                                                : EventType::staff_updated;
        e.at = clock_();
        e.staff = out;
        tx.append_event(std::move(e));
    });
    return out;
}

ContactStartResult ChatService::retried_start(WriteTx& tx, const ChatRecord& prior,
                                              const protocol::ContactStartRequest& req,
                                              const std::string& token_hash, Time now) {
    const protocol::Chat& chat = prior.chat;
    const auto first =
        tx.message_by_client_id(chat.id, AuthorType::contact, chat.contact.id, *req.client_id);
    if (!first || first->body != req.body || chat.contact.name != req.name ||
        chat.created_at + kStartRetryWindowMs < now)
        throw DomainError::conflict("client_id: already used to start another chat");
    insert_contact_token(tx, token_hash, chat.id, chat.contact.id, now);
    return {prior, *first, false};
}

ContactStartResult ChatService::contact_start(const protocol::ContactStartRequest& req,
                                              const std::string& token_hash,
                                              const std::string& channel,
                                              const std::string& address) {
    ContactStartResult out;
    store_.write([&](WriteTx& tx) {
        std::optional<protocol::Queue> queue;
        if (req.queue_id) {
            queue = tx.queue(*req.queue_id);
            if (!queue)
                throw DomainError::not_found("there is no queue #" + std::to_string(*req.queue_id));
            check_takes_chats(tx, *queue);
        } else {
            auto all = tx.queues();
            if (all.empty()) throw DomainError(503, "unavailable", "no queue takes chats yet");
            queue = all.front();
        }
        const Time now = clock_();
        std::optional<std::string> start_key;
        if (channel == "web" && req.client_id) start_key = "web:" + *req.client_id;
        if (start_key) {
            if (auto prior = tx.chat_by_start_key(*start_key)) {
                out = retried_start(tx, *prior, req, token_hash, now);
                return;
            }
        }
        if (!address.empty()) {
            // Inside this transaction: a refusal rolls back and nothing is counted or stored.
            take_rate(tx, "start:" + address, limits_.chat_starts_per_address, now,
                      "too many chats started from your address");
            take_rate(tx, "start:*", limits_.chat_starts, now,
                      "too many chats are being started right now");
        }
        protocol::Contact contact;
        contact.name = req.name;
        contact.email = req.email;
        contact.phone = req.phone;
        contact.channel = channel;
        const Id contact_id = tx.insert_contact(contact, now);
        const Id chat_id = tx.insert_chat(queue->id, contact_id, now, start_key);
        store::NewMessage m;
        m.chat_id = chat_id;
        m.kind = MessageKind::text;
        m.author = {AuthorType::contact, contact_id, req.name};
        m.body = req.body;
        m.client_id = req.client_id;
        m.at = now;
        out.message = tx.insert_message(m);
        insert_contact_token(tx, token_hash, chat_id, contact_id, now);
        tx.insert_audit({now, "contact", contact_id, "create", chat_id, "queue " + queue->name});
        emit_chat(tx, chat_id, EventType::chat_created);
        emit_message(tx, out.message);
        out.chat = *tx.chat(chat_id);
    });
    return out;
}

SendResult ChatService::contact_send(Id chat_id, Id contact_id,
                                     const protocol::SendMessageRequest& req,
                                     const std::string& token_key) {
    if (req.kind != MessageKind::text) throw DomainError::bad_request("contacts send text only");
    SendResult out;
    store_.write([&](WriteTx& tx) {
        auto r = tx.chat(chat_id);
        if (!r || r->chat.contact.id != contact_id)
            throw DomainError::forbidden("this token is for another chat");
        if (auto first =
                tx.message_by_client_id(chat_id, AuthorType::contact, contact_id, req.client_id)) {
            out = {*first, false};
            return;
        }
        if (r->chat.deleted) throw DomainError::conflict("this chat is closed");
        const Time now = clock_();
        if (!token_key.empty())
            take_rate(tx, "messages:" + key_text(token_key), limits_.messages_per_token, now,
                      "too many messages in a short time");
        store::NewMessage m;
        m.chat_id = chat_id;
        m.kind = MessageKind::text;
        m.author = {AuthorType::contact, contact_id, r->chat.contact.name};
        m.body = req.body;
        m.client_id = req.client_id;
        m.at = now;
        out = {tx.insert_message(m), true};
        emit_message(tx, out.message);
        if (r->chat.status == ChatStatus::resolved) {
            store::ChatChange change = pending_since(now);
            change.resolved_at = std::optional<Time>();
            tx.change_chat(chat_id, change);
            store::NewMessage sys;
            sys.chat_id = chat_id;
            sys.kind = MessageKind::system;
            sys.body = r->chat.contact.name + " wrote again: the chat is pending in queue " +
                       r->chat.queue.name;
            sys.at = now;
            emit_message(tx, tx.insert_message(sys));
            tx.insert_audit({now, "contact", contact_id, "reopen", chat_id, ""});
            emit_chat(tx, chat_id, EventType::chat_updated);
        }
    });
    return out;
}

void ChatService::contact_typing(Id chat_id, Id contact_id, const std::string& token_key) {
    const Time now = clock_();
    if (!token_key.empty())
        if (auto wait = typing_rates_.take(key_text(token_key), limits_.typing_per_token, now);
            wait > 0)
            throw rate_limited("too many typing notices", wait);
    auto r = store_.read_value([&](store::ReadTx& tx) { return tx.chat(chat_id); });
    if (!r || r->chat.contact.id != contact_id)
        throw DomainError::forbidden("this token is for another chat");
    store::StoredEvent e;
    e.event.type = EventType::typing;
    e.event.at = clock_();
    e.event.chat = r->chat;
    e.event.typing =
        protocol::Typing{chat_id, {AuthorType::contact, contact_id, r->chat.contact.name}};
    // Coalesced: one notice a chat per typing_coalesce_ms reaches staff; staff show "typing"
    // for longer than that, so nothing visible is lost.
    const RateRule once{1, limits_.typing_coalesce_ms};
    if (typing_sent_.take(std::to_string(chat_id), once, now) > 0) return;
    if (typing_sink_) typing_sink_(std::move(e));
}

}  // namespace sb::server
