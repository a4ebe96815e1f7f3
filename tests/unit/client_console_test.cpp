// Console against a fake platform: login and resume, the event stream's hello/since, resync,
// reconnect with backoff, the outbox (once, in order), accept races, search by #id.
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

std::string login_answer(const sb::protocol::Staff& who) {
    sb::protocol::LoginResponse r;
    r.token = "tok-" + who.login;
    r.expires_at = kT0 + 3'600'000;
    r.staff = who;
    return encode(r);
}

sb::protocol::Chat deleted_chat(Id id) {
    auto c = pending_chat(id, kT0);
    c.deleted = true;
    c.version = 2;
    return c;
}

class ConsoleTest : public ::testing::Test {
  protected:
    ConsoleTest() : console(platform, [this] { ++changes; }) {}

    // Logs in as Alice, opens the socket, and answers the first pages.
    void log_in_and_go_live(std::vector<sb::protocol::Chat> pending = {}) {
        console.start();
        http().respond("GET /healthz", 200, "{}");
        console.login("alice", "demo");
        ASSERT_TRUE(http().respond("POST /api/v1/auth/login", 200, login_answer(alice)));
        http().respond("GET /api/v1/queues", 200, R"({"queues":[{"id":1,"name":"Support"}]})");
        auto online = alice;
        online.presence = sb::protocol::Presence::online;
        http().respond("PATCH /api/v1/me", 200, encode(online));
        platform.open_socket();
        platform.server_sends(R"({"type":"ready","seq":10})");
        const sb::protocol::Counts counts{0, static_cast<std::int64_t>(pending.size()), 0};
        ASSERT_TRUE(
            http().respond("GET /api/v1/chats?view=working", 200, encode(page({}, counts))));
        ASSERT_TRUE(
            http().respond("GET /api/v1/chats?view=pending", 200, encode(page(pending, counts))));
        ASSERT_TRUE(
            http().respond("GET /api/v1/chats?view=resolved", 200, encode(page({}, counts))));
        ASSERT_TRUE(http().respond("GET /api/v1/canned", 200, R"({"items":[]})"));
    }
    sb::platform::FakeHttp& http() { return platform.http_fake; }
    void send_event(const sb::protocol::Event& e) { platform.server_sends(encode(e)); }

    FakePlatform platform;
    int changes = 0;
    Console console;
    sb::protocol::Staff alice = staff(1, "Alice");
};

TEST_F(ConsoleTest, LoginSavesTokenAndSaysHelloFromZero) {
    log_in_and_go_live();
    EXPECT_EQ(console.session(), Session::logged_in);
    EXPECT_EQ(platform.storage["switchboard.token"], "tok-Alice");
    EXPECT_EQ(platform.socket_paths.back(), "/api/v1/events");
    ASSERT_EQ(platform.socket().sent.size(), 1u);
    auto hello = sb::protocol::decode<sb::protocol::Hello>(platform.socket().sent[0]);
    EXPECT_EQ(hello.token, "tok-Alice");
    EXPECT_EQ(hello.since, 0);
    EXPECT_EQ(console.connection(), ConnectionState::live);
    EXPECT_EQ(console.store().last_seq(), 10);
}

TEST_F(ConsoleTest, LoginComesOnlineAndLogoutGoesOffline) {
    alice.presence = sb::protocol::Presence::offline;
    console.start();
    console.login("alice", "demo");
    http().respond("POST /api/v1/auth/login", 200, login_answer(alice));
    const auto* patch = http().find("PATCH /api/v1/me");
    ASSERT_NE(patch, nullptr);
    EXPECT_EQ(sb::protocol::decode<sb::protocol::MePatch>(patch->body).presence,
              sb::protocol::Presence::online);
    http().respond("PATCH /api/v1/me", 200, encode(alice));
    console.logout();
    patch = http().find("PATCH /api/v1/me");
    ASSERT_NE(patch, nullptr);
    EXPECT_EQ(patch->bearer, "tok-Alice");
    EXPECT_EQ(sb::protocol::decode<sb::protocol::MePatch>(patch->body).presence,
              sb::protocol::Presence::offline);
}

TEST_F(ConsoleTest, WrongPasswordIsShownAndNothingIsSaved) {
    console.start();
    console.login("alice", "nope");
    http().respond("POST /api/v1/auth/login", 401,
                   R"({"error":{"code":"unauthorized","message":"wrong login or password"}})");
    EXPECT_EQ(console.session(), Session::logged_out);
    EXPECT_EQ(console.login_error(), "Wrong login or password.");
    EXPECT_EQ(platform.storage.count("switchboard.token"), 0u);
    EXPECT_TRUE(platform.sockets.empty());
}

TEST_F(ConsoleTest, SavedTokenResumesTheSession) {
    platform.storage["switchboard.token"] = "tok-saved";
    console.start();
    const auto* me = http().find("GET /api/v1/me");
    ASSERT_NE(me, nullptr);
    EXPECT_EQ(me->bearer, "tok-saved");
    http().respond("GET /api/v1/me", 200, encode(alice));
    EXPECT_EQ(console.session(), Session::logged_in);
    EXPECT_EQ(platform.sockets.size(), 1u);
}

TEST_F(ConsoleTest, ExpiredSavedTokenGoesToLogin) {
    platform.storage["switchboard.token"] = "tok-old";
    console.start();
    http().respond("GET /api/v1/me", 401, R"({"error":{"code":"unauthorized","message":"x"}})");
    EXPECT_EQ(console.session(), Session::logged_out);
    EXPECT_EQ(platform.storage.count("switchboard.token"), 0u);
}

TEST_F(ConsoleTest, NewPendingChatPlaysSoundAndCountsInTitle) {
    log_in_and_go_live({pending_chat(1, kT0 - 5000)});
    EXPECT_EQ(platform.title, "(1) Switchboard");
    send_event(chat_event(11, sb::protocol::EventType::chat_created, pending_chat(2, kT0)));
    send_event(chat_event(12, sb::protocol::EventType::chat_created, pending_chat(3, kT0)));
    console.tick();
    EXPECT_EQ(platform.sounds, 1);  // one sound for a burst
    EXPECT_EQ(platform.title, "(3) Switchboard");
    EXPECT_EQ(console.store().list(Tab::pending).ids, (std::vector<Id>{1, 2, 3}));
}

TEST_F(ConsoleTest, ReplayBeforeTheFirstReadyIsSilent) {
    console.start();
    console.login("alice", "demo");
    http().respond("POST /api/v1/auth/login", 200, login_answer(alice));
    platform.open_socket();
    send_event(chat_event(1, sb::protocol::EventType::chat_created, pending_chat(2, kT0)));
    console.tick();
    EXPECT_EQ(platform.sounds, 0);
}

TEST_F(ConsoleTest, AgentSeesResolvedChatsOfTheirQueuesOnly) {
    log_in_and_go_live();
    auto other_queue = working_chat(30, staff(2, "Bob"), kT0);
    other_queue.queue = {2, "Sales"};
    other_queue.status = sb::protocol::ChatStatus::resolved;
    other_queue.resolved_at = kT0;
    auto mine = other_queue;
    mine.id = 31;
    mine.queue = {1, "Support"};
    send_event(chat_event(11, sb::protocol::EventType::chat_created, other_queue));
    send_event(chat_event(12, sb::protocol::EventType::chat_created, mine));
    EXPECT_EQ(console.store().list(Tab::resolved).ids, (std::vector<Id>{31}));
}

TEST_F(ConsoleTest, ReconnectsWithBackoffAndResumesFromLastSeq) {
    log_in_and_go_live();
    send_event(chat_event(12, sb::protocol::EventType::chat_created, pending_chat(2, kT0)));
    platform.drop_socket();
    EXPECT_EQ(console.connection(), ConnectionState::reconnecting);
    const double deadline = console.next_deadline();
    EXPECT_GE(deadline - platform.now, 0.8);
    EXPECT_LE(deadline - platform.now, 1.2);
    console.tick();
    EXPECT_EQ(platform.sockets.size(), 1u);  // not yet
    platform.now = deadline;
    console.tick();
    ASSERT_EQ(platform.sockets.size(), 2u);
    platform.open_socket();
    auto hello = sb::protocol::decode<sb::protocol::Hello>(platform.socket().sent[0]);
    EXPECT_EQ(hello.since, 12);
}

TEST_F(ConsoleTest, BackoffGrowsAndTurnsOfflineAfterRepeatedFailures) {
    log_in_and_go_live();
    double previous_delay = 0;
    for (int i = 0; i < 3; ++i) {
        platform.drop_socket();
        const double delay = console.next_deadline() - platform.now;
        EXPECT_GT(delay, previous_delay);
        previous_delay = delay;
        platform.now += delay;
        console.tick();
    }
    EXPECT_EQ(console.connection(), ConnectionState::offline);
}

TEST_F(ConsoleTest, SilenceForSixtySecondsReconnects) {
    log_in_and_go_live();
    platform.now += 59;
    platform.server_sends(R"({"type":"ping"})");
    platform.now += 59;
    console.tick();
    EXPECT_EQ(platform.sockets.size(), 1u);
    platform.now += 2;
    console.tick();
    EXPECT_TRUE(platform.sockets[0]->closed_by_client);
    EXPECT_EQ(console.connection(), ConnectionState::reconnecting);
}

TEST_F(ConsoleTest, MorePagesComeByCursorOnce) {
    console.start();
    console.login("alice", "demo");
    http().respond("POST /api/v1/auth/login", 200, login_answer(alice));
    platform.open_socket();
    platform.server_sends(R"({"type":"ready","seq":10})");
    http().respond("GET /api/v1/chats?view=pending", 200,
                   encode(page({pending_chat(1, kT0 - 50)}, {0, 2, 0}, "k:1")));
    console.load_more(Tab::pending);
    console.load_more(Tab::pending);  // one request in flight is enough
    const auto* req = http().find("GET /api/v1/chats?view=pending");
    ASSERT_NE(req, nullptr);
    EXPECT_NE(req->path.find("&cursor=k%3A1"), std::string::npos);
    http().respond("GET /api/v1/chats?view=pending", 200,
                   encode(page({pending_chat(2, kT0)}, {0, 2, 0})));
    EXPECT_EQ(http().find("GET /api/v1/chats?view=pending"), nullptr);
    EXPECT_EQ(console.store().list(Tab::pending).ids, (std::vector<Id>{1, 2}));
    console.load_more(Tab::pending);  // the last page came: nothing more to ask
    EXPECT_EQ(http().find("GET /api/v1/chats?view=pending"), nullptr);
}

TEST_F(ConsoleTest, ResyncReloadsEveryList) {
    log_in_and_go_live({pending_chat(1, kT0)});
    platform.server_sends(R"({"type":"resync","seq":500})");
    EXPECT_EQ(console.store().last_seq(), 500);
    EXPECT_TRUE(console.store().list(Tab::pending).ids.empty());  // nothing stale is shown
    http().respond("GET /api/v1/chats?view=working", 200, encode(page({}, {0, 1, 0})));
    http().respond("GET /api/v1/chats?view=pending", 200,
                   encode(page({pending_chat(3, kT0)}, {0, 1, 0})));
    http().respond("GET /api/v1/chats?view=resolved", 200, encode(page({}, {0, 1, 0})));
    EXPECT_EQ(console.store().list(Tab::pending).ids, (std::vector<Id>{3}));
}

TEST_F(ConsoleTest, JoiningAQueueReloadsTheListsButOtherStaffChangesDoNot) {
    log_in_and_go_live({pending_chat(1, kT0)});
    sb::protocol::Event e;
    e.type = sb::protocol::EventType::staff_updated;
    e.seq = 11;
    e.at = kT0;
    e.staff = staff(2, "Bob");
    e.staff->queues = {1, 2};
    send_event(e);  // somebody else: nothing to reload
    EXPECT_EQ(http().find("GET /api/v1/chats?view=pending"), nullptr);
    e.seq = 12;
    e.staff = alice;
    e.staff->sign = !alice.sign;  // my own profile, same queues: nothing to reload
    send_event(e);
    EXPECT_EQ(http().find("GET /api/v1/chats?view=pending"), nullptr);
    e.seq = 13;
    e.staff->queues = {1, 2};  // the admin CLI put me into Sales
    send_event(e);
    ASSERT_TRUE(http().respond("GET /api/v1/chats?view=working", 200, encode(page({}, {0, 2, 0}))));
    ASSERT_TRUE(
        http().respond("GET /api/v1/chats?view=pending", 200,
                       encode(page({pending_chat(1, kT0), pending_chat(7, kT0)}, {0, 2, 0}))));
    ASSERT_TRUE(
        http().respond("GET /api/v1/chats?view=resolved", 200, encode(page({}, {0, 2, 0}))));
    EXPECT_EQ(console.store().list(Tab::pending).ids, (std::vector<Id>{1, 7}));
    EXPECT_EQ(console.store().me()->queues, (std::vector<Id>{1, 2}));
}

TEST_F(ConsoleTest, CannedRepliesAreFetchedAfterLoginOnResumeAndWhenStale) {
    log_in_and_go_live();  // answered GET /canned (empty) once
    EXPECT_TRUE(console.store().canned().empty());
    const std::string list = R"({"items":[{"id":4,"shortcut":"hi","body":"Hello!","shared":true,)"
                             R"("updated_at":"2026-11-24T09:00:00.000Z"}]})";
    console.refresh_canned(true);  // fresh: nothing asked
    EXPECT_EQ(http().find("GET /api/v1/canned"), nullptr);
    platform.now += Console::kCannedMaxAge + 1;
    console.refresh_canned(true);
    console.refresh_canned(true);  // one request at a time
    ASSERT_TRUE(http().respond("GET /api/v1/canned", 200, list));
    EXPECT_EQ(http().find("GET /api/v1/canned"), nullptr);
    ASSERT_EQ(console.store().canned().size(), 1u);
    EXPECT_EQ(console.store().canned()[0].shortcut, "hi");
    const std::string state = console.state_json("");
    const auto canned_at = state.find(R"("canned":{"items":[{)");
    ASSERT_NE(canned_at, std::string::npos);
    EXPECT_NE(state.find(R"("shortcut":"hi")", canned_at), std::string::npos);
    // A dropped connection resumes with "ready": the list comes again.
    platform.drop_socket();
    platform.now = console.next_deadline();
    console.tick();
    platform.open_socket();
    platform.server_sends(R"({"type":"ready","seq":10})");
    ASSERT_TRUE(http().respond("GET /api/v1/canned", 200, R"({"items":[]})"));
    EXPECT_TRUE(console.store().canned().empty());
}

TEST_F(ConsoleTest, CannedChangesReloadTheListAndRefusalsStayInTheDialog) {
    log_in_and_go_live();
    console.open_canned_dialog();
    ASSERT_TRUE(http().respond("GET /api/v1/canned", 200, R"({"items":[]})"));
    console.create_canned({"bye", "Goodbye!", false});
    const auto* req = http().find("POST /api/v1/canned");
    ASSERT_NE(req, nullptr);
    EXPECT_EQ(req->body, R"({"body":"Goodbye!","shared":false,"shortcut":"bye"})");
    http().respond(
        "POST /api/v1/canned", 409,
        R"({"error":{"code":"conflict","message":"you already have a canned reply /bye"}})");
    EXPECT_EQ(console.canned_state().error, "you already have a canned reply /bye");
    EXPECT_EQ(console.canned_state().changes, 0);
    EXPECT_EQ(http().find("GET /api/v1/canned"), nullptr);  // nothing changed: no reload
    console.update_canned(7, {std::nullopt, std::string("Bye!")});
    ASSERT_NE(http().find("PATCH /api/v1/canned/7"), nullptr);
    http().respond("PATCH /api/v1/canned/7", 200,
                   R"({"id":7,"shortcut":"bye","body":"Bye!","shared":false,"owner_id":1,)"
                   R"("updated_at":"2026-11-24T09:00:00.000Z"})");
    EXPECT_TRUE(console.canned_state().error.empty());
    EXPECT_EQ(console.canned_state().changes, 1);
    EXPECT_NE(http().find("GET /api/v1/canned"), nullptr);  // the list is fetched again
}

TEST_F(ConsoleTest, OutboxSendsOnceInOrderAfterTheNetworkComesBack) {
    log_in_and_go_live();
    console.send(5, "first", sb::protocol::MessageKind::text);
    console.send(5, "second", sb::protocol::MessageKind::text);
    ASSERT_EQ(http().pending.size(), 1u);  // one at a time
    const auto first = sb::protocol::decode<sb::protocol::SendMessageRequest>(
        http().find("POST /api/v1/chats/5/messages")->body);
    EXPECT_EQ(first.body, "first");
    http().respond("POST /api/v1/chats/5/messages", 0, "");  // the line is down
    EXPECT_EQ(console.outbox().size(), 2u);
    EXPECT_TRUE(http().pending.empty());
    platform.now = console.next_deadline();
    console.tick();
    const auto retry = sb::protocol::decode<sb::protocol::SendMessageRequest>(
        http().find("POST /api/v1/chats/5/messages")->body);
    EXPECT_EQ(retry.client_id, first.client_id);  // the same message, not a new one
    http().respond("POST /api/v1/chats/5/messages", 201, "{}");
    const auto second = sb::protocol::decode<sb::protocol::SendMessageRequest>(
        http().find("POST /api/v1/chats/5/messages")->body);
    EXPECT_EQ(second.body, "second");
    EXPECT_NE(second.client_id, first.client_id);
    http().respond("POST /api/v1/chats/5/messages", 201, "{}");
    EXPECT_TRUE(console.outbox().empty());
}

TEST_F(ConsoleTest, AReplyTheServerSentBackShowsOnceNotAlsoAsUnsent) {
    log_in_and_go_live({pending_chat(5, kT0)});
    console.open(5);
    ASSERT_TRUE(http().respond("GET /api/v1/chats/5/messages", 200,
                               encode(sb::protocol::MessagePage{{message(40, 5, "hi")}, {}})));
    console.send(5, "on its way", sb::protocol::MessageKind::text);
    ASSERT_EQ(console.unsent_for(5).size(), 1u);
    const auto sent = sb::protocol::decode<sb::protocol::SendMessageRequest>(
        http().find("POST /api/v1/chats/5/messages")->body);
    // The event comes back before the POST's answer: the reply is in the history now, and the
    // outbox (still waiting for the answer) no longer shows it.
    auto echo = message(41, 5, "on its way", sb::protocol::AuthorType::staff);
    echo.client_id = sent.client_id;
    sb::protocol::Event e;
    e.seq = 11;
    e.type = sb::protocol::EventType::message_created;
    e.at = kT0;
    e.message = echo;
    e.chat = pending_chat(5, kT0);
    send_event(e);
    EXPECT_EQ(console.outbox().size(), 1u);
    EXPECT_TRUE(console.unsent_for(5).empty());
    EXPECT_EQ(console.store().history(5)->messages.back().id, 41);
    http().respond("POST /api/v1/chats/5/messages", 201, "{}");
    EXPECT_TRUE(console.outbox().empty());
}

TEST_F(ConsoleTest, UnsentRepliesSurviveAReload) {
    log_in_and_go_live();
    console.send(5, "line one\nline two", sb::protocol::MessageKind::text);
    console.send(6, "a note", sb::protocol::MessageKind::note);
    http().respond("POST /api/v1/chats/5/messages", 0, "");  // offline
    ASSERT_EQ(platform.storage.count("switchboard.outbox.1"), 1u);

    // The page reloads: a new Console on the same storage, the same token.
    http().pending.clear();
    Console reloaded(platform, [] {});
    reloaded.start();
    http().respond("GET /api/v1/me", 200, encode(alice));
    ASSERT_EQ(reloaded.outbox().size(), 2u);
    platform.open_socket();
    platform.server_sends(R"({"type":"ready","seq":10})");
    const auto* req = http().find("POST /api/v1/chats/5/messages");
    ASSERT_NE(req, nullptr);
    auto first = sb::protocol::decode<sb::protocol::SendMessageRequest>(req->body);
    EXPECT_EQ(first.body, "line one\nline two");
    EXPECT_EQ(first.client_id, console.outbox().pending().front().client_id);  // same id: once
    http().respond("POST /api/v1/chats/5/messages", 201, "{}");
    req = http().find("POST /api/v1/chats/6/messages");
    ASSERT_NE(req, nullptr);
    EXPECT_EQ(sb::protocol::decode<sb::protocol::SendMessageRequest>(req->body).kind,
              sb::protocol::MessageKind::note);
    http().respond("POST /api/v1/chats/6/messages", 201, "{}");
    EXPECT_TRUE(reloaded.outbox().empty());
    EXPECT_EQ(platform.storage.count("switchboard.outbox.1"), 0u);
}

TEST_F(ConsoleTest, DamagedOutboxLinesAreSkipped) {
    Outbox box;
    box.restore("x {}\n7 not json\n8 {\"body\":\"ok\",\"client_id\":\"c1\",\"kind\":\"text\"}\n",
                0);
    ASSERT_EQ(box.size(), 1u);
    EXPECT_EQ(box.pending().front().chat_id, 8);
    EXPECT_EQ(box.pending().front().body, "ok");
}

TEST_F(ConsoleTest, RefusedMessageIsKeptAndTheNextOneGoes) {
    log_in_and_go_live();
    console.send(5, "to a pending chat", sb::protocol::MessageKind::text);
    console.send(6, "fine", sb::protocol::MessageKind::text);
    http().respond("POST /api/v1/chats/5/messages", 409,
                   R"({"error":{"code":"conflict","message":"accept the chat first"}})");
    ASSERT_EQ(console.outbox().failed().size(), 1u);
    EXPECT_EQ(console.outbox().failed()[0].message.body, "to a pending chat");
    EXPECT_NE(http().find("POST /api/v1/chats/6/messages"), nullptr);
}

TEST_F(ConsoleTest, LostAcceptNamesTheWinner) {
    log_in_and_go_live({pending_chat(22, kT0)});
    console.accept(22);
    http().respond(
        "POST /api/v1/chats/22/accept", 409,
        R"({"error":{"code":"conflict","message":"taken","assignee":{"id":2,"name":"Bob"}}})");
    ASSERT_FALSE(console.notices().empty());
    EXPECT_EQ(console.notices().back().text, "Chat #22 was taken by Bob.");
    EXPECT_NE(http().find("GET /api/v1/chats/22"), nullptr);  // the list learns the truth
}

TEST_F(ConsoleTest, AcceptOpensTheChatInWorkingOn) {
    log_in_and_go_live({pending_chat(22, kT0)});
    console.accept(22);
    auto accepted = working_chat(22, alice, kT0);
    http().respond("POST /api/v1/chats/22/accept", 200, encode(accepted));
    EXPECT_EQ(console.store().list(Tab::working).ids, (std::vector<Id>{22}));
    EXPECT_EQ(console.store().counts(), (sb::protocol::Counts{1, 0, 0}));
    EXPECT_EQ(console.open_chat(), 22);
    EXPECT_EQ(console.take_tab_request(), Tab::working);
    EXPECT_NE(http().find("GET /api/v1/chats/22/messages"), nullptr);
}

TEST_F(ConsoleTest, SearchByMissingIdSaysSo) {
    log_in_and_go_live();
    console.search(" #404 ");
    http().respond("GET /api/v1/chats/404", 404,
                   R"({"error":{"code":"not_found","message":"no such chat"}})");
    EXPECT_EQ(console.search_state().message, "Chat #404 does not exist.");
    EXPECT_FALSE(console.open_chat().has_value());
}

TEST_F(ConsoleTest, SearchByIdOpensTheChat) {
    log_in_and_go_live();
    console.search("#22");
    http().respond("GET /api/v1/chats/22", 200, encode(pending_chat(22, kT0)));
    EXPECT_EQ(console.open_chat(), 22);
}

TEST_F(ConsoleTest, KeywordSearchListsResults) {
    log_in_and_go_live();
    console.search("refund");
    ASSERT_NE(http().find("GET /api/v1/chats/search?q=refund"), nullptr);
    http().respond("GET /api/v1/chats/search", 200,
                   encode(page({pending_chat(3, kT0), working_chat(4, alice, kT0)}, {})));
    EXPECT_EQ(console.search_state().results, (std::vector<Id>{3, 4}));
}

TEST_F(ConsoleTest, DeleteThenUndoRestores) {
    log_in_and_go_live({pending_chat(8, kT0)});
    console.delete_chat(8);
    http().respond("DELETE /api/v1/chats/8", 200, encode(deleted_chat(8)));
    EXPECT_TRUE(console.store().list(Tab::pending).ids.empty());
    EXPECT_EQ(console.store().count(Tab::pending), 0);
    EXPECT_EQ(console.undo_offer().chat_id, 8);
    // The event of the same change arrives after the answer: counted once.
    send_event(chat_event(11, sb::protocol::EventType::chat_deleted, deleted_chat(8)));
    EXPECT_EQ(console.store().count(Tab::pending), 0);
    console.undo_delete();
    auto restored = pending_chat(8, kT0);
    restored.version = 3;
    ASSERT_TRUE(http().respond("POST /api/v1/chats/8/restore", 200, encode(restored)));
    EXPECT_EQ(console.store().list(Tab::pending).ids, (std::vector<Id>{8}));
    EXPECT_EQ(console.store().count(Tab::pending), 1);
}

TEST_F(ConsoleTest, UndoOfferExpires) {
    log_in_and_go_live({pending_chat(8, kT0)});
    console.delete_chat(8);
    http().respond("DELETE /api/v1/chats/8", 200, encode(deleted_chat(8)));
    platform.now += Console::kUndoSeconds + 0.1;
    console.tick();
    EXPECT_EQ(console.undo_offer().chat_id, 0);
}

TEST_F(ConsoleTest, LogoutForgetsEverything) {
    log_in_and_go_live({pending_chat(8, kT0)});
    console.logout();
    EXPECT_NE(http().find("POST /api/v1/auth/logout"), nullptr);
    EXPECT_EQ(console.session(), Session::logged_out);
    EXPECT_EQ(platform.storage.count("switchboard.token"), 0u);
    EXPECT_TRUE(console.store().list(Tab::pending).ids.empty());
    EXPECT_EQ(console.connection(), ConnectionState::stopped);
}

TEST_F(ConsoleTest, StateJsonIsASnapshotOfTheStore) {
    log_in_and_go_live({pending_chat(8, kT0)});
    const std::string json = console.state_json("{\"tab\":\"pending\"}");
    EXPECT_NE(json.find("\"session\":\"logged_in\""), std::string::npos);
    EXPECT_NE(json.find("\"pending\":{\"ids\":[8]"), std::string::npos);
    EXPECT_NE(json.find("\"ui\":{\"tab\":\"pending\"}"), std::string::npos);
}

}  // namespace
