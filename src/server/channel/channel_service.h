// The channel API's inbound side: an integration (a WhatsApp or SMS bridge, say) delivers a
// contact's message for its own id of the contact. The first message starts a chat, later ones
// append to it (and reopen it when resolved), exactly like the widget's contact does.
//
// The link from (integration, external contact id) to the chat is a contact token derived from
// the integration token's text and the external id, stored hashed like every token, in the same
// transaction that creates the chat: no extra table, no window where a chat exists without its
// link, and a copy of the database cannot be used to derive it. (A new integration token
// therefore starts new chats for the same external ids.) Deliveries are idempotent by the
// external message id, sent as the message's client_id.
#pragma once

#include <array>
#include <mutex>
#include <string>

#include "server/auth/auth_service.h"
#include "server/domain/chat_service.h"
#include "server/store/store.h"

namespace sb::server::channel {

struct Delivered {
    protocol::Message message;  // as the contact sees it
    bool created = true;        // false: this external message id was delivered before
    bool chat_started = false;  // true: this message started a new chat
};

class ChannelService {
  public:
    ChannelService(store::Store& store, AuthService& auth, ChatService& chats);

    // authorization: the request's Authorization header (an integration token). The request's
    // client_id is the external message id (required). Throws DomainError.
    Delivered deliver(const std::string* authorization, const std::string& external_id,
                      const protocol::ContactStartRequest& request);

  private:
    struct Integration {
        std::string token_text;
        std::string label;
    };
    Integration authenticate(const std::string* authorization);
    std::mutex& lock_for(const std::string& link_hash);

    store::Store& store_;
    AuthService& auth_;
    ChatService& chats_;
    std::array<std::mutex, 32> link_locks_;  // one link is created at a time
};

// The contact token text that links an integration's external contact id to its chat.
std::string link_token_text(const std::string& integration_token_text,
                            const std::string& external_id);

}  // namespace sb::server::channel
