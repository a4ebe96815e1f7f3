// Test harness for tests that talk to a real server: seed a fresh database (queues, staff with
// the password "pw", a display token, ready-made sessions), run Core + the Beast transport
// in-process on a free loopback port (or spawn the built binary), and speak HTTP and WebSocket
// to it with small synchronous Beast clients.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "protocol/model.h"
#include "server/core.h"
#include "server/transport/http_server.h"

namespace sb::test {

// What seed() made: staff ids and a session token per login, plus a display token.
struct Seeded {
    protocol::Id support = 0, sales = 0;
    std::map<std::string, protocol::Id> staff;    // login → id
    std::map<std::string, std::string> sessions;  // login → bearer token (made directly)
    std::string display_token;
};

// Queues Support and Sales; alice, bob (Support), carol (Sales) agents; sam supervisor; admin
// admin; `extra_agents` more agents agent0.. in Support. Everyone's password is "pw".
Seeded seed(const std::string& db_path, int extra_agents = 0);

// The metrics token every LiveServer is started with (/metrics needs it: docs/api.md, Security).
inline constexpr const char* kMetricsToken = "test-metrics-token";

// With SWITCHBOARD_TEST_STORE=cluster (and a PostgreSQL URL from TempDb::database()) it is two
// instances on the same database behind haproxy (round robin, no stickiness), and port() is the
// balancer's: every request and socket of a suite may land on either instance.
class LiveServer {
  public:
    // configure: changes to the transport's and the core's settings before they start.
    using Configure = std::function<void(server::ServerConfig&, server::CoreConfig&)>;
    explicit LiveServer(const std::string& db_path, const Configure& configure = {});
    // unlimited_public_side(), with a first failed-login delay of a minute: the default limits
    // of every LiveServer (these suites start many chats from one loopback address on purpose,
    // and a test that checks the delay never outruns it on a slow machine). A test that checks
    // limits sets cc.limits in `configure` (tests/server/abuse_test.cpp).
    static server::PublicLimits test_limits() {
        auto l = server::unlimited_public_side();
        l.login.first_delay_ms = 60'000;
        return l;
    }
    ~LiveServer();
    std::uint16_t port() const { return port_; }
    server::Core& core() { return *instances_.front()->core; }
    // Each instance's own port, past the balancer (one instance: port()).
    std::vector<std::uint16_t> instance_ports() const {
        std::vector<std::uint16_t> out;
        for (const auto& in : instances_) out.push_back(in->http->port());
        return out;
    }
    void stop();

  private:
    struct Instance {
        std::unique_ptr<server::Core> core;
        server::Router router;
        std::unique_ptr<server::HttpServer> http;
    };
    std::vector<std::unique_ptr<Instance>> instances_;
    pid_t balancer_ = -1;
    std::string balancer_dir_;
    std::uint16_t port_ = 0;
};

// The built switchboard-server binary as a child process; port read from its first line.
class ServerProcess {
  public:
    ServerProcess(const std::string& db_path, bool demo = false);
    ~ServerProcess();
    std::uint16_t port() const { return port_; }
    // SIGTERM and wait; returns the exit status.
    int terminate();

  private:
    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
};

struct Reply {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;
    std::string error_code() const;  // error.code of an error body, else ""
};

struct Request {
    std::string method = "GET";
    std::string target;
    std::string body;
    std::string token;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
};

Reply http(std::uint16_t port, const Request& r);
Reply get(std::uint16_t port, const std::string& target, const std::string& token = "");
Reply post(std::uint16_t port, const std::string& target, const std::string& body = "",
           const std::string& token = "");

// A WebSocket client whose frames are read by a background thread into a queue.
class WsClient {
  public:
    WsClient(std::uint16_t port, const std::string& path);
    ~WsClient();
    void send(const std::string& text);
    // Starts the reader; call once, after the frames you want to send first (hello).
    void start_reading();
    // The next frame, or nullopt after the timeout or when the socket has closed.
    std::optional<std::string> next(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    bool closed() const;
    // Waits until the server closes the socket (frames meanwhile are dropped); the close
    // frame's reason ("" when the connection just ended), or nullopt if still open at timeout.
    std::optional<std::string> wait_closed(
        std::chrono::milliseconds timeout = std::chrono::seconds(5));
    void close();

    // hello + start_reading + read up to "ready" (or "resync"); returns the frames before it.
    std::vector<std::string> hello(const std::string& token, protocol::Seq since);
    // The seq of the last "ready" frame hello() read (-1: none).
    protocol::Seq ready_seq() const { return ready_seq_; }

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    protocol::Seq ready_seq_ = -1;
};

// Frames that are events (type contains a '.', or "typing"), decoded.
std::vector<protocol::Event> events_of(const std::vector<std::string>& frames);
// Reads frames until one event of `type` arrives (others are kept in `seen` if given).
std::optional<protocol::Event> wait_for_event(
    WsClient& ws, protocol::EventType type, std::vector<protocol::Event>* seen = nullptr,
    std::chrono::milliseconds timeout = std::chrono::seconds(5));

}  // namespace sb::test
