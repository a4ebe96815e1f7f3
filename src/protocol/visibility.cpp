// The visibility and list-membership rule; see visibility.h.
#include "protocol/visibility.h"

#include <algorithm>

namespace sb::protocol {

namespace {

bool in_queue(const Viewer& v, const Chat& c) {
    return std::find(v.queues.begin(), v.queues.end(), c.queue.id) != v.queues.end();
}

bool assigned(const Viewer& v, const Chat& c) {
    return c.assignee && c.assignee->id == v.id;
}

bool wrote_in(const Viewer& v, const Chat& c) {
    return std::any_of(c.participants.begin(), c.participants.end(),
                       [&](const StaffRef& p) { return p.id == v.id; });
}

}  // namespace

Viewer viewer_of(const Staff& s) {
    return {s.id, s.role, s.queues};
}

bool sees_chat(const Viewer& v, const Chat& c) {
    return !c.deleted ? sees_chat_ignoring_deleted(v, c) : v.role == Role::supervisor;
}

bool sees_chat_ignoring_deleted(const Viewer& v, const Chat& c) {
    if (v.role == Role::supervisor) return true;
    if (v.role != Role::agent) return false;
    return in_queue(v, c) || assigned(v, c) || wrote_in(v, c);
}

bool in_list(const Viewer& v, ListView view, const Chat& c, bool all_working) {
    const bool super = v.role == Role::supervisor;
    if (view == ListView::deleted) return c.deleted;
    if (c.deleted || !(super || v.role == Role::agent)) return false;
    switch (view) {
        case ListView::pending:
            return c.status == ChatStatus::pending && (super || in_queue(v, c));
        case ListView::working:
            return c.status == ChatStatus::working && ((super && all_working) || assigned(v, c));
        case ListView::resolved:
            return c.status == ChatStatus::resolved && (super || in_queue(v, c) || assigned(v, c));
        case ListView::deleted:
            break;
    }
    return false;
}

}  // namespace sb::protocol
