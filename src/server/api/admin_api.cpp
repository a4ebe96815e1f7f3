// REST: /admin/staff, /admin/queues (and their members), /admin/tokens, /admin/settings,
// /admin/audit (docs/api.md, "Administration"). Thin: who may call, the body, then
// domain/admin_service.h.
#include "server/api/api_context.h"

namespace sb::server::api {

namespace {

AdminActor actor_of(const Principal& p) {
    return {"staff", p.staff.id, p.token_hash};
}

std::optional<protocol::Id> query_id(const HttpRequest& req, const char* name) {
    if (!req.query_param(name)) return std::nullopt;
    return query_int(req, name, 0, 1, std::numeric_limits<std::int64_t>::max());
}

}  // namespace

void register_admin_api(Router& router, ApiContext& ctx) {
    const std::string base = "/api/v1/admin";
    AdminService& admin = ctx.admin;

    // ---- staff
    router.add("GET", base + "/staff", guarded([&](const HttpRequest& req) {
                   require(ctx, req, kAdmin | kSupervisor);
                   return json(protocol::StaffList{admin.list_staff()});
               }));
    router.add("POST", base + "/staff", guarded([&](const HttpRequest& req) {
                   auto p = require(ctx, req, kAdmin);
                   auto body = body_as<protocol::StaffCreateRequest>(req);
                   return json(admin.create_staff(actor_of(p), body), 201);
               }));
    router.add("PATCH", base + "/staff/{id}", guarded([&](const HttpRequest& req) {
                   auto p = require(ctx, req, kAdmin);
                   const auto id = path_id(req);
                   auto body = body_as<protocol::StaffPatchRequest>(req);
                   return json(admin.update_staff(actor_of(p), id, body));
               }));

    // ---- queues and membership
    router.add("GET", base + "/queues", guarded([&](const HttpRequest& req) {
                   require(ctx, req, kAdmin | kSupervisor);
                   return json(protocol::QueueInfoList{admin.list_queues()});
               }));
    router.add("POST", base + "/queues", guarded([&](const HttpRequest& req) {
                   auto p = require(ctx, req, kAdmin);
                   auto body = body_as<protocol::QueueCreateRequest>(req);
                   return json(admin.create_queue(actor_of(p), body.name), 201);
               }));
    router.add("PATCH", base + "/queues/{id}", guarded([&](const HttpRequest& req) {
                   auto p = require(ctx, req, kAdmin);
                   const auto id = path_id(req);
                   auto body = body_as<protocol::QueuePatchRequest>(req);
                   return json(admin.update_queue(actor_of(p), id, body));
               }));
    for (const char* method : {"PUT", "DELETE"}) {
        const bool member = std::string(method) == "PUT";
        router.add(method, base + "/queues/{id}/members/{staff_id}",
                   guarded([&, member](const HttpRequest& req) {
                       auto p = require(ctx, req, kAdmin);
                       admin.set_member(actor_of(p), path_id(req), path_id(req, "staff_id"),
                                        member);
                       return no_content();
                   }));
    }

    // ---- tokens
    router.add("GET", base + "/tokens", guarded([&](const HttpRequest& req) {
                   require(ctx, req, kAdmin);
                   return json(protocol::TokenList{admin.list_tokens()});
               }));
    router.add("POST", base + "/tokens", guarded([&](const HttpRequest& req) {
                   auto p = require(ctx, req, kAdmin);
                   auto body = body_as<protocol::TokenCreateRequest>(req);
                   return json(admin.create_token(actor_of(p), body), 201);
               }));
    router.add("DELETE", base + "/tokens/{id}", guarded([&](const HttpRequest& req) {
                   auto p = require(ctx, req, kAdmin);
                   admin.revoke_token(actor_of(p), path_id(req));
                   return no_content();
               }));

    // ---- settings and audit
    router.add("GET", base + "/settings", guarded([&](const HttpRequest& req) {
                   require(ctx, req, kAdmin);
                   return json(admin.settings());
               }));
    router.add("PATCH", base + "/settings", guarded([&](const HttpRequest& req) {
                   auto p = require(ctx, req, kAdmin);
                   auto body = body_as<protocol::SettingsPatch>(req);
                   return json(admin.update_settings(actor_of(p), body));
               }));
    router.add("GET", base + "/audit", guarded([&](const HttpRequest& req) {
                   require(ctx, req, kAdmin | kSupervisor);
                   std::optional<std::string> action, cursor;
                   if (const std::string* a = req.query_param("action")) {
                       if (a->empty() || a->size() > 64)
                           throw DomainError::bad_field("action",
                                                        "action must be 1 to 64 characters");
                       action = *a;
                   }
                   if (const std::string* c = req.query_param("cursor")) cursor = *c;
                   const int limit = static_cast<int>(query_int(req, "limit", 50, 1, 200));
                   return json(admin.audit(query_id(req, "staff_id"), query_id(req, "chat_id"),
                                           action, cursor, limit));
               }));
}

}  // namespace sb::server::api
