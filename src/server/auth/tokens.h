// Opaque bearer tokens: 32 random bytes, shown once as text with a kind prefix
// (sbs_ staff session, sbd_ display, sbc_ contact, sbi_ integration); stored only as their
// BLAKE2b hash, so a copy of the database holds no usable token.
#pragma once

#include <string>

#include "server/store/store.h"

namespace sb::server::auth {

struct NewToken {
    std::string text;  // give to the client
    std::string hash;  // store this
};

NewToken make_token(store::TokenRecord::Kind kind);
std::string hash_token(const std::string& text);

}  // namespace sb::server::auth
