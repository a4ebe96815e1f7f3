// HttpServer: the Boost.Beast transport. Accepts connections, parses HTTP/1.1, serves the web
// build's static files, hands /api requests to the Router on a worker pool (never on an I/O
// thread), upgrades WebSocket paths to a WsEndpoint, and shuts down gracefully.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "server/transport/http_types.h"

namespace sb::server {

struct ServerConfig {
    std::string address = "127.0.0.1";
    uint16_t port = 8080;  // 0: pick a free port (see HttpServer::port())
    std::string web_dir;   // the console's built files; empty: no static files
    int io_threads = 2;
    int worker_threads = 16;  // handlers (SQLite, Argon2id) run here
    size_t max_body_bytes = 64 * 1024;
    std::string allowed_origin;  // extra WebSocket Origin allowed besides the server's own
    bool log_requests = true;    // one JSON line per request on stdout
    std::string instance;        // this instance's name, in /healthz (empty: not named)
    std::function<std::string()> extra_metrics;  // appended to /metrics

    // Hardening (docs/api.md, "Security"):
    // Reverse proxies whose X-Forwarded-For names the client (addresses or CIDR ranges).
    std::vector<std::string> trusted_proxies;
    // /metrics answers on the main port only with "Authorization: Bearer <metrics_token>";
    // on metrics_listen ("127.0.0.1:9100"), a second listener serving only /metrics and
    // /healthz, it answers anyone who can reach that address. Neither set: 404.
    std::string metrics_token;
    std::string metrics_listen;
    std::vector<std::string> widget_embed_origins;  // frame-ancestors of the widget (empty: *)
    bool hsts = false;            // Strict-Transport-Security on every answer (TLS at the proxy)
    int max_connections = 10000;  // open connections (HTTP + WebSocket), total
    int max_connections_per_address = 256;  // per TCP peer (trusted proxies: no per-address cap)
    int idle_seconds = 60;                  // keep-alive idle timeout
    int idle_seconds_near_cap = 5;          // the same when over 80 % of max_connections
    int log_fd = 1;                         // where request log lines go (stdout)
    size_t log_queue_lines = 10000;         // queued log lines at most; more are dropped
};

class HttpServer {
  public:
    HttpServer(ServerConfig config, Router& router,
               std::map<std::string, std::shared_ptr<WsEndpoint>> websockets);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds and starts the I/O and worker threads. Throws on bind failure.
    void start();
    uint16_t port() const;
    // The port of the metrics listener (0: none).
    uint16_t metrics_port() const;
    // Graceful: stop accepting, let requests in flight finish (up to drain_seconds), close
    // WebSockets with a reason, then stop the threads. Safe to call from any thread, once or more.
    void stop(double drain_seconds = 10.0);
    // Blocks until stop() has completed. WsEndpoints must release their connections before the
    // HttpServer is destroyed (main.cpp: server.stop(), then core.shutdown()).
    void wait();

    struct Impl;

  private:
    std::shared_ptr<Impl> impl_;
};

}  // namespace sb::server
