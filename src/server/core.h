// The server's core as main.cpp and the transport see it: storage, domain rules, auth, the
// REST handlers and the event hub, wired together. Transport-free: it only knows the Router
// and the WsEndpoint interfaces of transport/http_types.h.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "server/domain/public_limits.h"
#include "server/transport/http_types.h"

namespace sb::server {

namespace store {
class Store;
}

struct CoreConfig {
    // The database: a SQLite file, or a PostgreSQL URL (postgresql://...); store/open_store.h.
    std::string db_path = "var/switchboard.db";
    bool demo = false;             // fill an empty database with demo data
    std::string timezone = "UTC";  // for "today" in /stats (IANA name)
    std::string allowed_origin;    // WebSocket Origin check; empty: same host only
    // This instance's name in a cluster (/healthz, presence leases); unique per instance.
    std::string instance = "local";
    std::chrono::seconds presence_lease{30};  // EventHub::Options::lease_ttl
    PublicLimits limits;                      // the public side's rate limits and socket caps
    bool full_durability = false;  // --durability full (store::StoreOptions::full_durability)
};

class Core {
  public:
    explicit Core(CoreConfig config);
    ~Core();
    void register_routes(Router& router);
    std::shared_ptr<WsEndpoint> staff_events();    // GET /api/v1/events
    std::shared_ptr<WsEndpoint> contact_events();  // GET /api/v1/contact/events
    // Metrics lines (Prometheus text) the core adds to /metrics.
    std::string metrics_text() const;
    // The store, for tests and tools that must reach below the API (a full disk, say).
    store::Store& store();
    // Stop background work, close event sockets with a reason.
    void shutdown();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// `switchboard-server admin ...`: add-staff, set-password, add-queue, add-member,
// make-display-token, make-integration-token. Returns the process exit code.
int run_admin_cli(int argc, char** argv);

}  // namespace sb::server
