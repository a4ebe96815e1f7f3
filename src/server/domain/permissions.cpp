// Visibility and action rules; see permissions.h.
#include "server/domain/permissions.h"

#include <algorithm>

#include "protocol/visibility.h"

namespace sb::server {

using protocol::Role;

namespace {

bool in_queue(const protocol::Staff& s, const protocol::Chat& c) {
    return std::find(s.queues.begin(), s.queues.end(), c.queue.id) != s.queues.end();
}

bool is_assignee(const protocol::Staff& s, const protocol::Chat& c) {
    return c.assignee && c.assignee->id == s.id;
}

}  // namespace

bool handles_chats(const protocol::Staff& s) {
    return s.role == Role::agent || s.role == Role::supervisor;
}

// Seeing is the shared rule of protocol/visibility.h (stores and the console follow it too).
bool may_see(const protocol::Staff& s, const protocol::Chat& c) {
    return protocol::sees_chat(protocol::viewer_of(s), c);
}

bool may_see_ignoring_deleted(const protocol::Staff& s, const protocol::Chat& c) {
    return protocol::sees_chat_ignoring_deleted(protocol::viewer_of(s), c);
}

bool may_act(const protocol::Staff& s, const protocol::Chat& c) {
    if (s.role == Role::supervisor) return true;
    if (s.role != Role::agent) return false;
    return (c.status == protocol::ChatStatus::pending && in_queue(s, c)) || is_assignee(s, c);
}

bool may_delete(const protocol::Staff& s, const protocol::Chat& c) {
    if (s.role == Role::supervisor) return true;
    if (s.role != Role::agent) return false;
    return (c.status == protocol::ChatStatus::pending && in_queue(s, c)) || is_assignee(s, c);
}

bool deleted_it(const protocol::Staff& s, const store::ChatRecord& r) {
    return r.chat.deleted && handles_chats(s) && r.deleted_by == s.id;
}

bool may_restore(const protocol::Staff& s, const store::ChatRecord& r, protocol::Time now) {
    if (s.role == Role::supervisor) return true;
    return deleted_it(s, r) && r.deleted_at && now - *r.deleted_at <= kDeleteUndoWindowMs;
}

store::Audience audience_of(const protocol::Staff& s) {
    store::Audience a;
    a.everything = s.role == Role::supervisor;
    a.staff_id = s.id;
    a.queue_ids = s.queues;
    return a;
}

}  // namespace sb::server
