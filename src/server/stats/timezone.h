// "Today" in an IANA time zone for /stats. A thin wrapper over Howard Hinnant's date/tz.h
// (Debian's libhowardhinnant-date-dev, built with USE_OS_TZDB: it reads the system's zoneinfo),
// so no global TZ state (setenv("TZ") is not thread-safe) and no zoneinfo parser of our own.
#pragma once

#include <string>

#include "protocol/model.h"

namespace date {
class time_zone;
}

namespace sb::server {

class TimeZone {
  public:
    // "UTC" or an IANA name the system's zoneinfo knows; throws std::runtime_error if unknown.
    explicit TimeZone(const std::string& name);
    const std::string& name() const { return name_; }
    // Offset from UTC in seconds at instant t.
    std::int64_t offset_at(protocol::Time t) const;
    // The instant that starts t's local day: local midnight, or the first instant of the day when
    // a DST change skips midnight.
    protocol::Time start_of_day(protocol::Time t) const;

  private:
    std::string name_;
    const date::time_zone* zone_ = nullptr;  // null: UTC
};

}  // namespace sb::server
