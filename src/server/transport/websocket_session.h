// One WebSocket connection: a read loop feeding a WsEndpoint, and a bounded write queue with one
// async_write outstanding at a time, all on the connection's strand. A client whose queue
// overflows is dropped (it resumes by seq). An application-level {"type":"ping"} text frame is
// sent every 25 s because browsers do not show protocol pings to JavaScript; protocol pings
// (Beast keep-alive) detect dead peers.
#pragma once

#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <memory>

#include "server/transport/server_state.h"

namespace sb::server {

// A WebSocket close reason fits in 123 bytes (RFC 6455); longer ones are cut at a UTF-8 boundary.
std::string truncate_close_reason(std::string reason);

class WebSocketSession : public WsConnection,
                         public Closable,
                         public std::enable_shared_from_this<WebSocketSession> {
  public:
    static constexpr size_t kMaxQueuedFrames = 2048;
    static constexpr size_t kMaxQueuedBytes = 8 * 1024 * 1024;

    WebSocketSession(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<ServerState> state,
                     std::shared_ptr<WsEndpoint> endpoint, HttpRequest upgrade,
                     std::shared_ptr<void> slot = nullptr);
    void run(boost::beast::http::request<boost::beast::http::string_body> req);

    void send(std::shared_ptr<const std::string> text) override;
    void close(std::string reason) override;
    const std::string& remote() const override { return upgrade_.remote; }
    void shutdown() override { close("server shutting down"); }
    void abort() override;
    std::size_t backlog() const override { return backlog_.load(); }

  private:
    void on_accept(boost::beast::error_code ec);
    void do_read();
    void on_read(boost::beast::error_code ec, size_t bytes);
    void do_write();
    void on_write(boost::beast::error_code ec, size_t bytes);
    void do_close();
    void drop_queue();  // frames that will never be written (never while a write is in flight)
    void schedule_heartbeat();
    void finish();

    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    boost::beast::flat_buffer buffer_;
    std::shared_ptr<ServerState> state_;
    std::shared_ptr<WsEndpoint> endpoint_;
    HttpRequest upgrade_;
    std::shared_ptr<void> slot_;  // its place under the connection caps (ConnectionLimits)
    boost::asio::steady_timer heartbeat_;
    std::deque<std::shared_ptr<const std::string>> queue_;
    size_t queued_bytes_ = 0;
    std::atomic<std::size_t> backlog_{0};  // frames given to send() and not yet written
    bool writing_ = false;
    bool closing_ = false;
    bool open_ = false;
    bool finished_ = false;
    std::string close_reason_;
};

}  // namespace sb::server
