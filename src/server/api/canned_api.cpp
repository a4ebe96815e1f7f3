// REST: /canned (E12): list, create, edit and delete canned replies. Every staff role may call;
// what each may do with which reply is decided by CannedService (domain/canned_service.h).
#include "server/api/api_context.h"
#include "server/domain/canned_service.h"

namespace sb::server::api {

void register_canned_api(Router& router, ApiContext& ctx) {
    const std::string base = "/api/v1/canned";

    router.add("GET", base, guarded([&ctx](const HttpRequest& req) {
                   auto p = require(ctx, req, kStaff);
                   return json(ctx.canned.list(p.staff));
               }));

    router.add("POST", base, guarded([&ctx](const HttpRequest& req) {
                   auto p = require(ctx, req, kStaff);
                   auto body = body_as<protocol::CannedCreateRequest>(req);
                   return json(ctx.canned.create(p.staff, body), 201);
               }));

    router.add("PATCH", base + "/{id}", guarded([&ctx](const HttpRequest& req) {
                   auto p = require(ctx, req, kStaff);
                   const auto id = path_id(req);
                   auto body = body_as<protocol::CannedPatchRequest>(req);
                   return json(ctx.canned.update(p.staff, id, body));
               }));

    router.add("DELETE", base + "/{id}", guarded([&ctx](const HttpRequest& req) {
                   auto p = require(ctx, req, kStaff);
                   ctx.canned.remove(p.staff, path_id(req));
                   return no_content();
               }));
}

}  // namespace sb::server::api
