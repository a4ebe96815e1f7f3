// A restart with the data intact: the built switchboard-server binary is started on a fresh
// database, used, stopped with SIGTERM (graceful, exit status 0) and started again on the same
// file. Chats, messages, sessions and the event sequence survive; a client resumes across it.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include "live_server.h"
#include "protocol/json.h"
#include "temp_db.h"

using namespace sb::test;
using namespace sb::protocol;

TEST(RestartTest, DataAndTheEventStreamSurviveARestart) {
    TempDb db;
    auto seeded = seed(db.path());
    const auto& alice = seeded.sessions.at("alice");
    Id chat = 0;
    Seq seen = 0;
    {
        ServerProcess server(db.path());
        ContactStartRequest r;
        r.name = "Jana";
        r.body = "Before the restart";
        auto started = decode<ContactStartResponse>(
            post(server.port(), "/api/v1/contact/chats", encode(r)).body);
        chat = started.chat_id;
        ASSERT_EQ(
            post(server.port(), "/api/v1/chats/" + std::to_string(chat) + "/accept", "", alice)
                .status,
            200);
        WsClient ws(server.port(), "/api/v1/events");
        ws.hello(alice, 0);
        seen = ws.ready_seq();
        ASSERT_GT(seen, 0);
        ws.close();
        // After the client has gone, one more change it has not seen.
        ASSERT_EQ(post(server.port(), "/api/v1/chats/" + std::to_string(chat) + "/messages",
                       R"({"body":"While you were away","client_id":"w1"})", alice)
                      .status,
                  201);
        const int status = server.terminate();
        ASSERT_TRUE(WIFEXITED(status));
        EXPECT_EQ(WEXITSTATUS(status), 0);
    }
    ServerProcess again(db.path());
    auto c =
        get(again.port(), "/api/v1/chats/" + std::to_string(chat), alice);  // the session survived
    ASSERT_EQ(c.status, 200) << c.body;
    EXPECT_EQ(decode<Chat>(c.body).status, ChatStatus::working);
    auto history = decode<MessagePage>(
        get(again.port(), "/api/v1/chats/" + std::to_string(chat) + "/messages", alice).body);
    ASSERT_EQ(history.messages.size(), 3u);
    EXPECT_EQ(history.messages.back().body, "While you were away");
    // Resume from before the restart: the missed event comes from the events table.
    WsClient ws(again.port(), "/api/v1/events");
    auto missed = events_of(ws.hello(alice, seen));
    // Besides the message: Alice's presence (online when she connected before the restart).
    std::vector<Event> messages;
    for (std::size_t i = 0; i < missed.size(); ++i) {
        EXPECT_EQ(missed[i].seq, seen + 1 + static_cast<Seq>(i));  // nothing skipped
        if (missed[i].type == EventType::message_created) messages.push_back(missed[i]);
    }
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].message->body, "While you were away");
    // New events continue the same sequence.
    post(again.port(), "/api/v1/chats/" + std::to_string(chat) + "/messages",
         R"({"body":"after","client_id":"a1"})", alice);
    auto next = wait_for_event(ws, EventType::message_created);
    ASSERT_TRUE(next);
    EXPECT_EQ(next->seq, missed.back().seq + 1);
}

TEST(RestartTest, DemoDataIsMadeOnceAndHasEveryStatus) {
    TempDb db;
    { ServerProcess first(db.path(), true); }
    ServerProcess second(db.path(), true);  // not filled twice
    auto login = post(second.port(), "/api/v1/auth/login", R"({"login":"sam","password":"demo"})");
    ASSERT_EQ(login.status, 200) << login.body;
    const auto token = decode<LoginResponse>(login.body).token;
    for (const char* view : {"pending", "working", "resolved", "deleted"}) {
        auto page = decode<ChatPage>(
            get(second.port(), std::string("/api/v1/chats?scope=all&view=") + view, token).body);
        EXPECT_FALSE(page.chats.empty()) << view;
    }
    auto staff = decode<StaffList>(get(second.port(), "/api/v1/staff", token).body);
    EXPECT_EQ(staff.staff.size(), 5u);
    auto queues = decode<QueueList>(get(second.port(), "/api/v1/queues", token).body);
    ASSERT_EQ(queues.queues.size(), 2u);
    EXPECT_EQ(queues.queues[0].name, "Support");
    EXPECT_EQ(queues.queues[1].name, "Sales");
}
