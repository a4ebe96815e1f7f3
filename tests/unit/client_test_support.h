// Builders of protocol objects for the client tests (and the headless UI tests).
#pragma once

#include <string>

#include "protocol/json.h"
#include "protocol/model.h"

namespace sb::test {

inline constexpr protocol::Time kT0 = 1'800'000'000'000;  // ms: the fake platform's "now"

inline protocol::Staff staff(protocol::Id id, std::string name,
                             protocol::Role role = protocol::Role::agent) {
    protocol::Staff s;
    s.id = id;
    s.login = name;
    s.name = std::move(name);
    s.role = role;
    s.queues = {1};
    s.presence = protocol::Presence::online;
    return s;
}

inline protocol::Chat pending_chat(protocol::Id id, protocol::Time waiting_since,
                                   protocol::Id queue = 1) {
    protocol::Chat c;
    c.id = id;
    c.status = protocol::ChatStatus::pending;
    c.queue = {queue, queue == 1 ? "Support" : "Sales"};
    c.contact = {100 + id, "Contact " + std::to_string(id), std::nullopt, std::nullopt, "web"};
    c.created_at = waiting_since;
    c.last_message_at = waiting_since;
    c.waiting_since = waiting_since;
    c.unread = true;
    c.unread_count = 1;
    c.last_message_preview = "Hello from " + std::to_string(id);
    return c;
}

inline protocol::Chat working_chat(protocol::Id id, const protocol::Staff& who,
                                   protocol::Time last_message_at) {
    protocol::Chat c = pending_chat(id, last_message_at - 60'000);
    c.status = protocol::ChatStatus::working;
    c.waiting_since.reset();
    c.assignee = protocol::StaffRef{who.id, who.name};
    c.last_message_at = last_message_at;
    c.unread = false;
    c.unread_count = 0;
    c.version = 2;
    return c;
}

inline protocol::Event chat_event(protocol::Seq seq, protocol::EventType type,
                                  const protocol::Chat& chat) {
    protocol::Event e;
    e.seq = seq;
    e.type = type;
    e.at = kT0;
    e.chat = chat;
    return e;
}

inline protocol::Message message(protocol::Id id, protocol::Id chat_id, std::string body,
                                 protocol::AuthorType type = protocol::AuthorType::contact) {
    protocol::Message m;
    m.id = id;
    m.chat_id = chat_id;
    m.kind = protocol::MessageKind::text;
    m.author.type = type;
    m.author.id = type == protocol::AuthorType::contact ? 100 + chat_id : 1;
    m.author.name = type == protocol::AuthorType::contact ? "Contact" : "Alice";
    m.body = std::move(body);
    m.created_at = kT0;
    return m;
}

inline protocol::ChatPage page(std::vector<protocol::Chat> chats, protocol::Counts counts,
                               std::optional<std::string> next = std::nullopt) {
    protocol::ChatPage p;
    p.chats = std::move(chats);
    p.counts = counts;
    p.next_cursor = std::move(next);
    return p;
}

}  // namespace sb::test
