// The contact's view of chats, messages and typing; see contact_view.h.
#include "server/domain/contact_view.h"

namespace sb::server {

using protocol::AuthorType;

protocol::Chat contact_view(const protocol::Chat& c) {
    protocol::Chat v = c;
    v.assignee.reset();
    v.participants.clear();
    v.unread = false;
    v.unread_count = 0;
    return v;
}

std::optional<protocol::Message> contact_view(const protocol::Message& m) {
    if (m.kind != protocol::MessageKind::text) return std::nullopt;
    protocol::Message v = m;
    if (m.author.type == AuthorType::staff) {
        v.author.id.reset();
        if (!m.signed_) v.author.name.reset();
        v.client_id.reset();  // the staff member's, not the contact's
    }
    return v;
}

protocol::Typing contact_view(const protocol::Typing& t, bool author_signs) {
    protocol::Typing v = t;
    if (t.author.type == AuthorType::staff) {
        v.author.id.reset();
        if (!author_signs) v.author.name.reset();
    }
    return v;
}

}  // namespace sb::server
