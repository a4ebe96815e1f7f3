// Percent-encoding of URL parts (RFC 3986), for the server's router, the console's API calls,
// the kiosk's ?token= and the benchmarks: one encoder and one decoder.
#pragma once

#include <string>
#include <string_view>

namespace sb::protocol {

// Every byte but the unreserved ones (A-Z a-z 0-9 - _ . ~) as %XX (upper-case hex).
std::string url_encode(std::string_view text);

// %XX (either case) back to its byte; a '%' not followed by two hex digits stays as it is. With
// plus_is_space (query strings, form encoding) '+' reads as a space.
std::string url_decode(std::string_view text, bool plus_is_space);

}  // namespace sb::protocol
