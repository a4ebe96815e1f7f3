// What a display token (the kiosk on a wall screen) may see (shared/API.md, "Limits on the
// public side"): what the kiosk draws and nothing else. Chats keep their id, status, queue,
// times, assignee and the contact's display name; e-mail, phone, previews and the staff who
// wrote are gone. Staff keep id, name, role and presence; their login and queues are gone.
// /stats is already made of such fields (stats/stats_service.cpp); this is the event stream's.
#pragma once

#include "protocol/model.h"

namespace sb::server {

protocol::Chat display_view(const protocol::Chat& c);
protocol::Staff display_view(const protocol::Staff& s);

}  // namespace sb::server
