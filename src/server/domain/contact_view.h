// What a contact may see of their chat (issue 3, "Visibility"): no notes, no system lines
// (they name staff), no staff list, and a staff member's name only on signed replies.
#pragma once

#include <optional>

#include "protocol/model.h"

namespace sb::server {

protocol::Chat contact_view(const protocol::Chat& c);
// nullopt: the contact does not see this message at all.
std::optional<protocol::Message> contact_view(const protocol::Message& m);
protocol::Typing contact_view(const protocol::Typing& t, bool author_signs);

}  // namespace sb::server
