// ConnectionLimits: the caps on open connections (--max-connections, total, and
// --max-connections-per-address, per TCP peer). The listener asks for a slot per accepted
// socket; the slot is held by the HTTP session and then by the WebSocket session it becomes,
// and freed when the last of them is gone. Over a cap the socket is closed at once and the
// refusal counted (switchboard_connections_refused_total{reason=...}).
//
// Trusted proxies (--trusted-proxy) count only against the total: behind a reverse proxy every
// visitor's connection comes from the proxy's address.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace sb::server {

class ConnectionLimits : public std::enable_shared_from_this<ConnectionLimits> {
  public:
    ConnectionLimits(int max_total, int max_per_address)
        : max_total_(max_total), max_per_address_(max_per_address) {}

    enum class Refusal { none, total, per_address };
    // A slot (freed when the returned pointer's last copy goes), or null with *why set.
    std::shared_ptr<void> acquire(const std::string& address, bool count_per_address, Refusal* why);

    std::int64_t open() const { return open_.load(); }
    // Over 80 % of the total cap: idle keep-alive connections get a short timeout.
    bool near_cap() const { return open_.load() * 5 > static_cast<std::int64_t>(max_total_) * 4; }
    std::int64_t refused_total() const { return refused_total_.load(); }
    std::int64_t refused_per_address() const { return refused_per_address_.load(); }

  private:
    void release(const std::string& address, bool counted_per_address);

    const int max_total_;
    const int max_per_address_;
    std::atomic<std::int64_t> open_{0};
    std::atomic<std::int64_t> refused_total_{0};
    std::atomic<std::int64_t> refused_per_address_{0};
    std::mutex mu_;
    std::unordered_map<std::string, int> per_address_;
};

}  // namespace sb::server
