// A real server on loopback with a fresh database per test: the lifecycle end to end, the accept
// race, resume after a disconnect, a slow consumer, what a contact sees, idempotency, sessions.
#include <gtest/gtest.h>

#include <algorithm>
#include <barrier>
#include <chrono>
#include <thread>

#include "live_server.h"
#include "protocol/json.h"
#include "server/core.h"
#include "server/store/store.h"
#include "temp_db.h"

using namespace sb::test;
using namespace sb::protocol;

namespace {

class LiveApiTest : public ::testing::Test {
  protected:
    void SetUp() override {
        seeded_ = seed(db_.database(), extra_agents());
        server_ = std::make_unique<LiveServer>(db_.database());
        port_ = server_->port();
    }
    virtual int extra_agents() const { return 0; }
    const std::string& token(const std::string& login) { return seeded_.sessions.at(login); }

    ContactStartResponse start_chat(const std::string& name, const std::string& body,
                                    std::optional<Id> queue = std::nullopt) {
        ContactStartRequest r;
        r.name = name;
        r.body = body;
        r.queue_id = queue;
        auto reply = post(port_, "/api/v1/contact/chats", encode(r));
        EXPECT_EQ(reply.status, 201) << reply.body;
        return decode<ContactStartResponse>(reply.body);
    }
    Reply send(Id chat, const std::string& body, const std::string& cid, const std::string& tok,
               MessageKind kind = MessageKind::text) {
        return post(port_, "/api/v1/chats/" + std::to_string(chat) + "/messages",
                    encode(SendMessageRequest{body, cid, kind}), tok);
    }
    Reply act(Id chat, const std::string& action, const std::string& tok,
              const std::string& body = "") {
        return post(port_, "/api/v1/chats/" + std::to_string(chat) + "/" + action, body, tok);
    }
    // The newest seq committed, once every instance has fanned it out. On a cluster an
    // instance follows what another one committed a moment later, and a hello replays only what
    // the answering instance has fanned out (the rest follows live, in order); a test that
    // checks what one hello replays settles first. One instance: at once.
    Seq settled_seq() {
        Seq newest = 0;
        server_->core().store().read(
            [&](sb::server::store::ReadTx& tx) { newest = tx.last_event_seq(); });
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        for (std::uint16_t port : server_->instance_ports())
            while (last_seq(port) < newest) {
                if (std::chrono::steady_clock::now() > deadline) {
                    ADD_FAILURE() << "instance on port " << port << " never reached seq " << newest;
                    return newest;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        return newest;
    }
    Seq last_seq(std::uint16_t port) {
        // A supervisor's socket says where the stream is.
        WsClient ws(port, "/api/v1/events");
        ws.send(encode(Hello{token("sam"), 0}));
        ws.start_reading();
        Seq last = 0;
        while (auto f = ws.next()) {
            auto frame = decode_server_frame(*f);
            if (auto* r = std::get_if<Ready>(&frame)) return r->seq;
            if (auto* e = std::get_if<Event>(&frame)) last = e->seq;
        }
        return last;
    }

    TempDb db_;
    Seeded seeded_;
    std::unique_ptr<LiveServer> server_;
    std::uint16_t port_ = 0;
};

}  // namespace

TEST_F(LiveApiTest, LifecycleEndToEnd) {
    WsClient staff_ws(port_, "/api/v1/events");
    staff_ws.hello(token("alice"), 0);

    // A contact starts a chat; Alice sees it live and in her pending list.
    auto started = start_chat("Jana", "My parcel has not arrived");
    auto created = wait_for_event(staff_ws, EventType::chat_created);
    ASSERT_TRUE(created);
    EXPECT_EQ(created->chat->id, started.chat_id);
    auto pending = decode<ChatPage>(get(port_, "/api/v1/chats?view=pending", token("alice")).body);
    ASSERT_EQ(pending.chats.size(), 1u);
    EXPECT_EQ(pending.counts.pending, 1);
    EXPECT_TRUE(pending.chats[0].unread);

    WsClient contact_ws(port_, "/api/v1/contact/events");
    contact_ws.hello(started.contact_token, 0);

    // Accept, then a signed reply reaches the contact with Alice's name.
    auto accepted = act(started.chat_id, "accept", token("alice"));
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(decode<Chat>(accepted.body).status, ChatStatus::working);
    ASSERT_EQ(http(port_, {"PATCH", "/api/v1/me", R"({"sign":true})", token("alice")}).status, 200);
    ASSERT_EQ(send(started.chat_id, "Let me check", "a1", token("alice")).status, 201);
    auto reply = wait_for_event(contact_ws, EventType::message_created);
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->message->body, "Let me check");
    EXPECT_EQ(reply->message->author.name, "Alice");

    // The contact answers; Alice hears it.
    auto contact_reply =
        post(port_, "/api/v1/contact/chats/" + std::to_string(started.chat_id) + "/messages",
             encode(SendMessageRequest{"Thanks!", "k1", MessageKind::text}), started.contact_token);
    ASSERT_EQ(contact_reply.status, 201) << contact_reply.body;
    std::vector<Event> seen;
    auto heard = wait_for_event(staff_ws, EventType::message_created, &seen);
    while (heard && heard->message->body != "Thanks!")
        heard = wait_for_event(staff_ws, EventType::message_created, &seen);
    ASSERT_TRUE(heard);
    EXPECT_EQ(heard->message->author.type, AuthorType::contact);

    // Transfer to Bob, who may then resolve; a new contact message reopens it.
    auto moved = act(started.chat_id, "transfer", token("alice"),
                     R"({"staff_id":)" + std::to_string(seeded_.staff.at("bob")) + "}");
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(decode<Chat>(moved.body).assignee->name, "Bob");
    EXPECT_EQ(act(started.chat_id, "resolve", token("alice")).status, 403);
    ASSERT_EQ(act(started.chat_id, "resolve", token("bob")).status, 200);
    auto resolved = decode<ChatPage>(get(port_, "/api/v1/chats?view=resolved", token("bob")).body);
    EXPECT_EQ(resolved.counts.resolved, 1);
    post(port_, "/api/v1/contact/chats/" + std::to_string(started.chat_id) + "/messages",
         encode(SendMessageRequest{"One more question", "k2", MessageKind::text}),
         started.contact_token);
    auto again = decode<Chat>(
        get(port_, "/api/v1/chats/" + std::to_string(started.chat_id), token("bob")).body);
    EXPECT_EQ(again.status, ChatStatus::pending);

    // The whole story is in the history, system lines included.
    auto history = decode<MessagePage>(
        get(port_, "/api/v1/chats/" + std::to_string(started.chat_id) + "/messages", token("sam"))
            .body);
    std::vector<std::string> lines;
    for (auto& m : history.messages)
        if (m.kind == MessageKind::system) lines.push_back(m.body);
    EXPECT_EQ(lines, (std::vector<std::string>{
                         "Alice accepted", "Alice transferred to Bob", "Bob resolved the chat",
                         "Jana wrote again: the chat is pending in queue Support"}));
}

namespace {
class AcceptRaceTest : public LiveApiTest {
    int extra_agents() const override { return 50; }
};
}  // namespace

TEST_F(AcceptRaceTest, FiftyConcurrentAcceptsExactlyOneWins) {
    auto started = start_chat("Racer", "Who takes me?");
    std::barrier go(50);
    std::vector<int> status(50);
    std::vector<std::string> bodies(50);
    std::vector<std::thread> threads;
    for (int i = 0; i < 50; ++i)
        threads.emplace_back([&, i] {
            const std::string tok = token("agent" + std::to_string(i));
            go.arrive_and_wait();
            auto r = act(started.chat_id, "accept", tok);
            status[i] = r.status;
            bodies[i] = r.body;
        });
    for (auto& t : threads) t.join();
    int ok = 0, conflict = 0;
    std::string winner;
    for (int i = 0; i < 50; ++i) {
        if (status[i] == 200) {
            ++ok;
            winner = decode<Chat>(bodies[i]).assignee->name;
        }
        if (status[i] == 409) ++conflict;
    }
    EXPECT_EQ(ok, 1);
    EXPECT_EQ(conflict, 49);
    for (int i = 0; i < 50; ++i)
        if (status[i] == 409) {
            auto e = decode<Error>(bodies[i]);
            EXPECT_EQ(e.code, "conflict");
            ASSERT_TRUE(e.assignee);
            EXPECT_EQ(e.assignee->name, winner);
        }
}

TEST_F(LiveApiTest, ResumeAfterDisconnectDeliversMissedEventsExactlyOnceInOrder) {
    auto first = start_chat("Ana", "Hello");
    settled_seq();
    Seq since = 0;
    {
        WsClient ws(port_, "/api/v1/events");
        auto frames =
            ws.hello(token("alice"), 0);  // a client that knows nothing: resync, no replay
        ASSERT_EQ(frames.size(), 1u);
        EXPECT_NE(frames[0].find("resync"), std::string::npos);
        since = ws.ready_seq();
        ASSERT_GT(since, 0);
    }  // the line is cut
    // While Alice is away: a witness that stays connected sees what happens.
    WsClient witness(port_, "/api/v1/events");
    auto witnessed = events_of(witness.hello(token("alice"), since));  // her presence, maybe
    act(first.chat_id, "accept", token("alice"));
    for (int i = 0; i < 20; ++i)
        ASSERT_EQ(
            send(first.chat_id, "msg " + std::to_string(i), "c" + std::to_string(i), token("alice"))
                .status,
            201);
    auto second = start_chat("Ben", "Hi there");
    std::vector<Event> live = witnessed;
    // The last change is the second chat's first message.
    while (auto e = wait_for_event(witness, EventType::message_created, &live))
        if (e->message->chat_id == second.chat_id) break;

    settled_seq();
    WsClient back(port_, "/api/v1/events");
    auto resumed = events_of(back.hello(token("alice"), since));
    std::vector<Seq> resumed_seqs, live_seqs;
    for (auto& e : resumed) resumed_seqs.push_back(e.seq);
    for (auto& e : live) live_seqs.push_back(e.seq);
    EXPECT_EQ(resumed_seqs, live_seqs);
    for (std::size_t i = 1; i < resumed_seqs.size(); ++i)
        EXPECT_LT(resumed_seqs[i - 1], resumed_seqs[i]);
    ASSERT_FALSE(resumed.empty());
    EXPECT_GT(resumed.front().seq, since);
    int messages = 0;
    for (auto& e : resumed)
        if (e.type == EventType::message_created && e.message->body.rfind("msg ", 0) == 0)
            ++messages;
    EXPECT_EQ(messages, 20);
    // And then live, with nothing repeated.
    send(first.chat_id, "after resume", "c-after", token("alice"));
    auto next = wait_for_event(back, EventType::message_created);
    ASSERT_TRUE(next);
    EXPECT_EQ(next->message->body, "after resume");
    EXPECT_GT(next->seq, resumed_seqs.back());
}

TEST_F(LiveApiTest, ResyncWhenTooFarBehind) {
    start_chat("Ana", "Hello");
    WsClient ws(port_, "/api/v1/events");
    auto frames = ws.hello(token("alice"), 1'000'000);  // a seq this server never made
    ASSERT_FALSE(frames.empty());
    EXPECT_NE(frames[0].find("\"type\":\"resync\""), std::string::npos);
}

TEST_F(LiveApiTest, SlowConsumerIsDroppedOthersAreNotAndItResumes) {
    auto chat = start_chat("Slow", "Hi");
    act(chat.chat_id, "accept", token("alice"));
    // The slow client says hello and then never reads.
    const Seq before_burst = settled_seq();
    WsClient slow(port_, "/api/v1/events");
    slow.send(encode(Hello{token("sam"), before_burst}));
    WsClient fast(port_, "/api/v1/events");
    fast.hello(token("alice"), 0);
    const std::string big(15 * 1024, 'x');
    const int n = 1500;  // ~22 MB of frames for each socket: far over the per-socket queue limit
    for (int i = 0; i < n; ++i)
        ASSERT_EQ(
            send(chat.chat_id, big + std::to_string(i), "big" + std::to_string(i), token("alice"))
                .status,
            201);
    int got = 0;
    while (got < n) {
        auto e = wait_for_event(fast, EventType::message_created);
        ASSERT_TRUE(e) << "the fast client stopped after " << got;
        ++got;
    }
    auto metrics = get(port_, "/metrics", kMetricsToken);
    EXPECT_NE(metrics.body.find("switchboard_ws_dropped_slow_total 1"), std::string::npos)
        << metrics.body.substr(0, 2000);
    // The server still answers, and the slow client can come back and resume.
    EXPECT_EQ(get(port_, "/api/v1/me", token("sam")).status, 200);
    settled_seq();
    WsClient back(port_, "/api/v1/events");
    auto replay = events_of(back.hello(token("sam"), before_burst));
    int replayed = 0;
    for (auto& e : replay)
        if (e.type == EventType::message_created && e.message->kind == MessageKind::text &&
            e.message->author.type == AuthorType::staff)
            ++replayed;
    EXPECT_EQ(replayed, n);
}

TEST_F(LiveApiTest, WhatAContactCanSee) {
    auto other = start_chat("Petr", "Hi");
    const Seq start = settled_seq();
    auto mine = start_chat("Jana", "Hello");
    act(mine.chat_id, "accept", token("alice"));
    send(mine.chat_id, "unsigned reply", "r1", token("alice"));
    send(mine.chat_id, "internal note about Jana", "n1", token("alice"), MessageKind::note);
    http(port_, {"PATCH", "/api/v1/me", R"({"sign":true})", token("alice")});
    send(mine.chat_id, "signed reply", "r2", token("alice"));

    auto page = decode<MessagePage>(
        get(port_, "/api/v1/contact/chats/" + std::to_string(mine.chat_id) + "/messages",
            mine.contact_token)
            .body);
    std::vector<std::string> bodies;
    for (auto& m : page.messages) {
        bodies.push_back(m.body);
        if (m.author.type == AuthorType::staff) {
            EXPECT_FALSE(m.author.id);
            EXPECT_EQ(m.author.name.has_value(), m.signed_) << m.body;
        }
    }
    EXPECT_EQ(bodies, (std::vector<std::string>{"Hello", "unsigned reply", "signed reply"}));

    // The event stream tells the same story, and nothing of the other chat.
    settled_seq();
    WsClient ws(port_, "/api/v1/contact/events");
    auto events = events_of(ws.hello(mine.contact_token, start));
    ASSERT_GE(events.size(), 4u);  // created, hello, the two replies (no note, no system line)
    for (auto& e : events) {
        ASSERT_TRUE(e.chat);
        EXPECT_EQ(e.chat->id, mine.chat_id);
        EXPECT_FALSE(e.chat->assignee);
        EXPECT_TRUE(e.chat->participants.empty());
        if (e.message) {
            EXPECT_EQ(e.message->kind, MessageKind::text);
            EXPECT_EQ(e.message->body.find("internal"), std::string::npos);
        }
    }
    // Another chat's token opens nothing here.
    EXPECT_EQ(get(port_, "/api/v1/contact/chats/" + std::to_string(mine.chat_id) + "/messages",
                  other.contact_token)
                  .status,
              403);
    EXPECT_EQ(get(port_, "/api/v1/chats", mine.contact_token).status, 403);
    // Staff typing reaches the contact without a name unless the typist signs.
    http(port_, {"PATCH", "/api/v1/me", R"({"sign":false})", token("alice")});
    act(mine.chat_id, "typing", token("alice"));
    auto typing = wait_for_event(ws, EventType::typing);
    ASSERT_TRUE(typing);
    EXPECT_EQ(typing->seq, 0);
    EXPECT_FALSE(typing->typing->author.name);
}

TEST_F(LiveApiTest, IdempotentSendsOverHttp) {
    auto chat = start_chat("Jana", "Hello");
    act(chat.chat_id, "accept", token("alice"));
    auto a = send(chat.chat_id, "once", "same", token("alice"));
    auto b = send(chat.chat_id, "once", "same", token("alice"));
    EXPECT_EQ(a.status, 201);
    EXPECT_EQ(b.status, 200);
    EXPECT_EQ(decode<Message>(a.body).id, decode<Message>(b.body).id);
    const std::string path = "/api/v1/contact/chats/" + std::to_string(chat.chat_id) + "/messages";
    auto c = post(port_, path, R"({"body":"hi","client_id":"k"})", chat.contact_token);
    auto d = post(port_, path, R"({"body":"hi","client_id":"k"})", chat.contact_token);
    EXPECT_EQ(c.status, 201);
    EXPECT_EQ(d.status, 200);
    auto history = decode<MessagePage>(
        get(port_, "/api/v1/chats/" + std::to_string(chat.chat_id) + "/messages", token("alice"))
            .body);
    int count_once = 0, count_hi = 0;
    for (auto& m : history.messages) {
        count_once += m.body == "once";
        count_hi += m.body == "hi";
    }
    EXPECT_EQ(count_once, 1);
    EXPECT_EQ(count_hi, 1);
}

TEST_F(LiveApiTest, ARetriedContactStartFindsTheFirstChat) {
    // The widget lost the answer to its start and sends it again with the same client_id.
    const std::string start = R"({"name":"Jana","body":"Is my order late?","client_id":"s-1"})";
    auto first = post(port_, "/api/v1/contact/chats", start);
    auto again = post(port_, "/api/v1/contact/chats", start);
    ASSERT_EQ(first.status, 201) << first.body;
    ASSERT_EQ(again.status, 200) << again.body;
    const auto a = decode<ContactStartResponse>(first.body);
    const auto b = decode<ContactStartResponse>(again.body);
    EXPECT_EQ(a.chat_id, b.chat_id);
    EXPECT_EQ(a.message.id, b.message.id);
    EXPECT_NE(a.contact_token, b.contact_token);  // tokens are stored hashed: a second one
    const std::string path = "/api/v1/contact/chats/" + std::to_string(a.chat_id) + "/messages";
    EXPECT_EQ(post(port_, path, R"({"body":"one","client_id":"m1"})", a.contact_token).status, 201);
    EXPECT_EQ(post(port_, path, R"({"body":"two","client_id":"m2"})", b.contact_token).status, 201);
    // The same client_id with another name or first message is someone else's: 409, no chat.
    auto pending = [&] {
        return decode<ChatPage>(get(port_, "/api/v1/chats?view=pending", token("sam")).body)
            .counts.pending;
    };
    const auto pending_before = pending();
    auto other = post(port_, "/api/v1/contact/chats",
                      R"({"name":"Jana","body":"Something else","client_id":"s-1"})");
    EXPECT_EQ(other.status, 409);
    EXPECT_NE(other.body.find("client_id"), std::string::npos) << other.body;
    EXPECT_EQ(pending(), pending_before);
    // One chat, with its three messages, for the staff.
    auto history = decode<MessagePage>(
        get(port_, "/api/v1/chats/" + std::to_string(a.chat_id) + "/messages", token("sam")).body);
    int texts = 0;
    for (const auto& m : history.messages) texts += m.kind == MessageKind::text;
    EXPECT_EQ(texts, 3);
}

TEST_F(LiveApiTest, AQueueTheAdminCliAddsReachesTheAgentsOpenSocket) {
    // Alice (Support) is online when the admin CLI, another process writing the same file, puts
    // her into Sales: her socket hears it and from then on gets Sales chats, without reconnecting.
    WsClient ws(port_, "/api/v1/events");
    ws.hello(token("alice"), 0);
    auto wait_for_chat = [&](Id chat_id, const char* what) {
        for (;;) {
            auto f = ws.next(std::chrono::seconds(5));
            ASSERT_TRUE(f) << what;
            auto frame = decode_server_frame(*f);
            if (auto* e = std::get_if<Event>(&frame))
                if (e->type == EventType::chat_created && e->chat && e->chat->id == chat_id) return;
        }
    };
    // Her socket is live (past its replay) once it hears of a new Support chat.
    wait_for_chat(start_chat("Ola", "Hello", seeded_.support).chat_id, "no live Support chat");
    const std::string db = db_.database();
    const char* argv[] = {"admin",   "add-member", "--db",    db.c_str(),
                          "--login", "alice",      "--queue", "Sales"};
    ASSERT_EQ(sb::server::run_admin_cli(8, const_cast<char**>(argv)), 0);
    bool told = false;
    while (!told) {
        auto f = ws.next(std::chrono::seconds(5));
        ASSERT_TRUE(f) << "no staff.updated for alice";
        auto frame = decode_server_frame(*f);
        if (auto* e = std::get_if<Event>(&frame))
            told = e->type == EventType::staff_updated && e->staff && e->staff->login == "alice" &&
                   std::count(e->staff->queues.begin(), e->staff->queues.end(), seeded_.sales);
    }
    wait_for_chat(start_chat("Per", "A question about prices", seeded_.sales).chat_id,
                  "alice's socket did not get the new Sales chat");
}

TEST_F(LiveApiTest, LoginLogoutAndTheFailedLoginLimit) {
    auto ok = post(port_, "/api/v1/auth/login", R"({"login":"bob","password":"pw"})");
    ASSERT_EQ(ok.status, 200) << ok.body;
    auto login = decode<LoginResponse>(ok.body);
    EXPECT_EQ(login.staff.login, "bob");
    EXPECT_EQ(get(port_, "/api/v1/me", login.token).status, 200);
    WsClient ws(port_, "/api/v1/events");
    ws.hello(login.token, 0);
    EXPECT_EQ(post(port_, "/api/v1/auth/logout", "", login.token).status, 204);
    EXPECT_EQ(get(port_, "/api/v1/me", login.token).status, 401);
    while (ws.next(std::chrono::seconds(3))) {
    }
    EXPECT_TRUE(ws.closed());  // logout closes the session's event stream

    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(
            post(port_, "/api/v1/auth/login", R"({"login":"carol","password":"nope"})").status,
            401);
    auto limited = post(port_, "/api/v1/auth/login", R"({"login":"carol","password":"pw"})");
    EXPECT_EQ(limited.status, 429);
    EXPECT_EQ(limited.error_code(), "rate_limited");
    // Another login is not affected.
    EXPECT_EQ(post(port_, "/api/v1/auth/login", R"({"login":"alice","password":"pw"})").status,
              200);
}

TEST_F(LiveApiTest, StaffVisibilityOnTheEventStream) {
    WsClient carol(port_, "/api/v1/events");  // Sales only
    carol.hello(token("carol"), 0);
    WsClient display(port_, "/api/v1/events");
    display.hello(seeded_.display_token, 0);
    start_chat("Support person", "Hello support", seeded_.support);
    auto sales = start_chat("Sales person", "Hello sales", seeded_.sales);
    auto e = wait_for_event(carol, EventType::chat_created);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->chat->id, sales.chat_id);  // the Support chat was not sent to Carol
    // The display token gets chat events but no message text.
    std::vector<Event> seen;
    wait_for_event(display, EventType::chat_created, &seen);
    wait_for_event(display, EventType::chat_created, &seen, std::chrono::milliseconds(1500));
    for (auto& d : seen) EXPECT_NE(d.type, EventType::message_created);
    EXPECT_EQ(get(port_, "/api/v1/stats", seeded_.display_token).status, 200);
    EXPECT_EQ(get(port_, "/api/v1/chats", seeded_.display_token).status, 403);
}

TEST_F(LiveApiTest, StatsFigures) {
    auto a = start_chat("A", "one");
    start_chat("B", "two");
    act(a.chat_id, "accept", token("alice"));
    send(a.chat_id, "reply", "r", token("alice"));
    act(a.chat_id, "resolve", token("alice"));
    auto st = decode<Stats>(get(port_, "/api/v1/stats", token("sam")).body);
    EXPECT_EQ(st.pending_total, 1);
    EXPECT_EQ(st.resolved_today, 1);
    EXPECT_EQ(st.incoming_today, 2);
    ASSERT_TRUE(st.median_first_response_seconds_today);
    EXPECT_EQ(st.incoming_per_hour.size(), 24u);
    EXPECT_EQ(st.incoming_per_hour.back().count, 2);
    ASSERT_EQ(st.longest_waiting.size(), 1u);
    EXPECT_EQ(st.longest_waiting[0].contact_name, "B");
    EXPECT_EQ(get(port_, "/api/v1/stats", token("alice")).status, 403);
}

TEST_F(LiveApiTest, TheAssigneeHearsWhenAChatIsTakenAwayLiveAndOnResume) {
    auto chat = start_chat("Jana", "Hello");
    act(chat.chat_id, "accept", token("alice"));
    settled_seq();
    WsClient live(port_, "/api/v1/events");
    live.hello(token("alice"), 0);
    const Seq since = live.ready_seq();
    // Sam moves Alice's chat to Carol in Sales: Alice may no longer see it, but must learn that.
    auto moved = act(chat.chat_id, "transfer", token("sam"),
                     R"({"staff_id":)" + std::to_string(seeded_.staff.at("carol")) +
                         R"(,"queue_id":)" + std::to_string(seeded_.sales) + "}");
    ASSERT_EQ(moved.status, 200) << moved.body;
    auto update = wait_for_event(live, EventType::chat_updated);
    ASSERT_TRUE(update);
    EXPECT_EQ(update->chat->assignee->name, "Carol");
    EXPECT_EQ(get(port_, "/api/v1/chats/" + std::to_string(chat.chat_id), token("alice")).status,
              404);
    settled_seq();
    WsClient resumed(port_, "/api/v1/events");
    std::vector<Event> missed;
    for (auto& e : events_of(resumed.hello(token("alice"), since)))
        if (e.chat) missed.push_back(e);  // (her own presence events aside)
    ASSERT_EQ(missed.size(), 1u);         // the system line is not hers to see; the update is
    EXPECT_EQ(missed[0].type, EventType::chat_updated);
    EXPECT_EQ(missed[0].chat->assignee->name, "Carol");
}

TEST_F(LiveApiTest, AReplayLongerThanTheSendQueueIsPacedNotDropped) {
    auto chat = start_chat("Long", "Hi");
    act(chat.chat_id, "accept", token("alice"));
    const Seq since = settled_seq();
    const int n = 2600;  // more events than a socket's queue holds (2,048 frames)
    for (int i = 0; i < n; ++i)
        ASSERT_EQ(
            send(chat.chat_id, "m" + std::to_string(i), "l" + std::to_string(i), token("alice"))
                .status,
            201);
    settled_seq();
    WsClient ws(port_, "/api/v1/events");
    auto replay = events_of(ws.hello(token("alice"), since));
    int messages = 0;
    for (auto& e : replay)
        if (e.type == EventType::message_created && e.message->author.type == AuthorType::staff &&
            e.message->kind == MessageKind::text)
            ++messages;
    EXPECT_EQ(messages, n);
    EXPECT_FALSE(ws.closed());
    send(chat.chat_id, "live again", "l-live", token("alice"));
    auto live = wait_for_event(ws, EventType::message_created);
    ASSERT_TRUE(live);
    EXPECT_EQ(live->message->body, "live again");
}

TEST_F(LiveApiTest, ADeletedChatLeavesEveryListLiveAndComesBackOnRestore) {
    auto chat = start_chat("Spam", "Win a prize");
    WsClient alice(port_, "/api/v1/events");
    alice.hello(token("alice"), 0);
    ASSERT_EQ(
        http(port_, {"DELETE", "/api/v1/chats/" + std::to_string(chat.chat_id), "", token("bob")})
            .status,
        200);
    auto gone = wait_for_event(alice, EventType::chat_deleted);
    ASSERT_TRUE(gone);
    EXPECT_TRUE(gone->chat->deleted);
    EXPECT_EQ(decode<ChatPage>(get(port_, "/api/v1/chats?view=pending", token("alice")).body)
                  .chats.size(),
              0u);
    EXPECT_EQ(
        decode<ChatPage>(get(port_, "/api/v1/chats?view=deleted", token("sam")).body).chats.size(),
        1u);
    ASSERT_EQ(act(chat.chat_id, "restore", token("sam")).status, 200);
    auto back = wait_for_event(alice, EventType::chat_restored);
    ASSERT_TRUE(back);
    EXPECT_FALSE(back->chat->deleted);
    EXPECT_EQ(decode<ChatPage>(get(port_, "/api/v1/chats?view=pending", token("alice")).body)
                  .counts.pending,
              1);
}
