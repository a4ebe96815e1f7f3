// The semantic tree (ui/semantics.h) of real console frames: the accessible names table of
// issue 13 row by row, the structure the DOM mirror builds on (landmarks, tablist, list with its
// true size, the "Conversation" log, dialogs), and commands from the mirror taking ImGui's
// activation path (a press is the same intent as a click; focus makes a text field active).
#include <gtest/gtest.h>

#include "../unit/client_test_support.h"
#include "platform/native/fake_platform.h"
#include "protocol/json.h"
#include "ui/headless_imgui.h"
#include "ui/semantics.h"

namespace {

using namespace sb::test;
using sb::platform::FakePlatform;
using sb::protocol::encode;
namespace sem = sb::ui::semantics;

class SemanticsUiTest : public ::testing::Test {
  protected:
    SemanticsUiTest() : app(platform) {}

    sb::platform::FakeHttp& http() { return platform.http_fake; }

    const sem::Node& node(const std::string& key) {
        const sem::Node* n = sem::tree().find(key);
        if (n == nullptr) {
            ADD_FAILURE() << "no node " << key;
            static const sem::Node none;
            return none;
        }
        return *n;
    }
    const sem::Node* parent(const sem::Node& n) {
        return n.parent >= 0 ? &sem::tree().nodes[static_cast<size_t>(n.parent)] : nullptr;
    }
    // The nearest ancestor with this role.
    const sem::Node* ancestor(const sem::Node& n, const std::string& role) {
        for (const sem::Node* p = parent(n); p; p = parent(*p))
            if (p->role == role) return p;
        return nullptr;
    }
    // A command from the mirror, applied between frames as the web platform does.
    void command(sem::Command c, const std::string& key) {
        ASSERT_TRUE(sem::apply_command(c, key)) << key;
        imgui.frames(app, 3);
    }

    void log_in(std::vector<sb::protocol::Chat> pending = {},
                std::vector<sb::protocol::Chat> working = {}) {
        http().respond("GET /healthz", 200, "{}");
        imgui.frames(app);
        // By the mirror's path only: focus the fields, type, press the button.
        command(sem::Command::focus, "login:user");
        imgui.type(app, "alice");
        command(sem::Command::focus, "login:password");
        imgui.type(app, "demo");
        command(sem::Command::activate, "login:submit");
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

    void open_working_chat(std::vector<sb::protocol::Message> messages = {}) {
        ASSERT_NO_FATAL_FAILURE(log_in({}, {working_chat(22, alice, kT0)}));
        command(sem::Command::activate, "tab:working");
        command(sem::Command::activate, "chatrow#22");
        sb::protocol::MessagePage p;
        p.messages = std::move(messages);
        http().respond("GET /api/v1/chats/22/messages", 200, encode(p));
        imgui.frames(app);
    }

    FakePlatform platform;
    sb::test::HeadlessImGui imgui;
    sb::ui::App app;
    sb::protocol::Staff alice = staff(1, "Alice Martin");
};

TEST_F(SemanticsUiTest, LoginScreenHasNamedFieldsAndButton) {
    http().respond("GET /healthz", 200, "{}");
    imgui.frames(app);
    EXPECT_EQ(node("login:user").role, "textbox");
    EXPECT_EQ(node("login:user").name, "Login");
    EXPECT_EQ(node("login:password").name, "Password");
    EXPECT_EQ(node("login:password").kind, sem::Kind::password);
    EXPECT_EQ(node("login:submit").role, "button");
    EXPECT_EQ(node("login:submit").name, "Log in");
    ASSERT_NE(ancestor(node("login:submit"), "main"), nullptr);
}

TEST_F(SemanticsUiTest, LoggingInByTheMirrorsCommandsOnly) {
    ASSERT_NO_FATAL_FAILURE(log_in());  // asserts the login request carries what was typed
}

TEST_F(SemanticsUiTest, ConsoleFollowsTheNamesTable) {
    auto waiting = pending_chat(13, kT0 - 125'000);
    waiting.contact.name = "Olga Ivanova";
    ASSERT_NO_FATAL_FAILURE(log_in({waiting, pending_chat(14, kT0)}));
    command(sem::Command::activate, "tab:pending");
    EXPECT_EQ(node("search:input").role, "searchbox");
    EXPECT_EQ(node("search:input").name, "Search");
    EXPECT_EQ(node("search:button").name, "Search");
    ASSERT_NE(ancestor(node("search:input"), "banner"), nullptr);
    EXPECT_EQ(node("status:connection").role, "status");
    EXPECT_EQ(node("me:presence").role, "combobox");
    EXPECT_EQ(node("me:presence").name, "Presence");
    EXPECT_EQ(node("me:sign").role, "checkbox");
    EXPECT_EQ(node("me:sign").name, "Sign");

    const sem::Node& working = node("tab:working");
    EXPECT_EQ(working.role, "tab");
    EXPECT_EQ(working.name, "Working On (0)");
    EXPECT_EQ(working.selected, 0);
    EXPECT_EQ(node("tab:pending").name, "Pending (2)");
    EXPECT_EQ(node("tab:pending").selected, 1);
    EXPECT_EQ(node("tab:resolved").name, "Resolved (0)");
    ASSERT_NE(ancestor(working, "tablist"), nullptr);
    ASSERT_NE(ancestor(working, "navigation"), nullptr);

    const sem::Node& row = node("chatrow#13");
    EXPECT_EQ(row.name, "#13 Olga Ivanova, Support, waiting 2 minutes, unread");
    const sem::Node* item = ancestor(row, "listitem");
    ASSERT_NE(item, nullptr);
    EXPECT_EQ(item->setsize, 2);
    EXPECT_EQ(item->posinset, 1);
    EXPECT_NE(ancestor(row, "list"), nullptr);
    EXPECT_EQ(node("accept#13").name, "Accept #13");
    EXPECT_EQ(ancestor(node("accept#13"), "listitem"), item);

    // Activating "Accept #13" is the click's intent.
    command(sem::Command::activate, "accept#13");
    EXPECT_TRUE(http().was_requested("POST /api/v1/chats/13/accept"));
}

TEST_F(SemanticsUiTest, OpenChatHasToolbarComposerAndConversationLog) {
    auto from_contact = message(1, 22, "Where is my order?");
    from_contact.author.name = "Olga Ivanova";
    auto note = message(2, 22, "VIP customer", sb::protocol::AuthorType::staff);
    note.kind = sb::protocol::MessageKind::note;
    note.author.name = "Alice Martin";
    auto system = message(3, 22, "Alice Martin accepted", sb::protocol::AuthorType::system);
    system.kind = sb::protocol::MessageKind::system;
    ASSERT_NO_FATAL_FAILURE(open_working_chat({from_contact, note, system}));

    for (const auto& [key, name] :
         std::vector<std::pair<std::string, std::string>>{{"chat:transfer", "Transfer"},
                                                          {"chat:delete", "Delete"},
                                                          {"chat:unread", "Mark as unread"},
                                                          {"chat:return", "Return"},
                                                          {"chat:resolve", "Resolve"},
                                                          {"chat:close", "Close chat"},
                                                          {"chat:send", "Send"}}) {
        EXPECT_EQ(node(key).role, "button") << key;
        EXPECT_EQ(node(key).name, name) << key;
        EXPECT_NE(ancestor(node(key), "main"), nullptr) << key;
    }
    EXPECT_EQ(node("chat:composer").name, "Reply");
    EXPECT_EQ(node("chat:composer").kind, sem::Kind::multiline);
    EXPECT_EQ(node("chat:note").role, "checkbox");
    EXPECT_EQ(node("chat:note").checked, 0);

    const sem::Node& log = node("log:conversation");
    EXPECT_EQ(log.role, "log");
    EXPECT_EQ(log.name, "Conversation");
    EXPECT_EQ(node("msg#1").name, "Olga Ivanova: Where is my order?");
    EXPECT_EQ(node("msg#2").name, "Alice Martin, note: VIP customer");
    EXPECT_EQ(node("msg#3").name, "System: Alice Martin accepted");
    EXPECT_EQ(ancestor(node("msg#1"), "log"), &log);

    // Typing adds nothing to the log; the tree stays the same while idle.
    command(sem::Command::focus, "chat:composer");
    const std::string before = sem::tree_json(sem::tree());
    imgui.frames(app, 3);
    EXPECT_EQ(sem::tree_json(sem::tree()), before);  // nothing changes: the mirror sends nothing
    imgui.type(app, "On it");
    size_t messages = 0;
    for (const auto& n : sem::tree().nodes) messages += n.key.rfind("msg#", 0) == 0;
    EXPECT_EQ(messages, 3u);
    EXPECT_TRUE(node("chat:composer").active_text);
    // Enter in the focused composer sends what was typed.
    imgui.key(app, ImGuiKey_Enter);
    const auto* req = http().find("POST /api/v1/chats/22/messages");
    ASSERT_NE(req, nullptr);
    EXPECT_EQ(sb::protocol::decode<sb::protocol::SendMessageRequest>(req->body).body, "On it");
}

TEST_F(SemanticsUiTest, FocusMovesEditingOutOfATextField) {
    ASSERT_NO_FATAL_FAILURE(open_working_chat());
    command(sem::Command::focus, "chat:composer");
    imgui.type(app, "draft");
    EXPECT_TRUE(node("chat:composer").active_text);
    command(sem::Command::focus, "chat:send");  // Tab to Send
    EXPECT_FALSE(node("chat:composer").active_text);
    EXPECT_EQ(sem::focused_key(), "chat:send");
    imgui.type(app, "x");  // lands nowhere
    command(sem::Command::activate, "chat:send");
    const auto* req = http().find("POST /api/v1/chats/22/messages");
    ASSERT_NE(req, nullptr);
    EXPECT_EQ(sb::protocol::decode<sb::protocol::SendMessageRequest>(req->body).body, "draft");
}

// The mirror moving DOM focus itself (following ImGui, entering a dialog) moves only the outline:
// a late one must not take back a field the user has since made active.
TEST_F(SemanticsUiTest, FollowMovesTheOutlineNotImGuisFocus) {
    ASSERT_NO_FATAL_FAILURE(open_working_chat());
    command(sem::Command::focus, "chat:composer");
    command(sem::Command::follow, "search:input");
    EXPECT_EQ(sem::focused_key(), "search:input");
    EXPECT_TRUE(node("chat:composer").active_text);
    EXPECT_FALSE(node("search:input").active_text);
    imgui.type(app, "still here");
    imgui.key(app, ImGuiKey_Enter);
    const auto* req = http().find("POST /api/v1/chats/22/messages");
    ASSERT_NE(req, nullptr);
    EXPECT_EQ(sb::protocol::decode<sb::protocol::SendMessageRequest>(req->body).body, "still here");
}

TEST_F(SemanticsUiTest, DialogsAreModalAndNamed) {
    ASSERT_NO_FATAL_FAILURE(open_working_chat());
    command(sem::Command::activate, "chat:transfer");
    const sem::Node& dialog = node("dialog:transfer");
    EXPECT_EQ(dialog.role, "dialog");
    EXPECT_EQ(dialog.name, "Transfer chat #22");
    EXPECT_TRUE(dialog.modal);
    EXPECT_EQ(node("transfer:input").name, "Staff member");
    EXPECT_EQ(node("transfer:queue").role, "combobox");
    EXPECT_EQ(node("transfer:queue").name, "Queue");
    EXPECT_EQ(node("transfer:submit").name, "Transfer");
    EXPECT_EQ(ancestor(node("transfer:submit"), "dialog"), &dialog);
    // The queue combo opens by activation; its options are named by queue.
    command(sem::Command::activate, "transfer:queue");
    EXPECT_EQ(node("transfer:queue").expanded, 1);
    EXPECT_EQ(node("transfer:queue#2").role, "option");
    EXPECT_EQ(node("transfer:queue#2").name, "Sales");
    command(sem::Command::activate, "transfer:queue#2");
    command(sem::Command::activate, "transfer:submit");
    const auto* req = http().find("POST /api/v1/chats/22/transfer");
    ASSERT_NE(req, nullptr);
    EXPECT_EQ(sb::protocol::decode<sb::protocol::TransferRequest>(req->body).queue_id, 2);
    command(sem::Command::activate, "transfer:cancel");
    EXPECT_EQ(sem::tree().find("dialog:transfer"), nullptr);

    command(sem::Command::activate, "chat:delete");
    const sem::Node& del = node("dialog:delete");
    EXPECT_EQ(del.name, "Delete chat #22?");
    EXPECT_TRUE(del.modal);
    EXPECT_EQ(node("delete:confirm").name, "Delete");
    EXPECT_EQ(node("delete:cancel").name, "Cancel");
    command(sem::Command::activate, "delete:confirm");
    EXPECT_TRUE(http().was_requested("DELETE /api/v1/chats/22"));
}

TEST_F(SemanticsUiTest, EveryControlHasAName) {
    ASSERT_NO_FATAL_FAILURE(open_working_chat({message(1, 22, "Hi")}));
    size_t controls = 0;
    for (const auto& n : sem::tree().nodes) {
        if (n.kind == sem::Kind::container || n.kind == sem::Kind::text) continue;
        ++controls;
        EXPECT_FALSE(n.name.empty()) << n.key;
        EXPECT_FALSE(n.role.empty()) << n.key;
        EXPECT_GT(n.w, 0) << n.key;
    }
    EXPECT_GT(controls, 15u);
}

TEST(SpokenText, DurationsInWords) {
    EXPECT_EQ(sem::spoken_duration(12), "less than a minute");
    EXPECT_EQ(sem::spoken_duration(60), "1 minute");
    EXPECT_EQ(sem::spoken_duration(24 * 60 + 30), "24 minutes");
    EXPECT_EQ(sem::spoken_duration(2 * 3600 + 5 * 60), "2 hours 5 minutes");
    EXPECT_EQ(sem::spoken_duration(3600), "1 hour");
    EXPECT_EQ(sem::spoken_duration(26 * 3600), "1 day 2 hours");
}

TEST(SpokenText, IconsAreStrippedFromLabels) {
    EXPECT_EQ(sem::strip_icons("\xEF\x80\x8C Accept"), "Accept");  // U+F00C
    EXPECT_EQ(sem::strip_icons("Logout \xEF\x82\x8B"), "Logout");  // U+F08B
    EXPECT_EQ(sem::strip_icons("Olga \xC3\xA9 \xE2\x80\xA6"), "Olga \xC3\xA9 \xE2\x80\xA6");
}

TEST(SpokenText, TableRowsWithIds) {
    sem::NameEntry e;
    ASSERT_TRUE(sem::lookup_name("accept#22", "x Accept", e));
    EXPECT_EQ(e.name, "Accept #22");
    ASSERT_TRUE(sem::lookup_name("presence:Away", "Away", e));
    EXPECT_EQ(e.role, "option");
    EXPECT_EQ(e.name, "Away");
    EXPECT_FALSE(sem::lookup_name("accept#", "", e));
    EXPECT_FALSE(sem::lookup_name("unknown:thing", "", e));
}

}  // namespace
