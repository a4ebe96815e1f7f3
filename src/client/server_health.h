// Is the server reachable? One GET /healthz at start (and again on demand), remembered as a
// three-state answer the UI shows before anyone logs in.
#pragma once

#include <functional>
#include <memory>

#include "client/platform.h"

namespace sb::client {

enum class Reachability { Unknown, Reachable, Unreachable };

class ServerHealth {
  public:
    // changed is called after every answer (to ask for a frame).
    ServerHealth(HttpClient& http, std::function<void()> changed);
    void check();  // GET /healthz; a check already in flight is not repeated
    Reachability reachability() const { return reachability_; }

  private:
    HttpClient& http_;
    std::function<void()> changed_;
    Reachability reachability_ = Reachability::Unknown;
    bool in_flight_ = false;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace sb::client
