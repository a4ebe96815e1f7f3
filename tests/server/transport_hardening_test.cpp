// The transport's and the SQLite commit path's hardening (issue 11; docs/api.md, "Security"), on a
// real server on loopback: --trusted-proxy, security headers, /metrics access, connection caps
// and the accept back-off, request ids instead of internal text, group commit on a full disk,
// --durability, and the request log off the I/O threads. One test (or a few) per item, with the
// boundaries: exactly N connections allowed, N+1 refused, allowed again once one closes.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <dirent.h>
#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "live_server.h"
#include "protocol/json.h"
#include "server/api/api_context.h"
#include "server/store/sqlite/sqlite_store.h"
#include "server/store/store.h"
#include "server/transport/security_headers.h"
#include "server/transport/trusted_proxies.h"
#include "temp_db.h"

using namespace sb;
using namespace sb::test;
using namespace std::chrono_literals;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// ---- a bare transport with a few routes, for what does not need the core -----------------------

class EchoRemote : public server::WsEndpoint {
  public:
    void on_open(const std::shared_ptr<server::WsConnection>& c,
                 const server::HttpRequest&) override {
        c->send(std::make_shared<const std::string>(c->remote()));
    }
    void on_text(const std::shared_ptr<server::WsConnection>&, std::string) override {}
    void on_close(const std::shared_ptr<server::WsConnection>&) override {}
};

class Bare {
  public:
    explicit Bare(const std::function<void(server::ServerConfig&)>& configure = {}) {
        router_.add("GET", "/api/v1/remote", [](const server::HttpRequest& r) {
            return server::HttpResponse{200, "text/plain", r.remote, {}};
        });
        router_.add("GET", "/api/v1/boom", [](const server::HttpRequest&) -> server::HttpResponse {
            throw std::runtime_error("secret detail: /var/lib/db locked by pid 42");
        });
        server::ServerConfig cfg;
        cfg.port = 0;
        cfg.log_requests = false;
        cfg.worker_threads = 4;
        if (configure) configure(cfg);
        server_ = std::make_unique<server::HttpServer>(
            cfg, router_,
            std::map<std::string, std::shared_ptr<server::WsEndpoint>>{
                {"/api/v1/events", std::make_shared<EchoRemote>()}});
        server_->start();
    }
    ~Bare() { server_->stop(1.0); }
    std::uint16_t port() const { return server_->port(); }
    std::uint16_t metrics_port() const { return server_->metrics_port(); }

  private:
    server::Router router_;
    std::unique_ptr<server::HttpServer> server_;
};

// One keep-alive connection, held open by the test.
class Conn {
  public:
    explicit Conn(std::uint16_t port) : stream_(ioc_) {
        stream_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    }
    // A request on this connection; status 0 when the server closed it instead of answering.
    Reply request(const std::string& target,
                  const std::vector<std::pair<std::string, std::string>>& headers = {}) {
        Reply out;
        try {
            bhttp::request<bhttp::string_body> req{bhttp::verb::get, target, 11};
            req.set(bhttp::field::host, "127.0.0.1");
            for (auto& [k, v] : headers) req.set(k, v);
            bhttp::write(stream_, req);
            bhttp::response<bhttp::string_body> res;
            bhttp::read(stream_, buf_, res);
            out.status = static_cast<int>(res.result_int());
            out.body = res.body();
            for (auto& f : res) out.headers[std::string(f.name_string())] = std::string(f.value());
        } catch (const std::exception&) {
            out.status = 0;
        }
        return out;
    }
    // True if the server closes the connection (EOF or reset) within `within`. (poll: Beast's
    // stream timeouts apply to asynchronous operations only.)
    bool closed_by_server(std::chrono::milliseconds within) {
        pollfd p{stream_.socket().native_handle(), POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(within.count())) <= 0) return false;
        char c;
        return ::recv(p.fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) <= 0;
    }
    tcp::socket& socket() { return stream_.socket(); }

  private:
    net::io_context ioc_;
    beast::tcp_stream stream_;
    beast::flat_buffer buf_;
};

std::int64_t metric_value(const std::string& body, const std::string& name) {
    const auto at = body.find("\n" + name + " ");
    return at == std::string::npos ? -1 : std::stoll(body.substr(at + name.size() + 2));
}

// ---- 1. --trusted-proxy ------------------------------------------------------------------------

TEST(TrustedProxies, RightMostUntrustedAddressIsTheClient) {
    server::TrustedProxies p({"127.0.0.1", "10.0.0.0/8", "fd00::/8"});
    EXPECT_TRUE(p.contains("127.0.0.1"));
    EXPECT_TRUE(p.contains("10.200.3.4"));
    EXPECT_TRUE(p.contains("::ffff:10.1.1.1"));  // IPv4-mapped is the same address
    EXPECT_TRUE(p.contains("fd12::1"));
    EXPECT_FALSE(p.contains("11.0.0.1"));
    EXPECT_FALSE(p.contains("127.0.0.2"));
    EXPECT_FALSE(p.contains("fe80::1"));
    const std::string xff = "198.51.100.7, 203.0.113.9, 10.1.2.3";
    // From a trusted peer: skip trusted hops from the right; the first other one is the client.
    EXPECT_EQ(p.client_address("127.0.0.1", &xff), "203.0.113.9");
    // From anyone else the header is ignored.
    EXPECT_EQ(p.client_address("192.0.2.1", &xff), "192.0.2.1");
    EXPECT_EQ(p.client_address("127.0.0.1", nullptr), "127.0.0.1");
    const std::string all_trusted = "10.0.0.9, 10.0.0.8";
    EXPECT_EQ(p.client_address("127.0.0.1", &all_trusted), "10.0.0.9");
    const std::string garbage = "198.51.100.7, not-an-ip, 10.0.0.8";
    EXPECT_EQ(p.client_address("127.0.0.1", &garbage), "10.0.0.8");  // nothing left of it counts
    const std::string v6 = "2001:db8::5";
    EXPECT_EQ(p.client_address("127.0.0.1", &v6), "2001:db8::5");
    EXPECT_THROW(server::TrustedProxies({"10.0.0.0/33"}), std::invalid_argument);
    EXPECT_THROW(server::TrustedProxies({"proxy.example"}), std::invalid_argument);
    EXPECT_THROW(server::TrustedProxies({"10.0.0.0/"}), std::invalid_argument);
}

TEST(TrustedProxy, ForwardedForCountsOnlyFromANamedProxy) {
    const std::vector<std::pair<std::string, std::string>> xff = {
        {"X-Forwarded-For", "198.51.100.7, 203.0.113.9"}};
    {
        Bare plain;  // no proxy named: the header is a lie anyone can tell
        Conn c(plain.port());
        EXPECT_EQ(c.request("/api/v1/remote", xff).body, "127.0.0.1");
    }
    Bare behind([](server::ServerConfig& c) { c.trusted_proxies = {"127.0.0.1"}; });
    Conn c(behind.port());
    EXPECT_EQ(c.request("/api/v1/remote", xff).body, "203.0.113.9");
    EXPECT_EQ(c.request("/api/v1/remote").body, "127.0.0.1");  // no header: the peer
    // Two X-Forwarded-For fields are one list.
    {
        net::io_context ioc;
        beast::tcp_stream s(ioc);
        s.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), behind.port()));
        const std::string raw =
            "GET /api/v1/remote HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.1\r\n"
            "X-Forwarded-For: 203.0.113.2\r\nConnection: close\r\n\r\n";
        net::write(s, net::buffer(raw));
        beast::flat_buffer b;
        bhttp::response<bhttp::string_body> res;
        bhttp::read(s, b, res);
        EXPECT_EQ(res.body(), "203.0.113.2");
    }
    // WebSocket upgrades get the same address (what the event hub's limits read).
    net::io_context ioc;
    beast::websocket::stream<beast::tcp_stream> ws(ioc);
    beast::get_lowest_layer(ws).connect(
        tcp::endpoint(net::ip::make_address("127.0.0.1"), behind.port()));
    ws.set_option(beast::websocket::stream_base::decorator(
        [](beast::websocket::request_type& r) { r.set("X-Forwarded-For", "198.51.100.44"); }));
    ws.handshake("127.0.0.1", "/api/v1/events");
    beast::flat_buffer frame;
    ws.read(frame);
    EXPECT_EQ(beast::buffers_to_string(frame.data()), "198.51.100.44");
    ws.close(beast::websocket::close_code::normal);
}

// ---- 2. security headers -----------------------------------------------------------------------

class HeadersTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = db_.path() + ".web";
        std::filesystem::create_directories(dir_);
        std::ofstream(dir_ + "/index.html") << "<!doctype html><title>app</title>";
        std::ofstream(dir_ + "/widget.html") << "<!doctype html><title>widget</title>";
        std::ofstream(dir_ + "/app.js") << "1;";
        seed(db_.database());
    }
    void start(bool hsts, std::vector<std::string> embed) {
        server_ = std::make_unique<LiveServer>(db_.database(),
                                               [&](server::ServerConfig& c, server::CoreConfig&) {
                                                   c.web_dir = dir_;
                                                   c.hsts = hsts;
                                                   c.widget_embed_origins = embed;
                                               });
    }
    TempDb db_;
    std::string dir_;
    std::unique_ptr<LiveServer> server_;
};

TEST_F(HeadersTest, ConsoleAndKioskCannotBeFramedAndRunNoInlineScript) {
    start(false, {});
    for (const std::string path : {"/", "/kiosk", "/index.html"}) {
        auto r = get(server_->port(), path);
        ASSERT_EQ(r.status, 200) << path;
        const std::string csp = r.headers["Content-Security-Policy"];
        EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path << ": " << csp;
        EXPECT_NE(csp.find("script-src 'self' 'wasm-unsafe-eval'"), std::string::npos) << csp;
        EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << csp;
        EXPECT_NE(csp.find("connect-src 'self' ws: wss:"), std::string::npos) << csp;
        EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
        EXPECT_EQ(r.headers["X-Frame-Options"], "DENY");
        EXPECT_EQ(r.headers["X-Content-Type-Options"], "nosniff");
        EXPECT_EQ(r.headers["Referrer-Policy"], "no-referrer");  // the kiosk token stays here
        EXPECT_EQ(r.headers.count("Strict-Transport-Security"), 0u);
    }
    // Scripts and API answers: nosniff too; no CSP needed on what is not a page.
    auto js = get(server_->port(), "/app.js");
    EXPECT_EQ(js.headers["X-Content-Type-Options"], "nosniff");
    EXPECT_EQ(js.headers.count("Content-Security-Policy"), 0u);
    auto api = get(server_->port(), "/api/v1/queues");
    EXPECT_EQ(api.status, 401);
    EXPECT_EQ(api.headers["X-Content-Type-Options"], "nosniff");
    EXPECT_EQ(api.headers["Referrer-Policy"], "no-referrer");
    // The widget may be framed by any site when no list is given.
    auto w = get(server_->port(), "/widget");
    EXPECT_NE(w.headers["Content-Security-Policy"].find("frame-ancestors *"), std::string::npos)
        << w.headers["Content-Security-Policy"];
    EXPECT_EQ(w.headers.count("X-Frame-Options"), 0u);
}

TEST_F(HeadersTest, WidgetEmbedOriginsAndHsts) {
    start(true, {"https://shop.example", "https://*.brand.example"});
    auto w = get(server_->port(), "/widget");
    EXPECT_NE(w.headers["Content-Security-Policy"].find(
                  "frame-ancestors 'self' https://shop.example https://*.brand.example"),
              std::string::npos)
        << w.headers["Content-Security-Policy"];
    EXPECT_EQ(w.headers["Strict-Transport-Security"], "max-age=31536000");
    EXPECT_EQ(get(server_->port(), "/").headers["Strict-Transport-Security"], "max-age=31536000");
    EXPECT_EQ(get(server_->port(), "/healthz").headers["Strict-Transport-Security"],
              "max-age=31536000");
    EXPECT_THROW(server::SecurityHeaders({"shop.example"}, false), std::invalid_argument);
    EXPECT_THROW(server::SecurityHeaders({"https://shop.example; script-src *"}, false),
                 std::invalid_argument);
}

// ---- 3. /metrics -------------------------------------------------------------------------------

TEST(Metrics, NotServedWithoutATokenOrListener) {
    Bare bare;
    EXPECT_EQ(get(bare.port(), "/metrics").status, 404);
    EXPECT_EQ(get(bare.port(), "/metrics", "anything").status, 404);
    EXPECT_EQ(bare.metrics_port(), 0);
}

TEST(Metrics, TokenOnTheMainPort) {
    Bare bare([](server::ServerConfig& c) { c.metrics_token = "s3cret-metrics"; });
    EXPECT_EQ(get(bare.port(), "/metrics").status, 401);
    EXPECT_EQ(get(bare.port(), "/metrics", "s3cret-metric").status, 401);
    EXPECT_EQ(get(bare.port(), "/metrics", "s3cret-metricsX").status, 401);
    auto ok = get(bare.port(), "/metrics", "s3cret-metrics");
    EXPECT_EQ(ok.status, 200);
    EXPECT_NE(ok.body.find("switchboard_http_connections"), std::string::npos);
}

TEST(Metrics, SeparateListenAddressServesOnlyMetrics) {
    Bare bare([](server::ServerConfig& c) { c.metrics_listen = "127.0.0.1:0"; });
    ASSERT_NE(bare.metrics_port(), 0);
    EXPECT_EQ(get(bare.port(), "/metrics").status, 404);  // not on the public port
    auto m = get(bare.metrics_port(), "/metrics");
    EXPECT_EQ(m.status, 200);
    EXPECT_NE(m.body.find("switchboard_connections_open"), std::string::npos);
    EXPECT_EQ(get(bare.metrics_port(), "/healthz").status, 200);
    EXPECT_EQ(get(bare.metrics_port(), "/api/v1/remote").status, 404);
    EXPECT_EQ(get(bare.metrics_port(), "/").status, 404);
}

// ---- 4. connection caps, idle timeout near the cap, accept back-off ----------------------------

TEST(Connections, ExactlyTheTotalCapIsAllowed) {
    Bare bare([](server::ServerConfig& c) {
        c.max_connections = 3;
        c.metrics_listen = "127.0.0.1:0";  // monitoring is not counted: it gets in when full
    });
    std::vector<std::unique_ptr<Conn>> held;
    for (int i = 0; i < 3; ++i) {
        held.push_back(std::make_unique<Conn>(bare.port()));
        ASSERT_EQ(held.back()->request("/api/v1/remote").status, 200) << "connection " << i;
    }
    Conn over(bare.port());  // TCP connects (the kernel's backlog); the server closes it at once
    EXPECT_TRUE(over.closed_by_server(2s));
    const auto m = get(bare.metrics_port(), "/metrics").body;
    EXPECT_EQ(metric_value(m, "switchboard_connections_open"), 3) << m;
    EXPECT_NE(m.find("switchboard_connections_refused_total{reason=\"total\"} 1\n"),
              std::string::npos)
        << m;
    // One closes: a new one is allowed again.
    held.pop_back();
    const auto until = std::chrono::steady_clock::now() + 3s;
    int status = 0;
    while (status != 200 && std::chrono::steady_clock::now() < until) {
        Conn again(bare.port());
        status = again.request("/api/v1/remote").status;
        if (status != 200) std::this_thread::sleep_for(20ms);
    }
    EXPECT_EQ(status, 200);
}

TEST(Connections, PerAddressCapButNotForTrustedProxies) {
    for (bool proxy : {false, true}) {
        Bare bare([&](server::ServerConfig& c) {
            c.max_connections = 100;
            c.max_connections_per_address = 2;
            if (proxy) c.trusted_proxies = {"127.0.0.1"};
        });
        std::vector<std::unique_ptr<Conn>> held;
        for (int i = 0; i < 2; ++i) {
            held.push_back(std::make_unique<Conn>(bare.port()));
            ASSERT_EQ(held.back()->request("/api/v1/remote").status, 200);
        }
        Conn third(bare.port());
        if (!proxy) {
            EXPECT_TRUE(third.closed_by_server(2s));
        } else {
            EXPECT_EQ(third.request("/api/v1/remote").status, 200) << "a proxy carries many";
        }
    }
}

TEST(Connections, WebSocketKeepsItsSlot) {
    Bare bare([](server::ServerConfig& c) { c.max_connections = 1; });
    net::io_context ioc;
    beast::websocket::stream<beast::tcp_stream> ws(ioc);
    beast::get_lowest_layer(ws).connect(
        tcp::endpoint(net::ip::make_address("127.0.0.1"), bare.port()));
    ws.handshake("127.0.0.1", "/api/v1/events");
    beast::flat_buffer frame;
    ws.read(frame);  // upgraded; the HTTP session is gone, its slot now the socket's
    Conn second(bare.port());
    EXPECT_TRUE(second.closed_by_server(2s));
    ws.close(beast::websocket::close_code::normal);
}

TEST(Connections, IdleKeepAliveIsCutNearTheCap) {
    auto run = [](int max, int open) {
        Bare bare([&](server::ServerConfig& c) {
            c.max_connections = max;
            c.idle_seconds = 60;
            c.idle_seconds_near_cap = 1;
        });
        std::vector<std::unique_ptr<Conn>> held;
        for (int i = 0; i < open; ++i) {
            held.push_back(std::make_unique<Conn>(bare.port()));
            EXPECT_EQ(held.back()->request("/api/v1/remote").status, 200);
        }
        // The last request saw the count over 80 % (or not): is its idle connection cut?
        return held.back()->closed_by_server(2500ms);
    };
    EXPECT_TRUE(run(5, 5));     // 5 of 5: near the cap
    EXPECT_FALSE(run(100, 5));  // 5 of 100: the normal 60 s
}

// Open descriptors of this process (the numbers in /proc/self/fd).
std::vector<int> open_fds() {
    std::vector<int> out;
    for (auto& e : std::filesystem::directory_iterator("/proc/self/fd"))
        out.push_back(std::stoi(e.path().filename().string()));
    return out;
}

TEST(Connections, AcceptBacksOffOnEmfileInsteadOfSpinning) {
    Bare bare([](server::ServerConfig& c) { c.metrics_listen = "127.0.0.1:0"; });
    // Everything the test needs later is opened now: a keep-alive connection to the metrics
    // listener, and a socket for the connection that will wait in the backlog.
    Conn metrics(bare.metrics_port());
    ASSERT_EQ(metrics.request("/metrics").status, 200);
    net::io_context ioc;
    tcp::socket waiting(ioc);
    waiting.open(tcp::v4());
    // No free descriptor left in the process: the soft limit at the highest one in use, the
    // gaps below filled.
    rlimit old{};
    ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &old), 0);
    int highest = 0;
    for (int fd : open_fds()) highest = std::max(highest, fd);
    rlimit tight = old;
    tight.rlim_cur = static_cast<rlim_t>(highest + 1);
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &tight), 0);
    std::vector<int> fillers;
    for (int fd; (fd = ::dup(waiting.native_handle())) >= 0;) fillers.push_back(fd);
    waiting.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), bare.port()));
    std::this_thread::sleep_for(700ms);  // the server's accept fails with EMFILE meanwhile
    const auto during = metrics.request("/metrics").body;
    for (int fd : fillers) ::close(fd);
    ::setrlimit(RLIMIT_NOFILE, &old);
    const auto errors = metric_value(during, "switchboard_accept_errors_total");
    // Back-off 10, 20, 40 ... ms: about 7 attempts in 700 ms. A busy loop makes many thousands.
    EXPECT_GE(errors, 2) << during;
    EXPECT_LE(errors, 12) << during;
    // Descriptors are back: the connection that waited is taken (within the 1 s back-off cap).
    const std::string req = "GET /api/v1/remote HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    net::write(waiting, net::buffer(req));
    beast::flat_buffer b;
    bhttp::response<bhttp::string_body> res;
    beast::error_code ec;
    bhttp::read(waiting, b, res, ec);
    EXPECT_FALSE(ec) << ec.message();
    EXPECT_EQ(res.result_int(), 200u);
}

// ---- 5. no internal text to clients ------------------------------------------------------------

TEST(InternalErrors, TransportAnswersARequestIdAndLogsTheText) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    {
        Bare bare([&](server::ServerConfig& c) {
            c.log_requests = true;
            c.log_fd = fds[1];
        });
        Conn c(bare.port());
        auto r = c.request("/api/v1/boom");
        EXPECT_EQ(r.status, 500);
        EXPECT_EQ(r.body.find("secret"), std::string::npos) << r.body;
        EXPECT_EQ(r.body.find("pid"), std::string::npos) << r.body;
        const std::string id = r.headers["X-Request-Id"];
        EXPECT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{16}"))) << id;
        EXPECT_EQ(r.body,
                  "{\"error\":{\"code\":\"internal\",\"message\":\"internal error (request " + id +
                      ")\",\"request_id\":\"" + id + "\"}}");
        // Every answer carries an id; each is different.
        auto ok = c.request("/api/v1/remote");
        EXPECT_NE(ok.headers["X-Request-Id"], id);
        // The log line holds the id and what went wrong (the operator's side).
        std::string log;
        char buf[4096];
        const auto until = std::chrono::steady_clock::now() + 3s;
        ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
        while (log.find(ok.headers["X-Request-Id"]) == std::string::npos &&
               std::chrono::steady_clock::now() < until) {
            const auto n = ::read(fds[0], buf, sizeof buf);
            if (n > 0)
                log.append(buf, static_cast<size_t>(n));
            else
                std::this_thread::sleep_for(10ms);
        }
        EXPECT_NE(log.find("\"id\":\"" + id + "\",\"status\":500"), std::string::npos) << log;
        EXPECT_NE(log.find("\"error\":\"secret detail: /var/lib/db locked by pid 42\""),
                  std::string::npos)
            << log;
    }
    ::close(fds[0]);
    ::close(fds[1]);
}

TEST(InternalErrors, ApiGuardSaysInternalErrorOnly) {
    server::HttpRequest req;
    req.request_id = "00000000000000aa";
    auto storage = server::api::guarded([](const server::HttpRequest&) -> server::HttpResponse {
        throw server::store::StorageError("no such table: chats_old");
    })(req);
    EXPECT_EQ(storage.status, 500);
    EXPECT_EQ(storage.body.find("chats_old"), std::string::npos) << storage.body;
    EXPECT_NE(storage.body.find("internal error (request 00000000000000aa)"), std::string::npos);
    EXPECT_NE(storage.log_note.find("chats_old"), std::string::npos);
    auto other = server::api::guarded([](const server::HttpRequest&) -> server::HttpResponse {
        throw std::runtime_error("vector::_M_range_check: __n (which is 7)");
    })(req);
    EXPECT_EQ(other.status, 500);
    EXPECT_EQ(other.body.find("range_check"), std::string::npos) << other.body;
    // Bad input and a busy or full store still say what they are.
    auto busy = server::api::guarded([](const server::HttpRequest&) -> server::HttpResponse {
        throw server::store::Unavailable("database or disk is full");
    })(req);
    EXPECT_EQ(busy.status, 503);
    EXPECT_NE(busy.body.find("\"unavailable\""), std::string::npos);
}

// ---- 6. group commit on a full disk; --durability ----------------------------------------------

// Every caller's answer matches what is stored when SQLITE_FULL hits inside a batch. SQLite rolls
// the whole transaction back on SQLITE_FULL, which frees the pages of the pieces before it; so
// the pieces after it fit again. Without the check of sqlite3_get_autocommit they ran in
// autocommit mode and were stored one by one, while the final COMMIT failed and every caller was
// told their write failed. One batch is made on purpose: a first write holds the writer while
// the others queue up behind it, and they then run together as the next group commit.
TEST(GroupCommit, EveryAnswerMatchesWhatIsStoredWhenTheDiskFillsInsideABatch) {
    TempDb db;
    auto store = std::make_unique<server::sqlite::SqliteStore>(db.path());
    store->write([](server::store::WriteTx& tx) { tx.set_setting("warm", "up"); });
    const auto size = store->set_max_page_count(1);  // never below the current size
    store->set_max_page_count(size + 4);             // room for a few of the writes below
    std::atomic<bool> holding{false};
    std::thread holder([&] {
        store->write([&](server::store::WriteTx&) {
            holding = true;
            std::this_thread::sleep_for(400ms);  // the others queue up meanwhile
        });
    });
    while (!holding) std::this_thread::sleep_for(1ms);
    constexpr int kWriters = 20;
    std::atomic<int> ok{0}, unavailable{0}, other{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kWriters; ++i)
        threads.emplace_back([&, i] {
            try {
                store->write([&](server::store::WriteTx& tx) {
                    tx.set_setting("k" + std::to_string(i), std::string(3000, 'x'));
                });
                ok++;
            } catch (const server::store::Unavailable&) {
                unavailable++;
            } catch (...) {
                other++;
            }
        });
    for (auto& t : threads) t.join();
    holder.join();
    EXPECT_GT(unavailable.load(), 0) << "the disk never filled";
    EXPECT_EQ(other.load(), 0) << "a full disk is 'unavailable', not an internal error";
    // Space returns: what is stored is exactly what was acknowledged.
    store->set_max_page_count(1'000'000'000);
    int stored = 0;
    for (int i = 0; i < kWriters; ++i)
        store->read([&](server::store::ReadTx& tx) {
            if (tx.setting("k" + std::to_string(i))) ++stored;
        });
    EXPECT_EQ(stored, ok.load()) << ok.load() << " acknowledged, " << unavailable.load()
                                 << " refused";
    store->write([](server::store::WriteTx& tx) { tx.set_setting("after", "space"); });
    store->read([](server::store::ReadTx& tx) { EXPECT_EQ(tx.setting("after"), "space"); });
}

TEST(GroupCommit, FullDiskOnALiveServerIs503AndRecovers) {
    TempDb db;
    auto seeded = seed(db.path());
    LiveServer server(db.path());
    const auto port = server.port();
    protocol::ContactStartRequest start;
    start.name = "Jana";
    start.body = "hello";
    auto started = post(port, "/api/v1/contact/chats", protocol::encode(start));
    ASSERT_EQ(started.status, 201) << started.body;
    const auto chat = protocol::decode<protocol::ContactStartResponse>(started.body).chat_id;
    const std::string alice = seeded.sessions.at("alice");
    ASSERT_EQ(post(port, "/api/v1/chats/" + std::to_string(chat) + "/accept", "", alice).status,
              200);
    auto& sqlite = dynamic_cast<server::sqlite::SqliteStore&>(server.core().store());
    const auto full = sqlite.set_max_page_count(1);  // exactly full
    auto say = [&](const std::string& body, const std::string& cid) {
        return post(
            port, "/api/v1/chats/" + std::to_string(chat) + "/messages",
            protocol::encode(protocol::SendMessageRequest{body, cid, protocol::MessageKind::text}),
            alice);
    };
    int refused = 0, acknowledged = 0;
    for (int i = 0; i < 40; ++i) {
        auto r = say(std::string(2000, 'a' + i % 26), "full-" + std::to_string(i));
        if (r.status == 201) {
            ++acknowledged;
        } else {
            EXPECT_EQ(r.status, 503) << r.body;
            EXPECT_EQ(r.error_code(), "unavailable") << r.body;
            ++refused;
        }
    }
    EXPECT_GT(refused, 0);
    // The server stays up and reads still work.
    EXPECT_EQ(get(port, "/healthz").status, 200);
    EXPECT_EQ(get(port, "/api/v1/chats/" + std::to_string(chat), alice).status, 200);
    // Space returns: writes work again, and the chat holds exactly the acknowledged messages.
    sqlite.set_max_page_count(full + 100000);
    auto after = say("after", "after-space");
    EXPECT_EQ(after.status, 201) << after.body;
    auto page = protocol::decode<protocol::MessagePage>(
        get(port, "/api/v1/chats/" + std::to_string(chat) + "/messages?limit=200", alice).body);
    int full_msgs = 0;
    bool saw_after = false;
    for (const auto& m : page.messages) {
        if (m.client_id && m.client_id->rfind("full-", 0) == 0) ++full_msgs;
        if (m.client_id == std::optional<std::string>("after-space")) saw_after = true;
    }
    EXPECT_EQ(full_msgs, acknowledged);
    EXPECT_TRUE(saw_after);
}

TEST(Durability, NormalByDefaultFullOnRequest) {
    TempDb a, b;
    server::sqlite::SqliteStore normal(a.path());
    EXPECT_EQ(normal.synchronous(), 1);
    server::sqlite::SqliteStore full(b.path(), 2, server::sqlite::WalCheckpointer::kDefaultPages,
                                     true);
    EXPECT_EQ(full.synchronous(), 2);
    // And through the core's configuration, as --durability full sets it.
    TempDb c;
    seed(c.path());
    LiveServer live(
        c.path(), [](server::ServerConfig&, server::CoreConfig& cc) { cc.full_durability = true; });
    EXPECT_EQ(dynamic_cast<server::sqlite::SqliteStore&>(live.core().store()).synchronous(), 2);
}

TEST(Durability, BadFlagValuesAreRefused) {
    for (const std::string args : {"--durability maybe", "--trusted-proxy 10.0.0.0/99",
                                   "--widget-embed-origins shop.example", "--max-connections 0"}) {
        const std::string cmd = std::string(SWITCHBOARD_SERVER_BIN) +
                                " --port 0 --db /nonexistent/x.db " + args + " >/dev/null 2>&1";
        const int rc = std::system(cmd.c_str());
        EXPECT_TRUE(WIFEXITED(rc) && WEXITSTATUS(rc) == 2) << args << ": " << rc;
    }
}

// ---- 7. the request log off the I/O threads ----------------------------------------------------

TEST(RequestLog, AStuckStdoutDropsLinesInsteadOfStoppingIo) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);  // nobody reads it until the end: it fills (64 KiB) and blocks
    std::atomic<bool> drain{false};
    std::thread reader;
    {
        Bare bare([&](server::ServerConfig& c) {
            c.log_requests = true;
            c.log_fd = fds[1];
            c.log_queue_lines = 100;
            c.metrics_listen = "127.0.0.1:0";
        });
        Conn c(bare.port());
        int answered = 0;
        const auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < 3000; ++i)
            if (c.request("/api/v1/remote").status == 200) ++answered;
        const auto took = std::chrono::steady_clock::now() - t0;
        EXPECT_EQ(answered, 3000);
        EXPECT_LT(took, 60s);  // only "it did not hang"; not a timing assertion
        const auto m = get(bare.metrics_port(), "/metrics").body;
        const auto dropped = metric_value(m, "switchboard_log_lines_dropped_total");
        // 3000 lines of ~150 bytes cannot fit 64 KiB of pipe plus 100 queued.
        EXPECT_GT(dropped, 1000) << m;
        EXPECT_LT(dropped, 3000) << m;
        // Drain, so the writer can finish when the server stops.
        reader = std::thread([&] {
            char buf[65536];
            while (::read(fds[0], buf, sizeof buf) > 0) {
            }
        });
    }
    ::close(fds[1]);
    reader.join();
    ::close(fds[0]);
}

}  // namespace
