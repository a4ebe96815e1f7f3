// RFC 3339 text for protocol::Time (epoch milliseconds, UTC). Calendar arithmetic comes from
// Howard Hinnant's date library (date/date.h, header-only, the reference for C++20's calendars),
// with no OS calls, so the browser build and the server format and parse times the same way.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "protocol/model.h"

namespace sb::protocol {

// "2026-11-24T09:03:07.250Z" (milliseconds always present).
std::string format_time(Time t);
// Accepts "YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)" naming a real calendar day; nullopt when
// malformed (also for a day the month does not have, such as 2026-02-30).
std::optional<Time> parse_time(std::string_view text);

}  // namespace sb::protocol
