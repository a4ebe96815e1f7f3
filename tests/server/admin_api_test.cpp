// Administration over REST (docs/api.md, "Administration"): the permission matrix, every bad
// input (a 400 naming its field, 404, 409, and nothing changed), the last-admin rule, and the
// live effects on other sockets: deactivation and a new password end sessions and close their
// sockets, membership reaches an open socket at once, a revoked or expired display token closes
// the kiosk's socket. A real server on loopback; runs on SQLite and PostgreSQL
// (server_pg.admin_api_test).
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "live_server.h"
#include "protocol/json.h"
#include "protocol/time.h"
#include "temp_db.h"

using namespace sb;
using namespace sb::protocol;
using namespace sb::test;

namespace {

Time now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

class AdminApiTest : public ::testing::Test {
  protected:
    void SetUp() override {
        seeded_ = seed(db_.database());
        server_ = std::make_unique<LiveServer>(db_.database());
        port_ = server_->port();
        admin_ = seeded_.sessions["admin"];
    }
    Reply call(const std::string& method, const std::string& path, const std::string& body,
               const std::string& token) {
        Request r;
        r.method = method;
        r.target = "/api/v1" + path;
        r.body = body;
        r.token = token;
        return http(port_, r);
    }
    Reply admin(const std::string& method, const std::string& path, const std::string& body = "") {
        return call(method, path, body, admin_);
    }
    static std::string field_of(const Reply& r) { return decode<Error>(r.body).field.value_or(""); }
    std::vector<Staff> staff() {
        auto r = admin("GET", "/admin/staff");
        EXPECT_EQ(r.status, 200) << r.body;
        return decode<StaffList>(r.body).staff;
    }
    std::vector<QueueInfo> queues() {
        auto r = admin("GET", "/admin/queues");
        EXPECT_EQ(r.status, 200) << r.body;
        return decode<QueueInfoList>(r.body).queues;
    }
    // A pending chat in Support, accepted by `login` when given.
    Id chat(const std::string& accept_by = "") {
        ContactStartRequest s;
        s.name = "Jan";
        s.body = "my parcel";
        s.queue_id = seeded_.support;
        auto r = post(port_, "/api/v1/contact/chats", encode(s));
        EXPECT_EQ(r.status, 201) << r.body;
        const Id id = decode<ContactStartResponse>(r.body).chat_id;
        if (!accept_by.empty()) {
            auto a = post(port_, "/api/v1/chats/" + std::to_string(id) + "/accept", "",
                          seeded_.sessions[accept_by]);
            EXPECT_EQ(a.status, 200) << a.body;
        }
        return id;
    }
    Chat chat_as(const std::string& login, Id id) {
        auto r = get(port_, "/api/v1/chats/" + std::to_string(id), seeded_.sessions[login]);
        EXPECT_EQ(r.status, 200) << r.body;
        return decode<Chat>(r.body);
    }
    // The newest message of a chat, as `login` reads it (a default one when there is none).
    Message last_message_as(const std::string& login, Id id) {
        auto r = get(port_, "/api/v1/chats/" + std::to_string(id) + "/messages",
                     seeded_.sessions[login]);
        EXPECT_EQ(r.status, 200) << r.body;
        const auto page = decode<MessagePage>(r.body);
        EXPECT_FALSE(page.messages.empty());
        return page.messages.empty() ? Message{} : page.messages.back();
    }
    std::unique_ptr<WsClient> socket(const std::string& token) {
        auto ws = std::make_unique<WsClient>(port_, "/api/v1/events");
        ws->hello(token, 0);
        return ws;
    }

    TempDb db_;
    Seeded seeded_;
    std::unique_ptr<LiveServer> server_;
    std::uint16_t port_ = 0;
    std::string admin_;
};

TEST_F(AdminApiTest, EachRoleMayCallOnlyWhatTheContractAllows) {
    struct Call {
        std::string method, path, body;
        bool supervisor;  // supervisors may read staff, queues and the audit log
    };
    const std::string q = std::to_string(seeded_.support);
    const std::string alice = std::to_string(seeded_.staff["alice"]);
    const std::vector<Call> calls = {
        {"GET", "/admin/staff", "", true},
        {"POST", "/admin/staff", R"({"login":"x1","name":"X","password":"longenough"})", false},
        {"PATCH", "/admin/staff/" + alice, R"({"name":"Alice A."})", false},
        {"GET", "/admin/queues", "", true},
        {"POST", "/admin/queues", R"({"name":"Q1"})", false},
        {"PATCH", "/admin/queues/" + q, R"({"name":"Support"})", false},
        {"PUT", "/admin/queues/" + q + "/members/" + alice, "", false},
        {"DELETE", "/admin/queues/" + std::to_string(seeded_.sales) + "/members/" + alice, "",
         false},
        {"GET", "/admin/tokens", "", false},
        {"POST", "/admin/tokens", R"({"kind":"display","label":"Wall"})", false},
        {"GET", "/admin/settings", "", false},
        {"PATCH", "/admin/settings", R"({"time_zone":"UTC"})", false},
        {"GET", "/admin/audit", "", true},
    };
    for (const auto& c : calls) {
        SCOPED_TRACE(c.method + " " + c.path);
        EXPECT_EQ(call(c.method, c.path, c.body, "").status, 401);
        EXPECT_EQ(call(c.method, c.path, c.body, seeded_.display_token).status, 403);
        EXPECT_EQ(call(c.method, c.path, c.body, seeded_.sessions["alice"]).status, 403);
        const int sup = call(c.method, c.path, c.body, seeded_.sessions["sam"]).status;
        if (c.supervisor)
            EXPECT_EQ(sup, 200);
        else
            EXPECT_EQ(sup, 403);
        const int adm = call(c.method, c.path, c.body, admin_).status;
        EXPECT_TRUE(adm == 200 || adm == 201 || adm == 204) << adm;
    }
    // DELETE /admin/tokens/{id} last, on a token the matrix made.
    Id id = 0;
    for (const auto& t : decode<TokenList>(admin("GET", "/admin/tokens").body).tokens)
        if (t.label == "Wall") id = t.id;
    ASSERT_GT(id, 0);
    const std::string path = "/admin/tokens/" + std::to_string(id);
    EXPECT_EQ(call("DELETE", path, "", seeded_.sessions["sam"]).status, 403);
    EXPECT_EQ(call("DELETE", path, "", seeded_.display_token).status, 403);
    EXPECT_EQ(admin("DELETE", path).status, 204);
    EXPECT_EQ(admin("DELETE", path).status, 404);
}

TEST_F(AdminApiTest, BadStaffInputNamesItsFieldAndChangesNothing) {
    const auto before = staff();
    const std::string support = std::to_string(seeded_.support);
    struct Bad {
        std::string body, field;
    };
    const std::vector<Bad> bad = {
        {R"({"login":"alice","name":"Other","password":"longenough"})", "login"},
        {R"({"login":"new1","name":"  ","password":"longenough"})", "name"},
        {R"({"login":"new1","name":"New","role":"boss","password":"longenough"})", "role"},
        {R"({"login":"new1","name":"New","queues":[9999],"password":"longenough"})", "queues"},
        {R"({"login":"new1","name":"New","password":"short"})", "password"},
        {R"({"login":"new 1","name":"New","password":"longenough"})", "login"},
        {R"({"login":"new1","name":"New","role":"admin","queues":[)" + support +
             R"(],"password":"longenough"})",
         "queues"},
        {R"({"name":"New","password":"longenough"})", "login"},
    };
    for (const auto& b : bad) {
        SCOPED_TRACE(b.body);
        auto r = admin("POST", "/admin/staff", b.body);
        EXPECT_EQ(r.status, 400) << r.body;
        EXPECT_EQ(r.error_code(), "bad_request");
        EXPECT_EQ(field_of(r), b.field) << r.body;
    }
    const std::string alice = "/admin/staff/" + std::to_string(seeded_.staff["alice"]);
    for (const auto& [body, field] :
         std::vector<std::pair<std::string, std::string>>{{R"({"login":"alice2"})", "login"},
                                                          {R"({"role":"chief"})", "role"},
                                                          {R"({"password":"1234567"})", "password"},
                                                          {R"({"name":""})", "name"},
                                                          {R"({})", ""}}) {
        SCOPED_TRACE(body);
        auto r = admin("PATCH", alice, body);
        EXPECT_EQ(r.status, 400) << r.body;
        EXPECT_EQ(field_of(r), field) << r.body;
    }
    EXPECT_EQ(admin("PATCH", "/admin/staff/9999", R"({"name":"Nobody"})").status, 404);
    EXPECT_EQ(staff(), before);

    // And a good one: created with its queue, and it can log in.
    auto r = admin("POST", "/admin/staff",
                   R"({"login":"dana","name":"Dana","queues":[)" + support +
                       R"(],"password":"correct horse"})");
    ASSERT_EQ(r.status, 201) << r.body;
    const auto dana = decode<Staff>(r.body);
    EXPECT_EQ(dana.queues, std::vector<Id>{seeded_.support});
    EXPECT_TRUE(dana.active);
    EXPECT_EQ(
        post(port_, "/api/v1/auth/login", R"({"login":"dana","password":"correct horse"})").status,
        200);
}

TEST_F(AdminApiTest, TheLastActiveAdminCannotBeDemotedOrDeactivated) {
    const std::string me = "/admin/staff/" + std::to_string(seeded_.staff["admin"]);
    auto r = admin("PATCH", me, R"({"role":"supervisor"})");
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(field_of(r), "role");
    r = admin("PATCH", me, R"({"active":false})");
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(field_of(r), "active");
    // With a second admin it is allowed.
    ASSERT_EQ(admin("PATCH", "/admin/staff/" + std::to_string(seeded_.staff["sam"]),
                    R"({"role":"admin"})")
                  .status,
              200);
    r = admin("PATCH", me, R"({"role":"supervisor"})");
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(decode<Staff>(r.body).role, Role::supervisor);
    // Promoted to admin, Sam left the queues (admins take no chats).
    for (const auto& s : staff())
        if (s.login == "sam") {
            EXPECT_TRUE(s.queues.empty());
        }
}

TEST_F(AdminApiTest, DeactivationEndsSessionsClosesSocketsAndReturnsWorkingChats) {
    const Id working = chat("alice");
    auto alice_ws = socket(seeded_.sessions["alice"]);
    auto bob_ws = socket(seeded_.sessions["bob"]);
    const std::string alice = "/admin/staff/" + std::to_string(seeded_.staff["alice"]);

    auto r = admin("PATCH", alice, R"({"active":false})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_FALSE(decode<Staff>(r.body).active);
    EXPECT_EQ(decode<Staff>(r.body).presence, Presence::offline);
    EXPECT_EQ(alice_ws->wait_closed(), std::optional<std::string>("deactivated"));
    EXPECT_EQ(get(port_, "/api/v1/me", seeded_.sessions["alice"]).status, 401);

    // Her chat is pending again, for the others of the queue, with a system line.
    const Chat c = chat_as("bob", working);
    EXPECT_EQ(c.status, ChatStatus::pending);
    EXPECT_FALSE(c.assignee);
    const Message line = last_message_as("bob", working);
    EXPECT_EQ(line.kind, MessageKind::system);
    EXPECT_EQ(line.body, "Alice was deactivated; the chat is back in the queue");
    std::vector<Event> seen;
    auto updated = wait_for_event(*bob_ws, EventType::staff_updated, &seen);
    ASSERT_TRUE(updated);
    EXPECT_FALSE(updated->staff->active);

    // She cannot log in with the right password, is not offered for transfers, and a wrong
    // password still says only "wrong".
    auto login = post(port_, "/api/v1/auth/login", R"({"login":"alice","password":"pw"})");
    EXPECT_EQ(login.status, 403) << login.body;
    EXPECT_EQ(post(port_, "/api/v1/auth/login", R"({"login":"alice","password":"nope"})").status,
              401);
    auto list = decode<StaffList>(get(port_, "/api/v1/staff?q=ali", seeded_.sessions["bob"]).body);
    EXPECT_TRUE(list.staff.empty());

    // Reactivated, she logs in again.
    ASSERT_EQ(admin("PATCH", alice, R"({"active":true})").status, 200);
    EXPECT_EQ(post(port_, "/api/v1/auth/login", R"({"login":"alice","password":"pw"})").status,
              200);
}

TEST_F(AdminApiTest, PromotingAMemberWithWorkingChatsToAdminReturnsThemToPending) {
    const Id working = chat("alice");
    const Id other = chat("bob");
    auto bob_ws = socket(seeded_.sessions["bob"]);
    const std::string alice = "/admin/staff/" + std::to_string(seeded_.staff["alice"]);

    auto r = admin("PATCH", alice, R"({"role":"admin"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(decode<Staff>(r.body).role, Role::admin);
    EXPECT_TRUE(decode<Staff>(r.body).queues.empty());

    // Her chat waits in Support again, with a system line the queue's members hear live; Bob's
    // own chat is untouched.
    const Chat c = chat_as("bob", working);
    EXPECT_EQ(c.status, ChatStatus::pending);
    EXPECT_FALSE(c.assignee);
    const Message line = last_message_as("bob", working);
    EXPECT_EQ(line.kind, MessageKind::system);
    EXPECT_EQ(line.body, "Alice became an admin; the chat is back in the queue");
    // (On a cluster, Bob's instance may still replay the earlier accepts: skip to this chat's.)
    std::optional<Event> back;
    for (int i = 0; i < 10 && !(back && back->chat && back->chat->id == working); ++i)
        back = wait_for_event(*bob_ws, EventType::chat_updated);
    ASSERT_TRUE(back && back->chat && back->chat->id == working);
    EXPECT_EQ(back->chat->status, ChatStatus::pending);
    EXPECT_EQ(chat_as("bob", other).status, ChatStatus::working);

    // The audit row says what happened to the chats.
    auto audit = decode<AuditPage>(admin("GET", "/admin/audit?action=set-role").body);
    ASSERT_FALSE(audit.items.empty());
    EXPECT_EQ(audit.items.front().detail, "alice: admin, 1 working chats returned to Pending");
}

TEST_F(AdminApiTest, ANewPasswordEndsThatPersonsSessionsButTheCallersOwn) {
    auto bob_ws = socket(seeded_.sessions["bob"]);
    auto r = admin("PATCH", "/admin/staff/" + std::to_string(seeded_.staff["bob"]),
                   R"({"password":"a new one!"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(bob_ws->wait_closed(), std::optional<std::string>("password changed"));
    EXPECT_EQ(get(port_, "/api/v1/me", seeded_.sessions["bob"]).status, 401);
    EXPECT_EQ(post(port_, "/api/v1/auth/login", R"({"login":"bob","password":"pw"})").status, 401);
    EXPECT_EQ(
        post(port_, "/api/v1/auth/login", R"({"login":"bob","password":"a new one!"})").status,
        200);

    // The admin changing their own password keeps the session they did it from.
    auto own_ws = socket(admin_);
    r = admin("PATCH", "/admin/staff/" + std::to_string(seeded_.staff["admin"]),
              R"({"password":"admin pass 2"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(get(port_, "/api/v1/me", admin_).status, 200);
    EXPECT_EQ(own_ws->wait_closed(std::chrono::milliseconds(1500)), std::nullopt);
}

TEST_F(AdminApiTest, MembershipReachesAnOpenSocketAtOnce) {
    // Carol (Sales) has a socket open; a Support chat is not hers to see.
    auto carol_ws = socket(seeded_.sessions["carol"]);
    const std::string member = "/admin/queues/" + std::to_string(seeded_.support) + "/members/" +
                               std::to_string(seeded_.staff["carol"]);
    ASSERT_EQ(admin("PUT", member).status, 204);
    ASSERT_EQ(admin("PUT", member).status, 204);  // already: still fine
    auto updated = wait_for_event(*carol_ws, EventType::staff_updated);
    ASSERT_TRUE(updated);
    EXPECT_EQ(updated->staff->queues, (std::vector<Id>{seeded_.support, seeded_.sales}));
    const Id id = chat();
    auto created = wait_for_event(*carol_ws, EventType::chat_created);
    ASSERT_TRUE(created) << "an agent added to a queue gets its chats on the open socket";
    EXPECT_EQ(created->chat->id, id);

    ASSERT_EQ(admin("DELETE", member).status, 204);
    ASSERT_TRUE(wait_for_event(*carol_ws, EventType::staff_updated));
    chat();
    EXPECT_FALSE(wait_for_event(*carol_ws, EventType::chat_created, nullptr,
                                std::chrono::milliseconds(800)));

    // Admins take no chats; unknown ids are 404.
    EXPECT_EQ(admin("PUT", "/admin/queues/" + std::to_string(seeded_.support) + "/members/" +
                               std::to_string(seeded_.staff["admin"]))
                  .status,
              400);
    EXPECT_EQ(
        admin("PUT", "/admin/queues/9999/members/" + std::to_string(seeded_.staff["carol"])).status,
        404);
    EXPECT_EQ(
        admin("PUT", "/admin/queues/" + std::to_string(seeded_.support) + "/members/9999").status,
        404);
}

TEST_F(AdminApiTest, QueuesAreRenamedLiveAndAnArchivedQueueTakesNoChats) {
    auto sam_ws = socket(seeded_.sessions["sam"]);
    const std::string sales = "/admin/queues/" + std::to_string(seeded_.sales);
    auto r = admin("POST", "/admin/queues", R"({"name":"support"})");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(field_of(r), "name");
    r = admin("PATCH", sales, R"({"name":"Support"})");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(field_of(r), "name");

    r = admin("PATCH", sales, R"({"name":"Sales EU"})");
    ASSERT_EQ(r.status, 200) << r.body;
    auto renamed = wait_for_event(*sam_ws, EventType::queue_updated);
    ASSERT_TRUE(renamed);
    EXPECT_EQ(renamed->queue_info->name, "Sales EU");

    // A queue with a pending chat cannot be archived; the message says how many wait.
    chat();
    r = admin("PATCH", "/admin/queues/" + std::to_string(seeded_.support), R"({"archived":true})");
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_NE(decode<Error>(r.body).message.find("1 chat waits in Support"), std::string::npos)
        << r.body;

    r = admin("PATCH", sales, R"({"archived":true})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(decode<QueueInfo>(r.body).archived);
    auto open = decode<QueueList>(get(port_, "/api/v1/queues", seeded_.sessions["alice"]).body);
    ASSERT_EQ(open.queues.size(), 1u);
    EXPECT_EQ(open.queues[0].id, seeded_.support);
    ContactStartRequest s;
    s.name = "Eva";
    s.body = "hello";
    s.queue_id = seeded_.sales;
    auto start = post(port_, "/api/v1/contact/chats", encode(s));
    EXPECT_EQ(start.status, 400) << start.body;
    EXPECT_EQ(field_of(start), "queue_id");
    const Id mine = chat("alice");
    auto transfer =
        post(port_, "/api/v1/chats/" + std::to_string(mine) + "/transfer",
             R"({"queue_id":)" + std::to_string(seeded_.sales) + "}", seeded_.sessions["alice"]);
    EXPECT_EQ(transfer.status, 400) << transfer.body;

    ASSERT_EQ(admin("PATCH", sales, R"({"archived":false})").status, 200);
    EXPECT_EQ(post(port_, "/api/v1/contact/chats", encode(s)).status, 201);
    for (const auto& q : queues())
        if (q.id == seeded_.sales) {
            EXPECT_EQ(q.pending, 1);
        }
}

TEST_F(AdminApiTest, TokensAreMadeListedAndRevokedAndTheKioskSocketCloses) {
    auto r = admin("POST", "/admin/tokens", R"({"kind":"display","label":"Lobby"})");
    ASSERT_EQ(r.status, 201) << r.body;
    const auto made = decode<TokenCreated>(r.body);
    EXPECT_EQ(made.token.rfind("sbd_", 0), 0u);
    EXPECT_EQ(get(port_, "/api/v1/stats", made.token).status, 200);
    auto kiosk = socket(made.token);

    auto list = decode<TokenList>(admin("GET", "/admin/tokens").body).tokens;
    ASSERT_FALSE(list.empty());
    EXPECT_EQ(list.front().id, made.info.id);  // newest first
    EXPECT_EQ(list.front().label, "Lobby");
    EXPECT_TRUE(list.front().last_used_at);  // used just now
    EXPECT_EQ(r.body.find(made.token), r.body.find(made.token));
    EXPECT_EQ(admin("GET", "/admin/tokens").body.find(made.token), std::string::npos);

    ASSERT_EQ(admin("DELETE", "/admin/tokens/" + std::to_string(made.info.id)).status, 204);
    EXPECT_EQ(kiosk->wait_closed(), std::optional<std::string>("revoked"));
    EXPECT_EQ(get(port_, "/api/v1/stats", made.token).status, 401);
    // The seeded display token was not touched.
    EXPECT_EQ(get(port_, "/api/v1/stats", seeded_.display_token).status, 200);

    // Bad input.
    for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
             {R"({"kind":"staff"})", "kind"},
             {R"({"kind":"display","expires_at":"2020-01-01T00:00:00Z"})", "expires_at"},
             {R"({"kind":"integration","label":""})", "label"},
             {R"({"kind":"integration","label":"a:b"})", "label"}}) {
        SCOPED_TRACE(body);
        auto bad = admin("POST", "/admin/tokens", body);
        EXPECT_EQ(bad.status, 400) << bad.body;
        EXPECT_EQ(field_of(bad), field) << bad.body;
    }
    // Integration labels are unique (they name the contacts' channel and the webhook).
    EXPECT_EQ(admin("POST", "/admin/tokens", R"({"kind":"integration","label":"shop"})").status,
              201);
    EXPECT_EQ(admin("POST", "/admin/tokens", R"({"kind":"integration","label":"shop"})").status,
              400);
}

TEST_F(AdminApiTest, AnIntegrationsWebhookIsSetShownAndRemovedWithItsToken) {
    auto r = admin("POST", "/admin/tokens", R"({"kind":"integration","label":"sms"})");
    ASSERT_EQ(r.status, 201) << r.body;
    const Id sms = decode<TokenCreated>(r.body).info.id;
    const std::string hook = "/admin/tokens/" + std::to_string(sms) + "/webhook";
    auto bad = admin("PUT", hook, R"({"url":"ftp://example.org/x"})");
    EXPECT_EQ(bad.status, 400) << bad.body;
    EXPECT_EQ(field_of(bad), "url");
    Id display = 0;
    for (const auto& t : decode<TokenList>(admin("GET", "/admin/tokens").body).tokens)
        if (t.kind == TokenKind::display) display = t.id;
    EXPECT_EQ(admin("PUT", "/admin/tokens/" + std::to_string(display) + "/webhook",
                    R"({"url":"http://127.0.0.1:9/in"})")
                  .status,
              404);
    EXPECT_EQ(
        call("PUT", hook, R"({"url":"http://127.0.0.1:9/in"})", seeded_.sessions["sam"]).status,
        403);

    r = admin("PUT", hook, R"({"url":"http://127.0.0.1:9/in"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(decode<WebhookSecret>(r.body).secret.rfind("whsec_", 0), 0u);
    auto webhook_of = [&]() -> std::optional<WebhookInfo> {
        for (const auto& t : decode<TokenList>(admin("GET", "/admin/tokens").body).tokens)
            if (t.id == sms) return t.webhook;
        return std::nullopt;
    };
    ASSERT_TRUE(webhook_of());
    EXPECT_EQ(webhook_of()->url, "http://127.0.0.1:9/in");
    EXPECT_FALSE(webhook_of()->last_status);  // nothing delivered yet
    EXPECT_EQ(admin("DELETE", hook).status, 204);
    EXPECT_FALSE(webhook_of());

    // Revoking the token removes its webhook too: a new token of that label starts without one.
    ASSERT_EQ(admin("PUT", hook, R"({"url":"http://127.0.0.1:9/in"})").status, 200);
    ASSERT_EQ(admin("DELETE", "/admin/tokens/" + std::to_string(sms)).status, 204);
    r = admin("POST", "/admin/tokens", R"({"kind":"integration","label":"sms"})");
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_FALSE(decode<TokenCreated>(r.body).info.webhook);
}

TEST_F(AdminApiTest, AnExpiringDisplayTokenClosesItsSocketWhenItExpires) {
    TokenCreateRequest req;
    req.kind = TokenKind::display;
    req.label = "Short";
    req.expires_at = now_ms() + 1500;
    auto r = admin("POST", "/admin/tokens", encode(req));
    ASSERT_EQ(r.status, 201) << r.body;
    const auto made = decode<TokenCreated>(r.body);
    EXPECT_EQ(made.info.expires_at, req.expires_at);
    auto kiosk = socket(made.token);
    EXPECT_EQ(kiosk->wait_closed(std::chrono::seconds(5)), std::optional<std::string>("expired"));
    EXPECT_EQ(get(port_, "/api/v1/stats", made.token).status, 401);
}

TEST_F(AdminApiTest, SettingsAreCheckedAndTheDashboardFollowsThem) {
    auto r = admin("GET", "/admin/settings");
    ASSERT_EQ(r.status, 200);
    auto s = decode<AdminSettings>(r.body);
    EXPECT_EQ(s.time_zone, "UTC");
    SettingsPatch p;
    p.thresholds = s.thresholds;
    p.thresholds->pending_amber = 20;  // above red (10)
    r = admin("PATCH", "/admin/settings", encode(p));
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(field_of(r), "thresholds.pending_amber");
    p.thresholds->pending_amber = -1;
    EXPECT_EQ(admin("PATCH", "/admin/settings", encode(p)).status, 400);
    EXPECT_EQ(admin("PATCH", "/admin/settings", R"({"time_zone":"Nowhere/Land"})").status, 400);
    EXPECT_EQ(decode<AdminSettings>(admin("GET", "/admin/settings").body), s);

    p.thresholds->pending_amber = 2;
    p.thresholds->pending_red = 3;
    p.time_zone = "Europe/Prague";
    r = admin("PATCH", "/admin/settings", encode(p));
    ASSERT_EQ(r.status, 200) << r.body;
    auto stats = decode<Stats>(get(port_, "/api/v1/stats", seeded_.display_token).body);
    EXPECT_EQ(stats.timezone, "Europe/Prague");
    EXPECT_EQ(stats.thresholds.pending_amber, 2);
    EXPECT_EQ(stats.thresholds.pending_red, 3);
}

TEST_F(AdminApiTest, TheAuditLogIsFilteredAndPagedNewestFirst) {
    for (int i = 0; i < 5; ++i)
        ASSERT_EQ(
            admin("POST", "/admin/queues", R"({"name":"Q)" + std::to_string(i) + R"("})").status,
            201);
    auto r = admin("GET", "/admin/audit?action=add-queue&limit=2");
    ASSERT_EQ(r.status, 200) << r.body;
    auto page = decode<AuditPage>(r.body);
    ASSERT_EQ(page.items.size(), 2u);
    EXPECT_EQ(page.items[0].detail, "Q4");
    EXPECT_EQ(page.items[1].detail, "Q3");
    EXPECT_EQ(page.items[0].actor_name, std::optional<std::string>("Admin"));
    std::vector<std::string> all;
    for (const auto& i : page.items) all.push_back(i.detail);
    while (page.next_cursor) {
        page = decode<AuditPage>(
            admin("GET", "/admin/audit?action=add-queue&limit=2&cursor=" + *page.next_cursor).body);
        for (const auto& i : page.items) all.push_back(i.detail);
    }
    EXPECT_EQ(all, (std::vector<std::string>{"Q4", "Q3", "Q2", "Q1", "Q0"}));
    r = admin("GET",
              "/admin/audit?staff_id=" + std::to_string(seeded_.staff["admin"]) + "&limit=200");
    EXPECT_EQ(decode<AuditPage>(r.body).items.size(), 5u);
    EXPECT_EQ(admin("GET", "/admin/audit?cursor=abc").status, 400);
    EXPECT_EQ(admin("GET", "/admin/audit?limit=0").status, 400);
    EXPECT_EQ(admin("GET", "/admin/audit?chat_id=x").status, 400);
    // Supervisors read it too.
    EXPECT_EQ(get(port_, "/api/v1/admin/audit", seeded_.sessions["sam"]).status, 200);
}

}  // namespace
