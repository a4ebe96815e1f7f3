// switchboard-sim's engine: contacts start chats and write at a steady rate through the public
// contact API (POST /contact/chats, POST /contact/chats/{id}/messages), exactly as the widget
// does, over a few keep-alive connections. A pacer thread schedules one message every 1/rate
// seconds (open loop: a slow server does not slow the schedule; ticks that find every
// connection busy are counted as "behind" and skipped, so the backlog stays bounded).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace sb::sim {

struct SimOptions {
    std::string url = "http://127.0.0.1:8080";
    double rate = 2;       // contact messages per second, new chats included
    double duration = 60;  // seconds; 0 = until stop() (Ctrl-C)
    int chats = 0;         // chats to start in all; 0 = no limit (one message in 4 starts one)
    int connections = 4;   // parallel keep-alive connections
    bool allow_remote = false;
    std::uint64_t seed = 0;    // 0: from the clock
    double report_every = 10;  // seconds between progress lines on stderr; 0 = none
    // Each simulated contact sends X-Forwarded-For with an address of its own (198.18.0.0/15,
    // the benchmarking range), for a server started with --trusted-proxy 127.0.0.1: the
    // per-address chat-start limit then sees many visitors, as behind a real proxy.
    bool forwarded_for = false;
};

// Throws std::invalid_argument naming the bad option.
void check(const SimOptions& o);

struct SimReport {
    std::int64_t chats_started = 0;
    std::int64_t messages_sent = 0;  // follow-ups (not counting chat starts)
    std::int64_t errors = 0;         // non-2xx answers and failed connections
    std::int64_t behind = 0;         // ticks skipped because every connection was busy
    double seconds = 0;
    double p50_ms = 0, p99_ms = 0, max_ms = 0;
    std::string last_error;
    std::string summary() const;
};

class Simulator {
  public:
    explicit Simulator(SimOptions options);
    SimReport run();  // blocks for the duration (or until stop())
    void stop() { stop_ = true; }

  private:
    SimOptions options_;
    std::atomic<bool> stop_{false};
};

}  // namespace sb::sim
