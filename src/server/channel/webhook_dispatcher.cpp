// The outbound webhook's thread; see webhook_dispatcher.h.
#include "server/channel/webhook_dispatcher.h"

#include <sodium.h>

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "protocol/json.h"
#include "server/channel/channel_address.h"
#include "server/channel/http_post.h"
#include "server/channel/webhook_config.h"
#include "server/domain/contact_view.h"
#include "server/hex.h"

namespace sb::server::channel {

namespace {

constexpr const char* kCursorKey = "channel.webhook.cursor";
constexpr int kReadBatch = 500;

bool is_staff_reply(const protocol::Event& e) {
    return e.type == protocol::EventType::message_created && e.message &&
           e.message->kind == protocol::MessageKind::text &&
           e.message->author.type == protocol::AuthorType::staff;
}

}  // namespace

std::string webhook_payload(const std::string& label, const std::string& external_id,
                            const protocol::Message& m, protocol::Seq seq) {
    nlohmann::json j;
    j["type"] = "message.created";
    j["seq"] = seq;
    j["integration"] = label;
    j["external_contact_id"] = external_id;
    j["chat_id"] = m.chat_id;
    j["message"] = nlohmann::json::parse(protocol::encode(m));
    return j.dump();
}

std::string webhook_signature(const std::string& secret, const std::string& body) {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret.data()),
                                secret.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(body.data()),
                                  body.size());
    crypto_auth_hmacsha256_final(&st, mac);
    return "sha256=" + to_hex(mac);
}

WebhookDispatcher::WebhookDispatcher(store::Store& store, Clock clock, WebhookOptions options)
    : store_(store), clock_(std::move(clock)), options_(options) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    lead();  // a lone server leads from its start: replies from now on are delivered
    thread_ = std::thread([this] { run(); });
}

bool WebhookDispatcher::lead() {
    const bool held = store_.write_value([&](store::WriteTx& tx) {
        return tx.hold_lease("webhook", options_.instance, options_.lease);
    });
    if (held && !leading_) {
        // Taking over: from what the last deliverer finished.
        pending_.clear();
        bool first = false;
        store_.read([&](store::ReadTx& tx) {
            auto saved = tx.setting(kCursorKey);
            first = !saved;
            // First start: replies before now are history, not news.
            read_seq_ = saved ? std::stoll(*saved) : tx.last_event_seq();
        });
        saved_seq_ = read_seq_;
        if (first)
            store_.write(
                [&](store::WriteTx& tx) { tx.set_setting(kCursorKey, std::to_string(read_seq_)); });
    }
    if (!held) {
        pending_.clear();  // the holder delivers them
        queued_ = 0;
    }
    leading_ = held;
    return held;
}

WebhookDispatcher::~WebhookDispatcher() {
    shutdown();
}

void WebhookDispatcher::shutdown() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void WebhookDispatcher::notify(const std::vector<store::StoredEvent>& events) {
    if (std::none_of(events.begin(), events.end(),
                     [](const store::StoredEvent& e) { return is_staff_reply(e.event); }))
        return;
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    cv_.notify_one();
}

WebhookDispatcher::Counters WebhookDispatcher::counters() const {
    return {delivered_.load(), failed_attempts_.load(), dropped_.load(), queued_.load()};
}

std::chrono::milliseconds WebhookDispatcher::backoff(int attempts) const {
    auto d = options_.first_retry;
    for (int i = 1; i < attempts && d < options_.max_retry; ++i) d *= 2;
    return std::min(d, options_.max_retry);
}

void WebhookDispatcher::run() {
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            auto wait = options_.poll;
            const auto now = std::chrono::steady_clock::now();
            for (const auto& d : pending_)
                wait = std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(
                                          std::max(d.due - now, now - now)));
            cv_.wait_for(lock, wait, [&] { return stopping_ || woken_; });
            if (stopping_) return;
            woken_ = false;
        }
        try {
            if (!lead()) continue;
            collect();
            attempt_due();
            save_cursor();
        } catch (const std::exception& e) {
            // The database was busy or gone for a moment: the next round tries again.
            std::cerr << "switchboard-server: webhook: " << e.what() << std::endl;
        }
    }
}

void WebhookDispatcher::collect() {
    for (;;) {
        std::vector<Delivery> found;
        protocol::Seq last = read_seq_;
        int seen = 0;
        store_.read([&](store::ReadTx& tx) {
            const auto events = tx.events_after(read_seq_, kReadBatch);
            seen = static_cast<int>(events.size());
            for (const auto& stored : events) {
                last = stored.event.seq;
                if (!is_staff_reply(stored.event)) continue;
                const auto& m = *stored.event.message;
                auto chat = tx.chat(m.chat_id);
                if (!chat) continue;
                auto address = parse_channel(chat->chat.contact.channel);
                if (!address) continue;  // a web widget chat
                auto target = webhook_for(tx, address->label);
                if (!target) continue;
                auto view = contact_view(m);
                if (!view) continue;
                Delivery d;
                d.seq = stored.event.seq;
                d.label = address->label;
                d.url = target->url;
                d.secret = target->secret;
                d.body = webhook_payload(address->label, address->external_id, *view, d.seq);
                d.due = std::chrono::steady_clock::now();
                found.push_back(std::move(d));
            }
        });
        for (auto& d : found) pending_.push_back(std::move(d));
        read_seq_ = last;
        queued_ = static_cast<std::int64_t>(pending_.size());
        if (seen < kReadBatch) return;
    }
}

bool WebhookDispatcher::attempt_due() {
    bool tried = false;
    for (auto it = pending_.begin(); it != pending_.end();) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return tried;
        }
        if (it->due > std::chrono::steady_clock::now()) {
            ++it;
            continue;
        }
        tried = true;
        ++it->attempts;
        const auto result =
            http_post(parse_http_url(it->url), it->body,
                      {{"X-Switchboard-Signature", webhook_signature(it->secret, it->body)},
                       {"X-Switchboard-Event", "message.created"},
                       {"X-Switchboard-Delivery", std::to_string(it->seq)}},
                      options_.timeout);
        const bool ok = result.status >= 200 && result.status < 300;
        try {
            // For administration's token list: the integration's last attempt and its outcome.
            WebhookAttempt a{clock_(), result.status,
                             ok              ? std::string()
                             : result.status ? "HTTP " + std::to_string(result.status)
                                             : result.error};
            store_.write([&](store::WriteTx& tx) { record_attempt(tx, it->label, a); });
        } catch (const std::exception&) {
            // Best effort: the delivery itself is what counts.
        }
        if (ok) {
            ++delivered_;
            it = pending_.erase(it);
            continue;
        }
        ++failed_attempts_;
        if (it->attempts >= options_.max_attempts) {
            std::cerr << "switchboard-server: webhook " << it->url << " gave up on event "
                      << it->seq << " after " << it->attempts << " attempts ("
                      << (result.status ? "HTTP " + std::to_string(result.status) : result.error)
                      << ")" << std::endl;
            ++dropped_;
            it = pending_.erase(it);
            continue;
        }
        it->due = std::chrono::steady_clock::now() + backoff(it->attempts);
        ++it;
    }
    queued_ = static_cast<std::int64_t>(pending_.size());
    return tried;
}

void WebhookDispatcher::save_cursor() {
    protocol::Seq done = read_seq_;
    for (const auto& d : pending_) done = std::min(done, d.seq - 1);
    if (done == saved_seq_) return;
    store_.write([&](store::WriteTx& tx) { tx.set_setting(kCursorKey, std::to_string(done)); });
    saved_seq_ = done;
}

}  // namespace sb::server::channel
