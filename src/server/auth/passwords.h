// Password hashing with Argon2id (libsodium crypto_pwhash_str). Hashing is slow on purpose, so
// at most a few run at once (a counting semaphore); callers are worker threads, never I/O ones.
#pragma once

#include <string>

namespace sb::server::auth {

// Throws std::runtime_error if libsodium cannot allocate.
std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);
// A hash that matches no password, checked against when a login is unknown (same cost).
const std::string& dummy_hash();

}  // namespace sb::server::auth
