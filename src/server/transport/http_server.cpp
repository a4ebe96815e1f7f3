#include "server/transport/http_server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <condition_variable>
#include <optional>
#include <thread>

#include "server/transport/http_session.h"
#include "server/transport/server_state.h"

namespace sb::server {
namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// Accepts connections and starts an HttpSession for each.
class Listener : public std::enable_shared_from_this<Listener> {
  public:
    Listener(net::io_context& ioc, tcp::endpoint endpoint, std::shared_ptr<ServerState> state)
        : ioc_(ioc), acceptor_(net::make_strand(ioc)), state_(std::move(state)) {
        acceptor_.open(endpoint.protocol());
        acceptor_.set_option(net::socket_base::reuse_address(true));
        acceptor_.bind(endpoint);
        acceptor_.listen(net::socket_base::max_listen_connections);
    }
    uint16_t port() const { return acceptor_.local_endpoint().port(); }
    void run() { do_accept(); }
    void close() {
        net::dispatch(acceptor_.get_executor(), [self = shared_from_this()] {
            beast::error_code ec;
            self->acceptor_.close(ec);
        });
    }

  private:
    void do_accept() {
        acceptor_.async_accept(net::make_strand(ioc_),
                               beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
    }
    void on_accept(beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
        if (!ec && !state_->stopping) {
            socket.set_option(tcp::no_delay(true), ec);
            std::make_shared<HttpSession>(std::move(socket), state_)->run();
        }
        do_accept();
    }

    net::io_context& ioc_;
    tcp::acceptor acceptor_;
    std::shared_ptr<ServerState> state_;
};

}  // namespace

struct HttpServer::Impl {
    std::shared_ptr<ServerState> state;
    std::unique_ptr<net::io_context> ioc;
    std::shared_ptr<Listener> listener;
    // Keeps run() going while handlers on the worker pool have answers to post back.
    std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
    std::vector<std::thread> threads;
    std::mutex mu;
    std::condition_variable cv;
    bool stop_started = false;
    bool stopped = false;

    Impl(ServerConfig config, Router& router,
         std::map<std::string, std::shared_ptr<WsEndpoint>> websockets)
        : state(std::make_shared<ServerState>(std::move(config), router, std::move(websockets))),
          ioc(std::make_unique<net::io_context>(state->config.io_threads)) {}
};

HttpServer::HttpServer(ServerConfig config, Router& router,
                       std::map<std::string, std::shared_ptr<WsEndpoint>> websockets)
    : impl_(std::make_shared<Impl>(std::move(config), router, std::move(websockets))) {}

HttpServer::~HttpServer() {
    stop(0.5);
}

void HttpServer::start() {
    auto& cfg = impl_->state->config;
    tcp::endpoint ep(net::ip::make_address(cfg.address), cfg.port);
    impl_->listener = std::make_shared<Listener>(*impl_->ioc, ep, impl_->state);
    impl_->listener->run();
    impl_->work.emplace(impl_->ioc->get_executor());
    for (int i = 0; i < std::max(1, cfg.io_threads); ++i)
        impl_->threads.emplace_back([impl = impl_] { impl->ioc->run(); });
}

uint16_t HttpServer::port() const {
    return impl_->listener ? impl_->listener->port() : 0;
}

void HttpServer::stop(double drain_seconds) {
    {
        std::lock_guard lock(impl_->mu);
        if (impl_->stop_started) return;
        impl_->stop_started = true;
    }
    auto& st = *impl_->state;
    if (impl_->listener) {
        st.stopping = true;
        impl_->listener->close();
        st.shutdown_sessions();
        // Requests in flight finish and are answered; idle connections close now.
        auto wait_until = [](double seconds, auto&& done) {
            auto deadline = std::chrono::steady_clock::now() +
                            std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                std::chrono::duration<double>(seconds));
            while (std::chrono::steady_clock::now() < deadline && !done())
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
        };
        wait_until(drain_seconds, [&] { return st.in_flight == 0; });
        // Give close handshakes a moment; peers that do not answer are cut below.
        auto all_closed = [&] {
            return st.metrics.ws_connections == 0 && st.metrics.http_connections == 0;
        };
        wait_until(std::min(drain_seconds, 1.0), all_closed);
        // Peers that did not answer the close handshake are cut.
        st.abort_sessions();
        wait_until(0.5, all_closed);
    }
    impl_->work.reset();
    impl_->ioc->stop();
    for (auto& t : impl_->threads)
        if (t.joinable()) t.join();
    st.workers.join();
    // The io_context lives on until ~HttpServer: endpoints (the event hub) may still hold
    // sessions, whose streams need it when they are destroyed.
    {
        std::lock_guard lock(impl_->mu);
        impl_->stopped = true;
    }
    impl_->cv.notify_all();
}

void HttpServer::wait() {
    std::unique_lock lock(impl_->mu);
    impl_->cv.wait(lock, [&] { return impl_->stopped; });
}

}  // namespace sb::server
