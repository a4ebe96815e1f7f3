// The failed-login limiter; see login_limiter.h.
#include "server/auth/login_limiter.h"

namespace sb::server::auth {

long LoginLimiter::check(const std::string& key, int max,
                         std::chrono::steady_clock::time_point now) {
    auto it = entries_.find(key);
    if (it == entries_.end()) return 0;
    if (now - it->second.first >= kWindow) {
        entries_.erase(it);
        return 0;
    }
    if (it->second.failures < max) return 0;
    return static_cast<long>(
               std::chrono::duration_cast<std::chrono::seconds>(kWindow - (now - it->second.first))
                   .count()) +
           1;
}

void LoginLimiter::bump(const std::string& key, std::chrono::steady_clock::time_point now) {
    auto& e = entries_[key];
    if (e.failures == 0 || now - e.first >= kWindow) {
        e.failures = 0;
        e.first = now;
    }
    ++e.failures;
}

long LoginLimiter::retry_after(const std::string& login, const std::string& remote) {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    const long a = check("login:" + login, kMaxFailures, now);
    const long b = remote.empty() ? 0 : check("peer:" + remote, kMaxPeerFailures, now);
    return a > b ? a : b;
}

void LoginLimiter::failed(const std::string& login, const std::string& remote) {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (entries_.size() > 100'000) entries_.clear();  // bound memory under a spray of logins
    bump("login:" + login, now);
    if (!remote.empty()) bump("peer:" + remote, now);
}

void LoginLimiter::succeeded(const std::string& login) {
    std::lock_guard lock(mutex_);
    entries_.erase("login:" + login);
}

}  // namespace sb::server::auth
