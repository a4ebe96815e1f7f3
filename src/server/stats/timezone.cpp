// TimeZone on date/tz.h; see timezone.h.
#include "server/stats/timezone.h"

#include <date/tz.h>

#include <chrono>
#include <stdexcept>

namespace sb::server {

namespace {

using Millis = std::chrono::duration<std::int64_t, std::milli>;
using SysMillis = std::chrono::time_point<std::chrono::system_clock, Millis>;

}  // namespace

TimeZone::TimeZone(const std::string& name) : name_(name) {
    if (name == "UTC" || name == "Etc/UTC" || name.empty()) return;
    // Names come from configuration: refuse paths before the library opens a file by that name.
    if (name.find("..") != std::string::npos || name.front() == '/')
        throw std::runtime_error("bad time zone name: " + name);
    try {
        zone_ = date::locate_zone(name);
    } catch (const std::exception&) {
        throw std::runtime_error("unknown time zone: " + name);
    }
}

std::int64_t TimeZone::offset_at(protocol::Time t) const {
    if (!zone_) return 0;
    return zone_->get_info(SysMillis{Millis{t}}).offset.count();
}

protocol::Time TimeZone::start_of_day(protocol::Time t) const {
    const SysMillis now{Millis{t}};
    if (!zone_) return date::floor<date::days>(now).time_since_epoch() / Millis{1};
    const auto local_midnight = date::floor<date::days>(zone_->to_local(now));
    // choose::earliest: an ambiguous midnight is its first occurrence; a skipped one maps to the
    // transition, which is then the first instant of the day.
    const auto start = zone_->to_sys(local_midnight, date::choose::earliest);
    return std::chrono::duration_cast<Millis>(start.time_since_epoch()).count();
}

}  // namespace sb::server
