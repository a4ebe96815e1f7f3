// See server_health.h.
#include "client/server_health.h"

namespace sb::client {

ServerHealth::ServerHealth(HttpClient& http, std::function<void()> changed)
    : http_(http), changed_(std::move(changed)) {}

void ServerHealth::check() {
    if (in_flight_) return;
    in_flight_ = true;
    std::weak_ptr<bool> alive = alive_;
    http_.request("GET", "/healthz", "", "", [this, alive](HttpResult result) {
        if (alive.expired()) return;  // the answer outlived us
        in_flight_ = false;
        reachability_ = (result.status >= 200 && result.status < 300) ? Reachability::Reachable
                                                                      : Reachability::Unreachable;
        if (changed_) changed_();
    });
}

}  // namespace sb::client
