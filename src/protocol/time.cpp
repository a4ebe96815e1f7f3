// RFC 3339 formatting and parsing for protocol::Time; see time.h.
#include "protocol/time.h"

#include <date/date.h>

#include <chrono>
#include <cstdio>

namespace sb::protocol {

namespace {

using Millis = std::chrono::duration<std::int64_t, std::milli>;
using SysMillis = std::chrono::time_point<std::chrono::system_clock, Millis>;

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

}  // namespace

std::string format_time(Time t) {
    const SysMillis tp{Millis{t}};
    const auto day = date::floor<date::days>(tp);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss<Millis> tod{tp - day};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02u:%02u:%02u.%03uZ",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<unsigned>(tod.hours().count()),
                  static_cast<unsigned>(tod.minutes().count()),
                  static_cast<unsigned>(tod.seconds().count()),
                  static_cast<unsigned>(tod.subseconds().count()));
    return buf;
}

std::optional<Time> parse_time(std::string_view s) {
    int y, mo, d, h, mi, se;
    if (!digits(s, 0, 4, y) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2, mo) ||
        s[7] != '-' || !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') ||
        !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' ||
        !digits(s, 17, 2, se))
        return std::nullopt;
    const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)},
                                   date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok() || h > 23 || mi > 59 || se > 60) return std::nullopt;
    size_t pos = 19;
    std::int64_t ms = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int n = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (n < 3) ms = ms * 10 + (s[pos] - '0');
            ++n;
            ++pos;
        }
        if (n == 0) return std::nullopt;
        for (int i = n; i < 3; ++i) ms *= 10;
    }
    std::int64_t offset_min = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh, om;
        if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !digits(s, pos + 4, 2, om) || oh > 23 || om > 59)
            return std::nullopt;
        offset_min = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
    const SysMillis tp = date::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} +
                         std::chrono::seconds{se} - std::chrono::minutes{offset_min} + Millis{ms};
    return tp.time_since_epoch().count();
}

}  // namespace sb::protocol
