// REST: /chats (lists, search, one chat, history) and the lifecycle calls on /chats/{id}/...,
// plus /contacts/{id}/chats for the contact panel.
#include <regex>

#include "protocol/validate.h"
#include "server/api/api_context.h"
#include "server/domain/permissions.h"

namespace sb::server::api {

namespace {

store::View parse_view(const std::string* v) {
    if (!v || *v == "pending") return store::View::pending;
    if (*v == "working") return store::View::working;
    if (*v == "resolved") return store::View::resolved;
    if (*v == "deleted") return store::View::deleted;
    throw DomainError::bad_request("view must be working, pending, resolved or deleted");
}

protocol::ChatPage page_for(const protocol::Staff& s, std::vector<store::ChatRecord> chats,
                            std::optional<std::string> next, protocol::Counts counts) {
    protocol::ChatPage page;
    for (const auto& r : chats) page.chats.push_back(for_viewer(r, s.id));
    page.next_cursor = std::move(next);
    page.counts = counts;
    return page;
}

HttpResponse list_chats(ApiContext& ctx, const HttpRequest& req) {
    auto p = require(ctx, req, kChatStaff);
    const auto view = parse_view(req.query_param("view"));
    const std::string* scope = req.query_param("scope");
    if (scope && *scope != "mine" && *scope != "all")
        throw DomainError::bad_request("scope must be mine or all");
    const bool all = scope && *scope == "all";
    const bool supervisor = p.staff.role == protocol::Role::supervisor;
    if ((all || view == store::View::deleted) && !supervisor)
        throw DomainError::forbidden("only supervisors see all staff's or deleted chats");
    store::ListQuery q;
    q.view = view;
    q.all_staff = all;
    q.audience = audience_of(p.staff);
    if (const std::string* c = req.query_param("cursor"); c && !c->empty()) q.cursor = *c;
    q.limit = static_cast<int>(query_int(req, "limit", 50, 1, 200));
    store::ChatList list;
    protocol::Counts counts;
    ctx.store.read([&](store::ReadTx& tx) {
        list = tx.list_chats(q);
        counts = tx.counts(q.audience, all);
    });
    return json(page_for(p.staff, std::move(list.chats), std::move(list.next_cursor), counts));
}

HttpResponse search_chats(ApiContext& ctx, const HttpRequest& req) {
    auto p = require(ctx, req, kChatStaff);
    const std::string* q = req.query_param("q");
    if (!q) throw DomainError::bad_request("q is required: a name, words of a message, or #N");
    if (auto bad = protocol::check_search_query(*q)) throw DomainError::bad_request(*bad);
    const int limit = static_cast<int>(query_int(req, "limit", 50, 1, 200));
    static const std::regex kHash(R"(^\s*#(\d+)\s*$)");
    std::smatch m;
    std::vector<store::ChatRecord> found;
    protocol::Counts counts;
    const auto audience = audience_of(p.staff);
    if (std::regex_match(*q, m, kHash)) {
        if (m[1].length() > 18) throw DomainError::not_found("there is no chat #" + m[1].str());
        found.push_back(ctx.chats.chat_for(p.staff, std::stoll(m[1].str())));  // 404 if none
        counts =
            ctx.store.read_value([&](store::ReadTx& tx) { return tx.counts(audience, false); });
    } else {
        ctx.store.read([&](store::ReadTx& tx) {
            found = tx.search(*q, audience, p.staff.role == protocol::Role::supervisor, limit);
            counts = tx.counts(audience, false);
        });
    }
    return json(page_for(p.staff, std::move(found), std::nullopt, counts));
}

HttpResponse chat_messages(ApiContext& ctx, const HttpRequest& req) {
    auto p = require(ctx, req, kChatStaff);
    const auto id = path_id(req);
    ctx.chats.chat_for(p.staff, id);  // 404 unless visible
    store::MessageQuery q;
    q.chat_id = id;
    if (req.query_param("before"))
        q.before = query_int(req, "before", 0, 1, std::numeric_limits<std::int64_t>::max());
    q.limit = static_cast<int>(query_int(req, "limit", 50, 1, 200));
    return json(ctx.store.read_value([&](store::ReadTx& tx) { return tx.messages(q); }));
}

using Action = store::ChatRecord (ChatService::*)(const protocol::Staff&, protocol::Id,
                                                  std::optional<std::int64_t>);

Handler lifecycle(ApiContext& ctx, Action action) {
    return guarded([&ctx, action](const HttpRequest& req) {
        auto p = require(ctx, req, kChatStaff);
        const auto id = path_id(req);
        const auto version = if_match(req);
        return json(for_viewer((ctx.chats.*action)(p.staff, id, version), p.staff.id));
    });
}

}  // namespace

void register_chat_api(Router& router, ApiContext& ctx) {
    const std::string chats = "/api/v1/chats";
    router.add("GET", chats,
               guarded([&ctx](const HttpRequest& req) { return list_chats(ctx, req); }));
    router.add("GET", chats + "/search",
               guarded([&ctx](const HttpRequest& req) { return search_chats(ctx, req); }));
    router.add("GET", chats + "/{id}", guarded([&ctx](const HttpRequest& req) {
                   auto p = require(ctx, req, kChatStaff);
                   return json(for_viewer(ctx.chats.chat_for(p.staff, path_id(req)), p.staff.id));
               }));
    router.add("GET", chats + "/{id}/messages",
               guarded([&ctx](const HttpRequest& req) { return chat_messages(ctx, req); }));
    router.add("POST", chats + "/{id}/messages", guarded([&ctx](const HttpRequest& req) {
                   auto p = require(ctx, req, kChatStaff);
                   const auto id = path_id(req);
                   auto body = body_as<protocol::SendMessageRequest>(req);
                   auto result = ctx.chats.send(p.staff, id, body);
                   return json(result.message, result.created ? 201 : 200);
               }));
    router.add("POST", chats + "/{id}/accept", lifecycle(ctx, &ChatService::accept));
    router.add("POST", chats + "/{id}/return", lifecycle(ctx, &ChatService::return_to_queue));
    router.add("POST", chats + "/{id}/resolve", lifecycle(ctx, &ChatService::resolve));
    router.add("DELETE", chats + "/{id}", lifecycle(ctx, &ChatService::remove));
    router.add("POST", chats + "/{id}/restore", lifecycle(ctx, &ChatService::restore));
    router.add(
        "POST", chats + "/{id}/transfer", guarded([&ctx](const HttpRequest& req) {
            auto p = require(ctx, req, kChatStaff);
            const auto id = path_id(req);
            const auto version = if_match(req);
            auto body = body_as<protocol::TransferRequest>(req);
            return json(for_viewer(ctx.chats.transfer(p.staff, id, body, version), p.staff.id));
        }));
    router.add("POST", chats + "/{id}/read", guarded([&ctx](const HttpRequest& req) {
                   auto p = require(ctx, req, kChatStaff);
                   return json(for_viewer(ctx.chats.mark_read(p.staff, path_id(req)), p.staff.id));
               }));
    router.add(
        "POST", chats + "/{id}/unread", guarded([&ctx](const HttpRequest& req) {
            auto p = require(ctx, req, kChatStaff);
            return json(for_viewer(ctx.chats.mark_unread(p.staff, path_id(req)), p.staff.id));
        }));
    router.add("POST", chats + "/{id}/typing", guarded([&ctx](const HttpRequest& req) {
                   auto p = require(ctx, req, kChatStaff);
                   ctx.chats.staff_typing(p.staff, path_id(req));
                   return no_content();
               }));
    router.add("GET", "/api/v1/contacts/{id}/chats", guarded([&ctx](const HttpRequest& req) {
                   auto p = require(ctx, req, kChatStaff);
                   const auto id = path_id(req);
                   const int limit = static_cast<int>(query_int(req, "limit", 20, 1, 100));
                   auto all = ctx.store.read_value(
                       [&](store::ReadTx& tx) { return tx.contact_chats(id, limit); });
                   std::vector<store::ChatRecord> visible;
                   for (auto& r : all)
                       if (may_see(p.staff, r.chat)) visible.push_back(std::move(r));
                   return json(page_for(p.staff, std::move(visible), std::nullopt, {}));
               }));
}

}  // namespace sb::server::api
