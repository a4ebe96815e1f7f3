#include "server/transport/websocket_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

namespace sb::server {
namespace beast = boost::beast;

std::string truncate_close_reason(std::string reason) {
    // RFC 6455: a close frame's payload is at most 125 bytes, 2 of them the code. Cut on a UTF-8
    // character boundary so the peer still gets valid text.
    constexpr size_t kMax = 123;
    if (reason.size() <= kMax) return reason;
    size_t n = kMax;
    while (n > 0 && (static_cast<unsigned char>(reason[n]) & 0xC0) == 0x80) --n;
    reason.resize(n);
    return reason;
}

namespace websocket = beast::websocket;
namespace net = boost::asio;

WebSocketSession::WebSocketSession(net::ip::tcp::socket&& socket,
                                   std::shared_ptr<ServerState> state,
                                   std::shared_ptr<WsEndpoint> endpoint, HttpRequest upgrade,
                                   std::shared_ptr<void> slot)
    : ws_(std::move(socket)),
      state_(std::move(state)),
      endpoint_(std::move(endpoint)),
      upgrade_(std::move(upgrade)),
      slot_(std::move(slot)),
      heartbeat_(ws_.get_executor()) {}

void WebSocketSession::run(beast::http::request<beast::http::string_body> req) {
    beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout opt{};
    opt.handshake_timeout = std::chrono::seconds(30);
    opt.idle_timeout = std::chrono::seconds(60);  // a protocol ping after 30 s of silence
    opt.keep_alive_pings = true;
    ws_.set_option(opt);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(beast::http::field::server, "switchboard"); }));
    ws_.read_message_max(64 * 1024);
    ws_.async_accept(req,
                     beast::bind_front_handler(&WebSocketSession::on_accept, shared_from_this()));
}

void WebSocketSession::on_accept(beast::error_code ec) {
    if (ec) return;
    open_ = true;
    state_->metrics.ws_connections++;
    state_->track(shared_from_this());
    if (state_->stopping) {
        close("server shutting down");
    }
    endpoint_->on_open(shared_from_this(), upgrade_);
    schedule_heartbeat();
    do_read();
}

void WebSocketSession::do_read() {
    ws_.async_read(buffer_,
                   beast::bind_front_handler(&WebSocketSession::on_read, shared_from_this()));
}

void WebSocketSession::on_read(beast::error_code ec, size_t) {
    if (ec) {
        finish();
        return;
    }
    std::string text = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    if (!closing_) endpoint_->on_text(shared_from_this(), std::move(text));
    do_read();
}

void WebSocketSession::send(std::shared_ptr<const std::string> text) {
    ++backlog_;
    net::dispatch(ws_.get_executor(), [self = shared_from_this(), text = std::move(text)]() {
        if (self->closing_ || self->finished_) {
            --self->backlog_;
            return;
        }
        if (self->queue_.size() >= kMaxQueuedFrames ||
            self->queued_bytes_ + text->size() > kMaxQueuedBytes) {
            // Too far behind: drop the connection; the client resumes by seq.
            --self->backlog_;
            self->state_->metrics.ws_dropped_slow++;
            self->closing_ = true;
            beast::error_code ignored;
            beast::get_lowest_layer(self->ws_).socket().close(ignored);
            return;
        }
        self->queued_bytes_ += text->size();
        self->queue_.push_back(std::move(text));
        if (!self->writing_) self->do_write();
    });
}

void WebSocketSession::do_write() {
    writing_ = true;
    ws_.text(true);
    ws_.async_write(net::buffer(*queue_.front()),
                    beast::bind_front_handler(&WebSocketSession::on_write, shared_from_this()));
}

void WebSocketSession::on_write(beast::error_code ec, size_t) {
    writing_ = false;
    if (ec || finished_) {
        // The read side sees the error too and finishes; the frames left are never sent. (Only
        // here, not in finish(): a write in flight still reads its frame's bytes.)
        drop_queue();
        return;
    }
    queued_bytes_ -= queue_.front()->size();
    queue_.pop_front();
    --backlog_;
    state_->metrics.ws_messages_sent++;
    if (closing_) {
        do_close();
        return;
    }
    if (!queue_.empty()) do_write();
}

void WebSocketSession::close(std::string reason) {
    net::dispatch(ws_.get_executor(), [self = shared_from_this(), reason = std::move(reason)]() {
        if (self->closing_ || self->finished_) return;
        self->closing_ = true;
        self->close_reason_ = truncate_close_reason(std::move(reason));
        if (!self->open_) {
            beast::error_code ignored;
            beast::get_lowest_layer(self->ws_).socket().close(ignored);
            return;
        }
        if (!self->writing_) self->do_close();
    });
}

void WebSocketSession::drop_queue() {
    backlog_ -= queue_.size();
    queue_.clear();
    queued_bytes_ = 0;
}

void WebSocketSession::abort() {
    net::dispatch(ws_.get_executor(), [self = shared_from_this()] {
        beast::error_code ignored;
        beast::get_lowest_layer(self->ws_).socket().close(ignored);
    });
}

void WebSocketSession::do_close() {
    drop_queue();
    heartbeat_.cancel();
    beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(3));
    ws_.async_close(websocket::close_reason(websocket::close_code::going_away, close_reason_),
                    [self = shared_from_this()](beast::error_code) {
                        beast::error_code ignored;
                        beast::get_lowest_layer(self->ws_).socket().close(ignored);
                    });
}

void WebSocketSession::schedule_heartbeat() {
    heartbeat_.expires_after(std::chrono::seconds(25));
    heartbeat_.async_wait([self = shared_from_this()](beast::error_code ec) {
        if (ec || self->closing_ || self->finished_) return;
        static const auto ping = std::make_shared<const std::string>("{\"type\":\"ping\"}");
        self->send(ping);
        self->schedule_heartbeat();
    });
}

void WebSocketSession::finish() {
    if (finished_) return;
    finished_ = true;
    heartbeat_.cancel();
    if (!writing_) drop_queue();
    if (open_) {
        state_->metrics.ws_connections--;
        endpoint_->on_close(shared_from_this());
    }
}

}  // namespace sb::server
