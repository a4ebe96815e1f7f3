// Core: wires the store, auth, domain, stats, event hub and REST handlers together; see core.h.
#include "server/core.h"

#include <chrono>
#include <iostream>

#include "server/admin/demo_data.h"
#include "server/api/api_context.h"
#include "server/auth/auth_service.h"
#include "server/auth/passwords.h"
#include "server/channel/channel.h"
#include "server/domain/admin_service.h"
#include "server/domain/chat_service.h"
#include "server/events/event_hub.h"
#include "server/stats/stats_service.h"
#include "server/store/open_store.h"
#include "server/transport/metrics.h"

namespace sb::server {

namespace {

protocol::Time now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

EventHub::Options hub_options(const CoreConfig& c) {
    EventHub::Options o;
    o.instance = c.instance;
    o.lease_ttl = c.presence_lease;
    o.sockets_per_token = c.limits.sockets_per_token;
    o.sockets_total = static_cast<std::size_t>(std::max(1, c.limits.sockets_total));
    return o;
}

channel::WebhookOptions webhook_options(const CoreConfig& c) {
    channel::WebhookOptions o;
    o.instance = c.instance;
    return o;
}

store::StoreOptions store_options(const CoreConfig& c) {
    store::StoreOptions o;
    o.full_durability = c.full_durability;
    return o;
}

}  // namespace

struct Core::Impl {
    explicit Impl(const CoreConfig& c)
        : config(c),
          owned_store(store::open_store(c.db_path, store_options(c))),
          store(*owned_store),
          auth(store, now_ms, c.limits.login),
          hub(store, auth, hub_options(c)),
          chats(
              store, now_ms, [this](store::StoredEvent e) { store.broadcast_ephemeral(e); },
              c.limits),
          stats(store, now_ms, TimeZone(c.timezone)),
          canned(store, now_ms),
          admin(store, now_ms, chats, stats, auth::hash_password),
          api{store, auth, chats, stats, hub, canned, admin},
          channel(store, auth, chats, now_ms, webhook_options(c)) {
        store.prune_events(EventHub::Options{}.events_kept);  // then the hub, every 10 min
        hub.set_presence_sink([this](const protocol::Staff& s, protocol::Presence p) {
            protocol::MePatch patch;
            patch.presence = p;
            chats.update_me(s, patch);
        });
        // Typing and ended sessions, from whichever instance of the database saw them.
        store.set_relay({
            [this](store::StoredEvent e) { hub.publish_ephemeral(std::move(e)); },
            [this](const std::string& hash, const std::string& why) { hub.close_token(hash, why); },
        });
        // From here on every committed write reaches the sockets, in seq order.
        store.set_commit_listener([this](std::vector<store::StoredEvent> events) {
            channel.on_committed(events);  // wakes the outbound webhook
            hub.publish(std::move(events));
        });
        if (c.demo && fill_demo_data(store, now_ms()))
            std::cout << "switchboard-server: demo data created (every password is \"demo\")"
                      << std::endl;
    }

    CoreConfig config;
    std::unique_ptr<store::Store> owned_store;  // whatever the configuration names
    store::Store& store;
    AuthService auth;
    EventHub hub;
    ChatService chats;
    StatsService stats;
    CannedService canned;
    AdminService admin;
    api::ApiContext api;
    channel::Channel channel;  // channel API, webhook, public queue list (src/server/channel)
};

Core::Core(CoreConfig config) : impl_(std::make_unique<Impl>(config)) {}

Core::~Core() {
    shutdown();
}

void Core::register_routes(Router& router) {
    api::register_staff_api(router, impl_->api);
    api::register_chat_api(router, impl_->api);
    api::register_contact_api(router, impl_->api);
    api::register_canned_api(router, impl_->api);
    api::register_admin_api(router, impl_->api);
    impl_->channel.register_routes(router);
}

std::shared_ptr<WsEndpoint> Core::staff_events() {
    return impl_->hub.staff_endpoint();
}

std::shared_ptr<WsEndpoint> Core::contact_events() {
    return impl_->hub.contact_endpoint();
}

store::Store& Core::store() {
    return impl_->store;
}

std::string Core::metrics_text() const {
    const auto c = impl_->hub.counters();
    std::string out;
    append_metric(out, "switchboard_event_sockets", "gauge",
                  "Event-stream WebSockets open (staff, display, contact).", c.sockets);
    append_metric(out, "switchboard_events_published_total", "counter",
                  "Events committed and fanned out.", c.events_published);
    append_metric(out, "switchboard_event_frames_sent_total", "counter",
                  "Event frames queued to sockets.", c.frames_sent);
    append_metric(out, "switchboard_event_replays_total", "counter",
                  "Hello frames answered with a replay.", c.replays);
    append_metric(out, "switchboard_event_resyncs_total", "counter",
                  "Clients told to resync (too far behind).", c.resyncs);
    out += impl_->channel.metrics_text();
    return out;
}

void Core::shutdown() {
    if (!impl_) return;
    impl_->store.set_commit_listener(nullptr);  // waits out a delivery in progress
    impl_->store.set_relay({});
    impl_->channel.shutdown();
    impl_->hub.shutdown("server stopping");
}

}  // namespace sb::server
