// The event hub: the WebSocket endpoints /api/v1/events (staff, display tokens) and
// /api/v1/contact/events (contact tokens). One hub thread does everything in order: it takes
// committed events from the store, keeps the newest in a ring, and fans each out to the sockets
// that may see it; it also answers hello frames (authenticate, replay after `since` from the ring
// or the events table, or send resync), so a replay and the live stream never overlap or miss.
//
// Fan-out renders each event once per view (contact, display, staff with a given unread state)
// and shares the string among sockets. Sends never block: the transport queues them, bounded,
// and drops a client that falls too far behind; it resumes by seq.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <variant>
#include <vector>

#include "server/auth/auth_service.h"
#include "server/store/store.h"
#include "server/transport/http_types.h"

namespace sb::server {

class EventHub {
  public:
    struct Options {
        std::size_t ring_capacity = 4096;        // newest events kept in memory for replay
        int replay_batch = 1000;                 // events read from the table at a time
        std::size_t replay_window = 256;         // frames a replaying socket may have unwritten
        std::int64_t events_kept = 200'000;      // the events table keeps the newest this many
        std::chrono::seconds prune_every{600};   // how often older events are deleted
        std::chrono::seconds offline_after{60};  // staff with no socket this long go offline
        // Presence across instances (store.h, "Presence leases"): this instance's name, and how
        // long a lease on a connected staff member lasts. It is renewed every lease_ttl / 6, so
        // when an instance dies its sockets' presence ends within lease_ttl (under the sockets'
        // 60 s ping timeout); the others make those staff offline unless they reconnect.
        std::string instance = "local";
        std::chrono::seconds lease_ttl{30};
        std::chrono::seconds hello_timeout{10};  // a socket must say hello within this
        // Socket caps (domain/public_limits.h): contact sockets one token may hold, and event
        // sockets of every kind on this instance. Over a cap the socket is refused with an
        // error frame {"error":{"code":"rate_limited"}} and closed.
        int sockets_per_token = 3;
        std::size_t sockets_total = 10'000;
    };

    EventHub(store::Store& store, AuthService& auth, Options options);
    ~EventHub();
    EventHub(const EventHub&) = delete;
    EventHub& operator=(const EventHub&) = delete;

    // The store's commit listener: events of one committed write, in seq order.
    void publish(std::vector<store::StoredEvent> events);
    // Not stored (typing): delivered live to whoever is connected, seq 0.
    void publish_ephemeral(store::StoredEvent event);
    // Presence follows connections on every instance: a staff member who connects while offline
    // is made online; one whose last socket (on any instance) has been closed for
    // Options::offline_after, or whose instance has died, is made offline. The sink makes the
    // change (and its presence.changed event); it runs on the hub thread.
    void set_presence_sink(std::function<void(const protocol::Staff&, protocol::Presence)> sink);
    // Logout: close the sockets opened with this token.
    void close_token(const std::string& token_hash, const std::string& reason);

    std::shared_ptr<WsEndpoint> staff_endpoint() { return staff_endpoint_; }
    std::shared_ptr<WsEndpoint> contact_endpoint() { return contact_endpoint_; }

    // Closes every socket with the reason and stops the hub thread.
    void shutdown(const std::string& reason);

    struct Counters {
        std::int64_t sockets = 0;
        std::int64_t events_published = 0;
        std::int64_t frames_sent = 0;
        std::int64_t replays = 0;
        std::int64_t resyncs = 0;
    };
    Counters counters() const;

  private:
    class Endpoint;
    struct Subscriber;
    struct Open {
        std::shared_ptr<WsConnection> conn;
        bool contact_side;
    };
    struct Hello {
        std::shared_ptr<WsConnection> conn;
        std::string text;
    };
    struct Batch {
        std::vector<store::StoredEvent> events;
    };
    struct Closed {
        const WsConnection* conn;
    };
    struct CloseToken {
        std::string hash;
        std::string reason;
    };
    using Job = std::variant<Open, Hello, Batch, Closed, CloseToken>;

    void enqueue(Job job);
    void run();
    void handle(Open& o);
    void handle(Hello& h);
    void handle(Batch& b);
    void handle(Closed& c);
    void handle(CloseToken& c);
    void fan_out(const store::StoredEvent& e);
    // Closes sockets that said no hello in time, and those whose token has expired.
    void expire_silent_sockets();
    // After a token.revoked event (sessions or a display token revoked) or a staff event of a
    // deactivated member: closes the sockets whose token no longer authenticates, with the
    // reason ("revoked", "password changed", "deactivated"). Every instance does it for its own.
    void end_revoked_sessions(const store::StoredEvent& e);

    // Starts the replay of events after `since` to one subscriber, or sends resync when they
    // are gone. The replay is paced by the socket's backlog (continue_replay), so a long one
    // never overflows the bounded send queue; live events reach the socket after it.
    void replay(Subscriber& s, protocol::Seq since);
    void continue_replay(Subscriber& s);
    void finish_replay(Subscriber& s);
    void send_resync(Subscriber& s);
    static std::string render(const store::StoredEvent& e, Principal::Kind kind,
                              std::int64_t unread);
    bool deliver(Subscriber& s, const store::StoredEvent& e,
                 std::unordered_map<std::string, std::shared_ptr<const std::string>>& cache);

    store::Store& store_;
    AuthService& auth_;
    Options options_;
    std::shared_ptr<WsEndpoint> staff_endpoint_;
    std::shared_ptr<WsEndpoint> contact_endpoint_;

    std::mutex mutex_;  // guards jobs_ and stopping_
    std::condition_variable cv_;
    std::deque<Job> jobs_;
    bool stopping_ = false;

    // Hub thread only: sockets come and go as jobs, so no lock is needed here.
    using Subscribers = std::unordered_map<const WsConnection*, std::unique_ptr<Subscriber>>;
    Subscribers subscribers_;
    Subscribers::iterator drop(Subscribers::iterator it);  // forget a socket (the one place)
    // Staff with sockets on this instance, and how many: the leases this instance renews.
    std::unordered_map<protocol::Id, int> presence_sockets_;
    std::function<void(const protocol::Staff&, protocol::Presence)> presence_sink_;
    std::chrono::steady_clock::time_point last_presence_sync_{};
    void track_presence(const Principal& who);
    void release_presence(protocol::Id staff_id);  // the last socket closed: the grace lease
    void sync_presence();  // renew this instance's leases; staff nobody holds go offline
    std::chrono::milliseconds presence_every() const;
    std::deque<store::StoredEvent> ring_;
    protocol::Seq last_seq_ = 0;  // newest seq fanned out (or stored at start)
    bool replaying_ = false;      // some socket is catching up
    std::chrono::steady_clock::time_point last_prune_ = std::chrono::steady_clock::now();

    std::atomic<std::int64_t> sockets_{0}, events_published_{0}, frames_sent_{0}, replays_{0},
        resyncs_{0};
    std::thread thread_;
};

}  // namespace sb::server
