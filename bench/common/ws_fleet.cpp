#include "common/ws_fleet.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <stdexcept>

namespace bench {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct WsFleet::Client : std::enable_shared_from_this<WsFleet::Client> {
    Client(WsFleet& f, size_t i) : fleet(f), index(i), ws(f.ioc_) {}

    WsFleet& fleet;
    size_t index;
    websocket::stream<beast::tcp_stream> ws;
    beast::flat_buffer buffer;
    bool ready = false;

    void start() {
        const tcp::endpoint ep(net::ip::make_address("127.0.0.1"), fleet.options_.port_of(index));
        beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(30));
        beast::get_lowest_layer(ws).async_connect(
            ep, [self = shared_from_this()](beast::error_code ec) { self->on_connect(ec); });
    }

    void on_connect(beast::error_code ec) {
        if (ec) return fail("connect: " + ec.message());
        beast::get_lowest_layer(ws).socket().set_option(tcp::no_delay(true));
        beast::get_lowest_layer(ws).expires_never();
        ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
        const std::string host = "127.0.0.1:" + std::to_string(fleet.options_.port_of(index));
        ws.async_handshake(
            host, fleet.options_.path,
            [self = shared_from_this()](beast::error_code e) { self->on_handshake(e); });
    }

    void on_handshake(beast::error_code ec) {
        if (ec) return fail("handshake: " + ec.message());
        const std::string& hello = fleet.options_.hellos[index];
        if (fleet.options_.ready_marker.empty()) become_ready();
        if (!hello.empty()) {
            ws.text(true);
            ws.async_write(net::buffer(hello),
                           [self = shared_from_this()](beast::error_code e, size_t) {
                               if (e) self->fail("hello: " + e.message());
                           });
        }
        read();
    }

    void read() {
        ws.async_read(buffer, [self = shared_from_this()](beast::error_code ec, size_t) {
            self->on_read(ec);
        });
    }

    void on_read(beast::error_code ec) {
        const auto at = Clock::now();
        if (ec) return fail("read: " + ec.message());
        const auto data = buffer.cdata();
        const std::string_view text(static_cast<const char*>(data.data()), data.size());
        if (ready) {
            fleet.on_frame_(index, text, at);
        } else if (text.find(fleet.options_.ready_marker) != std::string_view::npos) {
            become_ready();
        }
        buffer.consume(buffer.size());
        read();
    }

    void become_ready() {
        ready = true;
        fleet.on_ready();
    }

    void fail(const std::string& why) {
        if (!fleet.closing_) fleet.on_failed(why, ready);
    }
};

WsFleet::WsFleet(Options options, OnFrame on_frame)
    : options_(std::move(options)), on_frame_(std::move(on_frame)), work_(ioc_.get_executor()) {
    for (size_t i = 0; i < options_.hellos.size(); ++i)
        clients_.push_back(std::make_shared<Client>(*this, i));
    thread_ = std::thread([this] { ioc_.run(); });
}

WsFleet::~WsFleet() {
    close_all();
}

void WsFleet::open(std::chrono::seconds timeout) {
    net::post(ioc_, [this] {
        for (size_t i = 0; i < options_.max_connecting; ++i) start_next();
    });
    std::unique_lock lock(mu_);
    const bool done = cv_.wait_for(
        lock, timeout, [this] { return ready_ == clients_.size() || !first_error_.empty(); });
    if (!first_error_.empty()) throw std::runtime_error("WebSocket client: " + first_error_);
    if (!done)
        throw std::runtime_error("only " + std::to_string(ready_) + " of " +
                                 std::to_string(clients_.size()) + " WebSockets became ready");
}

void WsFleet::start_next() {
    if (next_ < clients_.size()) clients_[next_++]->start();
}

void WsFleet::on_ready() {
    {
        std::lock_guard lock(mu_);
        ++ready_;
    }
    cv_.notify_all();
    start_next();
}

void WsFleet::on_failed(const std::string& why, bool was_ready) {
    if (was_ready) {
        ++dropped_;
        return;
    }
    {
        std::lock_guard lock(mu_);
        if (first_error_.empty()) first_error_ = why;
    }
    cv_.notify_all();
}

void WsFleet::close_all() {
    if (!thread_.joinable()) return;
    closing_ = true;  // the drops that follow are ours, not the server's
    work_.reset();
    ioc_.stop();
    thread_.join();
    clients_.clear();
}

}  // namespace bench
