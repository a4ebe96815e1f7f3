// A chat created right after login must show (issue 4): the lists load when the stream is ready,
// and events keep arriving while the first pages are on their way. A page read before such an
// event must not hide the chat the event brought, and the tab counts must agree with what is
// listed whatever the order of pages and events. Store level, then the Console on the fake
// platform.
#include <gtest/gtest.h>

#include "client/console.h"
#include "client/console_store.h"
#include "client_test_support.h"
#include "platform/native/fake_platform.h"
#include "protocol/json.h"

namespace {

using namespace sb::client;
using namespace sb::test;
using sb::platform::FakePlatform;
using sb::protocol::encode;
using sb::protocol::EventType;

TEST(FirstPageRace, AChatCreatedWhileThePageTravelsIsListedWhenItArrives) {
    ConsoleStore store;
    store.set_me(staff(1, "Alice"));
    store.list_mut(Tab::pending).loading = true;  // the first page was asked for
    store.apply_event(chat_event(5, EventType::chat_created, pending_chat(7, kT0)), 0);
    EXPECT_TRUE(store.list(Tab::pending).ids.empty());  // not loaded yet: nothing to show
    // The page was read before chat 7 existed.
    store.apply_page(Tab::pending, page({pending_chat(1, kT0 - 30'000)}, {0, 1, 0}));
    EXPECT_EQ(store.list(Tab::pending).ids, (std::vector<Id>{1, 7}));
}

TEST(FirstPageRace, CountsFollowTheEventsThatOvertookThePage) {
    ConsoleStore store;
    store.set_me(staff(1, "Alice"));
    store.list_mut(Tab::pending).loading = true;
    store.apply_event(chat_event(5, EventType::chat_created, pending_chat(7, kT0)), 0);
    auto taken = working_chat(1, staff(2, "Bob"), kT0);
    taken.version = 3;
    store.apply_event(chat_event(6, EventType::chat_updated, taken), 0);
    // Read before both events: chat 1 still pending, chat 7 not yet there.
    store.apply_page(
        Tab::pending,
        page({pending_chat(1, kT0 - 30'000), pending_chat(2, kT0 - 20'000)}, {0, 2, 0}));
    EXPECT_EQ(store.list(Tab::pending).ids, (std::vector<Id>{2, 7}));
    EXPECT_EQ(store.count(Tab::pending), 2);  // 2 - chat 1 + chat 7
}

TEST(FirstPageRace, APageReadAfterTheEventListsTheChatOnce) {
    ConsoleStore store;
    store.set_me(staff(1, "Alice"));
    store.list_mut(Tab::pending).loading = true;
    store.apply_event(chat_event(5, EventType::chat_created, pending_chat(7, kT0)), 0);
    store.apply_page(Tab::pending,
                     page({pending_chat(1, kT0 - 30'000), pending_chat(7, kT0)}, {0, 2, 0}));
    EXPECT_EQ(store.list(Tab::pending).ids, (std::vector<Id>{1, 7}));
}

TEST(FirstPageRace, AChatTakenWhileThePageTravelsIsNotListed) {
    ConsoleStore store;
    store.set_me(staff(1, "Alice"));
    store.list_mut(Tab::pending).loading = true;
    store.apply_event(chat_event(5, EventType::chat_created, pending_chat(7, kT0)), 0);
    auto taken = working_chat(7, staff(2, "Bob"), kT0);
    taken.version = 3;
    store.apply_event(chat_event(6, EventType::chat_updated, taken), 0);
    store.apply_page(Tab::pending, page({pending_chat(1, kT0 - 30'000)}, {0, 1, 0}));
    EXPECT_EQ(store.list(Tab::pending).ids, (std::vector<Id>{1}));
}

TEST(FirstPageRace, ChatsAfterTheLoadedPrefixWaitForTheirPage) {
    ConsoleStore store;
    store.set_me(staff(1, "Alice"));
    store.list_mut(Tab::pending).loading = true;
    store.apply_event(chat_event(5, EventType::chat_created, pending_chat(7, kT0)), 0);
    // A full page with more after it: chat 7 (the newest) belongs to a later page.
    store.apply_page(Tab::pending, page({pending_chat(1, kT0 - 30'000)}, {0, 60, 0}, "next"));
    EXPECT_EQ(store.list(Tab::pending).ids, (std::vector<Id>{1}));
}

class FirstPageRaceConsole : public ::testing::Test {
  protected:
    FirstPageRaceConsole() : console(platform, [] {}) {}
    sb::platform::FakeHttp& http() { return platform.http_fake; }

    FakePlatform platform;
    Console console;
};

TEST_F(FirstPageRaceConsole, PagesReadAtDifferentMomentsGiveTheRightCounts) {
    platform.storage[Console::kTokenKey] = "tok";
    console.start();
    http().respond("GET /healthz", 200, "{}");
    ASSERT_TRUE(http().respond("GET /api/v1/me", 200, encode(staff(1, "Alice"))));
    platform.open_socket();
    platform.server_sends(R"({"type":"ready","seq":4})");
    // Pending is read after chat 7 was created, Working On before; chat 7's event comes last,
    // after both answers, and Working On's (older) answer arrives after Pending's.
    ASSERT_TRUE(http().respond(
        "GET /api/v1/chats?view=pending", 200,
        encode(page({pending_chat(1, kT0 - 30'000), pending_chat(7, kT0)}, {0, 2, 0}))));
    ASSERT_TRUE(http().respond("GET /api/v1/chats?view=working", 200, encode(page({}, {0, 1, 0}))));
    ASSERT_TRUE(
        http().respond("GET /api/v1/chats?view=resolved", 200, encode(page({}, {0, 1, 0}))));
    platform.server_sends(encode(chat_event(5, EventType::chat_created, pending_chat(7, kT0))));
    EXPECT_EQ(console.store().list(Tab::pending).ids, (std::vector<Id>{1, 7}));
    EXPECT_EQ(console.store().count(Tab::pending), 2);
}

TEST_F(FirstPageRaceConsole, AChatCreatedBeforeThePagesArriveIsListedAndCounted) {
    platform.storage[Console::kTokenKey] = "tok";
    console.start();
    http().respond("GET /healthz", 200, "{}");
    ASSERT_TRUE(http().respond("GET /api/v1/me", 200, encode(staff(1, "Alice"))));
    platform.open_socket();
    platform.server_sends(R"({"type":"ready","seq":4})");
    platform.server_sends(encode(chat_event(5, EventType::chat_created, pending_chat(7, kT0))));
    const sb::protocol::Counts before_7{0, 1, 0};  // every page was read before chat 7
    ASSERT_TRUE(http().respond("GET /api/v1/chats?view=working", 200, encode(page({}, before_7))));
    ASSERT_TRUE(http().respond("GET /api/v1/chats?view=pending", 200,
                               encode(page({pending_chat(1, kT0 - 30'000)}, before_7))));
    ASSERT_TRUE(http().respond("GET /api/v1/chats?view=resolved", 200, encode(page({}, before_7))));
    EXPECT_EQ(console.store().list(Tab::pending).ids, (std::vector<Id>{1, 7}));
    EXPECT_EQ(console.store().count(Tab::pending), 2);
}

}  // namespace
