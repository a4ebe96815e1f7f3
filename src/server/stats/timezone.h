// "Today" in an IANA time zone for /stats, without the C library's global TZ state: a small
// reader of the system's compiled zoneinfo files (TZif, RFC 8536). g++ 12's <chrono> has no
// time zone database, and setenv("TZ") is not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "protocol/model.h"

namespace sb::server {

class TimeZone {
  public:
    // "UTC" or a name under /usr/share/zoneinfo; throws std::runtime_error if unknown.
    explicit TimeZone(const std::string& name);
    const std::string& name() const { return name_; }
    // Offset from UTC in seconds at instant t.
    std::int64_t offset_at(protocol::Time t) const;
    // The instant of the local midnight that starts t's local day.
    protocol::Time start_of_day(protocol::Time t) const;

  private:
    std::string name_;
    std::vector<std::int64_t> transitions_;  // seconds since the epoch
    std::vector<std::int32_t> offsets_;      // offset in effect from each transition
    std::int32_t initial_offset_ = 0;
};

}  // namespace sb::server
