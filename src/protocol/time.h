// RFC 3339 text for protocol::Time (epoch milliseconds, UTC). Pure arithmetic, no OS calls, so
// the browser build and the server format and parse times the same way.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "protocol/model.h"

namespace sb::protocol {

// "2026-11-24T09:03:07.250Z" (milliseconds always present).
std::string format_time(Time t);
// Accepts "YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)"; nullopt when malformed.
std::optional<Time> parse_time(std::string_view text);

// Days since 1970-01-01 for a proleptic Gregorian date, and back (Howard Hinnant's algorithms).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);
void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d);

}  // namespace sb::protocol
