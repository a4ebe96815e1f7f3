// The test harness of live_server.h.
#include "live_server.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>

#include "protocol/json.h"
#include "server/auth/passwords.h"
#include "server/auth/tokens.h"
#include "server/store/open_store.h"

namespace sb::test {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

protocol::Time now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

const std::string& pw_hash() {
    static const std::string h = server::auth::hash_password("pw");  // once per test process
    return h;
}

}  // namespace

Seeded seed(const std::string& db_path, int extra_agents) {
    Seeded out;
    auto opened = server::store::open_store(db_path);  // a SQLite file or a PostgreSQL URL
    auto& store = *opened;
    store.write([&](server::store::WriteTx& tx) {
        out.support = tx.insert_queue("Support");
        out.sales = tx.insert_queue("Sales");
        auto add = [&](const std::string& login, const std::string& name, protocol::Role role,
                       std::vector<protocol::Id> queues) {
            const auto id = tx.insert_staff(login, name, role, pw_hash(), now_ms());
            for (auto q : queues) tx.add_member(q, id);
            out.staff[login] = id;
            const auto token = server::auth::make_token(server::store::TokenRecord::Kind::staff);
            server::store::TokenRecord t;
            t.kind = server::store::TokenRecord::Kind::staff;
            t.staff_id = id;
            t.created_at = now_ms();
            t.expires_at = now_ms() + 3'600'000;
            tx.insert_token(token.hash, t);
            out.sessions[login] = token.text;
        };
        add("alice", "Alice", protocol::Role::agent, {out.support});
        add("bob", "Bob", protocol::Role::agent, {out.support});
        add("carol", "Carol", protocol::Role::agent, {out.sales});
        add("sam", "Sam", protocol::Role::supervisor, {out.support, out.sales});
        add("admin", "Admin", protocol::Role::admin, {});
        for (int i = 0; i < extra_agents; ++i)
            add("agent" + std::to_string(i), "Agent " + std::to_string(i), protocol::Role::agent,
                {out.support});
        const auto display = server::auth::make_token(server::store::TokenRecord::Kind::display);
        server::store::TokenRecord d;
        d.kind = server::store::TokenRecord::Kind::display;
        d.created_at = now_ms();
        tx.insert_token(display.hash, d);
        out.display_token = display.text;
    });
    return out;
}

// ---- servers ----------------------------------------------------------------------------------

namespace {

bool behind_balancer() {
    const char* s = std::getenv("SWITCHBOARD_TEST_STORE");
    return s && std::string(s) == "cluster";
}

// A port nothing holds (bind succeeds), below the ephemeral range.
std::uint16_t free_port_for_balancer() {
    for (int tries = 0; tries < 500; ++tries) {
        const int port = 10000 + static_cast<int>((::getpid() * 7919 + tries * 104729) % 20000);
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<std::uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
        ::close(fd);
        if (ok) return static_cast<std::uint16_t>(port);
    }
    throw std::runtime_error("no free port for haproxy");
}

}  // namespace

LiveServer::LiveServer(const std::string& db_path, const Configure& configure) {
    const int count = behind_balancer() ? 2 : 1;
    for (int i = 0; i < count; ++i) {
        auto in = std::make_unique<Instance>();
        server::CoreConfig cc;
        cc.db_path = db_path;
        cc.limits = test_limits();
        cc.instance = "t" + std::to_string(i + 1);
        server::ServerConfig sc;
        sc.port = 0;
        sc.log_requests = false;
        sc.worker_threads = 8;
        sc.instance = cc.instance;
        sc.metrics_token = kMetricsToken;
        if (count > 1) sc.trusted_proxies = {"127.0.0.1"};  // haproxy adds X-Forwarded-For
        if (configure) configure(sc, cc);
        in->core = std::make_unique<server::Core>(cc);
        in->core->register_routes(in->router);
        sc.extra_metrics = [core = in->core.get()] { return core->metrics_text(); };
        in->http = std::make_unique<server::HttpServer>(
            sc, in->router,
            std::map<std::string, std::shared_ptr<server::WsEndpoint>>{
                {"/api/v1/events", in->core->staff_events()},
                {"/api/v1/contact/events", in->core->contact_events()}});
        in->http->start();
        instances_.push_back(std::move(in));
    }
    port_ = instances_.front()->http->port();
    if (count == 1) return;
    // haproxy as scripts/cluster configures it, without health checks (both stay up).
    char tmpl[] = "/tmp/sb-lb-XXXXXX";
    if (!::mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    balancer_dir_ = tmpl;
    const std::uint16_t lb = free_port_for_balancer();
    {
        std::ofstream cfg(balancer_dir_ + "/haproxy.cfg");
        cfg << "global\n    maxconn 4000\ndefaults\n    mode http\n    option forwardfor\n"
               "    timeout connect 2s\n    timeout client 90s\n    timeout server 90s\n"
               "    timeout tunnel 90s\n    timeout http-keep-alive 10s\n"
               "frontend f\n    bind 127.0.0.1:"
            << lb << "\n    default_backend b\nbackend b\n    balance roundrobin\n";
        for (size_t i = 0; i < instances_.size(); ++i)
            cfg << "    server t" << i + 1 << " 127.0.0.1:" << instances_[i]->http->port() << "\n";
    }
    balancer_ = ::fork();
    if (balancer_ < 0) throw std::runtime_error("fork failed");
    if (balancer_ == 0) {
        std::freopen((balancer_dir_ + "/haproxy.log").c_str(), "w", stdout);
        std::freopen((balancer_dir_ + "/haproxy.log").c_str(), "a", stderr);
        const std::string cfg = balancer_dir_ + "/haproxy.cfg";
        ::execlp("haproxy", "haproxy", "-db", "-f", cfg.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    for (int i = 0; i < 200; ++i) {
        try {
            if (get(lb, "/healthz").status == 200) {
                port_ = lb;
                return;
            }
        } catch (const std::exception&) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    stop();
    throw std::runtime_error("haproxy did not start (see " + balancer_dir_ + "/haproxy.log)");
}

LiveServer::~LiveServer() {
    stop();
}

void LiveServer::stop() {
    // As main.cpp does: stop the transport, then the core (its hub still holds connections, so
    // the transport's I/O objects must outlive it), then free both.
    if (balancer_ > 0) {
        ::kill(balancer_, SIGTERM);
        int status = 0;
        ::waitpid(balancer_, &status, 0);
        balancer_ = -1;
        std::error_code ec;
        std::filesystem::remove_all(balancer_dir_, ec);
    }
    for (auto& in : instances_)
        if (in->http) in->http->stop(2.0);
    for (auto& in : instances_)
        if (in->core) in->core->shutdown();
    for (auto& in : instances_) {
        in->http.reset();
        in->core.reset();
    }
}

ServerProcess::ServerProcess(const std::string& db_path, bool demo) {
    const std::string log = db_path + ".log";
    // A server started before on this database wrote its port into the same log: remove it
    // here, not in the child, or a slow child lets us read the old port.
    std::filesystem::remove(log);
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        std::freopen(log.c_str(), "w", stdout);
        std::vector<std::string> args = {
            SWITCHBOARD_SERVER_BIN, "--port", "0", "--db", db_path, "--quiet"};
        if (demo) args.push_back("--demo");
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    const std::regex listening(R"(listening on http://[0-9.]+:(\d+)/)");
    for (int i = 0; i < 300 && port_ == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        std::ifstream in(log);
        std::string line;
        std::smatch m;
        while (std::getline(in, line))
            if (std::regex_search(line, m, listening))
                port_ = static_cast<std::uint16_t>(std::stoi(m[1]));
    }
    if (port_ == 0) {
        terminate();
        throw std::runtime_error("switchboard-server did not start");
    }
}

ServerProcess::~ServerProcess() {
    terminate();
}

int ServerProcess::terminate() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
}

// ---- HTTP -------------------------------------------------------------------------------------

std::string Reply::error_code() const {
    try {
        return protocol::decode<protocol::Error>(body).code;
    } catch (const std::exception&) {
        return "";
    }
}

Reply http(std::uint16_t port, const Request& r) {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(r.method), r.target, 11};
    req.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port));
    if (!r.token.empty()) req.set(bhttp::field::authorization, "Bearer " + r.token);
    if (!r.body.empty() && !r.content_type.empty())
        req.set(bhttp::field::content_type, r.content_type);
    for (const auto& [k, v] : r.headers) req.set(k, v);
    req.body() = r.body;
    req.prepare_payload();
    bhttp::write(stream, req);
    beast::flat_buffer buf;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    bhttp::read(stream, buf, parser);
    auto res = parser.release();
    Reply out;
    out.status = static_cast<int>(res.result_int());
    out.body = res.body();
    for (const auto& f : res) out.headers[std::string(f.name_string())] = std::string(f.value());
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    return out;
}

Reply get(std::uint16_t port, const std::string& target, const std::string& token) {
    Request r;
    r.target = target;
    r.token = token;
    return http(port, r);
}

Reply post(std::uint16_t port, const std::string& target, const std::string& body,
           const std::string& token) {
    Request r;
    r.method = "POST";
    r.target = target;
    r.body = body;
    r.token = token;
    return http(port, r);
}

// ---- WebSocket --------------------------------------------------------------------------------

struct WsClient::Impl {
    net::io_context ioc;
    websocket::stream<tcp::socket> ws{ioc};
    std::thread reader;
    mutable std::mutex mutex;
    std::condition_variable cv;
    std::deque<std::string> frames;
    bool closed = false;
    std::string close_reason;
};

WsClient::WsClient(std::uint16_t port, const std::string& path) : impl_(std::make_unique<Impl>()) {
    impl_->ws.next_layer().connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    impl_->ws.handshake("127.0.0.1:" + std::to_string(port), path);
}

WsClient::~WsClient() {
    close();
}

void WsClient::send(const std::string& text) {
    impl_->ws.write(net::buffer(text));
}

void WsClient::start_reading() {
    impl_->reader = std::thread([impl = impl_.get()] {
        for (;;) {
            beast::flat_buffer buf;
            beast::error_code ec;
            impl->ws.read(buf, ec);
            std::lock_guard lock(impl->mutex);
            if (ec) {
                if (ec == websocket::error::closed) {
                    const auto& why = impl->ws.reason().reason;
                    impl->close_reason.assign(why.data(), why.size());
                }
                impl->closed = true;
                impl->cv.notify_all();
                return;
            }
            impl->frames.push_back(beast::buffers_to_string(buf.data()));
            impl->cv.notify_all();
        }
    });
}

std::optional<std::string> WsClient::next(std::chrono::milliseconds timeout) {
    std::unique_lock lock(impl_->mutex);
    impl_->cv.wait_for(lock, timeout, [&] { return !impl_->frames.empty() || impl_->closed; });
    if (impl_->frames.empty()) return std::nullopt;
    auto f = std::move(impl_->frames.front());
    impl_->frames.pop_front();
    return f;
}

bool WsClient::closed() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->closed;
}

std::optional<std::string> WsClient::wait_closed(std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    std::unique_lock lock(impl_->mutex);
    for (;;) {
        impl_->frames.clear();  // frames before the close do not matter here
        if (impl_->closed) return impl_->close_reason;
        if (impl_->cv.wait_until(lock, until) == std::cv_status::timeout && !impl_->closed)
            return std::nullopt;
    }
}

void WsClient::close() {
    if (!impl_) return;
    beast::error_code ec;
    impl_->ws.next_layer().shutdown(tcp::socket::shutdown_both, ec);
    if (impl_->reader.joinable()) impl_->reader.join();
    impl_->ws.next_layer().close(ec);
}

std::vector<std::string> WsClient::hello(const std::string& token, protocol::Seq since) {
    send(protocol::encode(protocol::Hello{token, since}));
    start_reading();
    std::vector<std::string> before;
    while (auto f = next()) {
        if (f->find("\"type\":\"ready\"") != std::string::npos) {
            ready_seq_ = protocol::decode<protocol::Ready>(*f).seq;
            return before;
        }
        before.push_back(*f);
        if (f->find("\"type\":\"resync\"") != std::string::npos) {
            continue;  // a ready follows
        }
        if (f->find("\"error\"") != std::string::npos) return before;
    }
    return before;
}

std::vector<protocol::Event> events_of(const std::vector<std::string>& frames) {
    std::vector<protocol::Event> out;
    for (const auto& f : frames) {
        auto frame = protocol::decode_server_frame(f);
        if (auto* e = std::get_if<protocol::Event>(&frame)) out.push_back(*e);
    }
    return out;
}

std::optional<protocol::Event> wait_for_event(WsClient& ws, protocol::EventType type,
                                              std::vector<protocol::Event>* seen,
                                              std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
        auto f = ws.next(std::chrono::duration_cast<std::chrono::milliseconds>(
            until - std::chrono::steady_clock::now()));
        if (!f) return std::nullopt;
        auto frame = protocol::decode_server_frame(*f);
        auto* e = std::get_if<protocol::Event>(&frame);
        if (!e) continue;
        if (seen) seen->push_back(*e);
        if (e->type == type) return *e;
    }
    return std::nullopt;
}

}  // namespace sb::test
