// The outbound webhook: every staff reply (a signed or unsigned text message) in a chat that
// came in through the channel API is POSTed to its integration's webhook, signed with
// X-Switchboard-Signature: sha256=<hex HMAC-SHA256 of the body>.
//
// It reads the events outbox (the same table the WebSocket replay uses), so a reply committed
// just before a crash is still delivered after the restart: the position it has finished is kept
// in the settings table ("channel.webhook.cursor"). Delivery is at least once; receivers dedupe
// by the message id (or the X-Switchboard-Delivery header, the event's seq).
//
// All of it runs on one background thread: a failing or slow receiver is retried with
// exponential backoff and never blocks an agent's request. The store's commit listener only
// wakes the thread (notify()); it also polls once a second.
//
// In a cluster every instance runs one, and only the holder of the store's lease "webhook"
// delivers; a new holder starts from the saved cursor, so a delivery the old one had not
// finished when it died is made again (at least once, as above).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/store/store.h"

namespace sb::server::channel {

struct WebhookOptions {
    std::chrono::milliseconds first_retry{1000};  // doubles each attempt
    std::chrono::milliseconds max_retry{60000};
    int max_attempts = 10;                    // then the delivery is dropped (and counted)
    std::chrono::milliseconds timeout{5000};  // one attempt, connect to answer
    std::chrono::milliseconds poll{1000};
    // Exactly one instance of a cluster delivers: the one holding the store's lease "webhook"
    // (renewed every poll; another takes over within `lease` when it dies). Its name:
    std::string instance = "local";
    std::chrono::milliseconds lease{10000};
};

// The JSON body POSTed for one staff reply (see docs/api.md, "Channel API").
std::string webhook_payload(const std::string& label, const std::string& external_id,
                            const protocol::Message& contact_view_message, protocol::Seq seq);
// "sha256=" + lower-case hex HMAC-SHA256(secret, body).
std::string webhook_signature(const std::string& secret, const std::string& body);

class WebhookDispatcher {
  public:
    using Clock = std::function<protocol::Time()>;
    WebhookDispatcher(store::Store& store, Clock clock, WebhookOptions options = {});
    ~WebhookDispatcher();
    WebhookDispatcher(const WebhookDispatcher&) = delete;
    WebhookDispatcher& operator=(const WebhookDispatcher&) = delete;

    // From the commit listener: wakes the thread when a staff reply was committed. Cheap.
    void notify(const std::vector<store::StoredEvent>& events);
    void shutdown();

    struct Counters {
        std::int64_t delivered = 0;
        std::int64_t failed_attempts = 0;
        std::int64_t dropped = 0;  // gave up after max_attempts
        std::int64_t queued = 0;   // waiting now
    };
    Counters counters() const;

  private:
    struct Delivery {
        protocol::Seq seq = 0;
        std::string label;  // the integration's
        std::string url;
        std::string secret;
        std::string body;
        int attempts = 0;
        std::chrono::steady_clock::time_point due;
    };

    void run();
    bool lead();         // holds (or takes) the delivery lease; on taking it, reads the cursor
    void collect();      // new events after read_seq_ → deliveries
    bool attempt_due();  // tries every due delivery; true when any was tried
    void save_cursor();  // the newest seq before which everything is finished
    std::chrono::milliseconds backoff(int attempts) const;

    store::Store& store_;
    Clock clock_;
    WebhookOptions options_;

    std::mutex mutex_;
    std::condition_variable cv_;
    bool woken_ = false;
    bool stopping_ = false;

    // Dispatcher thread only.
    protocol::Seq read_seq_ = 0;   // events up to here have been looked at
    protocol::Seq saved_seq_ = 0;  // what the settings table says
    bool leading_ = false;         // this instance holds the delivery lease
    std::deque<Delivery> pending_;

    std::atomic<std::int64_t> delivered_{0}, failed_attempts_{0}, dropped_{0}, queued_{0};
    std::thread thread_;
};

}  // namespace sb::server::channel
