// Connection caps; see connection_limits.h.
#include "server/transport/connection_limits.h"

namespace sb::server {

std::shared_ptr<void> ConnectionLimits::acquire(const std::string& address, bool count_per_address,
                                                Refusal* why) {
    {
        std::lock_guard lock(mu_);
        if (open_.load() >= max_total_) {
            refused_total_++;
            *why = Refusal::total;
            return nullptr;
        }
        if (count_per_address) {
            int& n = per_address_[address];
            if (n >= max_per_address_) {
                if (n == 0) per_address_.erase(address);
                refused_per_address_++;
                *why = Refusal::per_address;
                return nullptr;
            }
            ++n;
        }
        open_++;
    }
    *why = Refusal::none;
    // The slot keeps the limits alive, so a session that outlives the server frees it safely.
    struct Slot {
        std::shared_ptr<ConnectionLimits> limits;
        std::string address;
        bool counted;
        ~Slot() { limits->release(address, counted); }
    };
    return std::make_shared<Slot>(shared_from_this(), address, count_per_address);
}

void ConnectionLimits::release(const std::string& address, bool counted_per_address) {
    std::lock_guard lock(mu_);
    open_--;
    if (!counted_per_address) return;
    auto it = per_address_.find(address);
    if (it != per_address_.end() && --it->second <= 0) per_address_.erase(it);
}

}  // namespace sb::server
