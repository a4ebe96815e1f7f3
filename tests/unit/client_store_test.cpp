// ConsoleStore: pages and events in, tab lists (in tab order) and counts out.
#include <gtest/gtest.h>

#include "client/console_store.h"
#include "client_test_support.h"

namespace {

using namespace sb::client;
using namespace sb::test;
using sb::protocol::EventType;

class StoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        alice = staff(1, "Alice");
        bob = staff(2, "Bob");
        store.set_me(alice);
    }
    std::vector<Id> ids(Tab tab) const { return store.list(tab).ids; }

    ConsoleStore store;
    sb::protocol::Staff alice, bob;
};

TEST_F(StoreTest, PendingPageIsKeptOldestFirst) {
    store.apply_page(Tab::pending, page({pending_chat(3, kT0 - 10), pending_chat(1, kT0 - 30),
                                         pending_chat(2, kT0 - 20)},
                                        {0, 3, 0}));
    EXPECT_EQ(ids(Tab::pending), (std::vector<Id>{1, 2, 3}));
    EXPECT_EQ(store.count(Tab::pending), 3);
}

TEST_F(StoreTest, CreatedEventAddsToPendingAndCounts) {
    store.apply_page(Tab::pending, page({pending_chat(1, kT0 - 30)}, {0, 1, 0}));
    store.apply_page(Tab::working, page({}, {0, 1, 0}));
    auto fx = store.apply_event(chat_event(5, EventType::chat_created, pending_chat(7, kT0)), 0);
    EXPECT_TRUE(fx.new_pending_chat);
    EXPECT_EQ(ids(Tab::pending), (std::vector<Id>{1, 7}));
    EXPECT_EQ(store.count(Tab::pending), 2);
    EXPECT_EQ(store.last_seq(), 5);
}

TEST_F(StoreTest, ChatOfAnotherQueueIsNotMyPending) {
    store.apply_page(Tab::pending, page({}, {0, 0, 0}));
    auto fx = store.apply_event(
        chat_event(1, EventType::chat_created, pending_chat(9, kT0, /*queue=*/2)), 0);
    EXPECT_FALSE(fx.new_pending_chat);
    EXPECT_TRUE(ids(Tab::pending).empty());
    EXPECT_EQ(store.count(Tab::pending), 0);
}

TEST_F(StoreTest, AcceptMovesFromPendingToMyWorkingOn) {
    store.apply_page(Tab::pending, page({pending_chat(1, kT0 - 30)}, {0, 1, 0}));
    store.apply_page(Tab::working, page({}, {0, 1, 0}));
    store.apply_event(chat_event(2, EventType::chat_updated, working_chat(1, alice, kT0)), 0);
    EXPECT_TRUE(ids(Tab::pending).empty());
    EXPECT_EQ(ids(Tab::working), (std::vector<Id>{1}));
    EXPECT_EQ(store.counts(), (sb::protocol::Counts{1, 0, 0}));
}

TEST_F(StoreTest, AcceptedBySomeoneElseLeavesBothOfMyLists) {
    store.apply_page(Tab::pending, page({pending_chat(1, kT0 - 30)}, {0, 1, 0}));
    store.apply_page(Tab::working, page({}, {0, 1, 0}));
    store.apply_event(chat_event(2, EventType::chat_updated, working_chat(1, bob, kT0)), 0);
    EXPECT_TRUE(ids(Tab::pending).empty());
    EXPECT_TRUE(ids(Tab::working).empty());
    EXPECT_EQ(store.counts(), (sb::protocol::Counts{0, 0, 0}));
}

TEST_F(StoreTest, SupervisorScopeAllSeesEveryonesWorkingOn) {
    ConsoleStore sup;
    sup.set_me(staff(9, "Sam", sb::protocol::Role::supervisor));
    sup.set_working_scope(Scope::all);
    sup.apply_page(Tab::working, page({working_chat(1, alice, kT0)}, {1, 0, 0}));
    sup.apply_event(chat_event(3, EventType::chat_updated, working_chat(2, bob, kT0 + 5)), 0);
    EXPECT_EQ(sup.list(Tab::working).ids, (std::vector<Id>{2, 1}));  // newest activity first
    sup.apply_event(chat_event(4, EventType::chat_created, working_chat(3, bob, kT0 + 9)), 0);
    EXPECT_EQ(sup.list(Tab::working).ids, (std::vector<Id>{3, 2, 1}));
}

TEST_F(StoreTest, AgentCannotSwitchToAll) {
    store.set_working_scope(Scope::all);
    EXPECT_EQ(store.working_scope(), Scope::mine);
}

TEST_F(StoreTest, ReplayedEventsAreIgnored) {
    store.apply_page(Tab::pending, page({}, {0, 0, 0}));
    store.apply_event(chat_event(5, EventType::chat_created, pending_chat(7, kT0)), 0);
    auto fx = store.apply_event(chat_event(5, EventType::chat_created, pending_chat(7, kT0)), 0);
    EXPECT_FALSE(fx.changed);
    EXPECT_EQ(store.count(Tab::pending), 1);
}

TEST_F(StoreTest, DeletedChatLeavesEveryList) {
    store.apply_page(Tab::pending, page({pending_chat(1, kT0)}, {0, 1, 0}));
    auto gone = pending_chat(1, kT0);
    gone.deleted = true;
    store.apply_event(chat_event(2, EventType::chat_deleted, gone), 0);
    EXPECT_TRUE(ids(Tab::pending).empty());
    EXPECT_EQ(store.count(Tab::pending), 0);
}

TEST_F(StoreTest, EventBeyondTheLoadedPrefixWaitsForItsPage) {
    // Pending is oldest first; two loaded, more on the server.
    store.apply_page(Tab::pending, page({pending_chat(1, kT0 - 30), pending_chat(2, kT0 - 20)},
                                        {0, 10, 0}, "cursor-2"));
    store.apply_event(chat_event(3, EventType::chat_created, pending_chat(50, kT0)), 0);
    EXPECT_EQ(ids(Tab::pending), (std::vector<Id>{1, 2}));  // 50 comes with a later page
    EXPECT_EQ(store.count(Tab::pending), 11);
    store.apply_page(Tab::pending, page({pending_chat(50, kT0)}, {0, 11, 0}));
    EXPECT_EQ(ids(Tab::pending), (std::vector<Id>{1, 2, 50}));
}

TEST_F(StoreTest, UpdateOfUnknownChatAsksForCounts) {
    store.apply_page(Tab::resolved, page({}, {0, 0, 5}));
    auto c = pending_chat(77, kT0);
    auto fx = store.apply_event(chat_event(4, EventType::chat_updated, c), 0);
    EXPECT_TRUE(fx.counts_unknown);
}

TEST_F(StoreTest, MessagesKeepOrderAndIgnoreDuplicates) {
    sb::protocol::MessagePage p;
    p.messages = {message(10, 1, "a"), message(11, 1, "b")};
    p.next_before = 10;
    store.apply_messages(1, p, false);
    store.add_message(message(12, 1, "c"));
    store.add_message(message(12, 1, "c"));
    sb::protocol::MessagePage older;
    older.messages = {message(8, 1, "x"), message(9, 1, "y")};
    store.apply_messages(1, older, true);
    std::vector<Id> got;
    for (const auto& m : store.history(1)->messages) got.push_back(m.id);
    EXPECT_EQ(got, (std::vector<Id>{8, 9, 10, 11, 12}));
    EXPECT_FALSE(store.history(1)->next_before.has_value());
}

TEST_F(StoreTest, HistoryKnowsWhichRepliesTheServerSentBack) {
    auto mine = [](Id id, const char* client_id) {
        auto m = message(id, 1, "reply", sb::protocol::AuthorType::staff);
        m.client_id = client_id;
        return m;
    };
    sb::protocol::MessagePage p;
    p.messages = {message(10, 1, "a"), mine(11, "c-11")};
    p.next_before = 10;
    store.apply_messages(1, p, false);
    store.add_message(mine(12, "c-12"));
    sb::protocol::MessagePage older;
    older.messages = {mine(9, "c-9")};
    store.apply_messages(1, older, true);
    EXPECT_EQ(store.history(1)->client_ids,
              (std::unordered_set<std::string>{"c-9", "c-11", "c-12"}));
    // A fresh newest page replaces what it covers, and keeps the live message after it.
    sb::protocol::MessagePage fresh;
    fresh.messages = {mine(11, "c-11")};
    store.apply_messages(1, fresh, false);
    EXPECT_EQ(store.history(1)->client_ids, (std::unordered_set<std::string>{"c-11", "c-12"}));
}

TEST_F(StoreTest, RestoreAndCannedChangesAreForSupervisorsOrOwners) {
    auto deleted = pending_chat(1, kT0);
    deleted.deleted = true;
    const auto live = pending_chat(2, kT0);
    const sb::protocol::CannedReply personal{1, "mine", "x", false, 1, kT0};
    const sb::protocol::CannedReply shared{2, "ours", "y", true, std::nullopt, kT0};
    EXPECT_FALSE(store.may_restore(deleted));  // Alice is an agent
    EXPECT_TRUE(store.may_change(personal));
    EXPECT_FALSE(store.may_change(shared));
    ConsoleStore sup;
    sup.set_me(staff(9, "Sam", sb::protocol::Role::supervisor));
    EXPECT_TRUE(sup.may_restore(deleted));
    EXPECT_FALSE(sup.may_restore(live));
    EXPECT_TRUE(sup.may_change(shared));
}

TEST_F(StoreTest, ContactMessageInMyChatIsNoticed) {
    store.apply_page(Tab::working, page({working_chat(1, alice, kT0)}, {1, 0, 0}));
    sb::protocol::Event e;
    e.seq = 3;
    e.type = EventType::message_created;
    e.message = message(20, 1, "hi");
    e.chat = working_chat(1, alice, kT0 + 1000);
    EXPECT_TRUE(store.apply_event(e, 0).contact_wrote_to_me);
}

TEST_F(StoreTest, TypingExpiresAndIgnoresMe) {
    sb::protocol::Event e;
    e.type = EventType::typing;
    e.typing = sb::protocol::Typing{1, {sb::protocol::AuthorType::contact, 101, "C"}};
    store.apply_event(e, 100.0);
    EXPECT_NE(store.typing(1, 101.0), nullptr);
    EXPECT_EQ(store.typing(1, 107.0), nullptr);
    e.typing = sb::protocol::Typing{2, {sb::protocol::AuthorType::staff, alice.id, "Alice"}};
    store.apply_event(e, 100.0);
    EXPECT_EQ(store.typing(2, 101.0), nullptr);
}

}  // namespace
