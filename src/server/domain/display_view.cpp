// A display token's view of chats and staff; see display_view.h.
#include "server/domain/display_view.h"

namespace sb::server {

protocol::Chat display_view(const protocol::Chat& c) {
    protocol::Chat out;
    out.id = c.id;
    out.status = c.status;
    out.queue = c.queue;
    out.contact.id = c.contact.id;
    out.contact.name = c.contact.name;
    out.contact.channel = c.contact.channel;
    out.assignee = c.assignee;
    out.created_at = c.created_at;
    out.last_message_at = c.last_message_at;
    out.waiting_since = c.waiting_since;
    out.first_response_at = c.first_response_at;
    out.resolved_at = c.resolved_at;
    out.deleted = c.deleted;
    out.version = c.version;
    return out;
}

protocol::Staff display_view(const protocol::Staff& s) {
    protocol::Staff out;
    out.id = s.id;
    out.name = s.name;
    out.role = s.role;
    out.presence = s.presence;
    out.active = s.active;
    return out;
}

}  // namespace sb::server
