// HttpServer: the Boost.Beast transport. Accepts connections, parses HTTP/1.1, serves the web
// build's static files, hands /api requests to the Router on a worker pool (never on an I/O
// thread), upgrades WebSocket paths to a WsEndpoint, and shuts down gracefully.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

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
