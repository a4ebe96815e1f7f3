// State shared by the listener and every session of one HttpServer (internal to transport/).
#pragma once

#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "protocol/url.h"
#include "server/transport/connection_limits.h"
#include "server/transport/http_server.h"
#include "server/transport/http_types.h"
#include "server/transport/metrics.h"
#include "server/transport/request_log.h"
#include "server/transport/security_headers.h"
#include "server/transport/static_files.h"
#include "server/transport/trusted_proxies.h"

namespace sb::server {

// Anything the server must close on shutdown.
class Closable {
  public:
    virtual ~Closable() = default;
    virtual void shutdown() = 0;
    // Last resort at the end of a stop: close the socket now (peers that never answered).
    virtual void abort() = 0;
};

struct ServerState {
    ServerState(ServerConfig c, Router& r, std::map<std::string, std::shared_ptr<WsEndpoint>> ws)
        : config(std::move(c)),
          router(r),
          websockets(std::move(ws)),
          files(config.web_dir),
          proxies(config.trusted_proxies),
          security(config.widget_embed_origins, config.hsts),
          limits(std::make_shared<ConnectionLimits>(config.max_connections,
                                                    config.max_connections_per_address)),
          log(config.log_requests
                  ? std::make_unique<RequestLog>(config.log_fd, config.log_queue_lines)
                  : nullptr),
          workers(static_cast<size_t>(config.worker_threads)) {}

    ServerConfig config;
    Router& router;
    std::map<std::string, std::shared_ptr<WsEndpoint>> websockets;
    StaticFiles files;
    TrustedProxies proxies;
    SecurityHeaders security;
    std::shared_ptr<ConnectionLimits> limits;
    std::unique_ptr<RequestLog> log;  // null with log_requests off
    TransportMetrics metrics;
    boost::asio::thread_pool workers;
    std::atomic<bool> stopping{false};
    std::atomic<int> in_flight{0};  // requests read but not yet answered

    void track(const std::shared_ptr<Closable>& session);
    void shutdown_sessions();
    void abort_sessions();
    // Counts the answer in /metrics and queues its JSON log line (note: HttpResponse::log_note).
    void log_request(const HttpRequest& req, int status, double seconds, size_t bytes,
                     const std::string& note = {});
    // A fresh request id: 8 hex digits fixed per process, then a counter (HttpRequest::request_id).
    std::string next_request_id();
    // Transport metrics plus the connection caps' and the log's counters (Prometheus text).
    std::string metrics_text() const;

  private:
    std::vector<std::shared_ptr<Closable>> live_sessions();
    std::mutex sessions_mu_;
    std::vector<std::weak_ptr<Closable>> sessions_;
    std::atomic<std::uint64_t> request_counter_{0};
};

// A query string's parameters, percent-decoded ('+' is a space here; in a path it is not: paths
// decode with protocol::url_decode(path, false)).
std::map<std::string, std::string> parse_query(std::string_view q);

}  // namespace sb::server
