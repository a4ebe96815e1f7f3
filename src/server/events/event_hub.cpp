// The event hub; see event_hub.h.
#include "server/events/event_hub.h"

#include <algorithm>

#include "protocol/json.h"
#include "server/domain/contact_view.h"
#include "server/domain/display_view.h"
#include "server/domain/permissions.h"

namespace sb::server {

using protocol::EventType;
using store::StoredEvent;

struct EventHub::Subscriber {
    std::shared_ptr<WsConnection> conn;
    bool contact_side = false;
    std::optional<Principal> who;  // set by a good hello
    protocol::Seq last_sent = 0;   // newest seq this socket has been sent
    bool catching_up = false;      // replaying: live events wait until the replay reaches them
    std::chrono::steady_clock::time_point opened = std::chrono::steady_clock::now();
};

// The WsEndpoint the transport calls; it only queues jobs for the hub thread.
class EventHub::Endpoint final : public WsEndpoint {
  public:
    Endpoint(EventHub& hub, bool contact_side) : hub_(hub), contact_side_(contact_side) {}
    void on_open(const std::shared_ptr<WsConnection>& conn, const HttpRequest&) override {
        hub_.enqueue(Open{conn, contact_side_});
    }
    void on_text(const std::shared_ptr<WsConnection>& conn, std::string text) override {
        hub_.enqueue(Hello{conn, std::move(text)});
    }
    void on_close(const std::shared_ptr<WsConnection>& conn) override {
        hub_.enqueue(Closed{conn.get()});
    }

  private:
    EventHub& hub_;
    bool contact_side_;
};

namespace {

std::string error_frame(const std::string& code, const std::string& message) {
    return protocol::encode(protocol::Error{code, message, std::nullopt});
}

}  // namespace

EventHub::EventHub(store::Store& store, AuthService& auth, Options options)
    : store_(store), auth_(auth), options_(options) {
    staff_endpoint_ = std::make_shared<Endpoint>(*this, false);
    contact_endpoint_ = std::make_shared<Endpoint>(*this, true);
    last_seq_ = store_.read_value([](store::ReadTx& tx) { return tx.last_event_seq(); });
    // Staff shown online or away whom no instance holds (after a restart of a lone server, they
    // have no socket now): unless they reconnect within offline_after, they go offline.
    store_.write([this](store::WriteTx& tx) {
        std::vector<protocol::Id> ids;
        for (const auto& s : tx.lapsed_presence()) ids.push_back(s.id);
        tx.hold_presence(options_.instance, ids, options_.offline_after);
    });
    thread_ = std::thread([this] { run(); });
}

EventHub::~EventHub() {
    shutdown("server stopping");
}

void EventHub::enqueue(Job job) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) {
            if (auto* o = std::get_if<Open>(&job)) o->conn->close("server stopping");
            return;
        }
        jobs_.push_back(std::move(job));
    }
    cv_.notify_one();
}

void EventHub::publish(std::vector<StoredEvent> events) {
    enqueue(Batch{std::move(events)});
}

void EventHub::publish_ephemeral(StoredEvent event) {
    event.event.seq = 0;
    std::vector<StoredEvent> one;
    one.push_back(std::move(event));
    enqueue(Batch{std::move(one)});
}

void EventHub::close_token(const std::string& token_hash, const std::string& reason) {
    enqueue(CloseToken{token_hash, reason});
}

void EventHub::shutdown(const std::string& reason) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && !thread_.joinable()) return;
        stopping_ = true;
    }
    cv_.notify_one();
    if (thread_.joinable()) thread_.join();
    for (auto& [ptr, s] : subscribers_) s->conn->close(reason);
    subscribers_.clear();
    sockets_ = 0;
}

EventHub::Counters EventHub::counters() const {
    return {sockets_.load(), events_published_.load(), frames_sent_.load(), replays_.load(),
            resyncs_.load()};
}

void EventHub::run() {
    for (;;) {
        std::deque<Job> jobs;
        {
            std::unique_lock lock(mutex_);
            // While a replay waits for its socket to drain, look again soon.
            const auto tick =
                replaying_ ? std::chrono::milliseconds(2) : std::chrono::milliseconds(1000);
            cv_.wait_for(lock, tick, [&] { return stopping_ || !jobs_.empty(); });
            if (stopping_) return;
            jobs.swap(jobs_);
        }
        for (auto& job : jobs) {
            try {
                std::visit([this](auto& j) { handle(j); }, job);
            } catch (const std::exception&) {
                // A failed job (e.g. the database is busy) must not stop the hub; the client
                // of a failed hello is closed in handle(Hello) and resumes by itself.
            }
        }
        replaying_ = false;
        for (auto it = subscribers_.begin(); it != subscribers_.end();) {
            Subscriber& sub = *it->second;
            if (sub.catching_up) {
                try {
                    continue_replay(sub);
                    replaying_ = replaying_ || sub.catching_up;
                } catch (const std::exception&) {
                    sub.conn->close("unavailable");  // the client reconnects and resumes
                    it = drop(it);
                    continue;
                }
            }
            ++it;
        }
        expire_silent_sockets();
        if (std::chrono::steady_clock::now() - last_presence_sync_ >= presence_every()) {
            last_presence_sync_ = std::chrono::steady_clock::now();
            try {
                sync_presence();
            } catch (const std::exception&) {
                // The database is busy or away: the next turn tries again.
            }
        }
        if (std::chrono::steady_clock::now() - last_prune_ >= options_.prune_every) {
            last_prune_ = std::chrono::steady_clock::now();
            try {
                store_.prune_events(options_.events_kept);
            } catch (const std::exception&) {
                // Busy: the next turn prunes.
            }
        }
    }
}

void EventHub::handle(Open& o) {
    if (subscribers_.size() >= options_.sockets_total) {
        o.conn->send(std::make_shared<const std::string>(error_frame(
            "rate_limited", "the server holds as many sockets as it may; retry later")));
        o.conn->close("rate_limited");
        return;
    }
    auto s = std::make_unique<Subscriber>();
    s->conn = o.conn;
    s->contact_side = o.contact_side;
    subscribers_[o.conn.get()] = std::move(s);
    ++sockets_;
}

void EventHub::handle(Closed& c) {
    if (auto it = subscribers_.find(c.conn); it != subscribers_.end()) drop(it);
}

EventHub::Subscribers::iterator EventHub::drop(Subscribers::iterator it) {
    const Subscriber& s = *it->second;
    if (s.who && s.who->kind == Principal::Kind::staff) release_presence(s.who->staff.id);
    --sockets_;
    return subscribers_.erase(it);
}

void EventHub::track_presence(const Principal& who) {
    if (who.kind != Principal::Kind::staff) return;
    // The first socket here: hold the lease at once, before another instance's sweep.
    if (++presence_sockets_[who.staff.id] == 1)
        store_.write([&](store::WriteTx& tx) {
            tx.hold_presence(options_.instance, {who.staff.id}, options_.lease_ttl);
        });
    // Connected staff are at least online; "away" is theirs to choose and stays.
    if (who.staff.presence == protocol::Presence::offline && presence_sink_)
        presence_sink_(who.staff, protocol::Presence::online);
}

void EventHub::release_presence(protocol::Id staff_id) {
    auto it = presence_sockets_.find(staff_id);
    if (it == presence_sockets_.end() || --it->second > 0) return;
    presence_sockets_.erase(it);
    try {
        // Offline after the grace period, unless a socket (here or elsewhere) holds them again.
        store_.write([&](store::WriteTx& tx) {
            tx.hold_presence(options_.instance, {staff_id}, options_.offline_after);
        });
    } catch (const std::exception&) {
        // The database is away: the short lease of the last renewal ends by itself.
    }
}

std::chrono::milliseconds EventHub::presence_every() const {
    using std::chrono::milliseconds;
    const auto by_lease = std::chrono::duration_cast<milliseconds>(options_.lease_ttl) / 6;
    const auto by_grace = std::chrono::duration_cast<milliseconds>(options_.offline_after) / 2;
    return std::max(milliseconds(100), std::min(by_lease, by_grace));
}

void EventHub::sync_presence() {
    std::vector<protocol::Id> held;
    for (const auto& [id, sockets] : presence_sockets_) held.push_back(id);
    std::vector<protocol::Staff> lapsed;
    store_.write([&](store::WriteTx& tx) {
        tx.hold_presence(options_.instance, held, options_.lease_ttl);
        lapsed = tx.lapsed_presence();
    });
    if (presence_sink_)
        for (const auto& s : lapsed) presence_sink_(s, protocol::Presence::offline);
}

void EventHub::set_presence_sink(
    std::function<void(const protocol::Staff&, protocol::Presence)> sink) {
    presence_sink_ = std::move(sink);
}

void EventHub::handle(CloseToken& c) {
    for (auto it = subscribers_.begin(); it != subscribers_.end();) {
        if (it->second->who && it->second->who->token_hash == c.hash) {
            it->second->conn->close(c.reason);
            it = drop(it);
        } else {
            ++it;
        }
    }
}

void EventHub::expire_silent_sockets() {
    const auto now = std::chrono::steady_clock::now();
    const protocol::Time wall = std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count();
    for (auto it = subscribers_.begin(); it != subscribers_.end();) {
        const auto& who = it->second->who;
        if (!who && now - it->second->opened > options_.hello_timeout) {
            it->second->conn->send(std::make_shared<const std::string>(
                error_frame("bad_request", "no hello frame within the time allowed")));
            it->second->conn->close("hello expected");
            it = drop(it);
        } else if (who && who->expires_at && *who->expires_at <= wall) {
            // The session (or the display token) has expired: the socket ends with it.
            it->second->conn->close(who->kind == Principal::Kind::staff ? "session expired"
                                                                        : "expired");
            it = drop(it);
        } else {
            ++it;
        }
    }
}

void EventHub::end_revoked_sessions(const StoredEvent& stored) {
    const protocol::Event& e = stored.event;
    // Whose sockets to look at, and the reason their socket closes with.
    std::optional<protocol::Id> staff_id;
    std::string reason;
    if (e.type == EventType::token_revoked) {
        if (e.staff) {
            staff_id = e.staff->id;
            reason = e.staff->active ? "password changed" : "deactivated";
        } else {
            reason = "revoked";  // a display (or integration) token
        }
    } else if (e.staff && !e.staff->active) {
        staff_id = e.staff->id;
        reason = "deactivated";
    } else {
        return;
    }
    for (auto it = subscribers_.begin(); it != subscribers_.end();) {
        const auto& who = it->second->who;
        const bool concerned =
            who && (staff_id ? who->kind == Principal::Kind::staff && who->staff.id == *staff_id
                             : who->kind == Principal::Kind::display);
        bool ended = false;
        if (concerned) {
            try {
                ended = !auth_.authenticate_hash(who->token_hash);
            } catch (const std::exception&) {
                // Cannot check now: the socket stays; its next hello is checked again.
            }
        }
        if (ended) {
            it->second->conn->close(reason);
            it = drop(it);
        } else {
            ++it;
        }
    }
}

void EventHub::handle(Hello& h) {
    auto it = subscribers_.find(h.conn.get());
    if (it == subscribers_.end()) return;  // already closed
    Subscriber& s = *it->second;
    if (s.who) return;  // after the hello, client frames carry nothing for the server
    auto refuse = [&](const std::string& code, const std::string& message) {
        s.conn->send(std::make_shared<const std::string>(error_frame(code, message)));
        s.conn->close(code);  // a WebSocket close reason holds at most 123 bytes: the code only
        drop(it);
    };
    protocol::Hello hello;
    try {
        hello = protocol::decode<protocol::Hello>(h.text);
    } catch (const protocol::DecodeError& e) {
        return refuse("bad_request", std::string("expected a hello frame: ") + e.what());
    }
    std::optional<Principal> who;
    try {
        who = auth_.authenticate_token(hello.token);
    } catch (const std::exception&) {
        return refuse("unavailable", "cannot check the token now; retry");
    }
    if (!who) return refuse("unauthorized", "unknown or expired token");
    const bool contact = who->kind == Principal::Kind::contact;
    const bool allowed = s.contact_side ? contact
                                        : (who->kind == Principal::Kind::staff ||
                                           who->kind == Principal::Kind::display);
    if (!allowed)
        return refuse("forbidden", s.contact_side ? "this stream takes contact tokens"
                                                  : "this stream takes staff or display tokens");
    if (contact && options_.sockets_per_token > 0) {
        int same = 0;
        for (const auto& [ptr, other] : subscribers_)
            if (other->who && other->who->token_hash == who->token_hash) ++same;
        if (same >= options_.sockets_per_token)
            return refuse("rate_limited", "this contact token holds " + std::to_string(same) +
                                              " sockets already; close one first");
    }
    s.who = std::move(who);
    try {
        track_presence(*s.who);
    } catch (const std::exception&) {
        // Presence is best effort; the stream works without it.
    }
    try {
        replay(s, hello.since);
    } catch (const std::exception&) {
        return refuse("unavailable", "replay failed; reconnect");
    }
}

void EventHub::send_resync(Subscriber& s) {
    ++resyncs_;
    s.last_sent = last_seq_;
    s.conn->send(
        std::make_shared<const std::string>(protocol::encode(protocol::Resync{last_seq_})));
}

void EventHub::replay(Subscriber& s, protocol::Seq since) {
    s.last_sent = since;
    if (since == 0) {
        // A client that knows nothing: it loads its lists, then follows from here.
        if (last_seq_ > 0) send_resync(s);
        return finish_replay(s);
    }
    ++replays_;
    const protocol::Seq ring_first = ring_.empty() ? last_seq_ + 1 : ring_.front().event.seq;
    if (since > last_seq_) {
        send_resync(s);  // the client knows a future: another database, or one restored
        return finish_replay(s);
    }
    if (since + 1 < ring_first) {
        // Older than the ring: from the events table, if it still has them.
        const protocol::Seq first_kept =
            store_.read_value([](store::ReadTx& tx) { return tx.first_event_seq(); });
        if (first_kept == 0 || since + 1 < first_kept) {
            send_resync(s);
            return finish_replay(s);
        }
    }
    s.catching_up = true;
    continue_replay(s);
}

void EventHub::continue_replay(Subscriber& s) {
    std::unordered_map<std::string, std::shared_ptr<const std::string>> cache;
    const auto room = [&] { return s.conn->backlog() < options_.replay_window; };
    while (s.last_sent < last_seq_) {
        if (!room()) return;  // the socket is still writing: go on at the next turn
        const protocol::Seq ring_first = ring_.empty() ? last_seq_ + 1 : ring_.front().event.seq;
        if (s.last_sent + 1 >= ring_first) {
            auto it = std::lower_bound(
                ring_.begin(), ring_.end(), s.last_sent + 1,
                [](const StoredEvent& e, protocol::Seq seq) { return e.event.seq < seq; });
            for (; it != ring_.end() && room(); ++it) {
                cache.clear();
                deliver(s, *it, cache);
                s.last_sent = std::max(s.last_sent, it->event.seq);
            }
            continue;
        }
        const int limit = static_cast<int>(std::min<std::size_t>(
            options_.replay_window, static_cast<std::size_t>(options_.replay_batch)));
        auto batch = store_.read_value(
            [&](store::ReadTx& tx) { return tx.events_after(s.last_sent, limit); });
        if (batch.empty() || batch.front().event.seq > s.last_sent + 1) {
            // Pruned while this socket was catching up: it must reload instead.
            send_resync(s);
            break;
        }
        for (const auto& e : batch) {
            if (e.event.seq >= ring_first) break;
            cache.clear();
            deliver(s, e, cache);
            s.last_sent = e.event.seq;
        }
    }
    finish_replay(s);
}

void EventHub::finish_replay(Subscriber& s) {
    s.catching_up = false;
    s.last_sent = std::max(s.last_sent, last_seq_);
    s.conn->send(
        std::make_shared<const std::string>(protocol::encode(protocol::Ready{s.last_sent})));
}

void EventHub::handle(Batch& b) {
    for (auto& e : b.events) {
        if (e.event.seq != 0) {
            if (e.event.seq <= last_seq_) continue;  // already known (cannot happen in order)
            last_seq_ = e.event.seq;
            ring_.push_back(e);
            while (ring_.size() > options_.ring_capacity) ring_.pop_front();
            ++events_published_;
        }
        end_revoked_sessions(e);
        fan_out(e);
    }
}

void EventHub::fan_out(const StoredEvent& e) {
    std::unordered_map<std::string, std::shared_ptr<const std::string>> cache;
    for (auto& [ptr, s] : subscribers_)
        if (s->who && !s->catching_up) deliver(*s, e, cache);
}

bool EventHub::deliver(Subscriber& s, const StoredEvent& stored,
                       std::unordered_map<std::string, std::shared_ptr<const std::string>>& cache) {
    const protocol::Event& e = stored.event;
    if (e.seq != 0 && e.seq <= s.last_sent) return false;
    if (e.seq != 0) s.last_sent = e.seq;
    if (e.type == EventType::token_revoked) return false;  // for the hubs only
    Principal& who = *s.who;
    // First decide whether this socket gets the event and which rendering (view) it needs,
    // without copying anything: most sockets share a rendering made once.
    std::string key;
    std::int64_t unread = 0;
    switch (who.kind) {
        case Principal::Kind::contact:
            if (!e.chat || e.chat->id != who.chat_id) return false;
            if (e.message && e.message->kind != protocol::MessageKind::text) return false;
            if (e.typing && e.typing->author.type == protocol::AuthorType::contact) return false;
            key = "contact";
            break;
        case Principal::Kind::display:
            // What the kiosk draws (domain/display_view.h): chats and staff, never messages.
            if (!(e.chat || e.staff || e.queue_info) || e.message || e.typing) return false;
            key = "display";
            break;
        case Principal::Kind::integration:
            return false;
        case Principal::Kind::staff:
            if (e.staff && e.staff->id == who.staff.id) who.staff = *e.staff;  // sign, queues
            if (e.chat) {
                // A deleted chat's event still goes to those who saw it, so it leaves their lists.
                const bool sees = e.type == EventType::chat_deleted
                                      ? may_see_ignoring_deleted(who.staff, *e.chat)
                                      : may_see(who.staff, *e.chat);
                const bool told = std::find(stored.notify_staff.begin(), stored.notify_staff.end(),
                                            who.staff.id) != stored.notify_staff.end();
                if (!sees && !told) return false;
                unread = store::unread_count(stored.contact_msg_count, stored.reads, who.staff.id);
                key = "staff:" + std::to_string(unread);
            } else {
                key = "staff";
            }
            break;
    }
    auto& text = cache[key];
    if (!text) text = std::make_shared<const std::string>(render(stored, who.kind, unread));
    s.conn->send(text);
    ++frames_sent_;
    return true;
}

std::string EventHub::render(const StoredEvent& stored, Principal::Kind kind, std::int64_t unread) {
    protocol::Event view = stored.event;
    if (kind == Principal::Kind::contact) {
        if (view.message) view.message = contact_view(*view.message);
        if (view.typing) view.typing = contact_view(*view.typing, stored.author_signs);
        if (view.chat) view.chat = contact_view(*view.chat);
    } else if (kind == Principal::Kind::display) {
        if (view.chat) view.chat = display_view(*view.chat);
        if (view.staff) view.staff = display_view(*view.staff);
        if (view.queue_info) view.queue_info->members.clear();  // figures, not who
    } else if (kind == Principal::Kind::staff && view.chat) {
        view.chat->unread_count = unread;
        view.chat->unread = unread > 0;
    }
    return protocol::encode(view);
}

}  // namespace sb::server
