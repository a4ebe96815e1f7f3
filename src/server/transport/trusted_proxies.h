// TrustedProxies: the reverse proxies named by --trusted-proxy (addresses or CIDR ranges), and
// the one rule that turns a TCP peer plus X-Forwarded-For into the client's address.
//
// Rule (the usual one, as nginx real_ip_recursive and most proxies apply it): when the TCP peer
// is not a trusted proxy, X-Forwarded-For is ignored and the peer is the client. When it is, the
// header's addresses are read from the right; trusted proxies are skipped, and the first address
// that is not one is the client. If every address is a trusted proxy, the left-most is. An entry
// that is not an IP address ends the walk: the hop that wrote it (the last trusted address seen)
// is the client, since nothing to its left can be believed.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sb::server {

class TrustedProxies {
  public:
    TrustedProxies() = default;
    // Each entry is an IPv4/IPv6 address or a CIDR range ("10.0.0.0/8", "fd00::/8").
    // Throws std::invalid_argument naming a bad entry.
    explicit TrustedProxies(const std::vector<std::string>& entries);

    bool empty() const { return ranges_.empty(); }
    bool contains(std::string_view address) const;
    // The client's address for a request from `peer` carrying X-Forwarded-For `xff` (null: none).
    std::string client_address(const std::string& peer, const std::string* xff) const;

  private:
    struct Range {
        std::array<std::uint8_t, 16> bytes{};  // IPv4 as IPv4-mapped IPv6
        int prefix = 128;
    };
    std::vector<Range> ranges_;
};

// An address in canonical text (IPv4-mapped IPv6 as plain IPv4), or "" if it is not one.
std::string canonical_address(std::string_view text);

}  // namespace sb::server
