// Failed-login rate limit: after kMaxFailures failures within the window for one login (or
// kMaxPeerFailures for one peer address), further attempts are refused (429) until the window has
// passed. In memory: a restart forgets, which is acceptable for a limiter.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace sb::server::auth {

class LoginLimiter {
  public:
    static constexpr int kMaxFailures = 5;
    static constexpr int kMaxPeerFailures = 20;
    static constexpr std::chrono::seconds kWindow{300};

    // Seconds to wait, or 0 when an attempt may go ahead.
    long retry_after(const std::string& login, const std::string& remote);
    void failed(const std::string& login, const std::string& remote);
    void succeeded(const std::string& login);

  private:
    struct Entry {
        int failures = 0;
        std::chrono::steady_clock::time_point first;
    };
    long check(const std::string& key, int max, std::chrono::steady_clock::time_point now);
    void bump(const std::string& key, std::chrono::steady_clock::time_point now);

    std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace sb::server::auth
