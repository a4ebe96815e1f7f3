// See event_stream.h.
#include "client/event_stream.h"

#include <algorithm>
#include <cmath>

#include "protocol/json.h"
#include "protocol/names.h"

namespace sb::client {

namespace {
constexpr protocol::Names<ConnectionState, 5> kConnectionNames{
    {{ConnectionState::stopped, "stopped"},
     {ConnectionState::connecting, "connecting"},
     {ConnectionState::live, "live"},
     {ConnectionState::reconnecting, "reconnecting"},
     {ConnectionState::offline, "offline"}}};
}  // namespace

const char* to_string(ConnectionState state) {
    return protocol::name_of(kConnectionNames, state);
}

EventStream::EventStream(Platform& platform, Listener listener)
    : platform_(platform),
      listener_(std::move(listener)),
      rng_(static_cast<unsigned>(std::fmod(platform.now_seconds() * 1000.0, 2147483647.0)) + 1u) {}

EventStream::~EventStream() {
    if (socket_) socket_->close();
}

double EventStream::backoff_base(int attempt) {
    return std::min(kMaxBackoff, std::pow(2.0, std::min(attempt, 10)));
}

void EventStream::set_state(ConnectionState s) {
    if (s == state_) return;
    state_ = s;
    if (listener_.on_state) listener_.on_state();
}

void EventStream::start(std::string token, std::function<protocol::Seq()> since) {
    token_ = std::move(token);
    since_ = std::move(since);
    failures_ = 0;
    ever_live_ = false;
    set_state(ConnectionState::connecting);
    connect();
}

void EventStream::stop() {
    if (socket_) socket_->close();
    socket_.reset();
    reconnect_at_ = 0;
    set_state(ConnectionState::stopped);
}

void EventStream::reconnect_now() {
    if (state_ == ConnectionState::stopped) return;
    if (socket_) socket_->close();
    socket_.reset();
    set_state(ConnectionState::reconnecting);
    connect();
}

void EventStream::connect() {
    reconnect_at_ = 0;
    opened_ = false;
    heard_since_open_ = false;
    last_heard_ = platform_.now_seconds();
    std::weak_ptr<bool> alive = alive_;
    WebSocket::Callbacks cb;
    cb.on_open = [this, alive] {
        if (!alive.expired()) on_open();
    };
    cb.on_message = [this, alive](std::string text) {
        if (!alive.expired()) on_message(text);
    };
    cb.on_close = [this, alive](const std::string& reason) {
        if (!alive.expired()) on_close(reason);
    };
    socket_ = platform_.open_websocket("/api/v1/events", std::move(cb));
}

void EventStream::on_open() {
    opened_ = true;
    last_heard_ = platform_.now_seconds();
    protocol::Hello hello{token_, since_ ? since_() : 0};
    socket_->send(protocol::encode(hello));
    ever_live_ = true;
    set_state(ConnectionState::live);
}

void EventStream::on_message(const std::string& text) {
    last_heard_ = platform_.now_seconds();
    if (!heard_since_open_) {
        heard_since_open_ = true;
        failures_ = 0;  // the server took our hello: the backoff starts over
    }
    if (text == R"({"type":"ping"})") return;
    if (listener_.on_frame) listener_.on_frame(text);
}

void EventStream::on_close(const std::string& reason) {
    socket_.reset();
    if (state_ == ConnectionState::stopped) return;
    if (!reason.empty() && listener_.on_server_close) {
        listener_.on_server_close(reason);
        if (state_ == ConnectionState::stopped) return;  // the listener ended the session
    }
    ++failures_;
    schedule_reconnect();
}

void EventStream::schedule_reconnect() {
    const double base = backoff_base(failures_ - 1);
    std::uniform_real_distribution<double> jitter(0.8, 1.2);
    reconnect_at_ = platform_.now_seconds() + base * jitter(rng_);
    set_state(failures_ >= kOfflineAfterFailures ? ConnectionState::offline
                                                 : ConnectionState::reconnecting);
}

void EventStream::tick() {
    if (state_ == ConnectionState::stopped) return;
    const double now = platform_.now_seconds();
    if (reconnect_at_ != 0 && now >= reconnect_at_) {
        connect();
        return;
    }
    if (socket_ && now - last_heard_ >= (opened_ ? kSilenceLimit : kConnectLimit)) {
        // A silent line is a dead line (the server pings every 25 s); so is a hung connect.
        socket_->close();
        socket_.reset();
        ++failures_;
        schedule_reconnect();
    }
}

double EventStream::next_deadline() const {
    if (state_ == ConnectionState::stopped) return 0;
    if (reconnect_at_ != 0) return reconnect_at_;
    if (socket_) return last_heard_ + (opened_ ? kSilenceLimit : kConnectLimit);
    return 0;
}

}  // namespace sb::client
