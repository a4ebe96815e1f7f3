#include "server/transport/http_server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <condition_variable>
#include <optional>
#include <stdexcept>
#include <thread>

#include "server/transport/http_session.h"
#include "server/transport/server_state.h"

namespace sb::server {
namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// Accepts connections and starts an HttpSession for each, under the connection caps. A failed
// accept (EMFILE, ENFILE, ENOBUFS, ENOMEM) is retried after a back-off, 10 ms doubling to 1 s,
// reset by the next success: the connection that failed stays in the backlog, so an immediate
// retry would fail again at once, in a busy loop.
// metrics_only: the --metrics-listen listener (no caps: monitoring still gets in when full).
class Listener : public std::enable_shared_from_this<Listener> {
  public:
    Listener(net::io_context& ioc, tcp::endpoint endpoint, std::shared_ptr<ServerState> state,
             bool metrics_only = false)
        : ioc_(ioc),
          acceptor_(net::make_strand(ioc)),
          backoff_timer_(acceptor_.get_executor()),
          state_(std::move(state)),
          metrics_only_(metrics_only) {
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
            self->backoff_timer_.cancel();
        });
    }

    static constexpr auto kFirstBackoff = std::chrono::milliseconds(10);
    static constexpr auto kMaxBackoff = std::chrono::milliseconds(1000);

  private:
    void do_accept() {
        acceptor_.async_accept(net::make_strand(ioc_),
                               beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
    }
    void on_accept(beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
        if (ec) {
            state_->metrics.accept_errors++;
            const bool resources =
                ec == net::error::no_descriptors || ec == net::error::no_buffer_space ||
                ec == net::error::no_memory ||
                ec == boost::system::error_code(ENFILE, boost::system::system_category());
            if (resources) {
                backoff_ =
                    backoff_.count() == 0 ? kFirstBackoff : std::min(backoff_ * 2, kMaxBackoff);
                backoff_timer_.expires_after(backoff_);
                backoff_timer_.async_wait([self = shared_from_this()](beast::error_code wec) {
                    if (!wec && self->acceptor_.is_open()) self->do_accept();
                });
                return;
            }
            do_accept();  // the peer gave up before we took it (ECONNABORTED ...): next one
            return;
        }
        backoff_ = std::chrono::milliseconds(0);
        if (!state_->stopping) start_session(std::move(socket));
        do_accept();
    }
    void start_session(tcp::socket socket) {
        beast::error_code ec;
        socket.set_option(tcp::no_delay(true), ec);
        if (metrics_only_) {
            std::make_shared<HttpSession>(std::move(socket), state_, nullptr, true)->run();
            return;
        }
        auto ep = socket.remote_endpoint(ec);
        const std::string peer = ec ? std::string() : canonical_address(ep.address().to_string());
        ConnectionLimits::Refusal why{};
        auto slot = state_->limits->acquire(peer, !state_->proxies.contains(peer), &why);
        if (!slot) {
            // Over a cap: closed at once, before any byte is read (counted in /metrics).
            socket.set_option(net::socket_base::linger(true, 0), ec);  // RST: no TIME_WAIT here
            socket.close(ec);
            return;
        }
        std::make_shared<HttpSession>(std::move(socket), state_, std::move(slot))->run();
    }

    net::io_context& ioc_;
    tcp::acceptor acceptor_;
    net::steady_timer backoff_timer_;
    std::chrono::milliseconds backoff_{0};
    std::shared_ptr<ServerState> state_;
    bool metrics_only_;
};

// "127.0.0.1:9100", "[::1]:9100" -> an endpoint; throws std::invalid_argument.
tcp::endpoint parse_listen(const std::string& text) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
        throw std::invalid_argument("--metrics-listen: expected address:port, got " + text);
    std::string host = text.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    beast::error_code ec;
    auto addr = net::ip::make_address(host, ec);
    int port = -1;
    try {
        size_t used = 0;
        port = std::stoi(text.substr(colon + 1), &used);
        if (used != text.size() - colon - 1) port = -1;
    } catch (const std::exception&) {
    }
    if (ec || port < 0 || port > 65535)
        throw std::invalid_argument("--metrics-listen: expected address:port, got " + text);
    return tcp::endpoint(addr, static_cast<uint16_t>(port));
}

}  // namespace

struct HttpServer::Impl {
    std::shared_ptr<ServerState> state;
    std::unique_ptr<net::io_context> ioc;
    std::shared_ptr<Listener> listener;
    std::shared_ptr<Listener> metrics_listener;  // --metrics-listen
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
    if (!cfg.metrics_listen.empty())
        impl_->metrics_listener = std::make_shared<Listener>(
            *impl_->ioc, parse_listen(cfg.metrics_listen), impl_->state, true);
    impl_->listener->run();
    if (impl_->metrics_listener) impl_->metrics_listener->run();
    impl_->work.emplace(impl_->ioc->get_executor());
    for (int i = 0; i < std::max(1, cfg.io_threads); ++i)
        impl_->threads.emplace_back([impl = impl_] { impl->ioc->run(); });
}

uint16_t HttpServer::port() const {
    return impl_->listener ? impl_->listener->port() : 0;
}

uint16_t HttpServer::metrics_port() const {
    return impl_->metrics_listener ? impl_->metrics_listener->port() : 0;
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
        if (impl_->metrics_listener) impl_->metrics_listener->close();
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
