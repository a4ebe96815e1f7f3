// A TZif reader for TimeZone; see timezone.h. Reads the 64-bit (version 2+) body when present.
#include "server/stats/timezone.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace sb::server {

namespace {

std::int64_t be(const unsigned char* p, int n) {
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) v = (v << 8) | p[i];
    if (n == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    return static_cast<std::int64_t>(v);
}

struct Header {
    std::int64_t isut, isstd, leap, time, type, chars;
};

Header read_header(const std::vector<unsigned char>& d, std::size_t at) {
    if (d.size() < at + 44 || d[at] != 'T' || d[at + 1] != 'Z' || d[at + 2] != 'i' ||
        d[at + 3] != 'f')
        throw std::runtime_error("not a TZif file");
    const unsigned char* p = d.data() + at + 20;
    return {be(p, 4), be(p + 4, 4), be(p + 8, 4), be(p + 12, 4), be(p + 16, 4), be(p + 20, 4)};
}

}  // namespace

TimeZone::TimeZone(const std::string& name) : name_(name) {
    if (name == "UTC" || name == "Etc/UTC" || name.empty()) return;
    if (name.find("..") != std::string::npos || name.front() == '/')
        throw std::runtime_error("bad time zone name: " + name);
    std::ifstream in("/usr/share/zoneinfo/" + name, std::ios::binary);
    if (!in) throw std::runtime_error("unknown time zone: " + name);
    std::vector<unsigned char> d((std::istreambuf_iterator<char>(in)),
                                 std::istreambuf_iterator<char>());
    Header h = read_header(d, 0);
    std::size_t body = 44;
    int tsize = 4;
    if (d[4] >= '2') {  // skip the 32-bit body, use the 64-bit one
        const std::size_t v1 = static_cast<std::size_t>(h.time * 5 + h.type * 6 + h.chars +
                                                        h.leap * 8 + h.isstd + h.isut);
        h = read_header(d, 44 + v1);
        body = 44 + v1 + 44;
        tsize = 8;
    }
    const std::size_t need = body + static_cast<std::size_t>(h.time * (tsize + 1) + h.type * 6);
    if (d.size() < need || h.type < 1) throw std::runtime_error("truncated TZif file: " + name);
    const unsigned char* times = d.data() + body;
    const unsigned char* idx = times + h.time * tsize;
    const unsigned char* types = idx + h.time;
    auto type_offset = [&](std::size_t i) {
        return static_cast<std::int32_t>(be(types + std::min<std::size_t>(i, h.type - 1) * 6, 4));
    };
    initial_offset_ = type_offset(0);
    for (std::int64_t i = 0; i < h.time; ++i) {
        transitions_.push_back(be(times + i * tsize, tsize));
        offsets_.push_back(type_offset(idx[i]));
    }
}

std::int64_t TimeZone::offset_at(protocol::Time t) const {
    const std::int64_t s = t >= 0 ? t / 1000 : (t - 999) / 1000;
    auto it = std::upper_bound(transitions_.begin(), transitions_.end(), s);
    if (it == transitions_.begin()) return initial_offset_;
    return offsets_[static_cast<std::size_t>(it - transitions_.begin() - 1)];
}

protocol::Time TimeZone::start_of_day(protocol::Time t) const {
    const std::int64_t day_ms = 86'400'000;
    const std::int64_t local = t + offset_at(t) * 1000;
    std::int64_t local_midnight = local - ((local % day_ms) + day_ms) % day_ms;
    // Convert back with the offset in effect at that midnight (differs across a DST change).
    return local_midnight - offset_at(local_midnight - offset_at(t) * 1000) * 1000;
}

}  // namespace sb::server
