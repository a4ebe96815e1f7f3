// The limits on the public side (shared/API.md, "Limits on the public side"): how many chat
// starts an address and the whole server take, how many messages and typing calls a contact
// token sends, how many sockets a token and the server hold. Each rate is a token bucket, kept
// as a GCRA "theoretical arrival time" (one integer): in the store's limit counters when every
// instance of a cluster must share it, in memory when it is per instance by nature (typing,
// whose coalescing is per instance anyway). A refusal is DomainError 429 rate_limited with the
// seconds to wait, and changes nothing: a store bucket is taken inside the request's own write
// transaction, which a refusal rolls back.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "protocol/model.h"
#include "server/domain/domain_error.h"
#include "server/store/store.h"

namespace sb::server {

// `burst` requests at once, then one more every `interval_ms`. burst 0: no limit.
struct RateRule {
    int burst = 0;
    std::int64_t interval_ms = 0;

    bool unlimited() const { return burst <= 0 || interval_ms <= 0; }
    // "N/S": N requests per S seconds, burst N ("5/60"); "off" or "0": unlimited. Throws
    // std::invalid_argument with a message that names the text.
    static RateRule parse(const std::string& text);
    std::string to_string() const;  // as parse() reads it
};

// Failed logins (auth/login_limiter.h): free failures, then waits doubling from first_delay_ms.
struct LoginLimits {
    int free_per_login_address = 5;  // failures of one login from one address before delays
    int free_per_address = 20;       // failures from one address, any login, before delays
    std::int64_t first_delay_ms = 1'000;
    std::int64_t max_delay_ms = 5 * 60'000;
    std::int64_t window_ms = 15 * 60'000;  // a quiet window after the last failure forgets
    // How long a refused login (429 delayed, 503 hashing queue full) waits before it is answered
    // (a tarpit, on the connection's timer, holding no worker): a client that ignores Retry-After
    // and retries at once then costs one answer per hold instead of a busy loop that takes a core
    // from everyone else (bench/login_storm). Nobody honest is slowed: a login is refused only
    // after failing, or when the server is already overloaded.
    std::int64_t refusal_hold_ms = 1'000;
};

struct PublicLimits {
    RateRule chat_starts_per_address{5, 12'000};  // 5 a minute per address
    RateRule chat_starts{120, 500};               // 120 a minute over the whole server
    RateRule messages_per_token{20, 500};         // 20 per 10 s per contact token
    RateRule typing_per_token{30, 2'000};         // 30 per minute per contact token
    std::int64_t typing_coalesce_ms = 2'000;      // at most one typing event a chat and author
    int sockets_per_token = 3;                    // contact sockets one token may hold open
    int sockets_total = 10'000;                   // event sockets of every kind, this instance
    LoginLimits login;
};

// No rate limits and no socket caps on the contact side (login delays stay as they are): for
// tests and tools that start many chats from one address on purpose.
PublicLimits unlimited_public_side();

// One GCRA step: with the bucket's theoretical arrival time `tat` (nullopt: a full bucket), is a
// request at `now` admitted? wait_ms 0: yes, and `tat` is the bucket's new state.
struct RateDecision {
    std::int64_t wait_ms = 0;
    protocol::Time tat = 0;
};
RateDecision rate_step(std::optional<protocol::Time> tat, protocol::Time now, const RateRule& r);

// The DomainError of a refusal: 429 rate_limited, "<what>; try again in N s", Retry-After N.
DomainError rate_limited(const std::string& what, std::int64_t wait_ms);

// Takes one request from the store bucket `key` inside the caller's write transaction; throws
// the 429 when the bucket is empty.
void take_rate(store::WriteTx& tx, const std::string& key, const RateRule& rule, protocol::Time now,
               const std::string& what);

// A limit key's text from bytes that may not be text (a token hash): hex when not printable
// ASCII, so every store can keep it in a TEXT column.
std::string key_text(const std::string& bytes);

// Buckets in this process's memory (per instance), for limits that need not be shared.
class MemoryRates {
  public:
    // 0 when admitted (and taken), else the ms to wait.
    std::int64_t take(const std::string& key, const RateRule& rule, protocol::Time now);

  private:
    std::mutex mu_;
    std::unordered_map<std::string, protocol::Time> tat_;
};

}  // namespace sb::server
