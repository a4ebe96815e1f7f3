// Failed logins, counted so that guessing is slow and nobody can be locked out by others
// (issue 11): failures count per (login, address) and per address, never per login alone, so a
// correct password from an address that has not been failing is never refused because someone
// elsewhere guessed wrong. Past a few free failures each further attempt waits, the wait
// doubling with every failure up to kMaxDelay; a quiet kWindow forgets them.
//
// Check and count are one atomic step: an attempt is counted as a failure *before* its password
// is checked (reserve), inside one write transaction on the store's limit counters, so 40
// concurrent guesses cannot all pass the check, and every instance of a cluster counts the same.
// A success then takes its own reservation back (forgive).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "protocol/model.h"
#include "server/domain/public_limits.h"
#include "server/store/store.h"

namespace sb::server::auth {

// The counter keys: "login:<login>\n<address>" (key_text(login): hex unless printable ASCII)
// and "address:<address>".
std::string login_address_key(const std::string& login, const std::string& address);
std::string address_key(const std::string& address);

// The wait before another attempt, given `failures` so far with the last at `last`.
std::int64_t login_delay_ms(const LoginLimits& l, std::int64_t failures, int free_failures,
                            protocol::Time last, protocol::Time now);

// In the caller's write transaction: 0 and the attempt counted, or the ms to wait (nothing
// counted; the caller refuses with 429).
std::int64_t reserve_login_attempt(store::WriteTx& tx, const LoginLimits& l,
                                   const std::string& login, const std::string& address,
                                   protocol::Time now);
// Takes an attempt's reservation back: after a correct password (succeeded: the (login,
// address) failures are forgotten too), or when the attempt could not be checked at all.
void forgive_login_attempt(store::WriteTx& tx, const std::string& login, const std::string& address,
                           protocol::Time now, bool succeeded);

}  // namespace sb::server::auth
