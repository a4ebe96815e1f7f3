// See api.h.
#include "client/api.h"

#include "protocol/json.h"
#include "protocol/url.h"

namespace sb::client {

ApiError api_error_from(const HttpResult& result) {
    ApiError e;
    e.status = result.status;
    if (result.status == 0) {
        e.code = "network";
        e.message = "The server cannot be reached.";
        return e;
    }
    try {
        protocol::Error decoded = protocol::decode<protocol::Error>(result.body);
        e.code = decoded.code;
        e.message = decoded.message;
        e.assignee = decoded.assignee;
        e.field = decoded.field;
    } catch (const std::exception&) {
        e.code = "http_" + std::to_string(result.status);
        e.message = "The server answered " + std::to_string(result.status) + ".";
    }
    return e;
}

Api::Api(HttpClient& http) : http_(http) {}

template <class T>
void Api::call(const std::string& method, const std::string& path, const std::string& body,
               ApiCallback<T> done) {
    std::weak_ptr<bool> alive = alive_;
    http_.request(
        method, "/api/v1" + path, body, token_, [alive, done = std::move(done)](HttpResult result) {
            if (alive.expired()) return;
            if (result.status < 200 || result.status >= 300) {
                done(api_error_from(result));
                return;
            }
            if constexpr (std::is_same_v<T, Ok>) {
                done(Ok{});
            } else {
                try {
                    done(protocol::decode<T>(result.body));
                } catch (const std::exception& ex) {
                    done(ApiError{result.status, "bad_answer",
                                  std::string("Unexpected answer: ") + ex.what(), std::nullopt});
                }
            }
        });
}

void Api::login(const std::string& login, const std::string& password,
                ApiCallback<protocol::LoginResponse> done) {
    protocol::LoginRequest req{login, password};
    call("POST", "/auth/login", protocol::encode(req), std::move(done));
}

void Api::logout(ApiCallback<Ok> done) {
    call("POST", "/auth/logout", "", std::move(done));
}

void Api::me(ApiCallback<protocol::Staff> done) {
    call("GET", "/me", "", std::move(done));
}

void Api::patch_me(const protocol::MePatch& patch, ApiCallback<protocol::Staff> done) {
    call("PATCH", "/me", protocol::encode(patch), std::move(done));
}

void Api::staff(const std::string& query, ApiCallback<protocol::StaffList> done) {
    call("GET", "/staff?q=" + protocol::url_encode(query), "", std::move(done));
}

void Api::queues(ApiCallback<protocol::QueueList> done) {
    call("GET", "/queues", "", std::move(done));
}

void Api::chats(Tab tab, Scope scope, const std::optional<std::string>& cursor, int limit,
                ApiCallback<protocol::ChatPage> done) {
    std::string path = std::string("/chats?view=") + to_string(tab) +
                       "&scope=" + (scope == Scope::all ? "all" : "mine") +
                       "&limit=" + std::to_string(limit);
    if (cursor) path += "&cursor=" + protocol::url_encode(*cursor);
    call("GET", path, "", std::move(done));
}

void Api::search(const std::string& query, ApiCallback<protocol::ChatPage> done) {
    call("GET", "/chats/search?q=" + protocol::url_encode(query), "", std::move(done));
}

void Api::chat(Id id, ApiCallback<protocol::Chat> done) {
    call("GET", "/chats/" + std::to_string(id), "", std::move(done));
}

void Api::messages(Id chat_id, std::optional<Id> before, int limit,
                   ApiCallback<protocol::MessagePage> done) {
    std::string path =
        "/chats/" + std::to_string(chat_id) + "/messages?limit=" + std::to_string(limit);
    if (before) path += "&before=" + std::to_string(*before);
    call("GET", path, "", std::move(done));
}

void Api::send(Id chat_id, const protocol::SendMessageRequest& request, ApiCallback<Ok> done) {
    call("POST", "/chats/" + std::to_string(chat_id) + "/messages", protocol::encode(request),
         std::move(done));
}

void Api::chat_action(Id chat_id, const std::string& action, ApiCallback<protocol::Chat> done) {
    call("POST", "/chats/" + std::to_string(chat_id) + "/" + action, "", std::move(done));
}

void Api::typing(Id chat_id, ApiCallback<Ok> done) {
    call("POST", "/chats/" + std::to_string(chat_id) + "/typing", "", std::move(done));
}

void Api::deleted_chats(int limit, ApiCallback<protocol::ChatPage> done) {
    call("GET", "/chats?view=deleted&scope=all&limit=" + std::to_string(limit), "",
         std::move(done));
}

void Api::contact_chats(Id contact_id, int limit, ApiCallback<protocol::ChatPage> done) {
    call("GET", "/contacts/" + std::to_string(contact_id) + "/chats?limit=" + std::to_string(limit),
         "", std::move(done));
}

void Api::transfer(Id chat_id, const protocol::TransferRequest& request,
                   ApiCallback<protocol::Chat> done) {
    call("POST", "/chats/" + std::to_string(chat_id) + "/transfer", protocol::encode(request),
         std::move(done));
}

void Api::remove(Id chat_id, ApiCallback<protocol::Chat> done) {
    call("DELETE", "/chats/" + std::to_string(chat_id), "", std::move(done));
}

void Api::stats(ApiCallback<protocol::Stats> done) {
    call("GET", "/stats", "", std::move(done));
}

void Api::canned(ApiCallback<protocol::CannedReplyList> done) {
    call("GET", "/canned", "", std::move(done));
}

void Api::create_canned(const protocol::CannedCreateRequest& request,
                        ApiCallback<protocol::CannedReply> done) {
    call("POST", "/canned", protocol::encode(request), std::move(done));
}

void Api::update_canned(Id id, const protocol::CannedPatchRequest& request,
                        ApiCallback<protocol::CannedReply> done) {
    call("PATCH", "/canned/" + std::to_string(id), protocol::encode(request), std::move(done));
}

void Api::delete_canned(Id id, ApiCallback<Ok> done) {
    call("DELETE", "/canned/" + std::to_string(id), "", std::move(done));
}

// ---- administration ------------------------------------------------------------------------

void Api::admin_staff(ApiCallback<protocol::StaffList> done) {
    call("GET", "/admin/staff", "", std::move(done));
}

void Api::create_staff(const protocol::StaffCreateRequest& request,
                       ApiCallback<protocol::Staff> done) {
    call("POST", "/admin/staff", protocol::encode(request), std::move(done));
}

void Api::patch_staff(Id id, const protocol::StaffPatchRequest& request,
                      ApiCallback<protocol::Staff> done) {
    call("PATCH", "/admin/staff/" + std::to_string(id), protocol::encode(request), std::move(done));
}

void Api::admin_queues(ApiCallback<protocol::QueueInfoList> done) {
    call("GET", "/admin/queues", "", std::move(done));
}

void Api::create_queue(const protocol::QueueCreateRequest& request,
                       ApiCallback<protocol::QueueInfo> done) {
    call("POST", "/admin/queues", protocol::encode(request), std::move(done));
}

void Api::patch_queue(Id id, const protocol::QueuePatchRequest& request,
                      ApiCallback<protocol::QueueInfo> done) {
    call("PATCH", "/admin/queues/" + std::to_string(id), protocol::encode(request),
         std::move(done));
}

void Api::set_member(Id queue_id, Id staff_id, bool member, ApiCallback<Ok> done) {
    call(member ? "PUT" : "DELETE",
         "/admin/queues/" + std::to_string(queue_id) + "/members/" + std::to_string(staff_id), "",
         std::move(done));
}

void Api::tokens(ApiCallback<protocol::TokenList> done) {
    call("GET", "/admin/tokens", "", std::move(done));
}

void Api::create_token(const protocol::TokenCreateRequest& request,
                       ApiCallback<protocol::TokenCreated> done) {
    call("POST", "/admin/tokens", protocol::encode(request), std::move(done));
}

void Api::revoke_token(Id id, ApiCallback<Ok> done) {
    call("DELETE", "/admin/tokens/" + std::to_string(id), "", std::move(done));
}

void Api::set_webhook(Id token_id, const std::string& url,
                      ApiCallback<protocol::WebhookSecret> done) {
    call("PUT", "/admin/tokens/" + std::to_string(token_id) + "/webhook",
         protocol::encode(protocol::WebhookSetRequest{url}), std::move(done));
}

void Api::remove_webhook(Id token_id, ApiCallback<Ok> done) {
    call("DELETE", "/admin/tokens/" + std::to_string(token_id) + "/webhook", "", std::move(done));
}

void Api::settings(ApiCallback<protocol::AdminSettings> done) {
    call("GET", "/admin/settings", "", std::move(done));
}

void Api::patch_settings(const protocol::SettingsPatch& patch,
                         ApiCallback<protocol::AdminSettings> done) {
    call("PATCH", "/admin/settings", protocol::encode(patch), std::move(done));
}

void Api::audit(const AuditQuery& query, ApiCallback<protocol::AuditPage> done) {
    std::string path = "/admin/audit?limit=" + std::to_string(query.limit);
    if (query.staff_id) path += "&staff_id=" + std::to_string(*query.staff_id);
    if (query.chat_id) path += "&chat_id=" + std::to_string(*query.chat_id);
    if (!query.action.empty()) path += "&action=" + protocol::url_encode(query.action);
    if (query.cursor) path += "&cursor=" + protocol::url_encode(*query.cursor);
    call("GET", path, "", std::move(done));
}

}  // namespace sb::client
