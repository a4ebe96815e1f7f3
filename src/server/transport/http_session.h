// One HTTP/1.1 connection: read a request, answer it (static file inline, API on the worker
// pool), keep alive; or hand the socket to a WebSocketSession on an upgrade.
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <memory>
#include <optional>

#include "server/transport/server_state.h"

namespace sb::server {

class HttpSession : public Closable, public std::enable_shared_from_this<HttpSession> {
  public:
    // slot: this connection's place under the connection caps (ConnectionLimits), handed on to
    // the WebSocket session on an upgrade. metrics_only: a connection to --metrics-listen, which
    // answers /metrics and /healthz and nothing else.
    HttpSession(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<ServerState> state,
                std::shared_ptr<void> slot, bool metrics_only = false);
    ~HttpSession() override;
    void run();
    void shutdown() override;
    void abort() override;

  private:
    using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
    void do_read();
    void on_read(boost::beast::error_code ec, size_t bytes);
    void handle(BeastRequest&& req);
    void upgrade(BeastRequest&& req, HttpRequest&& request);
    void send(HttpRequest request, HttpResponse response, bool head = false);
    // send(), after response.hold on hold_timer_ (at once when hold is 0 or the server stops).
    void send_after_hold(HttpRequest request, HttpResponse response);
    void serve_static(const HttpRequest& request, const BeastRequest& req);
    void serve_metrics(HttpRequest&& request);
    void on_write(bool close, boost::beast::error_code ec, size_t bytes);
    void do_close();

    boost::beast::tcp_stream stream_;
    boost::asio::steady_timer hold_timer_;
    boost::beast::flat_buffer buffer_;
    std::shared_ptr<ServerState> state_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    std::shared_ptr<void> response_;  // keeps the response alive during async_write
    std::shared_ptr<void> slot_;
    bool metrics_only_ = false;
    std::string remote_;  // the TCP peer
    bool busy_ = false;
    bool close_after_ = false;
    std::chrono::steady_clock::time_point started_;
};

}  // namespace sb::server
