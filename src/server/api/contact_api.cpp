// REST for contacts (the web widget and integrations): start a chat, send, read the history,
// say "typing". A contact token opens exactly one chat.
#include "server/api/api_context.h"
#include "server/auth/tokens.h"
#include "server/domain/contact_view.h"

namespace sb::server::api {

namespace {

Principal require_contact(ApiContext& ctx, const HttpRequest& req, protocol::Id chat_id) {
    auto p = require(ctx, req, kContact);
    if (p.chat_id != chat_id) throw DomainError::forbidden("this token is for another chat");
    return p;
}

}  // namespace

void register_contact_api(Router& router, ApiContext& ctx) {
    const std::string base = "/api/v1/contact/chats";

    router.add("POST", base, guarded([&ctx](const HttpRequest& req) {
                   auto body = body_as<protocol::ContactStartRequest>(req);
                   const auto token = auth::make_token(store::TokenRecord::Kind::contact);
                   auto started = ctx.chats.contact_start(body, token.hash, "web", req.remote);
                   protocol::ContactStartResponse out;
                   out.chat_id = started.chat.chat.id;
                   out.contact_token = token.text;
                   out.chat = contact_view(started.chat.chat);
                   out.message = *contact_view(started.message);
                   return json(out, started.created ? 201 : 200);
               }));

    router.add("GET", base + "/{id}", guarded([&ctx](const HttpRequest& req) {
                   const auto id = path_id(req);
                   require_contact(ctx, req, id);
                   auto r = ctx.store.read_value([&](store::ReadTx& tx) { return tx.chat(id); });
                   if (!r) throw DomainError::not_found("there is no chat #" + std::to_string(id));
                   return json(contact_view(r->chat));
               }));

    router.add("POST", base + "/{id}/messages", guarded([&ctx](const HttpRequest& req) {
                   const auto id = path_id(req);
                   auto p = require_contact(ctx, req, id);
                   auto body = body_as<protocol::SendMessageRequest>(req);
                   if (body.kind != protocol::MessageKind::text)
                       throw DomainError::bad_request("kind: contacts send text only");
                   auto result = ctx.chats.contact_send(id, p.contact_id, body, p.token_hash);
                   return json(*contact_view(result.message), result.created ? 201 : 200);
               }));

    router.add(
        "GET", base + "/{id}/messages", guarded([&ctx](const HttpRequest& req) {
            const auto id = path_id(req);
            require_contact(ctx, req, id);
            store::MessageQuery q;
            q.chat_id = id;
            q.include_notes = false;
            if (req.query_param("before"))
                q.before = query_int(req, "before", 0, 1, std::numeric_limits<std::int64_t>::max());
            q.limit = static_cast<int>(query_int(req, "limit", 50, 1, 200));
            auto page = ctx.store.read_value([&](store::ReadTx& tx) { return tx.messages(q); });
            protocol::MessagePage out;
            out.next_before = page.next_before;
            for (const auto& m : page.messages)
                if (auto v = contact_view(m)) out.messages.push_back(std::move(*v));
            return json(out);
        }));

    router.add("POST", base + "/{id}/typing", guarded([&ctx](const HttpRequest& req) {
                   const auto id = path_id(req);
                   auto p = require_contact(ctx, req, id);
                   ctx.chats.contact_typing(id, p.contact_id, p.token_hash);
                   return no_content();
               }));
}

}  // namespace sb::server::api
