// The contact side beyond the widget's basics (issue 5): the channel API for integrations
// (inbound messages by external contact id, the outbound webhook on staff replies) and the
// public queue list the widget's queue picker reads. Core owns one Channel and wires it in:
// routes, the commit listener (to wake the webhook), metrics and shutdown.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "server/auth/auth_service.h"
#include "server/channel/channel_service.h"
#include "server/channel/webhook_dispatcher.h"
#include "server/domain/chat_service.h"
#include "server/store/store.h"
#include "server/transport/http_types.h"

namespace sb::server::channel {

class Channel {
  public:
    Channel(store::Store& store, AuthService& auth, ChatService& chats,
            WebhookDispatcher::Clock clock, WebhookOptions webhook = {});

    // POST /api/v1/channel/contacts/{external_id}/messages, GET /api/v1/contact/queues.
    void register_routes(Router& router);
    // The store's commit listener calls this before the event hub gets the events.
    void on_committed(const std::vector<store::StoredEvent>& events) { webhook_.notify(events); }
    std::string metrics_text() const;
    void shutdown() { webhook_.shutdown(); }

  private:
    store::Store& store_;
    ChannelService service_;
    WebhookDispatcher webhook_;
};

}  // namespace sb::server::channel
