// Failed-login delays on the store's limit counters; see login_limiter.h.
#include "server/auth/login_limiter.h"

#include <algorithm>

namespace sb::server::auth {

std::string login_address_key(const std::string& login, const std::string& address) {
    return "login:" + key_text(login) + "\n" + address;
}

std::string address_key(const std::string& address) {
    return "address:" + address;
}

std::int64_t login_delay_ms(const LoginLimits& l, std::int64_t failures, int free_failures,
                            protocol::Time last, protocol::Time now) {
    if (failures < free_failures || now - last >= l.window_ms) return 0;
    const std::int64_t doublings = std::min<std::int64_t>(failures - free_failures, 20);
    const std::int64_t delay = std::min(l.max_delay_ms, l.first_delay_ms << doublings);
    return std::max<std::int64_t>(0, last + delay - now);
}

namespace {

struct Count {
    std::int64_t failures = 0;
    protocol::Time last = 0;
};

Count current(store::WriteTx& tx, const std::string& key, protocol::Time now) {
    auto c = tx.limit_counter(key);
    if (!c || c->expires_at < now) return {};
    return {c->count, c->at};
}

}  // namespace

std::int64_t reserve_login_attempt(store::WriteTx& tx, const LoginLimits& l,
                                   const std::string& login, const std::string& address,
                                   protocol::Time now) {
    const std::string k1 = login_address_key(login, address), k2 = address_key(address);
    const Count c1 = current(tx, k1, now), c2 = current(tx, k2, now);
    const std::int64_t wait =
        std::max(login_delay_ms(l, c1.failures, l.free_per_login_address, c1.last, now),
                 login_delay_ms(l, c2.failures, l.free_per_address, c2.last, now));
    if (wait > 0) return wait;
    tx.set_limit_counter(k1, {c1.failures + 1, now, now + l.window_ms});
    tx.set_limit_counter(k2, {c2.failures + 1, now, now + l.window_ms});
    return 0;
}

void forgive_login_attempt(store::WriteTx& tx, const std::string& login, const std::string& address,
                           protocol::Time now, bool succeeded) {
    auto take_back = [&](const std::string& key, bool all) {
        auto c = tx.limit_counter(key);
        if (!c) return;
        if (all || c->count <= 1 || c->expires_at < now)
            tx.delete_limit_counter(key);
        else
            tx.set_limit_counter(key, {c->count - 1, c->at, c->expires_at});
    };
    take_back(login_address_key(login, address), succeeded);
    take_back(address_key(address), false);
}

}  // namespace sb::server::auth
