// Password hashing with Argon2id (libsodium crypto_pwhash_str). Hashing is slow on purpose (and
// takes 64 MiB a run), so it runs on its own small pool — one thread — with a bounded queue,
// apart from the request workers: callers wait for their own hash, and when kMaxQueued already
// wait, a caller is refused at once (HashingBusy) instead of taking a request worker hostage.
// A storm of logins therefore holds at most kMaxQueued + 1 of the 16 request workers, and every
// other API call keeps its workers (bench/login_storm measures it).
#pragma once

#include <stdexcept>
#include <string>

namespace sb::server::auth {

constexpr int kMaxQueuedHashes = 3;

// Thrown when the hashing queue is full: answer 503 with Retry-After and let the client retry.
struct HashingBusy : std::runtime_error {
    HashingBusy() : std::runtime_error("too many logins at once") {}
};

// Both throw HashingBusy when the queue is full; hash_password throws std::runtime_error if
// libsodium cannot allocate.
std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);
// A hash that matches no password, checked against when a login is unknown (same cost).
const std::string& dummy_hash();

}  // namespace sb::server::auth
