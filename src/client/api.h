// The REST calls of shared/API.md as typed functions over the platform's HttpClient. Answers
// are decoded with the protocol codec; every failure (network, HTTP error, undecodable body)
// arrives as an ApiError with a message for a person. The token is attached to every call.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "client/console_store.h"
#include "client/platform.h"
#include "protocol/model.h"

namespace sb::client {

struct ApiError {
    int status = 0;       // 0: the server was not reached
    std::string code;     // "conflict", "not_found", ... ("network" when status is 0)
    std::string message;  // for a person
    std::optional<protocol::StaffRef> assignee;  // who won a lost accept
    std::optional<std::string> field;            // the request field at fault (400, admin 409)
};

// GET /admin/audit's filters (empty: any) and page.
struct AuditQuery {
    std::optional<Id> staff_id;
    std::optional<Id> chat_id;
    std::string action;
    std::optional<std::string> cursor;
    int limit = 50;
};

template <class T>
using ApiResult = std::variant<T, ApiError>;

template <class T>
using ApiCallback = std::function<void(ApiResult<T>)>;

struct Ok {};  // a call whose answer body does not matter

class Api {
  public:
    explicit Api(HttpClient& http);
    void set_token(std::string token) { token_ = std::move(token); }
    const std::string& token() const { return token_; }

    void login(const std::string& login, const std::string& password,
               ApiCallback<protocol::LoginResponse> done);
    void logout(ApiCallback<Ok> done);
    void me(ApiCallback<protocol::Staff> done);
    void patch_me(const protocol::MePatch& patch, ApiCallback<protocol::Staff> done);
    void staff(const std::string& query, ApiCallback<protocol::StaffList> done);
    void queues(ApiCallback<protocol::QueueList> done);
    void chats(Tab tab, Scope scope, const std::optional<std::string>& cursor, int limit,
               ApiCallback<protocol::ChatPage> done);
    void search(const std::string& query, ApiCallback<protocol::ChatPage> done);
    void chat(Id id, ApiCallback<protocol::Chat> done);
    void messages(Id chat_id, std::optional<Id> before, int limit,
                  ApiCallback<protocol::MessagePage> done);
    void send(Id chat_id, const protocol::SendMessageRequest& request, ApiCallback<Ok> done);
    // accept, return, resolve, read, unread, restore: POST /chats/{id}/<action>, answering the
    // chat as it is now.
    void chat_action(Id chat_id, const std::string& action, ApiCallback<protocol::Chat> done);
    void typing(Id chat_id, ApiCallback<Ok> done);  // POST /chats/{id}/typing (204)
    void transfer(Id chat_id, const protocol::TransferRequest& request,
                  ApiCallback<protocol::Chat> done);
    void remove(Id chat_id, ApiCallback<protocol::Chat> done);  // DELETE /chats/{id}
    // GET /chats?view=deleted (supervisors): deleted chats, most recent activity first.
    void deleted_chats(int limit, ApiCallback<protocol::ChatPage> done);
    // GET /contacts/{id}/chats: the contact's chats I may see, newest first.
    void contact_chats(Id contact_id, int limit, ApiCallback<protocol::ChatPage> done);
    void stats(ApiCallback<protocol::Stats> done);  // GET /stats (supervisors, display tokens)
    // Canned replies (E12): GET, POST /canned; PATCH, DELETE /canned/{id}.
    void canned(ApiCallback<protocol::CannedReplyList> done);
    void create_canned(const protocol::CannedCreateRequest& request,
                       ApiCallback<protocol::CannedReply> done);
    void update_canned(Id id, const protocol::CannedPatchRequest& request,
                       ApiCallback<protocol::CannedReply> done);
    void delete_canned(Id id, ApiCallback<Ok> done);
    // Administration (docs/api.md, "Administration (REST)"): admins; supervisors read staff,
    // queues and the audit log.
    void admin_staff(ApiCallback<protocol::StaffList> done);
    void create_staff(const protocol::StaffCreateRequest& request,
                      ApiCallback<protocol::Staff> done);
    void patch_staff(Id id, const protocol::StaffPatchRequest& request,
                     ApiCallback<protocol::Staff> done);
    void admin_queues(ApiCallback<protocol::QueueInfoList> done);
    void create_queue(const protocol::QueueCreateRequest& request,
                      ApiCallback<protocol::QueueInfo> done);
    void patch_queue(Id id, const protocol::QueuePatchRequest& request,
                     ApiCallback<protocol::QueueInfo> done);
    // PUT (member) or DELETE (not) /admin/queues/{queue}/members/{staff}.
    void set_member(Id queue_id, Id staff_id, bool member, ApiCallback<Ok> done);
    void tokens(ApiCallback<protocol::TokenList> done);
    void create_token(const protocol::TokenCreateRequest& request,
                      ApiCallback<protocol::TokenCreated> done);
    void revoke_token(Id id, ApiCallback<Ok> done);
    // PUT /admin/tokens/{id}/webhook (answers the new signing secret) and DELETE.
    void set_webhook(Id token_id, const std::string& url,
                     ApiCallback<protocol::WebhookSecret> done);
    void remove_webhook(Id token_id, ApiCallback<Ok> done);
    void settings(ApiCallback<protocol::AdminSettings> done);
    void patch_settings(const protocol::SettingsPatch& patch,
                        ApiCallback<protocol::AdminSettings> done);
    void audit(const AuditQuery& query, ApiCallback<protocol::AuditPage> done);

  private:
    template <class T>
    void call(const std::string& method, const std::string& path, const std::string& body,
              ApiCallback<T> done);

    HttpClient& http_;
    std::string token_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

// Turns an HTTP answer into an ApiError (for non-2xx); exposed for tests.
ApiError api_error_from(const HttpResult& result);

}  // namespace sb::client
