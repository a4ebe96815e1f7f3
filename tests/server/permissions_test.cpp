// The permission matrix: every endpoint × every kind of caller (no token, agent, supervisor,
// admin, display token, contact token), table-driven. A caller outside an endpoint's roles gets
// 401 (no token) or 403; a caller inside never does.
#include <gtest/gtest.h>

#include "live_server.h"
#include "protocol/json.h"
#include "server/auth/tokens.h"
#include "server/store/sqlite/sqlite_store.h"
#include "temp_db.h"

using namespace sb::test;
using namespace sb::protocol;

namespace {

enum Who { kNone, kAgent, kSupervisor, kAdmin, kDisplay, kContact };
const char* kWhoNames[] = {"nobody", "agent", "supervisor", "admin", "display", "contact"};

struct Endpoint {
    std::string method;
    std::string path;  // {chat} and {contact} are replaced per call
    std::string body;
    std::vector<Who> allowed;  // kNone in the list: public
};

class PermissionMatrixTest : public ::testing::Test {
  protected:
    void SetUp() override {
        seeded_ = seed(db_.path());
        server_ = std::make_unique<LiveServer>(db_.path());
        port_ = server_->port();
    }
    // A fresh Support chat that Alice (the agent) has accepted, and its contact token.
    std::pair<Id, ContactStartResponse> fresh_chat() {
        ContactStartRequest r;
        r.name = "Matrix";
        r.body = "hello";
        auto started =
            decode<ContactStartResponse>(post(port_, "/api/v1/contact/chats", encode(r)).body);
        post(port_, "/api/v1/chats/" + std::to_string(started.chat_id) + "/accept", "",
             seeded_.sessions.at("alice"));
        return {started.chat_id, started};
    }
    // A new session for a login, made directly in the database (logout ends it).
    std::string fresh_session(const std::string& login) {
        sb::server::sqlite::SqliteStore store(db_.path(), 1);
        auto token = sb::server::auth::make_token(sb::server::store::TokenRecord::Kind::staff);
        sb::server::store::TokenRecord t;
        t.kind = sb::server::store::TokenRecord::Kind::staff;
        t.staff_id = seeded_.staff.at(login);
        t.created_at = 0;
        t.expires_at = 4'102'444'800'000;
        store.write([&](sb::server::store::WriteTx& tx) { tx.insert_token(token.hash, t); });
        return token.text;
    }

    TempDb db_;
    Seeded seeded_;
    std::unique_ptr<LiveServer> server_;
    std::uint16_t port_ = 0;
};

}  // namespace

TEST_F(PermissionMatrixTest, EveryEndpointEveryRole) {
    const std::vector<Who> staff = {kAgent, kSupervisor, kAdmin};
    const std::vector<Who> chat_staff = {kAgent, kSupervisor};
    const std::vector<Endpoint> endpoints = {
        {"POST", "/api/v1/auth/logout", "", staff},
        {"GET", "/api/v1/me", "", staff},
        {"PATCH", "/api/v1/me", R"({"presence":"away"})", staff},
        {"GET", "/api/v1/staff?q=a", "", staff},
        {"GET", "/api/v1/queues", "", staff},
        {"GET", "/api/v1/stats", "", {kSupervisor, kAdmin, kDisplay}},
        {"GET", "/api/v1/chats?view=pending", "", chat_staff},
        {"GET", "/api/v1/chats?view=working&scope=all", "", {kSupervisor}},
        {"GET", "/api/v1/chats?view=deleted", "", {kSupervisor}},
        {"GET", "/api/v1/chats/search?q=hello", "", chat_staff},
        {"GET", "/api/v1/chats/{chat}", "", chat_staff},
        {"GET", "/api/v1/chats/{chat}/messages", "", chat_staff},
        {"POST", "/api/v1/chats/{chat}/messages", R"({"body":"hi","client_id":"m"})", chat_staff},
        {"POST", "/api/v1/chats/{chat}/accept", "", chat_staff},
        {"POST", "/api/v1/chats/{chat}/transfer", R"({"queue_id":2})", chat_staff},
        {"POST", "/api/v1/chats/{chat}/return", "", chat_staff},
        {"POST", "/api/v1/chats/{chat}/resolve", "", chat_staff},
        {"POST", "/api/v1/chats/{chat}/read", "", chat_staff},
        {"POST", "/api/v1/chats/{chat}/unread", "", chat_staff},
        {"POST", "/api/v1/chats/{chat}/typing", "", chat_staff},
        {"DELETE", "/api/v1/chats/{chat}", "", chat_staff},
        {"POST", "/api/v1/chats/{chat}/restore", "", chat_staff},  // the agent: her own Undo
        {"GET", "/api/v1/contacts/{contact}/chats", "", chat_staff},
        {"GET", "/api/v1/canned", "", staff},
        {"POST", "/api/v1/canned", R"({"shortcut":"matrix","body":"hi"})", staff},
        {"PATCH", "/api/v1/canned/999999", R"({"body":"hi"})", staff},  // 404 inside
        {"DELETE", "/api/v1/canned/999999", "", staff},
        {"POST",
         "/api/v1/contact/chats",
         R"({"name":"N","body":"hi"})",
         {kNone, kAgent, kSupervisor, kAdmin, kDisplay, kContact}},
        {"GET", "/api/v1/contact/chats/{chat}", "", {kContact}},
        {"GET", "/api/v1/contact/chats/{chat}/messages", "", {kContact}},
        {"POST",
         "/api/v1/contact/chats/{chat}/messages",
         R"({"body":"hi","client_id":"c"})",
         {kContact}},
        {"POST", "/api/v1/contact/chats/{chat}/typing", "", {kContact}},
    };
    int calls = 0;
    for (const auto& ep : endpoints) {
        for (Who who : {kNone, kAgent, kSupervisor, kAdmin, kDisplay, kContact}) {
            auto [chat, started] = fresh_chat();
            Request r;
            r.method = ep.method;
            r.target = ep.path;
            for (auto [key, value] : {std::pair<std::string, Id>{"{chat}", chat},
                                      {"{contact}", started.chat.contact.id}})
                if (auto at = r.target.find(key); at != std::string::npos)
                    r.target.replace(at, key.size(), std::to_string(value));
            r.body = ep.body;
            switch (who) {
                case kNone:
                    break;
                case kAgent:
                    r.token = fresh_session("alice");
                    break;
                case kSupervisor:
                    r.token = fresh_session("sam");
                    break;
                case kAdmin:
                    r.token = fresh_session("admin");
                    break;
                case kDisplay:
                    r.token = seeded_.display_token;
                    break;
                case kContact:
                    r.token = started.contact_token;
                    break;
            }
            const bool allowed =
                std::find(ep.allowed.begin(), ep.allowed.end(), who) != ep.allowed.end() ||
                std::find(ep.allowed.begin(), ep.allowed.end(), kNone) != ep.allowed.end();
            auto reply = http(port_, r);
            ++calls;
            const std::string where = ep.method + " " + ep.path + " as " + kWhoNames[who] + ": " +
                                      std::to_string(reply.status) + " " + reply.body;
            if (allowed) {
                EXPECT_NE(reply.status, 401) << where;
                EXPECT_NE(reply.status, 403) << where;
                EXPECT_LT(reply.status, 500) << where;
            } else {
                EXPECT_EQ(reply.status, who == kNone ? 401 : 403) << where;
                EXPECT_EQ(reply.error_code(), who == kNone ? "unauthorized" : "forbidden") << where;
            }
        }
    }
    EXPECT_EQ(calls, static_cast<int>(endpoints.size()) * 6);
}

TEST_F(PermissionMatrixTest, AgentsActOnlyOnPendingChatsOfTheirQueuesAndTheirOwn) {
    auto [mine, started] = fresh_chat();  // Alice's
    const auto& bob = seeded_.sessions.at("bob");
    const auto& carol = seeded_.sessions.at("carol");  // Sales: cannot see Support chats at all
    const std::string c = "/api/v1/chats/" + std::to_string(mine);
    EXPECT_EQ(post(port_, c + "/resolve", "", bob).status, 403);
    EXPECT_EQ(post(port_, c + "/return", "", bob).status, 403);
    EXPECT_EQ(get(port_, c, bob).status, 200);  // Bob may see a chat of his queue
    EXPECT_EQ(get(port_, c, carol).status, 404);
    EXPECT_EQ(post(port_, c + "/resolve", "", seeded_.sessions.at("sam")).status, 200);
}

TEST_F(PermissionMatrixTest, TheAgentWhoDeletedAChatMayUndoItOthersMayNot) {
    auto [mine, started] = fresh_chat();  // Alice's
    const auto& alice = seeded_.sessions.at("alice");
    const auto& bob = seeded_.sessions.at("bob");
    const std::string c = "/api/v1/chats/" + std::to_string(mine);
    Request del;
    del.method = "DELETE";
    del.target = c;
    del.token = alice;
    ASSERT_EQ(http(port_, del).status, 200);
    auto refused = post(port_, c + "/restore", "", bob);
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_EQ(refused.error_code(), "forbidden");
    auto undone = post(port_, c + "/restore", "", alice);  // well within the Undo window
    ASSERT_EQ(undone.status, 200) << undone.body;
    auto back = decode<Chat>(undone.body);
    EXPECT_FALSE(back.deleted);
    EXPECT_EQ(back.status, ChatStatus::working);
    ASSERT_TRUE(back.assignee);
    EXPECT_EQ(back.assignee->id, seeded_.staff.at("alice"));
}
