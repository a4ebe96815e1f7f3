// Who may see and who may act on a chat (issue 3, "Who may act"), in one place. Used by the
// domain for actions, by the API for reads and by the event hub for what each socket receives.
//
//   see: protocol/visibility.h, the one home of that rule (shared with every store's queries and
//        the console): supervisors see every chat; agents chats of their queues, assigned to
//        them or written in by them; admins see no chats (they manage staff and queues).
//   act: supervisors act on any chat; agents on pending chats of their queues and on chats
//        assigned to them; everybody else gets 403.
//   restore: supervisors restore any deleted chat at any time; the staff member who deleted a
//        chat restores it within kDeleteUndoWindowMs of deleting it (S8's Undo).
#pragma once

#include "protocol/model.h"
#include "server/store/store.h"

namespace sb::server {

bool handles_chats(const protocol::Staff& s);  // agents and supervisors
bool may_see(const protocol::Staff& s, const protocol::Chat& c);
// As may_see, as if the chat were not deleted (who must hear that it was deleted).
bool may_see_ignoring_deleted(const protocol::Staff& s, const protocol::Chat& c);
bool may_act(const protocol::Staff& s, const protocol::Chat& c);
bool may_delete(const protocol::Staff& s, const protocol::Chat& c);
// How long the staff member who deleted a chat may restore it (the Undo of S8), in ms.
inline constexpr protocol::Time kDeleteUndoWindowMs = 30'000;
bool deleted_it(const protocol::Staff& s, const store::ChatRecord& r);
bool may_restore(const protocol::Staff& s, const store::ChatRecord& r, protocol::Time now);
// The list/search audience of a staff member.
store::Audience audience_of(const protocol::Staff& s);

}  // namespace sb::server
