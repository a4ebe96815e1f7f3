// Demo data for `switchboard-server --demo` on an empty database: queues Support and Sales,
// agents alice and bob (Support) and carol (Support and Sales), supervisor sam, admin admin,
// every password "demo" (demo only!), and contacts with chats in every status with real-looking
// text. Built through the ChatService, so it has system lines, audit rows and events like real use.
#pragma once

#include "server/store/store.h"

namespace sb::server {

// Returns false (and does nothing) when the database already has staff.
bool fill_demo_data(store::Store& store, protocol::Time now);

}  // namespace sb::server
