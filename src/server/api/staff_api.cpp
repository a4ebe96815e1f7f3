// REST: /auth/login, /auth/logout, /me, /staff, /queues, /stats.
#include "protocol/validate.h"
#include "server/api/api_context.h"

namespace sb::server::api {

void register_staff_api(Router& router, ApiContext& ctx) {
    const std::string base = "/api/v1";

    router.add("POST", base + "/auth/login",
               [&ctx, login = guarded([&ctx](const HttpRequest& req) {
                          auto body = body_as<protocol::LoginRequest>(req);
                          return json(ctx.auth.login(body, req.remote));
                      })](const HttpRequest& req) {
                   HttpResponse res = login(req);
                   // A refused attempt (delayed: 429, hashing queue full: 503) is answered
                   // only after the tarpit's hold, on the connection's timer, holding no worker.
                   if (res.status == 429 || res.status == 503) res.hold = ctx.auth.refusal_hold();
                   return res;
               });

    router.add("POST", base + "/auth/logout", guarded([&ctx](const HttpRequest& req) {
                   auto p = require(ctx, req, kStaff);
                   ctx.auth.logout(p);
                   ctx.store.broadcast_session_end(p.token_hash, "logged out");
                   return no_content();
               }));

    router.add("GET", base + "/me", guarded([&ctx](const HttpRequest& req) {
                   return json(require(ctx, req, kStaff).staff);
               }));

    router.add("PATCH", base + "/me", guarded([&ctx](const HttpRequest& req) {
                   auto p = require(ctx, req, kStaff);
                   auto patch = body_as<protocol::MePatch>(req);
                   return json(ctx.chats.update_me(p.staff, patch));
               }));

    router.add(
        "GET", base + "/staff", guarded([&ctx](const HttpRequest& req) {
            require(ctx, req, kStaff);
            const std::string* q = req.query_param("q");
            const std::string text = q ? *q : "";
            if (!protocol::valid_utf8(text) ||
                protocol::utf8_length(text) > protocol::kMaxNameChars)
                throw DomainError::bad_request("q must be valid UTF-8 of at most 200 characters");
            const int limit = static_cast<int>(query_int(req, "limit", 50, 1, 500));
            protocol::StaffList out;
            out.staff = ctx.store.read_value(
                [&](store::ReadTx& tx) { return tx.staff_search(text, limit); });
            return json(out);
        }));

    router.add("GET", base + "/queues", guarded([&ctx](const HttpRequest& req) {
                   require(ctx, req, kStaff);
                   protocol::QueueList out;
                   out.queues = ctx.store.read_value([](store::ReadTx& tx) { return tx.queues(); });
                   return json(out);
               }));

    router.add("GET", base + "/stats", guarded([&ctx](const HttpRequest& req) {
                   require(ctx, req, kSupervisor | kAdmin | kDisplay);
                   return json(ctx.stats.compute());
               }));
}

}  // namespace sb::server::api
