// Argon2id through libsodium, bounded to kMaxConcurrentHashes at a time; see passwords.h.
#include "server/auth/passwords.h"

#include <sodium.h>

#include <semaphore>
#include <stdexcept>

namespace sb::server::auth {

namespace {

constexpr int kMaxConcurrentHashes = 2;
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
