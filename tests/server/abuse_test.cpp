// Abuse of the parts that are open by design (issue 11), one test per finding, each with its
// boundaries: exactly N allowed, N+1 refused with 429 rate_limited and Retry-After and nothing
// changed, allowed again after the window. Most run a real server on loopback with the limits
// they name; the ones that need several addresses or a clock that moves run the same domain
// and auth code on a real store with a test clock. Runs on SQLite and on PostgreSQL
// (server_pg.abuse_test); the transport's own findings are in transport_hardening_test.cpp.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <atomic>

#include <chrono>
#include <fstream>
#include <limits>
#include <regex>
#include <sstream>
#include <thread>

#include "live_server.h"
#include "protocol/json.h"
#include "server/auth/auth_service.h"
#include "server/auth/passwords.h"
#include "server/auth/tokens.h"
#include "server/domain/chat_service.h"
#include "server/store/open_store.h"
#include "temp_db.h"

using namespace sb;
using namespace sb::protocol;
using namespace sb::test;

namespace {

class AbuseTest : public ::testing::Test {
  protected:
    // Starts the server with the limits a test names (everything else unlimited).
    void start(server::PublicLimits limits) {
        seeded_ = seed(db_.database());
        server_ = std::make_unique<LiveServer>(
            db_.database(),
            [&](server::ServerConfig&, server::CoreConfig& cc) { cc.limits = limits; });
        port_ = server_->port();
    }
    Reply start_chat(const std::string& name, const std::string& body,
                     std::optional<std::string> client_id = std::nullopt,
                     std::optional<std::string> email = std::nullopt,
                     std::optional<std::string> phone = std::nullopt) {
        ContactStartRequest r;
        r.name = name;
        r.body = body;
        r.client_id = client_id;
        r.email = email;
        r.phone = phone;
        return post(port_, "/api/v1/contact/chats", encode(r));
    }
    Reply contact_send(const ContactStartResponse& c, const std::string& body,
                       const std::string& cid) {
        return post(port_, "/api/v1/contact/chats/" + std::to_string(c.chat_id) + "/messages",
                    encode(SendMessageRequest{body, cid, MessageKind::text}), c.contact_token);
    }
    Reply typing(const ContactStartResponse& c) {
        return post(port_, "/api/v1/contact/chats/" + std::to_string(c.chat_id) + "/typing", "",
                    c.contact_token);
    }
    std::int64_t pending_total() {
        auto r = get(port_, "/api/v1/stats", seeded_.display_token);
        EXPECT_EQ(r.status, 200) << r.body;
        return decode<Stats>(r.body).pending_total;
    }
    static void expect_refused(const Reply& r, int max_retry_after) {
        EXPECT_EQ(r.status, 429) << r.body;
        EXPECT_EQ(r.error_code(), "rate_limited");
        ASSERT_TRUE(r.headers.count("Retry-After")) << r.body;
        const int s = std::stoi(r.headers.at("Retry-After"));
        EXPECT_GE(s, 1);
        EXPECT_LE(s, max_retry_after);
    }
    static server::PublicLimits none() { return LiveServer::test_limits(); }
    // `switchboard-server admin <args>` on this test's database; its standard output.
    std::string run_cli(const std::string& args) {
        const std::string out = (db_.dir() / "cli.out").string();
        const std::string cmd = std::string(SWITCHBOARD_SERVER_BIN) + " admin " + args + " --db '" +
                                db_.database() + "' >'" + out + "' 2>/dev/null";
        const int rc = std::system(cmd.c_str());
        EXPECT_TRUE(WIFEXITED(rc) && WEXITSTATUS(rc) == 0) << cmd;
        std::ifstream in(out);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }
    static Time now_ms() {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }

    TempDb db_;
    Seeded seeded_;
    std::unique_ptr<LiveServer> server_;
    std::uint16_t port_ = 0;
};

// Row 1: chat starts per address. Exactly 3 pass, the 4th is refused and creates nothing; a
// retried start (same client_id) of an admitted one is not counted and still answers.
TEST_F(AbuseTest, ChatStartsPerAddressAreLimitedAndARefusalChangesNothing) {
    auto l = none();
    l.chat_starts_per_address = {3, 20'000};
    start(l);
    for (int i = 0; i < 3; ++i)
        ASSERT_EQ(
            start_chat("Probe " + std::to_string(i), "hi", "start-" + std::to_string(i)).status,
            201);
    expect_refused(start_chat("Probe 3", "hi", "start-3"), 21);
    EXPECT_EQ(pending_total(), 3);
    auto again = start_chat("Probe 0", "hi", "start-0");
    EXPECT_EQ(again.status, 200) << again.body;  // the retry finds its chat; nothing new
    EXPECT_EQ(pending_total(), 3);
}

// Row 1: one contact token's messages. Exactly 3 pass; a resend of an admitted one (same
// client_id) is answered as before and not counted.
TEST_F(AbuseTest, MessagesPerTokenAreLimited) {
    auto l = none();
    l.messages_per_token = {3, 30'000};
    start(l);
    auto c = decode<ContactStartResponse>(start_chat("Olga", "first").body);
    for (int i = 0; i < 3; ++i)
        ASSERT_EQ(contact_send(c, "m" + std::to_string(i), "c" + std::to_string(i)).status, 201);
    expect_refused(contact_send(c, "m3", "c3"), 31);
    EXPECT_EQ(contact_send(c, "m0", "c0").status, 200);
    auto page = get(port_, "/api/v1/contact/chats/" + std::to_string(c.chat_id) + "/messages",
                    c.contact_token);
    EXPECT_EQ(decode<MessagePage>(page.body).messages.size(), 4u);  // first + m0..m2
}

// Row 1: typing. Limited per token, and coalesced: of a burst, one typing event reaches staff.
TEST_F(AbuseTest, TypingIsLimitedPerTokenAndCoalescedPerChat) {
    auto l = none();
    l.typing_per_token = {4, 15'000};
    l.typing_coalesce_ms = 2'000;
    start(l);
    auto c = decode<ContactStartResponse>(start_chat("Olga", "first").body);
    WsClient alice(port_, "/api/v1/events");
    alice.hello(seeded_.sessions.at("alice"), 0);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(typing(c).status, 204);
    expect_refused(typing(c), 16);
    int typing_events = 0;
    while (auto f = alice.next(std::chrono::milliseconds(1500)))
        if (f->find("\"type\":\"typing\"") != std::string::npos) ++typing_events;
    EXPECT_EQ(typing_events, 1);
}

// Row 1: contact sockets per token, and sockets in total.
TEST_F(AbuseTest, ContactSocketsPerTokenAreCapped) {
    auto l = none();
    l.sockets_per_token = 2;
    start(l);
    auto c = decode<ContactStartResponse>(start_chat("Olga", "first").body);
    auto a = std::make_unique<WsClient>(port_, "/api/v1/contact/events");
    a->hello(c.contact_token, 0);
    WsClient b(port_, "/api/v1/contact/events");
    b.hello(c.contact_token, 0);
    EXPECT_GE(b.ready_seq(), 0);
    WsClient third(port_, "/api/v1/contact/events");
    third.send(encode(Hello{c.contact_token, 0}));
    third.start_reading();
    auto f = third.next();
    ASSERT_TRUE(f);
    EXPECT_NE(f->find("rate_limited"), std::string::npos) << *f;
    while (third.next(std::chrono::seconds(2))) {
    }
    EXPECT_TRUE(third.closed());
    EXPECT_FALSE(b.closed());
    // Closing one makes room again.
    a->close();
    a.reset();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    WsClient fourth(port_, "/api/v1/contact/events");
    fourth.hello(c.contact_token, 0);
    EXPECT_GE(fourth.ready_seq(), 0);
}

TEST_F(AbuseTest, EventSocketsInTotalAreCapped) {
    auto l = none();
    l.sockets_total = 2;
    start(l);
    WsClient a(port_, "/api/v1/events");
    a.hello(seeded_.sessions.at("alice"), 0);
    WsClient b(port_, "/api/v1/events");
    b.hello(seeded_.sessions.at("bob"), 0);
    WsClient c(port_, "/api/v1/events");
    c.start_reading();
    auto f = c.next();
    ASSERT_TRUE(f);
    EXPECT_NE(f->find("rate_limited"), std::string::npos) << *f;
    while (c.next(std::chrono::seconds(2))) {
    }
    EXPECT_TRUE(c.closed());
}

// Row 2: the display token reads what the kiosk draws and nothing else.
TEST_F(AbuseTest, DisplayTokenSeesNoContactDetailsMessagesOrLogins) {
    start(none());
    WsClient display(port_, "/api/v1/events");
    display.hello(seeded_.display_token, 0);
    const std::string email = "probe.person@example.org", phone = "+49 170 5550199",
                      body = "my secret order text";
    auto c = decode<ContactStartResponse>(
        start_chat("Probe Person", body, std::nullopt, email, phone).body);
    auto accepted = post(port_, "/api/v1/chats/" + std::to_string(c.chat_id) + "/accept", "",
                         seeded_.sessions.at("alice"));
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    ASSERT_EQ(post(port_, "/api/v1/chats/" + std::to_string(c.chat_id) + "/messages",
                   encode(SendMessageRequest{"a staff reply text", "r1", MessageKind::text}),
                   seeded_.sessions.at("alice"))
                  .status,
              201);
    Request away;  // a staff.updated / presence.changed event for the display to see
    away.method = "PATCH";
    away.target = "/api/v1/me";
    away.body = R"({"presence":"away"})";
    away.token = seeded_.sessions.at("bob");
    ASSERT_EQ(http(port_, away).status, 200);
    const std::regex kLogin(R"re("login":"[^"])re");
    std::vector<std::string> frames;
    bool saw_chat = false, saw_assignee = false;
    while (auto f = display.next(std::chrono::milliseconds(1500))) {
        frames.push_back(*f);
        if (f->find("\"chat.") != std::string::npos) saw_chat = true;
        if (f->find("\"assignee\":{") != std::string::npos) saw_assignee = true;
    }
    EXPECT_TRUE(saw_chat);
    EXPECT_TRUE(saw_assignee);  // the kiosk shows who works on a chat
    for (const auto& f : frames) {
        EXPECT_EQ(f.find(email), std::string::npos) << f;
        EXPECT_EQ(f.find(phone), std::string::npos) << f;
        EXPECT_EQ(f.find(body), std::string::npos) << f;
        EXPECT_EQ(f.find("a staff reply text"), std::string::npos) << f;
        EXPECT_FALSE(std::regex_search(f, kLogin)) << f;  // "login" is always "" here
        EXPECT_EQ(f.find("\"participants\":[{"), std::string::npos) << f;
    }
    auto stats = get(port_, "/api/v1/stats", seeded_.display_token);
    EXPECT_EQ(stats.body.find(email), std::string::npos);
    EXPECT_EQ(stats.body.find(body), std::string::npos);
    EXPECT_FALSE(std::regex_search(stats.body, kLogin));
}

// Row 2, the lifetimes: a display token made with an expiry, listed and revoked with the admin
// CLI from another process; the running server closes its socket within a second.
TEST_F(AbuseTest, DisplayTokensExpireAndTheCliRevokesThemSocketsIncluded) {
    start(none());
    const std::string made = run_cli("make-display-token --label Lobby --expires-in 30d");
    ASSERT_EQ(made.rfind("sbd_", 0), 0u) << made;
    const std::string token = made.substr(0, made.find('\n'));
    EXPECT_EQ(get(port_, "/api/v1/stats", token).status, 200);
    WsClient kiosk(port_, "/api/v1/events");
    kiosk.hello(token, 0);
    const std::string listed = run_cli("list-tokens");
    const std::regex row(R"(token #(\d+) display "Lobby" created \S+ expires (\S+) )");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(listed, m, row)) << listed;
    EXPECT_NE(m[2].str(), "-");  // it has an expiry
    run_cli("revoke-token --id " + m[1].str());
    EXPECT_EQ(kiosk.wait_closed(std::chrono::seconds(5)), std::optional<std::string>("revoked"));
    EXPECT_EQ(get(port_, "/api/v1/stats", token).status, 401);
    EXPECT_EQ(get(port_, "/api/v1/stats", seeded_.display_token).status, 200);
}

// Row 3: set-password (here from the CLI, another process) ends that person's sessions and
// closes their sockets at once, and deactivate-staff does the same.
TEST_F(AbuseTest, SetPasswordAndDeactivateFromTheCliEndSessionsAndCloseSockets) {
    start(none());
    WsClient bob(port_, "/api/v1/events");
    bob.hello(seeded_.sessions.at("bob"), 0);
    WsClient alice(port_, "/api/v1/events");
    alice.hello(seeded_.sessions.at("alice"), 0);
    run_cli("set-password --login bob --password 'a fresh password'");
    EXPECT_EQ(bob.wait_closed(std::chrono::seconds(5)),
              std::optional<std::string>("password changed"));
    EXPECT_EQ(get(port_, "/api/v1/me", seeded_.sessions.at("bob")).status, 401);
    EXPECT_EQ(get(port_, "/api/v1/me", seeded_.sessions.at("alice")).status, 200);
    run_cli("deactivate-staff --login alice");
    EXPECT_EQ(alice.wait_closed(std::chrono::seconds(5)),
              std::optional<std::string>("deactivated"));
    EXPECT_EQ(get(port_, "/api/v1/me", seeded_.sessions.at("alice")).status, 401);
}

// Row 3: a socket is closed when its session expires.
TEST_F(AbuseTest, ASocketClosesWhenItsSessionExpires) {
    start(none());
    const auto token = server::auth::make_token(server::store::TokenRecord::Kind::staff);
    server_->core().store().write([&](server::store::WriteTx& tx) {
        server::store::TokenRecord t;
        t.kind = server::store::TokenRecord::Kind::staff;
        t.staff_id = seeded_.staff.at("alice");
        t.created_at = now_ms();
        t.expires_at = now_ms() + 1500;
        tx.insert_token(token.hash, t);
    });
    WsClient ws(port_, "/api/v1/events");
    ws.hello(token.text, 0);
    EXPECT_FALSE(ws.closed());
    EXPECT_EQ(ws.wait_closed(std::chrono::seconds(5)),
              std::optional<std::string>("session expired"));
    EXPECT_EQ(get(port_, "/api/v1/me", token.text).status, 401);
}

// Row 4: check and count are atomic. Of 40 concurrent wrong passwords for one login from one
// address, no more than the free 5 are checked; the rest are refused (429) or, if the hashing
// queue is full, told to retry (503) — and nothing else.
TEST_F(AbuseTest, ConcurrentBadLoginsCannotAllPassTheCheck) {
    start(none());
    std::atomic<int> checked{0}, limited{0}, busy{0}, other{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 40; ++i)
        threads.emplace_back([&] {
            auto r = post(port_, "/api/v1/auth/login", R"({"login":"carol","password":"nope"})");
            (r.status == 401   ? checked
             : r.status == 429 ? limited
             : r.status == 503 ? busy
                               : other)++;
        });
    for (auto& t : threads) t.join();
    EXPECT_LE(checked.load(), 5);
    EXPECT_GE(checked.load(), 1);
    EXPECT_EQ(other.load(), 0);
    EXPECT_EQ(checked + limited + busy, 40);
}

// Row 5: hashing has its own bounded queue: a storm of logins is answered 503 + Retry-After at
// once rather than holding request workers, and the API keeps answering meanwhile.
TEST_F(AbuseTest, ALoginStormOverflowsTheHashingQueueNotTheWorkers) {
    start(none());
    std::atomic<int> busy{0}, bad_retry_after{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 16; ++i)
        threads.emplace_back([&, i] {
            auto r = post(port_, "/api/v1/auth/login",
                          R"({"login":"nobody)" + std::to_string(i) + R"(","password":"x"})");
            if (r.status == 503) {
                ++busy;
                if (r.error_code() != "unavailable" || !r.headers.count("Retry-After"))
                    ++bad_retry_after;
            }
        });
    // While the storm runs, a staff call still gets a worker.
    EXPECT_EQ(get(port_, "/api/v1/queues", seeded_.sessions.at("alice")).status, 200);
    for (auto& t : threads) t.join();
    EXPECT_GE(busy.load(), 1);  // 16 at once cannot all fit 1 running + 3 queued
    EXPECT_EQ(bad_retry_after.load(), 0);
}

// Row 5, the tarpit: a refused login is answered only after the hold, and the hold is a timer on
// the connection, not a worker: with three times as many refusals held as the server has
// workers (8), a staff call made meanwhile is answered before any of them.
TEST_F(AbuseTest, ARefusedLoginIsHeldBackWithoutHoldingAWorker) {
    auto limits = none();
    limits.login.refusal_hold_ms = 3'000;
    start(limits);
    const std::string bad = R"({"login":"carol","password":"nope"})";
    for (int i = 0; i < limits.login.free_per_login_address; ++i)
        ASSERT_EQ(post(port_, "/api/v1/auth/login", bad).status, 401);  // free failures: no hold

    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    std::atomic<int> limited{0};
    std::atomic<std::int64_t> first_answer_ms{std::numeric_limits<std::int64_t>::max()};
    std::vector<std::thread> threads;
    for (int i = 0; i < 24; ++i)
        threads.emplace_back([&] {
            auto r = post(port_, "/api/v1/auth/login", bad);
            const std::int64_t ms =
                std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
            if (r.status == 429 && r.error_code() == "rate_limited") ++limited;
            std::int64_t seen = first_answer_ms.load();
            while (ms < seen && !first_answer_ms.compare_exchange_weak(seen, ms)) {
            }
        });
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    auto queues = get(port_, "/api/v1/queues", seeded_.sessions.at("alice"));
    const std::int64_t queues_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
    for (auto& t : threads) t.join();

    EXPECT_EQ(queues.status, 200);
    EXPECT_EQ(limited.load(), 24);
    EXPECT_GE(first_answer_ms.load(), 2'900) << "a refusal was answered before its hold";
    EXPECT_LT(queues_ms, first_answer_ms.load()) << "the staff call waited behind held refusals";
}

// Row 6: a NUL (or any control character) in a search query is a 400, not a 500.
TEST_F(AbuseTest, SearchRefusesControlCharacters) {
    start(none());
    const auto& sam = seeded_.sessions.at("sam");
    for (const char* q : {"a%00b", "%07", "x%1By"}) {
        auto r = get(port_, std::string("/api/v1/chats/search?q=") + q, sam);
        EXPECT_EQ(r.status, 400) << q << " " << r.body;
        EXPECT_EQ(r.error_code(), "bad_request");
    }
    EXPECT_EQ(get(port_, "/api/v1/chats/search?q=a%09b", sam).status, 200);  // a tab is a space
}

// The same rules with a clock that moves and several addresses: the domain and auth code the
// server runs, on a real store.
class LimitsClockTest : public ::testing::Test {
  protected:
    void SetUp() override { store_ = server::store::open_store(db_.database()); }
    // A login's answer as an HTTP status: 200, or the DomainError's.
    static int login_status(server::AuthService& auth, const std::string& login,
                            const std::string& password, const std::string& from) {
        try {
            auth.login(LoginRequest{login, password}, from);
            return 200;
        } catch (const server::DomainError& e) {
            return e.status();
        }
    }
    server::Time now_ = 1'800'000'000'000;
    TempDb db_;
    std::unique_ptr<server::store::Store> store_;
};

TEST_F(LimitsClockTest, ChatStartsRefillPerAddressAndHaveAGlobalCeiling) {
    store_->write([](server::store::WriteTx& tx) { tx.insert_queue("Q"); });
    auto l = server::unlimited_public_side();
    l.chat_starts_per_address = {3, 20'000};  // 3 a minute
    l.chat_starts = {5, 10'000};
    server::ChatService chats(
        *store_, [this] { return now_; }, nullptr, l);
    int n = 0;
    auto try_start = [&](const std::string& address) {
        ContactStartRequest r;
        r.name = "c" + std::to_string(n);
        r.body = "hi";
        try {
            chats.contact_start(r, "tok" + std::to_string(n++), "web", address);
            return 0L;
        } catch (const server::DomainError& e) {
            EXPECT_EQ(e.status(), 429);
            return static_cast<long>(e.retry_after());
        }
    };
    for (int i = 0; i < 3; ++i) EXPECT_EQ(try_start("198.51.100.1"), 0);
    EXPECT_EQ(try_start("198.51.100.1"), 20);  // one more in 20 s
    EXPECT_EQ(try_start("198.51.100.2"), 0);   // another address is not affected
    EXPECT_EQ(try_start("198.51.100.3"), 0);   // 5 in all: the global ceiling is reached
    EXPECT_GT(try_start("198.51.100.4"), 0);
    now_ += 20'000;                           // 20 s: one more for the first address,
    EXPECT_EQ(try_start("198.51.100.1"), 0);  // (and the global bucket refilled two)
    EXPECT_GT(try_start("198.51.100.1"), 0);  // but not two
    const auto pending = store_->read_value([](server::store::ReadTx& tx) {
        server::store::Audience everyone;
        everyone.everything = true;
        return tx.counts(everyone, true).pending;
    });
    EXPECT_EQ(pending, 6);  // every refusal changed nothing
}

// Row 4: failures count per (login, address) and per address, with doubling delays, never per
// login alone: a correct password from an address that has not been failing always works.
TEST_F(LimitsClockTest, FailedLoginsDelayThatLoginFromThatAddressOnly) {
    const std::string hash = server::auth::hash_password("right");
    store_->write([&](server::store::WriteTx& tx) {
        tx.insert_staff("bob", "Bob", Role::agent, hash, now_);
        tx.insert_staff("alice", "Alice", Role::agent, hash, now_);
    });
    server::AuthService auth(*store_, [this] { return now_; });
    auto attempt = [&](const std::string& login, const std::string& pw, const std::string& from) {
        return login_status(auth, login, pw, from);
    };
    const std::string attacker = "203.0.113.9", office = "198.51.100.7";
    for (int i = 0; i < 5; ++i) EXPECT_EQ(attempt("bob", "guess", attacker), 401);
    EXPECT_EQ(attempt("bob", "right", attacker), 429);    // that pair now waits 1 s
    EXPECT_EQ(attempt("bob", "right", office), 200);      // bob from his office: never refused
    EXPECT_EQ(attempt("alice", "right", attacker), 200);  // another login from that address
    now_ += 1'000;
    EXPECT_EQ(attempt("bob", "guess", attacker), 401);  // 6th failure: next wait is 2 s
    now_ += 1'500;
    EXPECT_EQ(attempt("bob", "guess", attacker), 429);
    now_ += 500;
    EXPECT_EQ(attempt("bob", "right", attacker), 200);  // success forgets that pair's failures
    for (int i = 0; i < 5; ++i) EXPECT_EQ(attempt("bob", "guess", attacker), 401);
}

TEST_F(LimitsClockTest, ManyLoginsFailingFromOneAddressSlowOnlyThatAddress) {
    const std::string hash = server::auth::hash_password("right");
    store_->write([&](server::store::WriteTx& tx) {
        tx.insert_staff("carol", "Carol", Role::agent, hash, now_);
    });
    server::AuthService auth(*store_, [this] { return now_; });
    auto attempt = [&](const std::string& login, const std::string& pw, const std::string& from) {
        return login_status(auth, login, pw, from);
    };
    const std::string sprayer = "203.0.113.50";
    for (int i = 0; i < 20; ++i)
        EXPECT_EQ(attempt("user" + std::to_string(i), "x", sprayer), 401) << i;
    EXPECT_EQ(attempt("carol", "right", sprayer), 429);  // the address has been failing
    EXPECT_EQ(attempt("carol", "right", "198.51.100.8"), 200);
    now_ += 15 * 60'000;  // a quiet window forgets
    EXPECT_EQ(attempt("carol", "right", sprayer), 200);
}

}  // namespace
