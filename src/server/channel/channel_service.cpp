// Inbound channel messages; see channel_service.h.
#include "server/channel/channel_service.h"

#include <sodium.h>

#include "protocol/validate.h"
#include "server/auth/tokens.h"
#include "server/channel/channel_address.h"
#include "server/channel/webhook_config.h"
#include "server/hex.h"

namespace sb::server::channel {

namespace {

void check_external_id(const std::string& id) {
    if (!protocol::valid_utf8(id))
        throw DomainError::bad_request("external contact id: not valid UTF-8");
    if (id.empty() || protocol::utf8_length(id) > protocol::kMaxNameChars)
        throw DomainError::bad_request("external contact id: 1 to 200 characters");
    for (unsigned char c : id)
        if (c < 0x20 || c == 0x7f)
            throw DomainError::bad_request("external contact id: no control characters");
}

}  // namespace

std::string link_token_text(const std::string& integration_token_text,
                            const std::string& external_id) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    // Domain-separated from the token hash the database keeps (an unkeyed hash of the text), and
    // length-prefixed so that no other (token, id) pair gives the same input.
    const std::string input = "switchboard channel link\n" +
                              std::to_string(integration_token_text.size()) + "\n" +
                              integration_token_text + external_id;
    unsigned char out[32];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(input.data()),
                       input.size(), nullptr, 0);
    return "sbc_" + to_hex(out);
}

ChannelService::ChannelService(store::Store& store, AuthService& auth, ChatService& chats)
    : store_(store), auth_(auth), chats_(chats) {}

ChannelService::Integration ChannelService::authenticate(const std::string* authorization) {
    auto p = auth_.authenticate_header(authorization);
    if (!p) throw DomainError::unauthorized("a valid Authorization: Bearer token is required");
    if (p->kind != Principal::Kind::integration)
        throw DomainError::forbidden("the channel API takes an integration token");
    auto record = store_.read_value([&](store::ReadTx& tx) { return tx.token(p->token_hash); });
    Integration out;
    out.token_text = authorization->substr(std::string_view("Bearer ").size());  // as auth reads it
    out.label = record && !record->label.empty() ? record->label : "integration";
    try {
        check_label(out.label);
    } catch (const std::invalid_argument& e) {
        throw DomainError::forbidden(std::string("this integration token's ") + e.what());
    }
    return out;
}

std::mutex& ChannelService::lock_for(const std::string& link_hash) {
    const auto h = std::hash<std::string>{}(link_hash);
    return link_locks_[h % link_locks_.size()];
}

Delivered ChannelService::deliver(const std::string* authorization, const std::string& external_id,
                                  const protocol::ContactStartRequest& request) {
    const auto integration = authenticate(authorization);
    check_external_id(external_id);
    if (!request.client_id)
        throw DomainError::bad_request("client_id: required (the external message id)");

    const auto link_hash = auth::hash_token(link_token_text(integration.token_text, external_id));
    std::lock_guard lock(lock_for(link_hash));
    auto link = store_.read_value([&](store::ReadTx& tx) { return tx.token(link_hash); });
    if (link && link->chat_id && link->contact_id) {
        auto chat = store_.read_value([&](store::ReadTx& tx) { return tx.chat(*link->chat_id); });
        if (chat && !chat->chat.deleted) {
            protocol::SendMessageRequest send{request.body, *request.client_id,
                                              protocol::MessageKind::text};
            auto r = chats_.contact_send(*link->chat_id, *link->contact_id, send);
            return {r.message, r.created, false};
        }
        // The chat was deleted by staff: the contact's next message starts a new one.
        store_.write([&](store::WriteTx& tx) { tx.delete_token(link_hash); });
    }
    const std::string channel = to_channel({integration.label, external_id});
    auto started = chats_.contact_start(request, link_hash, channel);
    return {started.message, true, true};
}

}  // namespace sb::server::channel
