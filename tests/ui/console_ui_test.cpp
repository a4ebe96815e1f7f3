// The console UI driven like a user would: real ImGui frames, mouse clicks on items found by
// test id through the automation registry, typed keys; asserts on the HTTP calls the fake
// platform records (the intents reaching the network layer) and on what is on screen.
#include <gtest/gtest.h>

#include <cmath>

#include "../unit/client_test_support.h"
#include "platform/native/fake_platform.h"
#include "protocol/json.h"
#include "ui/headless_imgui.h"

namespace {

using namespace sb::test;
using sb::platform::FakePlatform;
using sb::protocol::encode;

class ConsoleUiTest : public ::testing::Test {
  protected:
    ConsoleUiTest() : app(platform) {}

    sb::platform::FakeHttp& http() { return platform.http_fake; }

    void log_in(std::vector<sb::protocol::Chat> pending = {},
                std::vector<sb::protocol::Chat> working = {}) {
        http().respond("GET /healthz", 200, "{}");
        imgui.frames(app);
        ASSERT_TRUE(imgui.click(app, "login:user"));
        imgui.type(app, "alice");
        ASSERT_TRUE(imgui.click(app, "login:password"));
        imgui.type(app, "demo");
        ASSERT_TRUE(imgui.click(app, "login:submit"));
        const auto* req = http().find("POST /api/v1/auth/login");
        ASSERT_NE(req, nullptr);
        auto body = sb::protocol::decode<sb::protocol::LoginRequest>(req->body);
        EXPECT_EQ(body.login, "alice");
        EXPECT_EQ(body.password, "demo");
        sb::protocol::LoginResponse ok{"tok", kT0 + 3'600'000, alice};
        http().respond("POST /api/v1/auth/login", 200, encode(ok));
        http().respond("GET /api/v1/queues", 200,
                       R"({"queues":[{"id":1,"name":"Support"},{"id":2,"name":"Sales"}]})");
        platform.open_socket();
        platform.server_sends(R"({"type":"ready","seq":1})");
        const sb::protocol::Counts counts{static_cast<std::int64_t>(working.size()),
                                          static_cast<std::int64_t>(pending.size()), 0};
        http().respond("GET /api/v1/chats?view=working", 200, encode(page(working, counts)));
        http().respond("GET /api/v1/chats?view=pending", 200, encode(page(pending, counts)));
        http().respond("GET /api/v1/chats?view=resolved", 200, encode(page({}, counts)));
        imgui.frames(app);
    }

    // Opens a working chat of Alice's and answers its history.
    void open_working_chat(std::vector<sb::protocol::Message> messages = {}) {
        ASSERT_NO_FATAL_FAILURE(log_in({}, {working_chat(22, alice, kT0)}));
        ASSERT_TRUE(imgui.click(app, "tab:working"));
        ASSERT_TRUE(imgui.click(app, "chatrow#22"));
        sb::protocol::MessagePage p;
        p.messages = std::move(messages);
        http().respond("GET /api/v1/chats/22/messages", 200, encode(p));
        imgui.frames(app);
    }

    FakePlatform platform;
    sb::test::HeadlessImGui imgui;
    sb::ui::App app;
    sb::protocol::Staff alice = staff(1, "Alice");
};

TEST_F(ConsoleUiTest, LoginScreenShowsFieldsAndServerState) {
    http().respond("GET /healthz", 200, "{}");
    imgui.frames(app);
    EXPECT_TRUE(imgui.visible("login:user"));
    EXPECT_TRUE(imgui.visible("login:password"));
    EXPECT_TRUE(imgui.visible("login:submit"));
    EXPECT_NE(app.state_json().find("\"server\":\"reachable\""), std::string::npos);
}

TEST_F(ConsoleUiTest, WrongPasswordShowsAnError) {
    http().respond("GET /healthz", 200, "{}");
    imgui.frames(app);
    imgui.click(app, "login:user");
    imgui.type(app, "alice");
    imgui.click(app, "login:password");
    imgui.type(app, "bad");
    imgui.key(app, ImGuiKey_Enter);
    http().respond("POST /api/v1/auth/login", 401,
                   R"({"error":{"code":"unauthorized","message":"no"}})");
    imgui.frames(app);
    EXPECT_TRUE(imgui.visible("login:submit"));
    EXPECT_NE(app.state_json().find("Wrong login or password."), std::string::npos);
}

TEST_F(ConsoleUiTest, TabsShowLiveCounts) {
    ASSERT_NO_FATAL_FAILURE(
        log_in({pending_chat(22, kT0 - 90'000), pending_chat(23, kT0 - 30'000)}));
    const auto* pending = sb::ui::find_automation_item("tab:pending");
    ASSERT_NE(pending, nullptr);
    EXPECT_EQ(pending->label, "Pending (2)");
    platform.server_sends(
        encode(chat_event(2, sb::protocol::EventType::chat_created, pending_chat(24, kT0))));
    imgui.frames(app);
    EXPECT_EQ(sb::ui::find_automation_item("tab:pending")->label, "Pending (3)");
    EXPECT_EQ(platform.sounds, 1);
    EXPECT_EQ(platform.title, "(3) Switchboard");
}

TEST_F(ConsoleUiTest, TabsThatDoNotFitTheListWrapInsteadOfBeingCut) {
    ASSERT_NO_FATAL_FAILURE(log_in({pending_chat(22, kT0)}));
    ImGui::GetIO().DisplaySize = ImVec2(1920, 1080);
    imgui.frames(app);
    const auto* working = sb::ui::find_automation_item("tab:working");
    const auto* resolved = sb::ui::find_automation_item("tab:resolved");
    ASSERT_TRUE(working && resolved);
    EXPECT_EQ(resolved->y, working->y);             // wide: one line
    ImGui::GetIO().DisplaySize = ImVec2(900, 650);  // the list is 340 px wide
    imgui.frames(app);
    const float list_right = 340;
    for (const char* id : {"tab:working", "tab:pending", "tab:resolved"}) {
        const auto* tab = sb::ui::find_automation_item(id);
        ASSERT_NE(tab, nullptr) << id;
        EXPECT_LE(tab->x + tab->w, list_right) << id << " is cut at the list's edge";
    }
    EXPECT_GT(sb::ui::find_automation_item("tab:resolved")->y,
              sb::ui::find_automation_item("tab:working")->y);
}

TEST_F(ConsoleUiTest, RowsShowTheirText) {
    ASSERT_NO_FATAL_FAILURE(
        log_in({}, {working_chat(22, alice, kT0)}));  // a row without an Accept button
    ASSERT_TRUE(imgui.click(app, "tab:working"));
    // Not just a clickable rectangle: glyphs are drawn inside it, within their clip rectangle.
    EXPECT_GT(HeadlessImGui::visible_vertices_in("chatrow#22"), 100);
}

TEST_F(ConsoleUiTest, PendingListIsOldestFirstAndTicks) {
    ASSERT_NO_FATAL_FAILURE(
        log_in({pending_chat(23, kT0 - 30'000), pending_chat(22, kT0 - 90'000)}));
    const auto* a = sb::ui::find_automation_item("chatrow#22");
    const auto* b = sb::ui::find_automation_item("chatrow#23");
    ASSERT_TRUE(a && b);
    EXPECT_LT(a->y, b->y);
    platform.frame_after.clear();
    imgui.frame(app);
    ASSERT_FALSE(platform.frame_after.empty());
    EXPECT_LE(platform.frame_after.back(), 1.0);  // the waiting time ticks every second
}

TEST_F(ConsoleUiTest, TickingClocksWakeTogetherOnWholeSeconds) {
    // Two waits whose texts change at different fractions of a second: one frame serves both.
    ASSERT_NO_FATAL_FAILURE(
        log_in({pending_chat(23, kT0 - 30'300), pending_chat(22, kT0 - 90'700)}));
    platform.now += 0.25;
    platform.frame_after.clear();
    imgui.frame(app);
    ASSERT_FALSE(platform.frame_after.empty());
    const double wake = platform.now + platform.frame_after.back();
    EXPECT_NEAR(wake, std::round(wake), 1e-6);
    EXPECT_LE(platform.frame_after.back(), 1.0);
}

TEST_F(ConsoleUiTest, ClickingAcceptAcceptsAndOpensTheChat) {
    ASSERT_NO_FATAL_FAILURE(log_in({pending_chat(22, kT0)}));
    ASSERT_TRUE(imgui.click(app, "accept#22"));
    ASSERT_TRUE(http().was_requested("POST /api/v1/chats/22/accept"));
    auto accepted = working_chat(22, alice, kT0);
    http().respond("POST /api/v1/chats/22/accept", 200, encode(accepted));
    http().respond("GET /api/v1/chats/22/messages", 200, R"({"messages":[]})");
    imgui.frames(app);
    EXPECT_TRUE(imgui.visible("chat:transfer"));
    EXPECT_TRUE(imgui.visible("chat:composer"));
    EXPECT_NE(app.state_json().find("\"tab\":\"working\""), std::string::npos);
    EXPECT_TRUE(imgui.visible("chatrow#22"));  // now in Working On
}

TEST_F(ConsoleUiTest, AltAAcceptsTheSelectedPendingChat) {
    ASSERT_NO_FATAL_FAILURE(log_in({pending_chat(22, kT0)}));
    imgui.key(app, ImGuiKey_DownArrow);
    imgui.key(app, ImGuiKey_A, ImGuiMod_Alt);
    EXPECT_TRUE(http().was_requested("POST /api/v1/chats/22/accept"));
}

TEST_F(ConsoleUiTest, ArrowsAndEnterOpenAChat) {
    ASSERT_NO_FATAL_FAILURE(log_in({pending_chat(22, kT0 - 90'000), pending_chat(23, kT0)}));
    imgui.key(app, ImGuiKey_DownArrow);
    imgui.key(app, ImGuiKey_DownArrow);
    imgui.key(app, ImGuiKey_Enter);
    EXPECT_TRUE(http().was_requested("GET /api/v1/chats/23/messages?limit=50"));
}

TEST_F(ConsoleUiTest, EnterSendsAndShiftEnterBreaksTheLine) {
    ASSERT_NO_FATAL_FAILURE(open_working_chat());
    ASSERT_TRUE(imgui.click(app, "chat:composer"));
    imgui.type(app, "Hello");
    imgui.key(app, ImGuiKey_Enter, ImGuiMod_Shift);
    imgui.type(app, "there");
    EXPECT_EQ(http().find("POST /api/v1/chats/22/messages"), nullptr);
    imgui.key(app, ImGuiKey_Enter);
    const auto* req = http().find("POST /api/v1/chats/22/messages");
    ASSERT_NE(req, nullptr);
    auto body = sb::protocol::decode<sb::protocol::SendMessageRequest>(req->body);
    EXPECT_EQ(body.body, "Hello\nthere");
    EXPECT_EQ(body.kind, sb::protocol::MessageKind::text);
    EXPECT_FALSE(body.client_id.empty());
}

// GET /canned as the server answers it for Alice: by shortcut, her own /thanks first.
const char* kCannedList =
    R"({"items":[)"
    R"({"id":1,"shortcut":"hello","body":"Hello! How can I help?","shared":true,"updated_at":"2026-11-24T09:00:00.000Z"},)"
    R"({"id":3,"shortcut":"thanks","body":"Alice's own thanks","shared":false,"owner_id":1,"updated_at":"2026-11-24T09:00:00.000Z"},)"
    R"({"id":2,"shortcut":"thanks","body":"Thank you for your patience.","shared":true,"updated_at":"2026-11-24T09:00:00.000Z"}]})";

TEST_F(ConsoleUiTest, SlashShowsThePickerAndEnterInsertsTheSelectedReply) {
    ASSERT_NO_FATAL_FAILURE(open_working_chat());
    ASSERT_TRUE(http().respond("GET /api/v1/canned", 200, kCannedList));  // fetched at login
    imgui.click(app, "chat:composer");
    imgui.type(app, "/th");
    ASSERT_TRUE(imgui.visible("canned:pick#3"));
    ASSERT_TRUE(imgui.visible("canned:pick#2"));
    EXPECT_FALSE(imgui.visible("canned:pick#1"));  // neither /th... nor a "th" word in its body
    EXPECT_TRUE(imgui.visible("canned:manage"));
    EXPECT_LT(sb::ui::find_automation_item("canned:pick#3")->y,
              sb::ui::find_automation_item("canned:pick#2")->y);  // personal first
    EXPECT_GT(HeadlessImGui::visible_vertices_in("canned:pick#3"), 20);
    imgui.key(app, ImGuiKey_DownArrow);  // the shared /thanks
    imgui.key(app, ImGuiKey_Enter);      // inserts, does not send
    EXPECT_EQ(http().find("POST /api/v1/chats/22/messages"), nullptr);
    EXPECT_FALSE(imgui.visible("canned:pick#2"));  // the picker closed with the "/th"
    imgui.key(app, ImGuiKey_Enter);
    const auto* req = http().find("POST /api/v1/chats/22/messages");
    ASSERT_NE(req, nullptr);
    EXPECT_EQ(sb::protocol::decode<sb::protocol::SendMessageRequest>(req->body).body,
              "Thank you for your patience.");
}

TEST_F(ConsoleUiTest, TabInsertsAndEscClosesThePickerKeepingTheText) {
    ASSERT_NO_FATAL_FAILURE(open_working_chat());
    ASSERT_TRUE(http().respond("GET /api/v1/canned", 200, kCannedList));
    imgui.click(app, "chat:composer");
    imgui.type(app, "/hel");
    ASSERT_TRUE(imgui.visible("canned:pick#1"));
    imgui.key(app, ImGuiKey_Tab);
    EXPECT_FALSE(imgui.visible("canned:pick#1"));
    imgui.type(app, " Bye");
    imgui.key(app, ImGuiKey_Enter);
    const auto* req = http().find("POST /api/v1/chats/22/messages");
    ASSERT_NE(req, nullptr);
    EXPECT_EQ(sb::protocol::decode<sb::protocol::SendMessageRequest>(req->body).body,
              "Hello! How can I help? Bye");
    http().respond("POST /api/v1/chats/22/messages", 201, "{}");
    imgui.frames(app);

    imgui.type(app, "/tha");
    ASSERT_TRUE(imgui.visible("canned:pick#3"));
    imgui.key(app, ImGuiKey_Escape);  // closes the picker; the text stays
    EXPECT_FALSE(imgui.visible("canned:pick#3"));
    imgui.key(app, ImGuiKey_Enter);  // now Enter sends what was typed
    const auto* sent = http().find("POST /api/v1/chats/22/messages");
    ASSERT_NE(sent, nullptr);
    EXPECT_EQ(sb::protocol::decode<sb::protocol::SendMessageRequest>(sent->body).body, "/tha");
}

TEST_F(ConsoleUiTest, TheListIsFetchedAgainWhenSlashFindsItOlderThan30Seconds) {
    ASSERT_NO_FATAL_FAILURE(open_working_chat());
    ASSERT_TRUE(http().respond("GET /api/v1/canned", 200, kCannedList));
    imgui.click(app, "chat:composer");
    imgui.type(app, "/");
    EXPECT_EQ(http().find("GET /api/v1/canned"), nullptr);  // fresh: no second request
    imgui.key(app, ImGuiKey_Backspace);
    platform.now += 31;
    imgui.type(app, "/");
    ASSERT_NE(http().find("GET /api/v1/canned"), nullptr);
    ASSERT_TRUE(http().respond(
        "GET /api/v1/canned", 200,
        R"({"items":[{"id":9,"shortcut":"new","body":"A new shared one","shared":true,"updated_at":"2026-11-24T09:00:00.000Z"}]})"));
    imgui.frames(app);
    EXPECT_TRUE(imgui.visible("canned:pick#9"));
    EXPECT_FALSE(imgui.visible("canned:pick#1"));
}

TEST_F(ConsoleUiTest, TheCannedDialogAddsAndShowsTheServersRefusal) {
    ASSERT_NO_FATAL_FAILURE(open_working_chat());
    ASSERT_TRUE(http().respond("GET /api/v1/canned", 200, kCannedList));
    ASSERT_TRUE(imgui.click(app, "canned:open"));
    ASSERT_TRUE(http().respond("GET /api/v1/canned", 200, kCannedList));  // opening refreshes
    imgui.frames(app);
    EXPECT_TRUE(imgui.visible("canned:edit#3"));   // mine
    EXPECT_FALSE(imgui.visible("canned:edit#2"));  // shared: supervisors only
    EXPECT_FALSE(imgui.visible("canned:delete#2"));
    ASSERT_TRUE(imgui.click(app, "canned:add"));
    EXPECT_FALSE(imgui.visible("canned:shared"));  // agents make personal replies only
    ASSERT_TRUE(imgui.click(app, "canned:shortcut"));
    imgui.type(app, "thanks");
    ASSERT_TRUE(imgui.click(app, "canned:body"));
    imgui.type(app, "Cheers!");
    ASSERT_TRUE(imgui.click(app, "canned:save"));
    const auto* req = http().find("POST /api/v1/canned");
    ASSERT_NE(req, nullptr);
    auto body = sb::protocol::decode<sb::protocol::CannedCreateRequest>(req->body);
    EXPECT_EQ(body.shortcut, "thanks");
    EXPECT_EQ(body.body, "Cheers!");
    EXPECT_FALSE(body.shared);
    http().respond(
        "POST /api/v1/canned", 409,
        R"({"error":{"code":"conflict","message":"you already have a canned reply /thanks"}})");
    imgui.frames(app);
    EXPECT_NE(app.state_json().find("you already have a canned reply /thanks"), std::string::npos);
    EXPECT_TRUE(imgui.visible("canned:save"));  // the form stays for a fix

    // Delete asks first, then calls the server; the list is fetched again.
    ASSERT_TRUE(imgui.click(app, "canned:delete#3"));
    EXPECT_EQ(http().find("DELETE /api/v1/canned/3"), nullptr);
    ASSERT_TRUE(imgui.click(app, "canned:confirm-delete#3"));
    ASSERT_NE(http().find("DELETE /api/v1/canned/3"), nullptr);
    http().respond("DELETE /api/v1/canned/3", 204, "");
    imgui.frames(app);
    EXPECT_NE(http().find("GET /api/v1/canned"), nullptr);
    imgui.key(app, ImGuiKey_Escape);
    EXPECT_FALSE(imgui.visible("canned:add"));
}

TEST_F(ConsoleUiTest, HistoryShowsSignedNamesAndOpensLinks) {
    auto contact = message(1, 22, "See https://example.com/order/7 please");
    auto reply = message(2, 22, "On it", sb::protocol::AuthorType::staff);
    reply.signed_ = true;
    ASSERT_NO_FATAL_FAILURE(open_working_chat({contact, reply}));
    const auto* link = sb::ui::find_automation_item("link#1#0");
    ASSERT_NE(link, nullptr);
    EXPECT_EQ(link->label, "https://example.com/order/7");
    imgui.click(app, "link#1#0");
    ASSERT_EQ(platform.opened_urls.size(), 1u);
    EXPECT_EQ(platform.opened_urls[0], "https://example.com/order/7");
}

TEST_F(ConsoleUiTest, ScrollingUpLoadsOlderMessagesAndNewOnesStayPinned) {
    ASSERT_NO_FATAL_FAILURE(log_in({}, {working_chat(22, alice, kT0)}));
    imgui.click(app, "tab:working");
    imgui.click(app, "chatrow#22");
    sb::protocol::MessagePage newest;
    for (int i = 51; i <= 100; ++i)
        newest.messages.push_back(message(
            i, 22, "message " + std::to_string(i) + " see http://e.x/" + std::to_string(i)));
    newest.next_before = 51;
    http().respond("GET /api/v1/chats/22/messages", 200, encode(newest));
    imgui.frames(app, 4);
    EXPECT_TRUE(imgui.visible("link#100#0"));  // opens at the bottom
    EXPECT_FALSE(imgui.visible("link#51#0"));
    EXPECT_EQ(http().find("GET /api/v1/chats/22/messages"), nullptr);  // no older page yet
    const auto* composer = sb::ui::find_automation_item("chat:composer");
    ASSERT_NE(composer, nullptr);
    ImGui::GetIO().AddMousePosEvent(composer->x + 50, composer->y - 200);  // over the history
    for (int i = 0; i < 200 && !http().find("GET /api/v1/chats/22/messages?limit=50&before=51");
         ++i) {
        ImGui::GetIO().AddMouseWheelEvent(0, 5.0f);
        imgui.frame(app);
    }
    ASSERT_NE(http().find("GET /api/v1/chats/22/messages?limit=50&before=51"), nullptr);
    EXPECT_TRUE(imgui.visible("link#51#0"));
    sb::protocol::MessagePage older;
    for (int i = 1; i <= 50; ++i)
        older.messages.push_back(
            message(i, 22, "old " + std::to_string(i) + " http://e.x/" + std::to_string(i)));
    http().respond("GET /api/v1/chats/22/messages", 200, encode(older));
    imgui.frames(app);
    EXPECT_TRUE(imgui.visible("link#51#0"));  // the same messages stay under the eyes
    EXPECT_FALSE(imgui.visible("link#1#0"));
    // A new message while the view is not at the bottom does not yank it down...
    sb::protocol::Event e;
    e.seq = 50;
    e.type = sb::protocol::EventType::message_created;
    e.message = message(101, 22, "newest http://e.x/101");
    platform.server_sends(encode(e));
    imgui.frames(app);
    EXPECT_FALSE(imgui.visible("link#101#0"));
}

TEST_F(ConsoleUiTest, NewMessagesFollowAViewAtTheBottom) {
    ASSERT_NO_FATAL_FAILURE(open_working_chat({message(1, 22, "first http://e.x/1")}));
    sb::protocol::Event e;
    e.type = sb::protocol::EventType::message_created;
    for (int i = 2; i <= 40; ++i) {
        e.seq = i;
        e.message = message(i, 22, "more http://e.x/" + std::to_string(i));
        platform.server_sends(encode(e));
        imgui.frame(app);
    }
    imgui.frames(app);
    EXPECT_TRUE(imgui.visible("link#40#0"));
    EXPECT_FALSE(imgui.visible("link#1#0"));
}

TEST_F(ConsoleUiTest, TransferDialogFindsStaffAndTransfers) {
    ASSERT_NO_FATAL_FAILURE(open_working_chat());
    ASSERT_TRUE(imgui.click(app, "chat:transfer"));
    ASSERT_TRUE(imgui.visible("transfer:input"));
    imgui.type(app, "bo");
    ASSERT_NE(http().find("GET /api/v1/staff?q=bo"), nullptr);
    auto bob = staff(2, "Bob");
    auto carol = staff(3, "Carol");
    carol.presence = sb::protocol::Presence::offline;
    http().respond("GET /api/v1/staff?q=bo", 200, encode(sb::protocol::StaffList{{carol, bob}}));
    http().respond("GET /api/v1/staff?q=", 200, encode(sb::protocol::StaffList{{}}));
    imgui.frames(app);
    const auto* b = sb::ui::find_automation_item("transfer:staff#2");
    const auto* c = sb::ui::find_automation_item("transfer:staff#3");
    ASSERT_TRUE(b && c);
    EXPECT_LT(b->y, c->y);  // online first
    EXPECT_EQ(b->label, "Bob (online)");
    sb::protocol::Event away;
    away.seq = 40;
    away.type = sb::protocol::EventType::presence_changed;
    away.staff = bob;
    away.staff->presence = sb::protocol::Presence::away;
    platform.server_sends(encode(away));
    imgui.frames(app);
    EXPECT_EQ(sb::ui::find_automation_item("transfer:staff#2")->label, "Bob (away)");  // live
    imgui.click(app, "transfer:staff#2");
    imgui.click(app, "transfer:submit");
    const auto* req = http().find("POST /api/v1/chats/22/transfer");
    ASSERT_NE(req, nullptr);
    auto body = sb::protocol::decode<sb::protocol::TransferRequest>(req->body);
    EXPECT_EQ(body.staff_id, 2);
    EXPECT_FALSE(body.queue_id.has_value());
    http().respond("POST /api/v1/chats/22/transfer", 403,
                   R"({"error":{"code":"forbidden","message":"Bob is not in this queue"}})");
    imgui.frames(app);
    EXPECT_TRUE(imgui.visible("transfer:submit"));  // stays open with the error
    EXPECT_NE(app.state_json().find("Bob is not in this queue"), std::string::npos);
    imgui.key(app, ImGuiKey_Escape);
    EXPECT_FALSE(imgui.visible("transfer:submit"));
}

TEST_F(ConsoleUiTest, DeleteAsksThenOffersUndo) {
    ASSERT_NO_FATAL_FAILURE(open_working_chat());
    ASSERT_TRUE(imgui.click(app, "chat:delete"));
    EXPECT_EQ(http().find("DELETE /api/v1/chats/22"), nullptr);  // not before confirming
    ASSERT_TRUE(imgui.click(app, "delete:confirm"));
    auto deleted = working_chat(22, alice, kT0);
    deleted.deleted = true;
    deleted.version = 3;
    ASSERT_TRUE(http().respond("DELETE /api/v1/chats/22", 200, encode(deleted)));
    EXPECT_EQ(sb::ui::find_automation_item("tab:working")->label, "Working On (1)");
    imgui.frames(app);
    EXPECT_EQ(sb::ui::find_automation_item("tab:working")->label, "Working On (0)");
    imgui.frames(app);
    EXPECT_FALSE(imgui.visible("chatrow#22"));
    ASSERT_TRUE(imgui.click(app, "toast:undo"));
    EXPECT_TRUE(http().was_requested("POST /api/v1/chats/22/restore"));
}

TEST_F(ConsoleUiTest, ToolbarActionsCallTheApi) {
    ASSERT_NO_FATAL_FAILURE(open_working_chat());
    imgui.click(app, "chat:unread");
    EXPECT_TRUE(http().was_requested("POST /api/v1/chats/22/unread"));
    imgui.click(app, "chatrow#22");
    imgui.click(app, "chat:return");
    EXPECT_TRUE(http().was_requested("POST /api/v1/chats/22/return"));
}

TEST_F(ConsoleUiTest, SearchByIdAndCtrlK) {
    ASSERT_NO_FATAL_FAILURE(log_in());
    imgui.key(app, ImGuiKey_K, ImGuiMod_Ctrl);
    imgui.type(app, "#404");
    imgui.click(app, "search:button");
    ASSERT_TRUE(http().respond("GET /api/v1/chats/404", 404,
                               R"({"error":{"code":"not_found","message":"no"}})"));
    imgui.frames(app);
    EXPECT_NE(app.state_json().find("Chat #404 does not exist."), std::string::npos);
}

TEST_F(ConsoleUiTest, SupervisorRestoresADeletedChat) {
    alice.role = sb::protocol::Role::supervisor;
    ASSERT_NO_FATAL_FAILURE(log_in());
    imgui.click(app, "search:input");
    imgui.type(app, "#8");
    imgui.key(app, ImGuiKey_Enter);
    auto deleted = pending_chat(8, kT0);
    deleted.deleted = true;
    deleted.version = 4;
    ASSERT_TRUE(http().respond("GET /api/v1/chats/8", 200, encode(deleted)));
    imgui.frames(app);
    EXPECT_FALSE(imgui.visible("chat:composer"));
    ASSERT_TRUE(imgui.click(app, "chat:restore"));
    EXPECT_TRUE(http().was_requested("POST /api/v1/chats/8/restore"));
}

TEST_F(ConsoleUiTest, SupervisorListsDeletedChatsAndRestoresOne) {
    alice.role = sb::protocol::Role::supervisor;
    ASSERT_NO_FATAL_FAILURE(log_in());
    ASSERT_TRUE(imgui.click(app, "tab:deleted"));
    auto deleted = pending_chat(8, kT0);
    deleted.deleted = true;
    deleted.version = 4;
    ASSERT_TRUE(
        http().respond("GET /api/v1/chats?view=deleted", 200, encode(page({deleted}, {0, 0, 0}))));
    imgui.frames(app);
    ASSERT_TRUE(imgui.click(app, "restore#8"));
    auto restored = pending_chat(8, kT0);
    restored.version = 5;
    ASSERT_TRUE(http().respond("POST /api/v1/chats/8/restore", 200, encode(restored)));
    imgui.frames(app);
    EXPECT_FALSE(imgui.visible("restore#8"));
    imgui.click(app, "search:clear");
    EXPECT_TRUE(imgui.visible("chatrow#8"));  // back in Pending
}

TEST_F(ConsoleUiTest, SupervisorSwitchesWorkingOnToAllStaff) {
    alice.role = sb::protocol::Role::supervisor;
    ASSERT_NO_FATAL_FAILURE(log_in());
    ASSERT_TRUE(imgui.click(app, "tab:working"));
    ASSERT_TRUE(imgui.click(app, "working:scope"));
    ASSERT_TRUE(http().respond("GET /api/v1/chats?view=working&scope=all", 200,
                               encode(page({working_chat(30, staff(2, "Bob"), kT0)}, {1, 0, 0}))));
    imgui.frames(app);
    EXPECT_TRUE(imgui.visible("chatrow#30"));
}

TEST_F(ConsoleUiTest, AgentsHaveNoDeletedList) {
    ASSERT_NO_FATAL_FAILURE(log_in());
    EXPECT_FALSE(imgui.visible("tab:deleted"));
}

TEST_F(ConsoleUiTest, AutomationItemsAreInCssPixelsOnScreen) {
    ASSERT_NO_FATAL_FAILURE(log_in({pending_chat(22, kT0)}));
    const auto* item = sb::ui::find_automation_item("accept#22");
    ASSERT_NE(item, nullptr);
    EXPECT_GT(item->w, 10);
    EXPECT_GT(item->h, 10);
    EXPECT_GE(item->x, 0);
    EXPECT_LE(item->x + item->w, 1280);
    EXPECT_NE(sb::ui::automation_items_json().find(
                  "\"id\":\"accept#22\",\"label\":\"\xef\x80\x8c Accept\""),
              std::string::npos);
}

TEST_F(ConsoleUiTest, IdleAppAsksForNoFrames) {
    ASSERT_NO_FATAL_FAILURE(log_in());  // nothing ticking: no pending chats, no toasts
    platform.frame_after.clear();
    const int before = platform.frames_requested;
    imgui.frame(app);
    EXPECT_EQ(platform.frames_requested, before);
    for (double s : platform.frame_after) EXPECT_GE(s, 50.0);  // only the 60 s watchdog
}

}  // namespace

TEST(AutomationLabels, SplitsIdAndLabelByConvention) {
    auto p = sb::ui::parse_item_label("Accept##accept#22");
    EXPECT_EQ(p.id, "accept#22");
    EXPECT_EQ(p.label, "Accept");
    p = sb::ui::parse_item_label("##search:input");
    EXPECT_EQ(p.id, "search:input");
    EXPECT_EQ(p.label, "");
    p = sb::ui::parse_item_label("Pending (3)###tab:pending");
    EXPECT_EQ(p.id, "tab:pending");
    EXPECT_EQ(p.label, "Pending (3)");
    p = sb::ui::parse_item_label("Logout");
    EXPECT_EQ(p.id, "Logout");
    EXPECT_EQ(p.label, "Logout");
}

TEST_F(ConsoleUiTest, WheelScrollsTheList) {
    std::vector<sb::protocol::Chat> many;
    for (int i = 1; i <= 200; ++i) many.push_back(pending_chat(i, kT0 - 1'000'000 + i * 1000));
    ASSERT_NO_FATAL_FAILURE(log_in(many));
    ASSERT_TRUE(imgui.visible("chatrow#1"));
    ImGui::GetIO().AddMousePosEvent(200, 400);
    for (int i = 0; i < 30; ++i) {
        ImGui::GetIO().AddMouseWheelEvent(0, -3.0f);
        imgui.frame(app);
    }
    EXPECT_FALSE(imgui.visible("chatrow#1"));
    EXPECT_TRUE(http().find("GET /api/v1/chats?view=pending") == nullptr);  // no more pages
}

TEST_F(ConsoleUiTest, WheelScrollsTheListWithAChatOpen) {
    std::vector<sb::protocol::Chat> many;
    for (int i = 1; i <= 200; ++i) many.push_back(pending_chat(i, kT0 - 1'000'000 + i * 1000));
    ASSERT_NO_FATAL_FAILURE(log_in(many));
    imgui.click(app, "chatrow#1");
    http().respond("GET /api/v1/chats/1/messages", 200, R"({"messages":[]})");
    imgui.frames(app);
    ImGui::GetIO().AddMousePosEvent(200, 400);
    for (int i = 0; i < 30; ++i) {
        ImGui::GetIO().AddMouseWheelEvent(0, -3.0f);
        imgui.frame(app);
    }
    EXPECT_FALSE(imgui.visible("chatrow#1"));
}
