// The Admin screen (issue 14) driven like an admin would: real ImGui frames, clicks by test id,
// typed keys; asserts on the requests the fake platform records, on what is drawn and where (a
// refusal beside its field), and on the confirmations. Also the session ends the server decides.
#include <gtest/gtest.h>

#include <cmath>

#include "../unit/client_test_support.h"
#include "client/console.h"
#include "platform/native/fake_platform.h"
#include "protocol/json.h"
#include "ui/headless_imgui.h"
#include "ui/semantics.h"
#include "ui/theme.h"

namespace {

using namespace sb::test;
using sb::platform::FakePlatform;
using sb::protocol::encode;
using sb::protocol::Role;

sb::protocol::QueueInfo queue_info(sb::protocol::Id id, std::string name,
                                   std::vector<sb::protocol::Id> members, std::int64_t pending) {
    sb::protocol::QueueInfo q;
    q.id = id;
    q.name = std::move(name);
    q.members = std::move(members);
    q.pending = pending;
    return q;
}

class AdminUiTest : public ::testing::Test {
  protected:
    AdminUiTest() : app(platform) {}

    sb::platform::FakeHttp& http() { return platform.http_fake; }

    void log_in(const sb::protocol::Staff& who, std::vector<sb::protocol::Chat> pending = {}) {
        http().respond("GET /healthz", 200, "{}");
        imgui.frames(app);
        ASSERT_TRUE(imgui.click(app, "login:user"));
        imgui.type(app, who.login);
        ASSERT_TRUE(imgui.click(app, "login:password"));
        imgui.type(app, "demo");
        ASSERT_TRUE(imgui.click(app, "login:submit"));
        sb::protocol::LoginResponse ok{"tok", kT0 + 3'600'000, who};
        ASSERT_TRUE(http().respond("POST /api/v1/auth/login", 200, encode(ok)));
        http().respond("GET /api/v1/queues", 200,
                       R"({"queues":[{"id":1,"name":"Support"},{"id":2,"name":"Sales"}]})");
        http().respond("PATCH /api/v1/me", 200, encode(who));
        platform.open_socket();
        platform.server_sends(R"({"type":"ready","seq":1})");
        const sb::protocol::Counts counts{0, static_cast<std::int64_t>(pending.size()), 0};
        http().respond("GET /api/v1/chats?view=working", 200, encode(page({}, counts)));
        http().respond("GET /api/v1/chats?view=pending", 200, encode(page(pending, counts)));
        http().respond("GET /api/v1/chats?view=resolved", 200, encode(page({}, counts)));
        http().respond("GET /api/v1/canned", 200, R"({"items":[]})");
        imgui.frames(app);
    }

    // Answers the Admin screen's lists (those my role asked for).
    void answer_admin_lists(const std::string& tokens = R"({"tokens":[]})") {
        sb::protocol::StaffList staff{{admin, alice, sam}};
        http().respond("GET /api/v1/admin/staff", 200, encode(staff));
        sb::protocol::QueueInfoList queues{
            {queue_info(1, "Support", {2}, 3), queue_info(2, "Sales", {}, 0)}};
        http().respond("GET /api/v1/admin/queues", 200, encode(queues));
        http().respond("GET /api/v1/admin/tokens", 200, tokens);
        sb::protocol::AdminSettings settings;
        settings.time_zone = "Europe/Berlin";
        http().respond("GET /api/v1/admin/settings", 200, encode(settings));
        http().respond("GET /api/v1/admin/audit", 200, R"({"items":[]})");
        imgui.frames(app);
    }

    void log_in_as_admin() {
        ASSERT_NO_FATAL_FAILURE(log_in(admin));
        answer_admin_lists();
    }

    // The item's vertical centre, or NaN when it is not on screen.
    static float mid_y(const std::string& id) {
        const auto* item = sb::ui::find_automation_item(id);
        return item ? item->y + item->h / 2 : NAN;
    }

    std::string state() const { return app.state_json(); }

    FakePlatform platform;
    sb::test::HeadlessImGui imgui;
    sb::ui::App app;
    sb::protocol::Staff admin = staff(1, "Admin", Role::admin);
    sb::protocol::Staff alice = staff(2, "Alice");
    sb::protocol::Staff sam = staff(3, "Sam", Role::supervisor);
};

TEST_F(AdminUiTest, AnAdminLandsOnTheAdminScreen) {
    ASSERT_NO_FATAL_FAILURE(log_in(admin));
    for (const char* path :
         {"GET /api/v1/admin/staff", "GET /api/v1/admin/queues", "GET /api/v1/admin/tokens",
          "GET /api/v1/admin/settings", "GET /api/v1/admin/audit?limit=50"})
        EXPECT_TRUE(http().was_requested(path)) << path;
    answer_admin_lists();
    EXPECT_NE(state().find(R"("screen":"admin")"), std::string::npos);
    for (const char* id : {"admin:tab:staff", "admin:tab:queues", "admin:tab:tokens",
                           "admin:tab:settings", "admin:tab:audit", "staff:add", "staff:filter"})
        EXPECT_TRUE(imgui.visible(id)) << id;
    EXPECT_GT(HeadlessImGui::visible_vertices_in("staff:row#2"), 20);  // Alice's row is drawn
    // Admins see no chats: no inbox to go back to, and no chat lists are asked for.
    EXPECT_FALSE(imgui.visible("admin:inbox"));
    EXPECT_FALSE(http().was_requested("GET /api/v1/chats?view=pending&scope=all&limit=50"));
    EXPECT_EQ(http().find("GET /api/v1/chats"), nullptr);
}

TEST_F(AdminUiTest, AgentsHaveNoAdminEntry) {
    ASSERT_NO_FATAL_FAILURE(log_in(alice));
    EXPECT_FALSE(imgui.visible("admin:open"));
    EXPECT_FALSE(http().was_requested("GET /api/v1/admin/staff"));
}

TEST_F(AdminUiTest, SupervisorsReadStaffAndQueuesAndTheAudit) {
    ASSERT_NO_FATAL_FAILURE(log_in(sam));
    EXPECT_TRUE(imgui.visible("tab:pending"));  // supervisors land on the inbox
    ASSERT_TRUE(imgui.click(app, "admin:open"));
    ASSERT_TRUE(imgui.visible("admin:inbox"));  // and may go back to it
    EXPECT_FALSE(http().was_requested("GET /api/v1/admin/tokens"));
    EXPECT_FALSE(http().was_requested("GET /api/v1/admin/settings"));
    answer_admin_lists();
    EXPECT_TRUE(imgui.visible("admin:tab:staff"));
    EXPECT_TRUE(imgui.visible("admin:tab:audit"));
    EXPECT_FALSE(imgui.visible("admin:tab:tokens"));
    EXPECT_FALSE(imgui.visible("admin:tab:settings"));
    EXPECT_FALSE(imgui.visible("staff:add"));
    EXPECT_FALSE(imgui.visible("staff:deactivate#2"));
    ASSERT_TRUE(imgui.click(app, "admin:tab:queues"));
    EXPECT_FALSE(imgui.visible("queue:create"));
    // The matrix is shown, but its boxes do nothing for a supervisor.
    ASSERT_TRUE(imgui.click(app, "member#2:2"));
    EXPECT_EQ(http().find("PUT /api/v1/admin/queues"), nullptr);
}

TEST_F(AdminUiTest, RowControlsAreNamedForWhatTheyActOn) {
    ASSERT_NO_FATAL_FAILURE(log_in_as_admin());
    imgui.frames(app);
    auto name_of = [](const char* key) {
        const auto* n = sb::ui::semantics::tree().find(key);
        return n ? n->name : std::string("(not in the tree)");
    };
    EXPECT_EQ(name_of("staff:deactivate#2"), "Deactivate Alice");
    EXPECT_EQ(name_of("staff:edit#3"), "Edit Sam");
    EXPECT_EQ(name_of("staff:reset#2"), "Reset password of Alice");
    ASSERT_TRUE(imgui.click(app, "admin:tab:queues"));
    imgui.frames(app);
    EXPECT_EQ(name_of("queue:archive#2"), "Archive Sales");
    EXPECT_EQ(name_of("member#1:2"), "Alice in Support");
}

TEST_F(AdminUiTest, AnAdminsTopBarOffersNothingForChats) {
    ASSERT_NO_FATAL_FAILURE(log_in_as_admin());
    for (const char* id : {"search:input", "search:button", "canned:open", "me:sign"})
        EXPECT_FALSE(imgui.visible(id)) << id;
    EXPECT_TRUE(imgui.visible("logout"));
}

TEST_F(AdminUiTest, ASystemLineOpensTheAuditLogOfItsChat) {
    ASSERT_NO_FATAL_FAILURE(log_in(sam, {pending_chat(22, kT0)}));
    ASSERT_TRUE(imgui.click(app, "tab:pending"));
    ASSERT_TRUE(imgui.click(app, "chatrow#22"));
    sb::protocol::MessagePage p;
    p.messages.push_back(message(70, 22, "my parcel"));
    auto line = message(71, 22, "Alice was deactivated; the chat is back in the queue",
                        sb::protocol::AuthorType::system);
    line.kind = sb::protocol::MessageKind::system;
    p.messages.push_back(line);
    http().respond("GET /api/v1/chats/22/messages", 200, encode(p));
    imgui.frames(app);
    EXPECT_FALSE(imgui.visible("history:system#70"));  // the contact's message is no link
    const auto* link = sb::ui::semantics::tree().find("history:system#71");
    ASSERT_NE(link, nullptr);
    EXPECT_EQ(link->role, "link");
    EXPECT_EQ(link->name,
              "Alice was deactivated; the chat is back in the queue (the audit log of chat #22)");
    ASSERT_TRUE(imgui.click(app, "history:system#71"));
    int audits = 0;
    for (const std::string& l : http().log)
        if (l.rfind("GET /api/v1/admin/audit?", 0) == 0) {
            ++audits;
            EXPECT_NE(l.find("&chat_id=22"), std::string::npos) << l;
        }
    EXPECT_EQ(audits, 1);
    answer_admin_lists();
    EXPECT_TRUE(imgui.visible("audit:chat"));  // the Audit tab, filtered by the chat
    EXPECT_NE(state().find(R"("admin_tab":"audit")"), std::string::npos) << state();
}

TEST_F(AdminUiTest, TheStaffFilterAndSortingPickRows) {
    ASSERT_NO_FATAL_FAILURE(log_in_as_admin());
    EXPECT_LT(mid_y("staff:row#1"), mid_y("staff:row#2"));  // by name: Admin, Alice, Sam
    EXPECT_LT(mid_y("staff:row#2"), mid_y("staff:row#3"));
    ASSERT_TRUE(imgui.click(app, "staff:sort:name"));  // descending now
    EXPECT_GT(mid_y("staff:row#1"), mid_y("staff:row#3"));
    ASSERT_TRUE(imgui.click(app, "staff:filter"));
    imgui.type(app, "supervisor");
    EXPECT_TRUE(imgui.visible("staff:row#3"));
    EXPECT_FALSE(imgui.visible("staff:row#2"));
}

TEST_F(AdminUiTest, TheStaffFormChecksBeforeSendingAndShowsTheErrorBesideTheField) {
    ASSERT_NO_FATAL_FAILURE(log_in_as_admin());
    ASSERT_TRUE(imgui.click(app, "staff:add"));
    ASSERT_TRUE(imgui.click(app, "staff:login"));
    imgui.type(app, "dana");
    ASSERT_TRUE(imgui.click(app, "staff:name"));
    imgui.type(app, "Dana Smith");
    ASSERT_TRUE(imgui.click(app, "staff:password"));
    imgui.type(app, "short");
    ASSERT_TRUE(imgui.click(app, "staff:save"));
    EXPECT_EQ(http().find("POST /api/v1/admin/staff"), nullptr);  // refused here: nothing sent
    ASSERT_TRUE(imgui.visible("staff:error:password"));
    EXPECT_NEAR(mid_y("staff:error:password"), mid_y("staff:password"), 12);
    EXPECT_GT(sb::ui::find_automation_item("staff:error:password")->x,
              sb::ui::find_automation_item("staff:password")->x);
    ASSERT_TRUE(imgui.click(app, "staff:password"));
    imgui.type(app, " and more");  // editing the field clears its error
    EXPECT_FALSE(imgui.visible("staff:error:password"));
}

TEST_F(AdminUiTest, TheServersRefusalOfAFieldShowsBesideItAndSuccessClosesTheForm) {
    ASSERT_NO_FATAL_FAILURE(log_in_as_admin());
    ASSERT_TRUE(imgui.click(app, "staff:add"));
    ASSERT_TRUE(imgui.click(app, "staff:login"));
    imgui.type(app, "alice");
    ASSERT_TRUE(imgui.click(app, "staff:name"));
    imgui.type(app, "Dana Smith");
    ASSERT_TRUE(imgui.click(app, "staff:queue#1"));
    ASSERT_TRUE(imgui.click(app, "staff:password"));
    imgui.type(app, "long enough");
    ASSERT_TRUE(imgui.click(app, "staff:save"));
    const auto* req = http().find("POST /api/v1/admin/staff");
    ASSERT_NE(req, nullptr);
    const auto body = sb::protocol::decode<sb::protocol::StaffCreateRequest>(req->body);
    EXPECT_EQ(body.login, "alice");
    EXPECT_EQ(body.queues, std::vector<sb::protocol::Id>{1});
    EXPECT_EQ(body.password, "long enough");
    http().respond("POST /api/v1/admin/staff", 400,
                   R"({"error":{"code":"bad_request","message":"login: alice is taken",)"
                   R"("field":"login"}})");
    imgui.frames(app);
    const auto* err = sb::ui::find_automation_item("staff:error:login");
    ASSERT_NE(err, nullptr);
    EXPECT_NE(err->label.find("login: alice is taken"), std::string::npos);
    EXPECT_NEAR(mid_y("staff:error:login"), mid_y("staff:login"), 12);
    EXPECT_FALSE(imgui.visible("staff:error"));  // not also at the top
    EXPECT_TRUE(imgui.visible("staff:save"));    // the form stays, with what was typed

    // A refusal naming no field of the form goes to its top line.
    ASSERT_TRUE(imgui.click(app, "staff:save"));
    http().respond("POST /api/v1/admin/staff", 403,
                   R"({"error":{"code":"forbidden","message":"admins only"}})");
    imgui.frames(app);
    EXPECT_TRUE(imgui.visible("staff:error"));
    EXPECT_LT(mid_y("staff:error"), mid_y("staff:login"));

    ASSERT_TRUE(imgui.click(app, "staff:save"));
    sb::protocol::Staff dana = staff(4, "Dana Smith");
    dana.login = "dana";
    http().respond("POST /api/v1/admin/staff", 201, encode(dana));
    imgui.frames(app);
    EXPECT_FALSE(imgui.visible("staff:save"));
    EXPECT_TRUE(imgui.visible("staff:row#4"));
}

TEST_F(AdminUiTest, DeactivatingAsksFirst) {
    ASSERT_NO_FATAL_FAILURE(log_in_as_admin());
    EXPECT_FALSE(imgui.visible("staff:deactivate#1"));  // not myself
    ASSERT_TRUE(imgui.click(app, "staff:deactivate#2"));
    EXPECT_EQ(http().find("PATCH /api/v1/admin/staff"), nullptr);
    ASSERT_TRUE(imgui.visible("deactivate:confirm"));
    ASSERT_TRUE(imgui.click(app, "deactivate:cancel"));
    EXPECT_FALSE(imgui.visible("deactivate:confirm"));
    EXPECT_EQ(http().find("PATCH /api/v1/admin/staff"), nullptr);
    ASSERT_TRUE(imgui.click(app, "staff:deactivate#2"));
    ASSERT_TRUE(imgui.click(app, "deactivate:confirm"));
    const auto* req = http().find("PATCH /api/v1/admin/staff/2");
    ASSERT_NE(req, nullptr);
    EXPECT_EQ(sb::protocol::decode<sb::protocol::StaffPatchRequest>(req->body).active, false);
    sb::protocol::Staff gone = alice;
    gone.active = false;
    http().respond("PATCH /api/v1/admin/staff/2", 200, encode(gone));
    imgui.frames(app);
    EXPECT_TRUE(imgui.visible("staff:reactivate#2"));
    ASSERT_TRUE(imgui.click(app, "staff:reactivate#2"));  // not destructive: no question
    EXPECT_NE(http().find("PATCH /api/v1/admin/staff/2"), nullptr);
}

TEST_F(AdminUiTest, ResetPasswordAsksForTheNewOneAndShowsItsError) {
    ASSERT_NO_FATAL_FAILURE(log_in_as_admin());
    ASSERT_TRUE(imgui.click(app, "staff:reset#2"));
    ASSERT_TRUE(imgui.visible("reset:password"));
    ASSERT_TRUE(imgui.click(app, "reset:password"));
    imgui.type(app, "new password");
    ASSERT_TRUE(imgui.click(app, "reset:confirm"));
    const auto* req = http().find("PATCH /api/v1/admin/staff/2");
    ASSERT_NE(req, nullptr);
    EXPECT_EQ(sb::protocol::decode<sb::protocol::StaffPatchRequest>(req->body).password,
              "new password");
    http().respond("PATCH /api/v1/admin/staff/2", 400,
                   R"({"error":{"code":"bad_request","message":"password: too weak",)"
                   R"("field":"password"}})");
    imgui.frames(app);
    EXPECT_TRUE(imgui.visible("reset:error:password"));
    EXPECT_NEAR(mid_y("reset:error:password"), mid_y("reset:password"), 12);
    ASSERT_TRUE(imgui.click(app, "reset:confirm"));
    http().respond("PATCH /api/v1/admin/staff/2", 200, encode(alice));
    imgui.frames(app);
    EXPECT_FALSE(imgui.visible("reset:password"));  // done: the dialog closed
}

TEST_F(AdminUiTest, QueuesCreateRenameArchiveAndTheMembershipMatrix) {
    ASSERT_NO_FATAL_FAILURE(log_in_as_admin());
    ASSERT_TRUE(imgui.click(app, "admin:tab:queues"));
    ASSERT_TRUE(imgui.click(app, "queue:new-name"));
    imgui.type(app, "Billing");
    ASSERT_TRUE(imgui.click(app, "queue:create"));
    const auto* req = http().find("POST /api/v1/admin/queues");
    ASSERT_NE(req, nullptr);
    EXPECT_EQ(sb::protocol::decode<sb::protocol::QueueCreateRequest>(req->body).name, "Billing");
    http().respond("POST /api/v1/admin/queues", 201, encode(queue_info(3, "Billing", {}, 0)));
    imgui.frames(app);
    EXPECT_TRUE(imgui.visible("queue:archive#3"));

    // Archiving a queue where chats wait: the server's 409 is shown at the top of the list.
    ASSERT_TRUE(imgui.click(app, "queue:archive#1"));
    http().respond("PATCH /api/v1/admin/queues/1", 409,
                   R"({"error":{"code":"conflict","message":"archived: 3 chats wait in )"
                   R"(Support; move them first","field":"archived"}})");
    imgui.frames(app);
    const auto* err = sb::ui::find_automation_item("queues:error");
    ASSERT_NE(err, nullptr);
    EXPECT_NE(err->label.find("3 chats wait in Support"), std::string::npos);

    // Rename: inline, and the store's queue (chat rows, transfer dialog) follows.
    ASSERT_TRUE(imgui.click(app, "queue:rename#2"));
    ASSERT_TRUE(imgui.click(app, "queue:rename-input"));
    imgui.key(app, ImGuiKey_A, ImGuiMod_Ctrl);
    imgui.type(app, "Sales EU");
    ASSERT_TRUE(imgui.click(app, "queue:rename-save"));
    req = http().find("PATCH /api/v1/admin/queues/2");
    ASSERT_NE(req, nullptr);
    EXPECT_EQ(sb::protocol::decode<sb::protocol::QueuePatchRequest>(req->body).name, "Sales EU");
    http().respond("PATCH /api/v1/admin/queues/2", 200, encode(queue_info(2, "Sales EU", {}, 0)));
    imgui.frames(app);
    EXPECT_FALSE(imgui.visible("queue:rename-input"));

    // Membership: Alice is in Support (checked); ticking Sales EU PUTs, unticking Support DELETEs.
    ASSERT_TRUE(imgui.click(app, "member#2:2"));
    ASSERT_TRUE(http().respond("PUT /api/v1/admin/queues/2/members/2", 204, ""));
    imgui.frames(app);
    ASSERT_TRUE(imgui.click(app, "member#1:2"));
    ASSERT_TRUE(http().respond("DELETE /api/v1/admin/queues/1/members/2", 204, ""));
    imgui.frames(app);
    EXPECT_FALSE(imgui.visible("member#1:1"));  // admins handle no chats: no row
}

TEST_F(AdminUiTest, AnAdminsPendingCountsAreReadEveryFewSecondsWhileTheQueuesAreShown) {
    ASSERT_NO_FATAL_FAILURE(log_in_as_admin());  // admins hear no chat events
    http().log.clear();
    platform.now += 10;
    imgui.frames(app);
    EXPECT_FALSE(http().was_requested("GET /api/v1/admin/queues"));  // Staff tab: no polling
    ASSERT_TRUE(imgui.click(app, "admin:tab:queues"));
    platform.now += sb::client::Console::kPendingPollSeconds + 0.1;
    imgui.frames(app);
    EXPECT_TRUE(http().was_requested("GET /api/v1/admin/queues"));
    EXPECT_GT(platform.frame_after.size(), 0u);  // the app wakes for the next one
}

TEST_F(AdminUiTest, PendingCountsFollowChatEvents) {
    ASSERT_NO_FATAL_FAILURE(log_in(sam));
    ASSERT_TRUE(imgui.click(app, "admin:open"));
    answer_admin_lists();
    ASSERT_TRUE(imgui.click(app, "admin:tab:queues"));
    http().log.clear();
    platform.server_sends(
        encode(chat_event(2, sb::protocol::EventType::chat_created, pending_chat(30, kT0))));
    platform.server_sends(
        encode(chat_event(3, sb::protocol::EventType::chat_created, pending_chat(31, kT0))));
    imgui.frames(app);
    EXPECT_FALSE(http().was_requested("GET /api/v1/admin/queues"));  // once, a moment later
    platform.now += 1.5;
    imgui.frames(app);
    EXPECT_TRUE(http().was_requested("GET /api/v1/admin/queues"));
    EXPECT_EQ(std::count(http().log.begin(), http().log.end(), "GET /api/v1/admin/queues"), 1);
    // queue.updated updates the row directly.
    sb::protocol::Event e;
    e.seq = 4;
    e.type = sb::protocol::EventType::queue_updated;
    e.queue_info = queue_info(2, "Sales", {}, 7);
    platform.server_sends(encode(e));
    imgui.frames(app);
    EXPECT_NE(state().find(R"("name":"Sales","pending":7)"), std::string::npos) << state();
}

TEST_F(AdminUiTest, ATokenIsShownOnceWithCopyAndTheKioskUrlAndRevokeAsksFirst) {
    ASSERT_NO_FATAL_FAILURE(log_in_as_admin());
    ASSERT_TRUE(imgui.click(app, "admin:tab:tokens"));
    ASSERT_TRUE(imgui.click(app, "token:label"));
    imgui.type(app, "Wall");
    ASSERT_TRUE(imgui.click(app, "token:expires-days"));
    imgui.key(app, ImGuiKey_A, ImGuiMod_Ctrl);
    imgui.type(app, "7");
    imgui.key(app, ImGuiKey_Enter);
    ASSERT_TRUE(imgui.click(app, "token:create"));
    const auto* req = http().find("POST /api/v1/admin/tokens");
    ASSERT_NE(req, nullptr);
    const auto body = sb::protocol::decode<sb::protocol::TokenCreateRequest>(req->body);
    EXPECT_EQ(body.kind, sb::protocol::TokenKind::display);
    EXPECT_EQ(body.label, "Wall");
    ASSERT_TRUE(body.expires_at.has_value());
    EXPECT_NEAR(static_cast<double>(*body.expires_at - kT0), 7 * 86'400'000.0, 60'000.0);
    sb::protocol::TokenCreated made;
    made.info.id = 9;
    made.info.label = "Wall";
    made.info.created_at = kT0;
    made.token = "sbd_secret+/";
    http().respond("POST /api/v1/admin/tokens", 201, encode(made));
    imgui.frames(app);
    ASSERT_TRUE(imgui.visible("token:secret"));
    ASSERT_TRUE(imgui.click(app, "token:copy"));
    EXPECT_STREQ(ImGui::GetClipboardText(), "sbd_secret+/");
    ASSERT_TRUE(imgui.click(app, "token:copy-url"));
    EXPECT_STREQ(ImGui::GetClipboardText(), "http://switchboard.test/kiosk?token=sbd_secret%2B%2F");
    ASSERT_TRUE(imgui.click(app, "token:dismiss"));
    EXPECT_FALSE(imgui.visible("token:secret"));  // shown once

    ASSERT_TRUE(imgui.click(app, "token:revoke#9"));
    EXPECT_EQ(http().find("DELETE /api/v1/admin/tokens/9"), nullptr);
    ASSERT_TRUE(imgui.click(app, "revoke:confirm"));
    ASSERT_TRUE(http().respond("DELETE /api/v1/admin/tokens/9", 204, ""));
    imgui.frames(app);
    EXPECT_FALSE(imgui.visible("token:revoke#9"));
}

TEST_F(AdminUiTest, CombosAreItemsTheBridgeCanClickOpenOrClosed) {
    ASSERT_NO_FATAL_FAILURE(log_in_as_admin());
    ASSERT_TRUE(imgui.click(app, "admin:tab:tokens"));
    ASSERT_TRUE(imgui.click(app, "token:kind"));
    EXPECT_TRUE(imgui.visible("token:kind"));  // also while its popup is open
    ASSERT_TRUE(imgui.click(app, "token:kind:integration"));
    ASSERT_TRUE(imgui.click(app, "token:label"));
    imgui.type(app, "crm");
    ASSERT_TRUE(imgui.click(app, "token:create"));
    const auto* req = http().find("POST /api/v1/admin/tokens");
    ASSERT_NE(req, nullptr);
    EXPECT_EQ(sb::protocol::decode<sb::protocol::TokenCreateRequest>(req->body).kind,
              sb::protocol::TokenKind::integration);
    ASSERT_TRUE(imgui.click(app, "admin:tab:staff"));
    ASSERT_TRUE(imgui.click(app, "staff:add"));
    EXPECT_TRUE(imgui.visible("staff:role"));
    ASSERT_TRUE(imgui.click(app, "admin:tab:audit"));
    EXPECT_TRUE(imgui.visible("audit:staff"));
}

TEST_F(AdminUiTest, AnIntegrationsWebhookIsSetWithItsSecretShownOnceAndRemoved) {
    sb::protocol::TokenInfo crm;
    crm.id = 4;
    crm.kind = sb::protocol::TokenKind::integration;
    crm.label = "crm";
    crm.created_at = kT0;
    ASSERT_NO_FATAL_FAILURE(log_in(admin));
    answer_admin_lists(encode(sb::protocol::TokenList{{crm}}));
    ASSERT_TRUE(imgui.click(app, "admin:tab:tokens"));
    ASSERT_TRUE(imgui.click(app, "token:webhook#4"));
    ASSERT_TRUE(imgui.visible("webhook:url"));
    EXPECT_FALSE(imgui.visible("webhook:remove"));  // none set yet

    // Empty: refused here, beside the field, nothing sent.
    ASSERT_TRUE(imgui.click(app, "webhook:save"));
    EXPECT_EQ(http().find("PUT /api/v1/admin/tokens/4/webhook"), nullptr);
    EXPECT_GT(mid_y("webhook:error:url"), mid_y("webhook:url"));  // right under the field
    EXPECT_LT(mid_y("webhook:error:url"), mid_y("webhook:url") + 40);

    // The server's refusal of the URL shows beside it too.
    ASSERT_TRUE(imgui.click(app, "webhook:url"));
    imgui.type(app, "ftp://crm.test/hook");
    ASSERT_TRUE(imgui.click(app, "webhook:save"));
    const auto* req = http().find("PUT /api/v1/admin/tokens/4/webhook");
    ASSERT_NE(req, nullptr);
    EXPECT_EQ(sb::protocol::decode<sb::protocol::WebhookSetRequest>(req->body).url,
              "ftp://crm.test/hook");
    http().respond("PUT /api/v1/admin/tokens/4/webhook", 400,
                   R"({"error":{"code":"bad_request","message":"url: use http://host/path",)"
                   R"("field":"url"}})");
    imgui.frames(app);
    const auto* err = sb::ui::find_automation_item("webhook:error:url");
    ASSERT_NE(err, nullptr);
    EXPECT_NE(err->label.find("use http://host/path"), std::string::npos);

    ASSERT_TRUE(imgui.click(app, "webhook:url"));
    imgui.key(app, ImGuiKey_A, ImGuiMod_Ctrl);
    imgui.type(app, "http://crm.test/hook");
    ASSERT_TRUE(imgui.click(app, "webhook:save"));
    EXPECT_FALSE(imgui.visible("webhook:error:url"));  // edited: the refusal went
    http().respond("PUT /api/v1/admin/tokens/4/webhook", 200, R"({"secret":"whsec_abc"})");
    imgui.frames(app);
    ASSERT_TRUE(imgui.visible("webhook:secret"));
    ASSERT_TRUE(imgui.click(app, "webhook:copy"));
    EXPECT_STREQ(ImGui::GetClipboardText(), "whsec_abc");
    ASSERT_TRUE(imgui.click(app, "webhook:done"));
    EXPECT_FALSE(imgui.visible("webhook:secret"));  // shown once
    EXPECT_NE(state().find("http://crm.test/hook"), std::string::npos) << state();

    // Opened again: the URL is there, and Remove takes it away.
    ASSERT_TRUE(imgui.click(app, "token:webhook#4"));
    EXPECT_FALSE(imgui.visible("webhook:secret"));
    ASSERT_TRUE(imgui.click(app, "webhook:remove"));
    EXPECT_EQ(http().find("DELETE /api/v1/admin/tokens/4/webhook"), nullptr);  // asks first
    ASSERT_TRUE(imgui.click(app, "webhook:keep"));
    EXPECT_FALSE(imgui.visible("webhook:confirm-remove"));
    ASSERT_TRUE(imgui.click(app, "webhook:remove"));
    ASSERT_TRUE(imgui.click(app, "webhook:confirm-remove"));
    ASSERT_TRUE(http().respond("DELETE /api/v1/admin/tokens/4/webhook", 204, ""));
    imgui.frames(app);
    EXPECT_FALSE(imgui.visible("webhook:remove"));
    ASSERT_TRUE(imgui.click(app, "webhook:cancel"));
    EXPECT_FALSE(imgui.visible("webhook:url"));
}

TEST_F(AdminUiTest, SettingsPreviewTheColoursAndCheckAmberAgainstRed) {
    ASSERT_NO_FATAL_FAILURE(log_in_as_admin());
    ASSERT_TRUE(imgui.click(app, "admin:tab:settings"));
    for (const char* id :
         {"settings:wait_amber_seconds", "settings:wait_red_seconds", "settings:pending_amber",
          "settings:pending_red", "settings:first_response_amber_seconds",
          "settings:first_response_red_seconds", "settings:time_zone"})
        EXPECT_TRUE(imgui.visible(id)) << id;
    // The preview fills swatches with the kiosk's amber and red.
    bool amber = false, red = false;
    for (const ImDrawList* list : ImGui::GetDrawData()->CmdLists)
        for (const ImDrawVert& vtx : list->VtxBuffer) {
            amber |= vtx.col == sb::ui::color::kAmber;
            red |= vtx.col == sb::ui::color::kRed;
        }
    EXPECT_TRUE(amber);
    EXPECT_TRUE(red);
    // Pending: amber 5, red 10. Amber 50 is above red: refused here, beside the table.
    ASSERT_TRUE(imgui.click(app, "settings:pending_amber"));
    imgui.key(app, ImGuiKey_A, ImGuiMod_Ctrl);
    imgui.type(app, "50");
    imgui.key(app, ImGuiKey_Enter);
    ASSERT_TRUE(imgui.click(app, "settings:save"));
    EXPECT_EQ(http().find("PATCH /api/v1/admin/settings"), nullptr);
    EXPECT_TRUE(imgui.visible("settings:error:thresholds"));
    // A time zone the server does not know: its error beside the field.
    ASSERT_TRUE(imgui.click(app, "settings:pending_amber"));
    imgui.key(app, ImGuiKey_A, ImGuiMod_Ctrl);
    imgui.type(app, "6");
    imgui.key(app, ImGuiKey_Enter);
    ASSERT_TRUE(imgui.click(app, "settings:save"));
    const auto* req = http().find("PATCH /api/v1/admin/settings");
    ASSERT_NE(req, nullptr);
    const auto patch = sb::protocol::decode<sb::protocol::SettingsPatch>(req->body);
    ASSERT_TRUE(patch.thresholds.has_value());
    EXPECT_EQ(patch.thresholds->pending_amber, 6);
    EXPECT_EQ(patch.time_zone, "Europe/Berlin");
    http().respond("PATCH /api/v1/admin/settings", 400,
                   R"({"error":{"code":"bad_request","message":"time_zone: unknown",)"
                   R"("field":"time_zone"}})");
    imgui.frames(app);
    EXPECT_NEAR(mid_y("settings:error:time_zone"), mid_y("settings:time_zone"), 12);
}

TEST_F(AdminUiTest, TheAuditFiltersAndLoadsMoreByCursor) {
    ASSERT_NO_FATAL_FAILURE(log_in_as_admin());
    sb::protocol::AuditPage first;
    sb::protocol::AuditItem item;
    item.id = 5;
    item.at = kT0;
    item.actor_type = "staff";
    item.actor_name = "Admin";
    item.action = "staff.create";
    item.detail = "Alice";
    first.items = {item};
    first.next_cursor = "c2";
    answer_admin_lists();
    ASSERT_TRUE(imgui.click(app, "admin:tab:audit"));  // opening the tab reads the log again
    ASSERT_TRUE(http().respond("GET /api/v1/admin/audit?limit=50", 200, encode(first)));
    imgui.frames(app);
    ASSERT_TRUE(imgui.click(app, "audit:more"));
    EXPECT_NE(http().find("GET /api/v1/admin/audit?limit=50&cursor=c2"), nullptr);
    http().respond("GET /api/v1/admin/audit", 200, R"({"items":[]})");
    imgui.frames(app);
    ASSERT_TRUE(imgui.click(app, "audit:chat"));
    imgui.type(app, "22");
    ASSERT_TRUE(imgui.click(app, "audit:action"));
    imgui.type(app, "chat.delete");
    ASSERT_TRUE(imgui.click(app, "audit:apply"));
    EXPECT_NE(http().find("GET /api/v1/admin/audit?limit=50&chat_id=22&action=chat.delete"),
              nullptr);
}

// ---- sessions the server ends ----------------------------------------------------------------

TEST_F(AdminUiTest, ADeactivatedAgentIsBackAtTheLoginScreenAtOnce) {
    ASSERT_NO_FATAL_FAILURE(log_in(alice, {pending_chat(22, kT0)}));
    sb::protocol::Event e;
    e.seq = 2;
    e.type = sb::protocol::EventType::staff_updated;
    e.staff = alice;
    e.staff->active = false;
    platform.server_sends(encode(e));
    imgui.frames(app);
    EXPECT_TRUE(imgui.visible("login:submit"));
    EXPECT_NE(state().find("Your session has ended: your account was deactivated."),
              std::string::npos);
    EXPECT_FALSE(platform.storage.count("switchboard.token"));
}

TEST_F(AdminUiTest, TheSocketsCloseReasonEndsTheSession) {
    for (const auto& [reason, text] : std::vector<std::pair<std::string, std::string>>{
             {"deactivated", "your account was deactivated"},
             {"password changed", "your password was changed"},
             {"revoked", "it was revoked"},
             {"session expired", "it expired"}}) {
        FakePlatform p;
        sb::ui::App a(p);
        platform.http_fake.pending.clear();
        // A second app on its own platform: log in directly through its console's screen.
        p.http_fake.respond("GET /healthz", 200, "{}");
        imgui.frames(a);
        imgui.click(a, "login:user");
        imgui.type(a, "alice");
        imgui.click(a, "login:password");
        imgui.type(a, "demo");
        imgui.click(a, "login:submit");
        sb::protocol::LoginResponse ok{"tok", kT0 + 3'600'000, alice};
        ASSERT_TRUE(p.http_fake.respond("POST /api/v1/auth/login", 200, encode(ok)));
        p.open_socket();
        imgui.frames(a);
        p.drop_socket(reason);
        imgui.frames(a);
        EXPECT_TRUE(imgui.visible("login:submit")) << reason;
        EXPECT_NE(a.state_json().find("Your session has ended: " + text), std::string::npos)
            << reason;
    }
}

TEST_F(AdminUiTest, AnyCallAnswering401EndsTheSession) {
    ASSERT_NO_FATAL_FAILURE(log_in_as_admin());
    ASSERT_TRUE(imgui.click(app, "admin:reload"));
    http().respond("GET /api/v1/admin/staff", 401,
                   R"({"error":{"code":"unauthorized","message":"no"}})");
    imgui.frames(app);
    EXPECT_TRUE(imgui.visible("login:submit"));
    EXPECT_NE(state().find("Your session has ended"), std::string::npos);
}

TEST_F(AdminUiTest, AnUnexplainedDropReconnectsInstead) {
    ASSERT_NO_FATAL_FAILURE(log_in(alice));
    platform.drop_socket();
    imgui.frames(app);
    EXPECT_FALSE(imgui.visible("login:submit"));
}

TEST_F(AdminUiTest, ARenamedQueueIsRenamedInTheChatListAndTheTransferDialog) {
    ASSERT_NO_FATAL_FAILURE(log_in(alice, {pending_chat(22, kT0)}));
    sb::protocol::Event e;
    e.seq = 2;
    e.type = sb::protocol::EventType::queue_updated;
    e.queue_info = queue_info(1, "Customer care", {2}, 1);
    platform.server_sends(encode(e));
    imgui.frames(app);
    const std::string s = state();
    EXPECT_NE(s.find(R"("queue":{"id":1,"name":"Customer care"})"), std::string::npos) << s;
    EXPECT_EQ(s.find(R"("name":"Support")"), std::string::npos);
}

}  // namespace
