// Hex text with libsodium; see hex.h.
#include "server/hex.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace sb::server {

std::string to_hex(const unsigned char* bytes, std::size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes, size);
    out.pop_back();  // the terminating NUL sodium_bin2hex writes
    return out;
}

std::string random_hex(std::size_t size) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    std::vector<unsigned char> raw(size);
    randombytes_buf(raw.data(), raw.size());
    return to_hex(raw.data(), raw.size());
}

}  // namespace sb::server
