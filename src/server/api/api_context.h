// What the REST handlers share: the services they call, and the helpers every handler uses to
// authenticate, check roles, read bodies and path/query values, and answer. Every failure is a
// DomainError (or DecodeError) turned into the {"error": {...}} body of API.md by guarded().
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "protocol/json.h"
#include "server/auth/auth_service.h"
#include "server/domain/admin_service.h"
#include "server/domain/canned_service.h"
#include "server/domain/chat_service.h"
#include "server/events/event_hub.h"
#include "server/stats/stats_service.h"
#include "server/store/store.h"
#include "server/transport/http_types.h"

namespace sb::server::api {

struct ApiContext {
    store::Store& store;
    AuthService& auth;
    ChatService& chats;
    StatsService& stats;
    EventHub& hub;
    CannedService& canned;
    AdminService& admin;
};

// Who may call an endpoint (bit set).
enum Allow : unsigned {
    kAgent = 1,
    kSupervisor = 2,
    kAdmin = 4,
    kDisplay = 8,
    kContact = 16,
    kStaff = kAgent | kSupervisor | kAdmin,
    kChatStaff = kAgent | kSupervisor,
};

// 401 without a valid token, 403 when the token's role is not in `allow`.
Principal require(ApiContext& ctx, const HttpRequest& req, unsigned allow);

// Wraps a handler: errors become API.md error bodies, never a thrown exception.
Handler guarded(std::function<HttpResponse(const HttpRequest&)> fn);

// The JSON body as T: content type application/json, valid UTF-8, within the request limit,
// and strictly decoded (protocol/json.h). Throws DomainError 400/415.
void check_json_body(const HttpRequest& req);
template <class T>
T body_as(const HttpRequest& req) {
    check_json_body(req);
    try {
        return protocol::decode<T>(req.body);
    } catch (const protocol::DecodeError& e) {
        throw DomainError::bad_field(e.field(), e.what());
    }
}

protocol::Id path_id(const HttpRequest& req, const char* name = "id");
std::optional<std::int64_t> if_match(const HttpRequest& req);
// An integer query parameter within [min, max]; default when absent.
std::int64_t query_int(const HttpRequest& req, const char* name, std::int64_t def, std::int64_t min,
                       std::int64_t max);

template <class T>
HttpResponse json(const T& value, int status = 200) {
    HttpResponse r;
    r.status = status;
    r.body = protocol::encode(value);
    return r;
}
HttpResponse no_content();
HttpResponse error_response(const DomainError& e);

// A chat as `viewer` sees it (their unread state).
protocol::Chat for_viewer(const store::ChatRecord& r, protocol::Id viewer);

void register_staff_api(Router& router, ApiContext& ctx);    // auth, me, staff, queues, stats
void register_chat_api(Router& router, ApiContext& ctx);     // chats and their lifecycle
void register_contact_api(Router& router, ApiContext& ctx);  // the widget's side
void register_canned_api(Router& router, ApiContext& ctx);   // canned replies (E12)
void register_admin_api(Router& router, ApiContext& ctx);    // administration (/admin/...)

}  // namespace sb::server::api
