// The live event stream: one WebSocket to /api/v1/events, the hello/since resume of API.md,
// reconnect with exponential backoff (with jitter) after a drop, and a watchdog that reconnects
// when nothing (not even the server's {"type":"ping"}) was heard for 60 s.
//
// Time is driven from outside: the App calls tick() on every frame and asks the platform for a
// frame at next_deadline(), so no timer API is needed.
#pragma once

#include <functional>
#include <memory>
#include <random>
#include <string>

#include "client/platform.h"
#include "protocol/model.h"

namespace sb::client {

enum class ConnectionState {
    stopped,       // not logged in
    connecting,    // first connection since start
    live,          // open and said hello
    reconnecting,  // dropped; retrying soon
    offline,       // several retries failed; still retrying, less often
};
const char* to_string(ConnectionState state);

class EventStream {
  public:
    struct Listener {
        std::function<void(const std::string& frame)> on_frame;  // every non-ping text frame
        std::function<void()> on_state;                          // state() changed
        // The server closed the socket giving a reason (e.g. "deactivated"); called before the
        // reconnect is scheduled, so the listener may stop() the stream instead.
        std::function<void(const std::string& reason)> on_server_close = {};
    };
    static constexpr double kSilenceLimit = 60.0;  // seconds without a frame → reconnect
    static constexpr double kConnectLimit = 15.0;  // seconds for a connect to open
    static constexpr double kMaxBackoff = 30.0;
    static constexpr int kOfflineAfterFailures = 3;

    EventStream(Platform& platform, Listener listener);
    ~EventStream();

    // Connects with this token; since() is asked at every (re)connect for the resume point.
    void start(std::string token, std::function<protocol::Seq()> since);
    void stop();
    // Closes the socket and reconnects at once (e.g. the server refused our resume).
    void reconnect_now();
    void tick();                   // call often: runs the watchdog and due reconnects
    double next_deadline() const;  // platform seconds of the next timer, 0 when none
    ConnectionState state() const { return state_; }
    int failures() const { return failures_; }
    // The delay before reconnect attempt n (0-based), before jitter: 1, 2, 4, ... 30 s.
    static double backoff_base(int attempt);

  private:
    void connect();
    void on_open();
    void on_message(const std::string& text);
    void on_close(const std::string& reason);
    void set_state(ConnectionState s);
    void schedule_reconnect();

    Platform& platform_;
    Listener listener_;
    std::string token_;
    std::function<protocol::Seq()> since_;
    std::unique_ptr<WebSocket> socket_;
    ConnectionState state_ = ConnectionState::stopped;
    bool ever_live_ = false;
    bool opened_ = false;
    bool heard_since_open_ = false;
    int failures_ = 0;
    double last_heard_ = 0;
    double reconnect_at_ = 0;  // 0: none scheduled
    std::minstd_rand rng_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace sb::client
