// Who sees which chat, and which chats each inbox list holds: the one home of the rule, shared
// by the server's domain (permissions.cpp), every store's queries (list_chats, counts, search
// filter with it or are tested against it) and the console's client store (ConsoleStore::belongs).
// It lives in protocol/ because the client may not include the server; it is a domain rule all
// the same, and tests/server/visibility_rule_test.cpp checks every store and the client against
// the same table.
//
//   see (open it, search it, hear its events):
//       supervisors see every chat; agents see chats of their queues, chats assigned to them and
//       chats they have written in; admins and everybody else see none. A deleted chat only
//       supervisors see.
//   lists (the inbox tabs and their counts; never deleted chats):
//       pending   pending chats of the viewer's queues (supervisors: every queue);
//       working   working chats assigned to the viewer (a supervisor's "all" scope: everybody's);
//       resolved  resolved chats of the viewer's queues or last assigned to the viewer
//                 (supervisors: all);
//       deleted   every deleted chat (the API lets only supervisors ask).
#pragma once

#include <vector>

#include "protocol/model.h"

namespace sb::protocol {

// The person a rule is evaluated for.
struct Viewer {
    Id id = 0;
    Role role = Role::agent;
    std::vector<Id> queues;
};

enum class ListView { working, pending, resolved, deleted };

Viewer viewer_of(const Staff& s);

bool sees_chat(const Viewer& v, const Chat& c);
// As sees_chat, as if the chat were not deleted (who must hear that it was deleted).
bool sees_chat_ignoring_deleted(const Viewer& v, const Chat& c);
// all_working: a supervisor's Working On scope "all" (ignored for anybody else).
bool in_list(const Viewer& v, ListView view, const Chat& c, bool all_working);

}  // namespace sb::protocol
