// Argon2id through libsodium, bounded to kMaxConcurrentHashes at a time; see passwords.h.
#include "server/auth/passwords.h"

#include <sodium.h>

#include <semaphore>
#include <stdexcept>

namespace sb::server::auth {

namespace {

// Each Argon2id run takes 64 MiB (MEMLIMIT_INTERACTIVE). One at a time keeps the server's peak
// memory under the 150 MB budget during a login storm (bench/search measured ~95 MiB with 1 and
// ~155 MiB with 2) at ~10-20 logins/s, plenty for a helpdesk.
constexpr int kMaxConcurrentHashes = 1;
std::counting_semaphore<kMaxConcurrentHashes> g_hash_slots(kMaxConcurrentHashes);

struct Slot {
    Slot() { g_hash_slots.acquire(); }
    ~Slot() { g_hash_slots.release(); }
};

void init_sodium() {
    static const bool ok = sodium_init() >= 0;
    if (!ok) throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace

std::string hash_password(const std::string& password) {
    init_sodium();
    char out[crypto_pwhash_STRBYTES];
    Slot slot;
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
    init_sodium();
    Slot slot;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

const std::string& dummy_hash() {
    static const std::string h = hash_password("no password matches this hash");
    return h;
}

}  // namespace sb::server::auth
