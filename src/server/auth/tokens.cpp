// Token generation and hashing with libsodium; see tokens.h.
#include "server/auth/tokens.h"

#include <sodium.h>

#include <stdexcept>

#include "server/hex.h"

namespace sb::server::auth {

namespace {

const char* prefix(store::TokenRecord::Kind k) {
    switch (k) {
        case store::TokenRecord::Kind::staff:
            return "sbs_";
        case store::TokenRecord::Kind::display:
            return "sbd_";
        case store::TokenRecord::Kind::contact:
            return "sbc_";
        case store::TokenRecord::Kind::integration:
            return "sbi_";
    }
    return "sb_";
}

}  // namespace

NewToken make_token(store::TokenRecord::Kind kind) {
    NewToken t;
    t.text = std::string(prefix(kind)) + random_hex(32);
    t.hash = hash_token(t.text);
    return t;
}

std::string hash_token(const std::string& text) {
    unsigned char out[crypto_generichash_BYTES];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(text.data()),
                       text.size(), nullptr, 0);
    return std::string(reinterpret_cast<const char*>(out), sizeof out);
}

}  // namespace sb::server::auth
