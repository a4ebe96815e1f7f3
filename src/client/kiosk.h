// The kiosk's client side (K1-K4): a wall screen opened at /kiosk?token=<display token> with no
// login and nobody to click. It keeps the newest GET /stats answer and follows the event stream
// with the display token; every event (or a ready/resync after a reconnect) asks for fresh
// figures, at most one request in flight and at most one per kMinGap, so a burst of events costs
// one /stats call. The figures are also refreshed every kRefreshEvery seconds so the hourly chart
// and "today" roll over on a quiet day.
//
// What is shown (and how old it is) is computed by make_kiosk_dashboard() in kiosk_dashboard.h
// from snapshot(); the UI never sees HTTP or WebSockets. Time is driven from outside like the
// console: call tick() on every frame and ask the platform for a frame at next_deadline().
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "client/api.h"
#include "client/event_stream.h"
#include "client/platform.h"
#include "protocol/model.h"

namespace sb::client {

// Why the kiosk cannot show figures at all (beyond a lost connection, which it rides out).
enum class KioskProblem {
    none,
    no_token,  // the URL carries no ?token=
    refused,   // the server refused the token (unknown, revoked, or not a display token)
};
const char* to_string(KioskProblem problem);

// Everything the dashboard is drawn from, at one instant.
struct KioskSnapshot {
    const protocol::Stats* stats = nullptr;  // null until the first answer
    double received_at = 0;                  // platform seconds when `stats` arrived (0: never)
    ConnectionState connection = ConnectionState::stopped;
    bool refresh_failing = false;  // the newest /stats request failed (figures may be old)
    KioskProblem problem = KioskProblem::none;
    std::string problem_text;  // for a person, when problem != none or refresh_failing
};

class Kiosk {
  public:
    static constexpr double kMinGap = 1.0;             // seconds between two /stats requests
    static constexpr double kRefreshEvery = 30.0;      // a quiet dashboard still refreshes
    static constexpr double kRetryAfterFailure = 5.0;  // /stats failed (server down, 5xx)
    static constexpr double kRetryRefused = 60.0;      // token refused: look again this often

    Kiosk(Platform& platform, std::function<void()> on_change);
    ~Kiosk();
    Kiosk(const Kiosk&) = delete;
    Kiosk& operator=(const Kiosk&) = delete;

    // Reads the token from the page URL, asks for the figures and opens the event stream.
    void start();
    // Runs due refreshes and the stream's reconnects and watchdog; call on every frame.
    void tick();
    // The earliest platform time at which tick() has work; 0 when none.
    double next_deadline() const;

    KioskSnapshot snapshot() const;
    protocol::Seq last_seq() const { return last_seq_; }
    int stats_requests() const { return stats_requests_; }
    // window.switchboard.state() for the kiosk (documented in docs/testing.md).
    std::string state_json() const;

    // The value of ?name= in a location like "/kiosk?token=abc", percent-decoded.
    static std::optional<std::string> query_value(const std::string& location,
                                                  const std::string& name);

  private:
    void on_frame(const std::string& text);
    void request_refresh();
    void due_at(double t);
    void fetch();
    void on_stats(ApiResult<protocol::Stats> result);
    void refuse(const std::string& why);
    void changed();
    double now() const { return platform_.now_seconds(); }

    Platform& platform_;
    std::function<void()> on_change_;
    Api api_;
    EventStream stream_;
    std::string token_;

    std::optional<protocol::Stats> stats_;
    double received_at_ = 0;
    bool in_flight_ = false;
    double last_request_at_ = -1e9;
    double due_ = 0;  // platform time of the next /stats request; 0: none planned
    bool refresh_failing_ = false;
    KioskProblem problem_ = KioskProblem::none;
    std::string problem_text_;
    protocol::Seq last_seq_ = 0;
    int stats_requests_ = 0;
};

}  // namespace sb::client
