// WsFleet: many WebSocket clients in one process, all on one I/O thread (the server gets the
// other core). Each connects, optionally sends its hello frame, waits for the server's "ready"
// frame (after the replay), and from then on hands every text frame, with its receipt time, to
// a callback. Used against switchboard-server and the bare broadcast server alike (both say
// "ready" once the socket is in their broadcast set, so no probe can precede it).
#pragma once

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common/latency.h"

namespace bench {

class WsFleet {
  public:
    // Called on the fleet's thread for every frame after a client is ready.
    using OnFrame = std::function<void(size_t client, std::string_view text, Clock::time_point)>;

    struct Options {
        uint16_t port = 0;
        std::string path;                 // e.g. "/api/v1/events"
        std::vector<std::string> hellos;  // one per client; "" = send no hello
        // A client is ready at the first frame holding this; "" = ready at the handshake.
        std::string ready_marker = "\"type\":\"ready\"";
        size_t max_connecting = 64;  // handshakes in flight at once
        // Several servers (instances of a cluster): client i connects to ports[i % size];
        // empty = every client to `port`.
        std::vector<uint16_t> ports;
        uint16_t port_of(size_t client) const {
            return ports.empty() ? port : ports[client % ports.size()];
        }
    };

    WsFleet(Options options, OnFrame on_frame);
    ~WsFleet();
    WsFleet(const WsFleet&) = delete;
    WsFleet& operator=(const WsFleet&) = delete;

    // Opens every client and waits until all are ready. Throws on a failure or the timeout.
    void open(std::chrono::seconds timeout);
    // Clients closed by the server (or failed) after they were ready.
    size_t dropped() const { return dropped_; }
    // Drops every connection and stops the thread.
    void close_all();

  private:
    struct Client;
    void start_next();
    void on_ready();
    void on_failed(const std::string& why, bool was_ready);

    Options options_;
    OnFrame on_frame_;
    boost::asio::io_context ioc_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
    std::vector<std::shared_ptr<Client>> clients_;
    size_t next_ = 0;  // I/O thread only
    std::mutex mu_;
    std::condition_variable cv_;
    size_t ready_ = 0;
    std::string first_error_;
    std::atomic<size_t> dropped_{0};
    std::atomic<bool> closing_{false};
    std::thread thread_;
};

}  // namespace bench
