// The kiosk's display token (issue 6) on a real server on loopback: a token made by the admin
// CLI (`switchboard-server admin make-display-token`, run in-process) reads /stats and follows the
// staff event stream (without message text); every write it tries is refused and leaves no trace,
// and the contact stream refuses it. (Who may call which endpoint, for every kind of caller, is
// the matrix of permissions_test.cpp.)
#include <gtest/gtest.h>

#include <iostream>
#include <sstream>

#include "live_server.h"
#include "protocol/json.h"
#include "server/core.h"
#include "temp_db.h"

using namespace sb::test;
using namespace sb::protocol;

namespace {

// Runs the admin CLI (`switchboard-server admin ...`, the same code as the binary's) on the
// database; returns what it printed.
std::string admin_cli(std::vector<std::string> args) {
    args.insert(args.begin(), "admin");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    std::ostringstream out;
    std::streambuf* old = std::cout.rdbuf(out.rdbuf());
    const int code = sb::server::run_admin_cli(static_cast<int>(argv.size()), argv.data());
    std::cout.rdbuf(old);
    std::string text = out.str();
    if (code != 0) throw std::runtime_error("admin CLI failed: " + text);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
}

class DisplayTokenTest : public ::testing::Test {
  protected:
    void SetUp() override {
        seeded_ = seed(db_.database());
        display_ = admin_cli({"make-display-token", "--label", "wall screen", "--db", db_.database()});
        server_ = std::make_unique<LiveServer>(db_.database());
        port_ = server_->port();
    }

    ContactStartResponse start_chat(const std::string& name) {
        ContactStartRequest r;
        r.name = name;
        r.body = "Hello";
        auto reply = post(port_, "/api/v1/contact/chats", encode(r));
        EXPECT_EQ(reply.status, 201) << reply.body;
        return decode<ContactStartResponse>(reply.body);
    }
    Chat chat_as_supervisor(Id id) {
        auto r = get(port_, "/api/v1/chats/" + std::to_string(id), seeded_.sessions.at("sam"));
        EXPECT_EQ(r.status, 200) << r.body;
        return decode<Chat>(r.body);
    }

    TempDb db_;
    Seeded seeded_;
    std::string display_;
    std::unique_ptr<LiveServer> server_;
    std::uint16_t port_ = 0;
};

TEST_F(DisplayTokenTest, TheCliMakesADisplayTokenThatReadsStats) {
    EXPECT_EQ(display_.rfind("sbd_", 0), 0u) << display_;
    start_chat("Jan");
    auto r = get(port_, "/api/v1/stats", display_);
    ASSERT_EQ(r.status, 200) << r.body;
    const Stats st = decode<Stats>(r.body);
    EXPECT_EQ(st.pending_total, 1);
    EXPECT_EQ(get(port_, "/api/v1/stats", display_ + "x").status, 401);
    EXPECT_EQ(get(port_, "/api/v1/stats").status, 401);
}

TEST_F(DisplayTokenTest, TheDisplayTokenFollowsTheEventStreamWithoutMessageText) {
    WsClient ws(port_, "/api/v1/events");
    ws.hello(display_, 0);
    auto started = start_chat("Jan");
    std::vector<Event> seen;
    auto created = wait_for_event(ws, EventType::chat_created, &seen);
    ASSERT_TRUE(created);
    EXPECT_EQ(created->chat->id, started.chat_id);
    post(port_, "/api/v1/chats/" + std::to_string(started.chat_id) + "/accept", "",
         seeded_.sessions.at("alice"));
    ASSERT_TRUE(wait_for_event(ws, EventType::chat_updated, &seen));
    for (const auto& e : seen) {
        EXPECT_NE(e.type, EventType::message_created);
        EXPECT_FALSE(e.message);
    }
}

TEST_F(DisplayTokenTest, RefusedWritesChangeNothing) {
    const auto started = start_chat("Jan");
    const std::string id = std::to_string(started.chat_id);
    const Chat before = chat_as_supervisor(started.chat_id);
    WsClient watcher(port_, "/api/v1/events");  // a supervisor sees any change as an event
    watcher.hello(seeded_.sessions.at("sam"), 0);
    while (watcher.next(std::chrono::milliseconds(300))) {
    }

    const std::string q = std::to_string(seeded_.support);
    const std::string other = std::to_string(seeded_.staff.at("bob"));
    struct Call {
        const char* method;
        std::string target;
        std::string body;
    };
    // Every call that would change something (the full read/write matrix of who may call what
    // is permissions_test.cpp; here: refused writes leave no trace).
    const std::vector<Call> calls = {
        {"PATCH", "/api/v1/me", R"({"presence":"online"})"},
        {"POST", "/api/v1/auth/logout", ""},
        {"POST", "/api/v1/chats/" + id + "/messages",
         R"({"body":"hi","client_id":"d1","kind":"text"})"},
        {"POST", "/api/v1/chats/" + id + "/messages",
         R"({"body":"n","client_id":"d2","kind":"note"})"},
        {"POST", "/api/v1/chats/" + id + "/accept", ""},
        {"POST", "/api/v1/chats/" + id + "/transfer", R"({"staff_id":)" + other + "}"},
        {"POST", "/api/v1/chats/" + id + "/transfer", R"({"queue_id":)" + q + "}"},
        {"POST", "/api/v1/chats/" + id + "/return", ""},
        {"POST", "/api/v1/chats/" + id + "/resolve", ""},
        {"POST", "/api/v1/chats/" + id + "/read", ""},
        {"POST", "/api/v1/chats/" + id + "/unread", ""},
        {"POST", "/api/v1/chats/" + id + "/typing", ""},
        {"DELETE", "/api/v1/chats/" + id, ""},
        {"POST", "/api/v1/chats/" + id + "/restore", ""},
        {"POST", "/api/v1/contact/chats/" + id + "/messages", R"({"body":"x","client_id":"d3"})"},
        {"POST", "/api/v1/contact/chats/" + id + "/typing", ""},
    };
    for (const auto& c : calls) {
        Request r;
        r.method = c.method;
        r.target = c.target;
        r.body = c.body;
        r.token = display_;
        const Reply reply = http(port_, r);
        EXPECT_TRUE(reply.status == 401 || reply.status == 403)
            << c.method << " " << c.target << " answered " << reply.status << " " << reply.body;
        EXPECT_TRUE(reply.error_code() == "forbidden" || reply.error_code() == "unauthorized")
            << c.method << " " << c.target << ": " << reply.body;
    }

    // The contact's event stream does not take it either.
    WsClient contact_ws(port_, "/api/v1/contact/events");
    contact_ws.send(encode(Hello{display_, 0}));
    contact_ws.start_reading();
    auto refused = contact_ws.next();
    ASSERT_TRUE(refused);
    EXPECT_NE(refused->find("\"forbidden\""), std::string::npos) << *refused;

    // Nothing changed: no event, the same chat, and the token still works (logout refused).
    EXPECT_FALSE(watcher.next(std::chrono::milliseconds(500)));
    const Chat after = chat_as_supervisor(started.chat_id);
    EXPECT_EQ(after.version, before.version);
    EXPECT_EQ(after.status, ChatStatus::pending);
    EXPECT_FALSE(after.deleted);
    EXPECT_EQ(get(port_, "/api/v1/stats", display_).status, 200);
}

}  // namespace
