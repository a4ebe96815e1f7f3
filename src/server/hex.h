// Bytes as lower-case hex, and fresh random bytes as hex (libsodium): the text of tokens
// (auth/tokens.cpp), webhook secrets (channel/webhook_config.cpp), link tokens and signatures.
#pragma once

#include <cstddef>
#include <string>

namespace sb::server {

std::string to_hex(const unsigned char* bytes, std::size_t size);

template <std::size_t N>
std::string to_hex(const unsigned char (&bytes)[N]) {
    return to_hex(bytes, N);
}

// `size` bytes from the system's CSPRNG, as 2 × size hex digits.
std::string random_hex(std::size_t size);

}  // namespace sb::server
