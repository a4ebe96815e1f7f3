// The transport on a real loopback socket: what a browser and the API clients see.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "server/transport/http_server.h"
#include "server/transport/metrics.h"
#include "server/transport/websocket_session.h"

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace sb::server;

namespace {

constexpr const char* kMetricsToken = "transport-test-metrics";

struct Reply {
    int status = 0;
    std::string body;
    http::response<http::string_body> raw;
};

Reply request(uint16_t port, http::verb verb, const std::string& target, std::string body = "",
              std::vector<std::pair<http::field, std::string>> headers = {}) {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    for (auto& [f, v] : headers) req.set(f, v);
    req.body() = std::move(body);
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buf;
    Reply r;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    parser.skip(verb == http::verb::head);
    http::read(stream, buf, parser);
    r.raw = parser.release();
    r.status = static_cast<int>(r.raw.result_int());
    r.body = r.raw.body();
    return r;
}

// Echoes text back, and on "flood" sends many frames without waiting.
class EchoEndpoint : public WsEndpoint {
  public:
    std::atomic<int> opened{0}, closed{0};
    void on_open(const std::shared_ptr<WsConnection>&, const HttpRequest&) override { opened++; }
    void on_text(const std::shared_ptr<WsConnection>& c, std::string text) override {
        if (text == "flood") {
            auto big = std::make_shared<const std::string>(std::string(64 * 1024, 'x'));
            for (int i = 0; i < 5000; ++i) c->send(big);
            return;
        }
        if (text == "bye") {
            c->close("bye to you");
            return;
        }
        if (text == "long-bye") {
            std::string reason;
            for (int i = 0; i < 100; ++i) reason += "é";  // 200 bytes of 2-byte characters
            c->close(reason);
            return;
        }
        c->send(std::make_shared<const std::string>("echo:" + text));
    }
    void on_close(const std::shared_ptr<WsConnection>&) override { closed++; }
};

class TransportTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("sb-transport-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(dir_);
        std::ofstream(dir_ / "index.html") << "<!doctype html><title>Switchboard</title>";
        std::ofstream(dir_ / "app.wasm", std::ios::binary) << std::string("\0asm\1\0\0\0", 8);
        std::ofstream(dir_ / "app.js") << "console.log('plain')";
        std::ofstream(dir_ / "app.js.gz") << "GZIPPED";
        router_.add("GET", "/api/v1/things/{id}", [](const HttpRequest& r) {
            return HttpResponse{200,
                                "application/json",
                                "{\"id\":\"" + *r.param("id") + "\",\"q\":\"" +
                                    (r.query_param("q") ? *r.query_param("q") : "") + "\"}",
                                {}};
        });
        router_.add("POST", "/api/v1/echo", [](const HttpRequest& r) {
            return HttpResponse{200, "application/json", r.body, {}};
        });
        router_.add("POST", "/api/v1/slow", [this](const HttpRequest&) {
            slow_started_ = true;
            std::this_thread::sleep_for(std::chrono::milliseconds(400));
            return HttpResponse{200, "application/json", "{\"slow\":true}", {}};
        });
        router_.add("GET", "/api/v1/boom",
                    [](const HttpRequest&) -> HttpResponse { throw std::runtime_error("kaput"); });
        ServerConfig cfg;
        cfg.port = 0;
        cfg.web_dir = dir_.string();
        cfg.log_requests = false;
        cfg.extra_metrics = [] { return std::string("extra_metric 1\n"); };
        cfg.metrics_token = kMetricsToken;
        server_ = std::make_unique<HttpServer>(
            cfg, router_,
            std::map<std::string, std::shared_ptr<WsEndpoint>>{{"/api/v1/events", echo_}});
        server_->start();
        port_ = server_->port();
    }
    void TearDown() override {
        server_->stop(2.0);
        std::filesystem::remove_all(dir_);
    }

    std::filesystem::path dir_;
    Router router_;
    std::shared_ptr<EchoEndpoint> echo_ = std::make_shared<EchoEndpoint>();
    std::unique_ptr<HttpServer> server_;
    uint16_t port_ = 0;
    std::atomic<bool> slow_started_{false};
};

TEST_F(TransportTest, HealthzAnswersOk) {
    auto r = request(port_, http::verb::get, "/healthz");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "{\"status\":\"ok\"}");
}

TEST_F(TransportTest, UnknownApiPathIsJson404) {
    auto r = request(port_, http::verb::get, "/api/v1/nothing/here");
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.raw[http::field::content_type], "application/json");
    EXPECT_NE(r.body.find("\"code\":\"not_found\""), std::string::npos);
}

TEST_F(TransportTest, EmptyPathSegmentsMatchNoRoute) {
    // "//" is not "/", and a trailing "/" is a different path: neither may reach a handler,
    // and an empty segment is never taken as a path parameter.
    for (const char* path : {"/api/v1//things/42", "/api//v1/things/42", "/api/v1/things//42",
                             "/api/v1/things/42/", "/api/v1/things/", "/api/v1/echo/"})
        EXPECT_EQ(request(port_, http::verb::get, path).status, 404) << path;
    EXPECT_EQ(request(port_, http::verb::get, "/api/v1/things/42").status, 200);
}

TEST_F(TransportTest, WrongMethodIs405) {
    auto r = request(port_, http::verb::delete_, "/api/v1/things/3");
    EXPECT_EQ(r.status, 405);
    EXPECT_NE(r.body.find("method_not_allowed"), std::string::npos);
}

TEST_F(TransportTest, RouterFillsParamsAndDecodedQuery) {
    auto r = request(port_, http::verb::get, "/api/v1/things/42?q=hello%20world+x");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "{\"id\":\"42\",\"q\":\"hello world x\"}");
    EXPECT_EQ(r.raw[http::field::cache_control], "no-store");
}

TEST_F(TransportTest, HandlerExceptionIs500Json) {
    auto r = request(port_, http::verb::get, "/api/v1/boom");
    EXPECT_EQ(r.status, 500);
    EXPECT_NE(r.body.find("\"code\":\"internal\""), std::string::npos);
    EXPECT_EQ(r.body.find("kaput"), std::string::npos) << "internal text reached the client";
}

TEST_F(TransportTest, BodyOverLimitIs400AndHandlerNotCalled) {
    auto r = request(port_, http::verb::post, "/api/v1/echo", std::string(65 * 1024, 'a'));
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("bad_request"), std::string::npos);
    auto ok = request(port_, http::verb::post, "/api/v1/echo", std::string(60 * 1024, 'a'));
    EXPECT_EQ(ok.status, 200);
    EXPECT_EQ(ok.body.size(), 60u * 1024);
}

TEST_F(TransportTest, StaticFilesHaveMimeTypesAndPages) {
    auto wasm = request(port_, http::verb::get, "/app.wasm");
    EXPECT_EQ(wasm.status, 200);
    EXPECT_EQ(wasm.raw[http::field::content_type], "application/wasm");
    EXPECT_EQ(wasm.body.size(), 8u);
    auto root = request(port_, http::verb::get, "/");
    EXPECT_EQ(root.status, 200);
    EXPECT_EQ(root.raw[http::field::content_type], "text/html; charset=utf-8");
    auto kiosk = request(port_, http::verb::get, "/kiosk?token=abc");
    EXPECT_EQ(kiosk.body, root.body);
    EXPECT_EQ(request(port_, http::verb::get, "/missing.js").status, 404);
}

TEST_F(TransportTest, GzipVariantOnlyWhenAccepted) {
    auto plain = request(port_, http::verb::get, "/app.js");
    EXPECT_EQ(plain.body, "console.log('plain')");
    auto gz = request(port_, http::verb::get, "/app.js", "",
                      {{http::field::accept_encoding, "gzip, br"}});
    EXPECT_EQ(gz.body, "GZIPPED");
    EXPECT_EQ(gz.raw[http::field::content_encoding], "gzip");
    EXPECT_EQ(gz.raw[http::field::vary], "Accept-Encoding");
}

TEST_F(TransportTest, EtagRevalidationGives304) {
    auto first = request(port_, http::verb::get, "/app.wasm");
    std::string etag(first.raw[http::field::etag]);
    ASSERT_FALSE(etag.empty());
    auto again =
        request(port_, http::verb::get, "/app.wasm", "", {{http::field::if_none_match, etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
}

TEST_F(TransportTest, MetricsIncludeHistogramAndExtra) {
    request(port_, http::verb::get, "/healthz");
    auto r = request(port_, http::verb::get, "/metrics", "",
                     {{http::field::authorization, std::string("Bearer ") + kMetricsToken}});
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("switchboard_http_request_duration_seconds_bucket"), std::string::npos);
    EXPECT_NE(r.body.find("extra_metric 1"), std::string::npos);
    EXPECT_NE(r.body.find("# HELP switchboard_http_connections Open HTTP connections.\n"
                          "# TYPE switchboard_http_connections gauge\n"
                          "switchboard_http_connections "),
              std::string::npos)
        << r.body;
    EXPECT_NE(r.body.find("# TYPE switchboard_http_request_duration_seconds histogram\n"
                          "switchboard_http_request_duration_seconds_bucket{le=\"0.0005\"} "),
              std::string::npos)
        << r.body;
}

TEST(TransportMetricsText, HelpTypeThenTheSample) {
    std::string out;
    sb::server::append_metric(out, "x_total", "counter", "Things done.", 3);
    sb::server::append_metric_header(out, "y", "histogram", "Time taken.");
    EXPECT_EQ(out,
              "# HELP x_total Things done.\n# TYPE x_total counter\nx_total 3\n"
              "# HELP y Time taken.\n# TYPE y histogram\n");
}

websocket::stream<tcp::socket> open_ws(net::io_context& ioc, uint16_t port,
                                       const std::string& origin = "") {
    websocket::stream<tcp::socket> ws(ioc);
    ws.next_layer().connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    if (!origin.empty()) {
        ws.set_option(websocket::stream_base::decorator(
            [origin](websocket::request_type& req) { req.set(http::field::origin, origin); }));
    }
    ws.handshake("127.0.0.1:" + std::to_string(port), "/api/v1/events");
    return ws;
}

TEST_F(TransportTest, WebSocketEchoesAndClosesWithReason) {
    net::io_context ioc;
    auto ws = open_ws(ioc, port_, "http://127.0.0.1:" + std::to_string(port_));
    ws.write(net::buffer(std::string("hi")));
    beast::flat_buffer buf;
    ws.read(buf);
    EXPECT_EQ(beast::buffers_to_string(buf.data()), "echo:hi");
    ws.write(net::buffer(std::string("bye")));
    beast::error_code ec;
    buf.clear();
    ws.read(buf, ec);
    EXPECT_EQ(ec, websocket::error::closed);
    EXPECT_EQ(ws.reason().reason, "bye to you");
}

TEST_F(TransportTest, OverlongCloseReasonIsCutNotFatal) {
    net::io_context ioc;
    auto ws = open_ws(ioc, port_);
    ws.write(net::buffer(std::string("long-bye")));
    beast::flat_buffer buf;
    beast::error_code ec;
    ws.read(buf, ec);
    EXPECT_EQ(ec, websocket::error::closed);
    std::string reason(ws.reason().reason.data(), ws.reason().reason.size());
    EXPECT_EQ(reason.size(), 122u);  // 61 whole "é", not a cut character
    EXPECT_EQ(request(port_, http::verb::get, "/healthz").status, 200);  // still serving
}

TEST_F(TransportTest, ForeignOriginIsRefused) {
    net::io_context ioc;
    EXPECT_THROW(open_ws(ioc, port_, "http://evil.example"), boost::system::system_error);
    EXPECT_EQ(echo_->opened.load(), 0);
}

TEST_F(TransportTest, SlowConsumerIsDropped) {
    net::io_context ioc;
    auto ws = open_ws(ioc, port_);
    ws.write(net::buffer(std::string("flood")));  // 5000 x 64 KiB queued for a reader that sleeps
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    // Read until the server cuts us off; we must not get all 5000 frames.
    beast::error_code ec;
    int frames = 0;
    while (!ec) {
        beast::flat_buffer buf;
        ws.read(buf, ec);
        if (!ec) frames++;
    }
    // The 5000 sends run on the session's own executor, one after the other, so its bounded
    // queue (kMaxQueuedBytes, 8 MiB: 128 frames of 64 KiB) overflows before the first write
    // completes: the socket is closed then, and only the frame whose write had begun can arrive.
    static_assert(sb::server::WebSocketSession::kMaxQueuedBytes / (64 * 1024) < 5000);
    EXPECT_LE(frames, 1);
    for (int i = 0; i < 100 && echo_->closed.load() == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(echo_->closed.load(), 1);
    auto metrics = request(port_, http::verb::get, "/metrics", "",
                           {{http::field::authorization, std::string("Bearer ") + kMetricsToken}});
    EXPECT_NE(metrics.body.find("switchboard_ws_dropped_slow_total 1"), std::string::npos);
}

TEST_F(TransportTest, StopFinishesRequestInFlightAndClosesSockets) {
    net::io_context ioc;
    auto ws = open_ws(ioc, port_);
    auto pending = std::async(std::launch::async, [this] {
        return request(port_, http::verb::post, "/api/v1/slow", "{}");
    });
    // Like a browser, the WebSocket client is reading when the server stops.
    auto ws_result = std::async(std::launch::async, [&ws] {
        beast::flat_buffer buf;
        beast::error_code ec;
        ws.read(buf, ec);
        return std::make_pair(ec,
                              std::string(ws.reason().reason.data(), ws.reason().reason.size()));
    });
    while (!slow_started_) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    server_->stop(5.0);
    auto r = pending.get();
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "{\"slow\":true}");
    auto [ec, reason] = ws_result.get();
    EXPECT_EQ(ec, websocket::error::closed);
    EXPECT_EQ(reason, "server shutting down");
    beast::error_code cec;
    tcp::socket s(ioc);
    s.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_), cec);
    EXPECT_TRUE(cec);  // no longer accepting
}

}  // namespace
