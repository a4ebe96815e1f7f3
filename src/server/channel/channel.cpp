// The channel's REST routes and metrics; see channel.h.
#include "server/channel/channel.h"

#include "server/api/api_context.h"
#include "server/domain/contact_view.h"
#include "server/transport/metrics.h"

namespace sb::server::channel {

Channel::Channel(store::Store& store, AuthService& auth, ChatService& chats,
                 WebhookDispatcher::Clock clock, WebhookOptions webhook)
    : store_(store), service_(store, auth, chats), webhook_(store, std::move(clock), webhook) {}

void Channel::register_routes(Router& router) {
    // An integration delivers a contact's message: 201 with the stored message (the contact's
    // view), 200 with the first one when this client_id (external message id) was seen before.
    router.add("POST", "/api/v1/channel/contacts/{external_id}/messages",
               api::guarded([this](const HttpRequest& req) {
                   auto body = api::body_as<protocol::ContactStartRequest>(req);
                   const std::string* external_id = req.param("external_id");
                   auto r = service_.deliver(req.header("authorization"),
                                             external_id ? *external_id : std::string(), body);
                   auto view = contact_view(r.message);
                   return api::json(*view, r.created ? 201 : 200);
               }));

    // The widget's queue picker: every queue that takes chats. Public, like starting a chat.
    router.add("GET", "/api/v1/contact/queues", api::guarded([this](const HttpRequest&) {
                   protocol::QueueList out;
                   out.queues = store_.read_value([](store::ReadTx& tx) { return tx.queues(); });
                   return api::json(out);
               }));
}

std::string Channel::metrics_text() const {
    const auto c = webhook_.counters();
    std::string out;
    append_metric(out, "switchboard_webhook_deliveries_total", "counter",
                  "Webhook POSTs answered with 2xx.", c.delivered);
    append_metric(out, "switchboard_webhook_failed_attempts_total", "counter",
                  "Webhook attempts that failed.", c.failed_attempts);
    append_metric(out, "switchboard_webhook_dropped_total", "counter",
                  "Webhook deliveries given up after retries.", c.dropped);
    append_metric(out, "switchboard_webhook_queued", "gauge",
                  "Webhook deliveries waiting (or retrying).", c.queued);
    return out;
}

}  // namespace sb::server::channel
