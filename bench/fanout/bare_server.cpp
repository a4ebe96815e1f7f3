// bare_server: the physical reference of the fan-out benchmark. A bare Boost.Beast broadcast
// server: no database, no authentication, no logic. Any WebSocket upgrade joins the room (and
// gets {"type":"ready"}); `POST /broadcast` sends its body as one text frame to every member
// and answers 200. Same shape as switchboard-server's transport (I/O threads, a strand and a
// write queue per socket, one write outstanding), so the difference between the two is what
// Switchboard adds.
//
// Usage: bare_server [--port N] [--threads N]   prints "... listening on http://127.0.0.1:PORT/"
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <cstdio>
#include <deque>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

class Member;

// Everyone connected. Broadcast copies the member list under the lock, then sends outside it.
class Room {
  public:
    void join(Member* m) {
        std::lock_guard lock(mu_);
        members_.insert(m);
    }
    void leave(Member* m) {
        std::lock_guard lock(mu_);
        members_.erase(m);
    }
    void broadcast(std::string text);

  private:
    std::mutex mu_;
    std::unordered_set<Member*> members_;
};

class Member : public std::enable_shared_from_this<Member> {
  public:
    Member(tcp::socket&& socket, Room& room) : ws_(std::move(socket)), room_(room) {}
    ~Member() { room_.leave(this); }

    void run(http::request<http::string_body> req) {
        ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
        ws_.async_accept(req, [self = shared_from_this()](beast::error_code ec) {
            if (ec) return;
            self->room_.join(self.get());
            // Tell the client it is in the room, so that no broadcast can precede its join.
            self->enqueue(std::make_shared<const std::string>("{\"type\":\"ready\"}"));
            self->read();
        });
    }

    // Any thread: hops onto the member's strand.
    void send(const std::shared_ptr<const std::string>& text) {
        net::post(ws_.get_executor(), [self = weak_from_this(), text] {
            if (auto s = self.lock()) s->enqueue(text);
        });
    }

  private:
    void read() {
        ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, size_t) {
            if (ec) return;  // closed: the last shared_ptr goes, ~Member leaves the room
            self->buffer_.consume(self->buffer_.size());
            self->read();
        });
    }
    void enqueue(const std::shared_ptr<const std::string>& text) {
        queue_.push_back(text);
        if (queue_.size() == 1) write();
    }
    void write() {
        ws_.text(true);
        ws_.async_write(net::buffer(*queue_.front()),
                        [self = shared_from_this()](beast::error_code ec, size_t) {
                            if (ec) return;
                            self->queue_.pop_front();
                            if (!self->queue_.empty()) self->write();
                        });
    }

    websocket::stream<beast::tcp_stream> ws_;
    Room& room_;
    beast::flat_buffer buffer_;
    std::deque<std::shared_ptr<const std::string>> queue_;
};

void Room::broadcast(std::string text) {
    auto shared = std::make_shared<const std::string>(std::move(text));
    std::vector<std::weak_ptr<Member>> targets;
    {
        std::lock_guard lock(mu_);
        targets.reserve(members_.size());
        for (Member* m : members_) targets.push_back(m->weak_from_this());
    }
    for (auto& w : targets)
        if (auto m = w.lock()) m->send(shared);
}

// One HTTP connection: POST /broadcast, or a WebSocket upgrade handed to a Member.
class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
  public:
    HttpConnection(tcp::socket&& socket, Room& room) : stream_(std::move(socket)), room_(room) {}
    void read() {
        req_ = {};
        http::async_read(stream_, buffer_, req_,
                         [self = shared_from_this()](beast::error_code ec, size_t) {
                             if (!ec) self->handle();
                         });
    }

  private:
    void handle() {
        if (websocket::is_upgrade(req_)) {
            std::make_shared<Member>(stream_.release_socket(), room_)->run(std::move(req_));
            return;
        }
        auto res = std::make_shared<http::response<http::string_body>>(http::status::ok, 11);
        if (req_.method() == http::verb::post && req_.target() == "/broadcast") {
            room_.broadcast(std::move(req_.body()));
            res->body() = "{}";
        } else {
            res->result(http::status::not_found);
            res->body() = "{\"error\":{\"code\":\"not_found\",\"message\":\"bare server\"}}";
        }
        res->set(http::field::content_type, "application/json");
        res->keep_alive(req_.keep_alive());
        res->prepare_payload();
        http::async_write(stream_, *res,
                          [self = shared_from_this(), res](beast::error_code ec, size_t) {
                              if (!ec && res->keep_alive()) self->read();
                          });
    }

    beast::tcp_stream stream_;
    Room& room_;
    beast::flat_buffer buffer_;
    http::request<http::string_body> req_;
};

void accept(tcp::acceptor& acceptor, net::io_context& ioc, Room& room) {
    acceptor.async_accept(net::make_strand(ioc), [&](beast::error_code ec, tcp::socket socket) {
        if (!ec) {
            socket.set_option(tcp::no_delay(true));
            std::make_shared<HttpConnection>(std::move(socket), room)->read();
        }
        accept(acceptor, ioc, room);
    });
}

}  // namespace

int main(int argc, char** argv) {
    unsigned short port = 0;
    int threads = 2;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i];
        if (k == "--port")
            port = static_cast<unsigned short>(std::stoi(argv[i + 1]));
        else if (k == "--threads")
            threads = std::max(1, std::stoi(argv[i + 1]));
        else {
            std::cerr << "usage: bare_server [--port N] [--threads N]\n";
            return 2;
        }
    }
    net::io_context ioc(threads);
    Room room;
    tcp::acceptor acceptor(ioc, {net::ip::make_address("127.0.0.1"), port});
    accept(acceptor, ioc, room);
    net::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code, int) { ioc.stop(); });
    std::cout << "Bare broadcast server listening on http://127.0.0.1:"
              << acceptor.local_endpoint().port() << "/" << std::endl;
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back([&] { ioc.run(); });
    ioc.run();
    for (auto& t : pool) t.join();
    return 0;
}
