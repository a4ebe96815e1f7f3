// The page title and the sound (PRODUCT E2): a new pending chat or a new message in my chat. The
// title counts pending chats plus my chats (Working On, assigned to me) with unread messages and
// goes down as they are read or accepted. Events in, title and sounds out, on the fake platform.
#include <gtest/gtest.h>

#include "client/console.h"
#include "client_test_support.h"
#include "platform/native/fake_platform.h"
#include "protocol/json.h"

namespace {

using namespace sb::client;
using namespace sb::test;
using sb::platform::FakePlatform;
using sb::protocol::encode;
using sb::protocol::EventType;

class TitleTest : public ::testing::Test {
  protected:
    TitleTest() : console(platform, [] {}) {}

    // A saved session of Alice's resumes; the lists hold these chats.
    void resume(std::vector<sb::protocol::Chat> pending, std::vector<sb::protocol::Chat> working) {
        platform.storage[Console::kTokenKey] = "tok";
        console.start();
        http().respond("GET /healthz", 200, "{}");
        ASSERT_TRUE(http().respond("GET /api/v1/me", 200, encode(alice)));
        platform.open_socket();
        platform.server_sends(R"({"type":"ready","seq":10})");
        const sb::protocol::Counts counts{static_cast<std::int64_t>(working.size()),
                                          static_cast<std::int64_t>(pending.size()), 0};
        ASSERT_TRUE(
            http().respond("GET /api/v1/chats?view=working", 200, encode(page(working, counts))));
        ASSERT_TRUE(
            http().respond("GET /api/v1/chats?view=pending", 200, encode(page(pending, counts))));
        ASSERT_TRUE(
            http().respond("GET /api/v1/chats?view=resolved", 200, encode(page({}, counts))));
    }
    sb::platform::FakeHttp& http() { return platform.http_fake; }

    // The contact of `chat` writes; the event carries the chat as it is after the message.
    void contact_writes(sb::protocol::Seq seq, sb::protocol::Chat chat,
                        sb::protocol::Id message_id) {
        chat.unread = true;
        chat.unread_count += 1;
        chat.version += 1;
        sb::protocol::Event e = chat_event(seq, EventType::message_created, chat);
        e.message = message(message_id, chat.id, "Any news?");
        platform.server_sends(encode(e));
        console.tick();  // the sound plays on the next frame
    }
    int read_calls(Id chat_id) const {
        int n = 0;
        for (const std::string& l : platform.http_fake.log)
            if (l == "POST /api/v1/chats/" + std::to_string(chat_id) + "/read") ++n;
        return n;
    }

    FakePlatform platform;
    Console console;
    sb::protocol::Staff alice = staff(1, "Alice");
    sb::protocol::Staff bob = staff(2, "Bob");
};

TEST_F(TitleTest, CountsPendingChatsAndMyChatsWithUnreadMessages) {
    const auto mine = working_chat(5, alice, kT0 - 60'000);
    resume({pending_chat(1, kT0 - 5'000)}, {mine, working_chat(6, bob, kT0)});
    EXPECT_EQ(platform.title, "(1) Switchboard");

    contact_writes(11, mine, 100);
    EXPECT_EQ(platform.title, "(2) Switchboard");
    EXPECT_EQ(platform.sounds, 1);

    // Bob's chat getting a message is not mine to answer: no count, no sound.
    contact_writes(12, working_chat(6, bob, kT0), 101);
    EXPECT_EQ(platform.title, "(2) Switchboard");
    EXPECT_EQ(platform.sounds, 1);
}

TEST_F(TitleTest, OpeningMyChatReadsItAndLowersTheCount) {
    const auto mine = working_chat(5, alice, kT0 - 60'000);
    resume({pending_chat(1, kT0 - 5'000)}, {mine});
    contact_writes(11, mine, 100);
    ASSERT_EQ(platform.title, "(2) Switchboard");
    console.open(5);
    EXPECT_EQ(read_calls(5), 1);
    EXPECT_EQ(platform.title, "(1) Switchboard");
}

TEST_F(TitleTest, AcceptingThePendingChatClearsTheTitle) {
    resume({pending_chat(1, kT0 - 5'000)}, {});
    ASSERT_EQ(platform.title, "(1) Switchboard");
    console.accept(1);
    ASSERT_TRUE(
        http().respond("POST /api/v1/chats/1/accept", 200, encode(working_chat(1, alice, kT0))));
    EXPECT_EQ(platform.title, "Switchboard");
}

TEST_F(TitleTest, AMessageInTheChatIOpenedIsReadAtOnceButStillSounds) {
    const auto mine = working_chat(5, alice, kT0 - 60'000);
    resume({}, {mine});
    console.open(5);
    ASSERT_EQ(platform.title, "Switchboard");
    contact_writes(11, mine, 100);
    EXPECT_EQ(platform.sounds, 1);
    EXPECT_EQ(read_calls(5), 1);
    EXPECT_EQ(platform.title, "Switchboard");
    EXPECT_FALSE(console.store().chat(5)->unread);
}

TEST_F(TitleTest, AMarkedUnreadChatOfMineCountsUntilOpened) {
    resume({}, {working_chat(5, alice, kT0)});
    console.mark_unread(5);
    EXPECT_EQ(platform.title, "(1) Switchboard");
    console.open(5);
    EXPECT_EQ(platform.title, "Switchboard");
}

TEST_F(TitleTest, LoggingOutResetsTheTitle) {
    resume({pending_chat(1, kT0 - 5'000)}, {});
    ASSERT_EQ(platform.title, "(1) Switchboard");
    console.logout();
    EXPECT_EQ(platform.title, "Switchboard");
}

}  // namespace
