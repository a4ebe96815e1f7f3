// X-Forwarded-For from trusted proxies only; see trusted_proxies.h.
#include "server/transport/trusted_proxies.h"

#include <boost/asio/ip/address.hpp>
#include <charconv>
#include <optional>
#include <stdexcept>

namespace sb::server {
namespace ip = boost::asio::ip;

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::optional<ip::address_v6> parse_v6(std::string_view text) {
    boost::system::error_code ec;
    auto a = ip::make_address(std::string(trim(text)), ec);
    if (ec) return std::nullopt;
    if (a.is_v4()) return ip::make_address_v6(ip::v4_mapped, a.to_v4());
    return a.to_v6();
}

}  // namespace

std::string canonical_address(std::string_view text) {
    auto a = parse_v6(text);
    if (!a) return {};
    if (a->is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, *a).to_string();
    return a->to_string();
}

TrustedProxies::TrustedProxies(const std::vector<std::string>& entries) {
    for (const auto& entry : entries) {
        std::string_view e = trim(entry);
        const auto slash = e.find('/');
        auto a = parse_v6(e.substr(0, slash));
        if (!a) throw std::invalid_argument("--trusted-proxy: not an address or CIDR: " + entry);
        Range r;
        r.bytes = a->to_bytes();
        const bool v4 = a->is_v4_mapped();
        r.prefix = 128;
        if (slash != std::string_view::npos) {
            auto p = e.substr(slash + 1);
            int n = -1;
            auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), n);
            if (ec != std::errc() || ptr != p.data() + p.size() || n < 0 || n > (v4 ? 32 : 128))
                throw std::invalid_argument("--trusted-proxy: bad prefix length: " + entry);
            r.prefix = v4 ? 96 + n : n;
        }
        ranges_.push_back(r);
    }
}

bool TrustedProxies::contains(std::string_view address) const {
    if (ranges_.empty()) return false;
    auto a = parse_v6(address);
    if (!a) return false;
    const auto bytes = a->to_bytes();
    for (const auto& r : ranges_) {
        int bits = r.prefix;
        bool match = true;
        for (size_t i = 0; i < 16 && bits > 0 && match; ++i, bits -= 8) {
            const int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            match = (bytes[i] & mask) == (r.bytes[i] & mask);
        }
        if (match) return true;
    }
    return false;
}

std::string TrustedProxies::client_address(const std::string& peer, const std::string* xff) const {
    if (!xff || !contains(peer)) return peer;
    std::string client = peer;  // the last trusted hop seen so far
    std::string_view rest = *xff;
    while (!rest.empty()) {
        const auto comma = rest.rfind(',');
        std::string_view entry =
            trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
        if (entry.empty()) continue;
        std::string addr = canonical_address(entry);
        if (addr.empty()) return client;  // garbage: believe nothing to its left
        client = addr;
        if (!contains(addr)) return client;
    }
    return client;
}

}  // namespace sb::server
