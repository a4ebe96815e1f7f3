// Cross-instance tests (issue 10): one PostgreSQL 15 (a throwaway cluster, pg_cluster.h), three
// switchboard-server instances and haproxy in front, started by scripts/cluster exactly as
// scripts/run --instances 3 does. Requests and sockets go to chosen instances or through the
// balancer. Covered: a message posted through B reaches a console on A within 1 s; seq has no
// gaps and only grows while writers on all instances work at once; a 100-way accept race over the
// instances has one winner; a resume on B after following A; kill -9 of an instance during a burst;
// PostgreSQL restarted under load. The two that break things run last.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "channel_webhook_receiver.h"
#include "live_server.h"
#include "pg_cluster.h"
#include "protocol/json.h"
#include "server/auth/tokens.h"
#include "server/channel/webhook_config.h"
#include "server/store/open_store.h"

using namespace sb;
using namespace sb::test;
using protocol::EventType;
using protocol::Id;
using protocol::Seq;
using std::chrono::milliseconds;
using std::chrono::seconds;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kInstances = 3;

// scripts/cluster as a child process; killed with SIGTERM at the end.
class ClusterProcess {
  public:
    ClusterProcess(const std::string& database, std::uint16_t port, const std::string& run_dir)
        : port_(port), run_dir_(run_dir) {
        std::filesystem::create_directories(run_dir);
        const std::string log = run_dir + "/cluster.log";
        pid_ = ::fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            std::freopen(log.c_str(), "w", stdout);
            std::freopen((log + ".err").c_str(), "w", stderr);
            std::vector<std::string> args = {
                "/bin/bash", SWITCHBOARD_SOURCE_DIR "/scripts/cluster", "--instances",
                std::to_string(kInstances), "--port", std::to_string(port), "--database", database,
                "--run-dir", run_dir, "--server", SWITCHBOARD_SERVER_BIN, "--web", "", "--quiet",
                "--", "--presence-lease", "3", "--metrics-token", kMetricsToken,
                // many chats from one loopback address on purpose
                "--limit-chat-starts-per-address", "off", "--limit-chat-starts", "off",
                "--limit-messages-per-token", "off"};
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        for (int i = 0; i < 600; ++i) {
            std::this_thread::sleep_for(milliseconds(100));
            std::ifstream in(log);
            std::string text((std::istreambuf_iterator<char>(in)), {});
            if (text.find("cluster is listening") != std::string::npos) return;
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                break;
            }
        }
        std::string why;
        for (const std::string& f : {std::string(".err"), std::string("")}) {
            std::ifstream in(f.empty() ? run_dir + "/instance-2.log" : log + f);
            why += std::string((std::istreambuf_iterator<char>(in)), {});
        }
        throw std::runtime_error("scripts/cluster did not start: " + why);
    }
    ~ClusterProcess() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
    std::uint16_t balancer() const { return port_; }
    std::uint16_t instance(int i) const { return static_cast<std::uint16_t>(port_ + i); }
    void kill_instance(int i) {
        std::ifstream in(run_dir_ + "/instance-" + std::to_string(i) + ".pid");
        pid_t pid = 0;
        in >> pid;
        if (pid > 0) ::kill(pid, SIGKILL);
    }

  private:
    pid_t pid_ = -1;
    std::uint16_t port_;
    std::string run_dir_;
};

// True when nothing listens on or holds the loopback port (a bind succeeds).
bool port_free(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

// A base port with kInstances more free after it, below the kernel's ephemeral range (32768…)
// so that no outgoing connection of another test takes one meanwhile.
std::uint16_t free_ports() {
    for (int tries = 0; tries < 200; ++tries) {
        const int base = 10000 + static_cast<int>((::getpid() * 7919 + tries * 104729) % 20000);
        bool ok = true;
        for (int i = 0; i <= kInstances && ok; ++i) ok = port_free(base + i);
        if (ok) return static_cast<std::uint16_t>(base);
    }
    throw std::runtime_error("no free ports");
}

std::string instance_of(std::uint16_t port) {
    auto r = get(port, "/healthz");
    const auto at = r.body.find("\"instance\":\"");
    if (at == std::string::npos) return "";
    const auto from = at + 12;
    return r.body.substr(from, r.body.find('"', from) - from);
}

struct StartedChat {
    Id id = 0;
    std::string token;
};

StartedChat start_chat(std::uint16_t port, const std::string& name, const std::string& body) {
    auto r = post(port, "/api/v1/contact/chats",
                  R"({"name":")" + name + R"(","body":")" + body + R"("})");
    if (r.status != 201)
        throw std::runtime_error("start chat: " + std::to_string(r.status) + r.body);
    auto s = protocol::decode<protocol::ContactStartResponse>(r.body);
    return {s.chat_id, s.contact_token};
}

int contact_says(std::uint16_t port, const StartedChat& c, const std::string& body,
                 const std::string& client_id) {
    return post(port, "/api/v1/contact/chats/" + std::to_string(c.id) + "/messages",
                R"({"body":")" + body + R"(","client_id":")" + client_id + R"("})", c.token)
        .status;
}

// Reads events until one with seq >= upto has arrived; returns their seqs in arrival order.
std::vector<Seq> follow_until(WsClient& ws, Seq upto, milliseconds timeout = milliseconds(15000)) {
    std::vector<Seq> seqs;
    const auto end = Clock::now() + timeout;
    while (Clock::now() < end) {
        auto f = ws.next(milliseconds(500));
        if (!f) {
            if (ws.closed()) break;
            continue;
        }
        for (const auto& e : events_of({*f}))
            if (e.seq > 0) seqs.push_back(e.seq);
        if (!seqs.empty() && seqs.back() >= upto) break;
    }
    return seqs;
}

Seq newest_seq(const Seeded& seeded, std::uint16_t port) {
    WsClient ws(port, "/api/v1/events");
    ws.hello(seeded.sessions.at("sam"), 0);
    return ws.ready_seq();
}

void expect_gapless(const std::vector<Seq>& seqs, Seq after, Seq upto, const std::string& who) {
    ASSERT_FALSE(seqs.empty()) << who;
    Seq expect = after + 1;
    for (Seq s : seqs) {
        ASSERT_EQ(s, expect) << who << ": seq out of order, duplicated or missing";
        ++expect;
    }
    EXPECT_EQ(seqs.back(), upto) << who;
}

class ClusterTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        if (!PgCluster::get()) return;
        database_ = new std::string(PgCluster::get()->fresh_database());
        seeded_ = new Seeded(seed(*database_, 100));
        run_dir_ = new std::string(std::filesystem::temp_directory_path() /
                                   ("sb-cluster-test-" + std::to_string(::getpid())));
        cluster_ = new ClusterProcess(*database_, free_ports(), *run_dir_);
    }
    static void TearDownTestSuite() {
        delete cluster_;
        cluster_ = nullptr;
        if (run_dir_) std::filesystem::remove_all(*run_dir_);
    }
    void SetUp() override {
        if (!PgCluster::get()) {
            if (in_ci()) FAIL() << "CI=true and no PostgreSQL: " << PgCluster::why();
            GTEST_SKIP() << "no PostgreSQL here: " << PgCluster::why();
        }
        ASSERT_NE(cluster_, nullptr);
    }
    static std::uint16_t on(int i) { return cluster_->instance(i); }
    static const std::string& token(const std::string& login) {
        return seeded_->sessions.at(login);
    }

    static std::string* database_;
    static Seeded* seeded_;
    static std::string* run_dir_;
    static ClusterProcess* cluster_;
};
std::string* ClusterTest::database_ = nullptr;
Seeded* ClusterTest::seeded_ = nullptr;
std::string* ClusterTest::run_dir_ = nullptr;
ClusterProcess* ClusterTest::cluster_ = nullptr;

TEST_F(ClusterTest, EachInstanceNamesItselfAndTheBalancerSpreadsRequests) {
    std::set<std::string> names;
    for (int i = 1; i <= kInstances; ++i) {
        EXPECT_EQ(instance_of(on(i)), "sb" + std::to_string(i));
        names.insert(instance_of(on(i)));
    }
    std::set<std::string> through;
    for (int i = 0; i < 3 * kInstances; ++i) through.insert(instance_of(cluster_->balancer()));
    EXPECT_EQ(through, names) << "round robin reaches every instance";
}

TEST_F(ClusterTest, AConsoleOnASeesAMessagePostedThroughBWithinOneSecond) {
    WsClient alice(on(1), "/api/v1/events");
    alice.hello(token("alice"), newest_seq(*seeded_, on(1)));
    const auto chat = start_chat(on(2), "Ana", "first");
    ASSERT_TRUE(wait_for_event(alice, EventType::message_created, nullptr, seconds(5)));
    const auto sent = Clock::now();
    ASSERT_EQ(contact_says(on(2), chat, "posted through B", "b-1"), 201);
    std::vector<protocol::Event> seen;
    auto e = wait_for_event(alice, EventType::message_created, &seen, milliseconds(1000));
    ASSERT_TRUE(e) << "no message.created on A within 1 s of the post through B";
    EXPECT_EQ(e->message->body, "posted through B");
    EXPECT_LT(Clock::now() - sent, milliseconds(1000));
}

TEST_F(ClusterTest, SeqHasNoGapsAndOnlyGrowsWhileEveryInstanceWrites) {
    const Seq from = newest_seq(*seeded_, on(1));
    std::vector<std::unique_ptr<WsClient>> followers;
    for (int i = 1; i <= kInstances; ++i) {
        followers.push_back(std::make_unique<WsClient>(on(i), "/api/v1/events"));
        followers.back()->hello(token("sam"), from);
    }
    std::vector<StartedChat> chats;
    for (int i = 1; i <= kInstances; ++i)
        chats.push_back(start_chat(on(i), "Writer" + std::to_string(i), "hello"));
    std::atomic<int> failures{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < 2 * kInstances; ++w)
        writers.emplace_back([&, w] {
            const int inst = 1 + w % kInstances;
            for (int k = 0; k < 25; ++k)
                if (contact_says(on(inst), chats[w % chats.size()],
                                 "w" + std::to_string(w) + "-" + std::to_string(k),
                                 "seq-" + std::to_string(w) + "-" + std::to_string(k)) != 201)
                    ++failures;
        });
    for (auto& t : writers) t.join();
    EXPECT_EQ(failures.load(), 0);
    // 3 starts × 2 events + 150 messages: every one of them, once, in order, on every instance.
    // (An instance's ready seq is what it has fanned out, which may trail the table a moment.)
    Seq upto = newest_seq(*seeded_, on(2));
    for (int i = 0; i < 50 && upto - from < 3 * 2 + 150; ++i) {
        std::this_thread::sleep_for(milliseconds(100));
        upto = newest_seq(*seeded_, on(2));
    }
    EXPECT_GE(upto - from, 3 * 2 + 150);
    for (int i = 0; i < kInstances; ++i) {
        auto seqs = follow_until(*followers[i], upto);
        expect_gapless(seqs, from, upto, "the follower on sb" + std::to_string(i + 1));
    }
}

TEST_F(ClusterTest, AHundredWayAcceptRaceOverTheInstancesHasOneWinner) {
    const auto chat = start_chat(on(1), "Racer", "who takes me?");
    std::atomic<int> won{0}, lost{0}, other{0};
    std::mutex mu;
    std::set<std::string> winners_named;
    std::vector<std::thread> agents;
    std::atomic<bool> go{false};
    for (int a = 0; a < 100; ++a)
        agents.emplace_back([&, a] {
            while (!go) std::this_thread::yield();
            auto r =
                post(on(1 + a % kInstances), "/api/v1/chats/" + std::to_string(chat.id) + "/accept",
                     "", token("agent" + std::to_string(a)));
            if (r.status == 200) {
                ++won;
            } else if (r.status == 409 && r.error_code() == "conflict") {
                ++lost;
                std::lock_guard lock(mu);
                const auto at = r.body.find("\"assignee\"");
                winners_named.insert(at == std::string::npos ? "?" : r.body.substr(at, 40));
            } else {
                ++other;
            }
        });
    go = true;
    for (auto& t : agents) t.join();
    EXPECT_EQ(won.load(), 1);
    EXPECT_EQ(lost.load(), 99);
    EXPECT_EQ(other.load(), 0);
    EXPECT_EQ(winners_named.size(), 1u) << "every loser is told the same winner";
    EXPECT_EQ(winners_named.count("?"), 0u);
}

TEST_F(ClusterTest, AStreamFollowedOnAResumesOnBWithExactlyTheEventsAfter) {
    const Seq from = newest_seq(*seeded_, on(1));
    Seq seen_upto = 0;
    {
        WsClient a(on(1), "/api/v1/events");
        a.hello(token("sam"), from);
        start_chat(on(3), "Resumer", "one");  // chat.created + message.created
        auto seqs = follow_until(a, from + 2);
        expect_gapless(seqs, from, from + 2, "A before the cut");
        seen_upto = seqs.back();
    }  // the client goes away
    const auto chat = start_chat(on(2), "Resumer2", "two");
    for (int k = 0; k < 5; ++k)
        ASSERT_EQ(contact_says(on(3), chat, "m" + std::to_string(k), "r" + std::to_string(k)), 201);
    const Seq upto = newest_seq(*seeded_, on(3));
    WsClient b(on(2), "/api/v1/events");
    auto replayed = events_of(b.hello(token("sam"), seen_upto));
    std::vector<Seq> seqs;
    for (const auto& e : replayed)
        if (e.seq > 0) seqs.push_back(e.seq);
    if (seqs.empty() || seqs.back() < upto)
        for (Seq s : follow_until(b, upto)) seqs.push_back(s);
    expect_gapless(seqs, seen_upto, upto, "B after resume");
    // And live ones follow, without overlap.
    ASSERT_EQ(contact_says(on(1), chat, "live", "r-live"), 201);
    auto live = follow_until(b, upto + 1);
    expect_gapless(live, upto, upto + 1, "B live");
}

std::int64_t metric(std::uint16_t port, const std::string& name) {
    const auto body = get(port, "/metrics", kMetricsToken).body;
    const auto at = body.find("\n" + name + " ");
    return at == std::string::npos ? -1 : std::stoll(body.substr(at + name.size() + 2));
}

std::int64_t now_ms() {
    return std::chrono::duration_cast<milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

TEST_F(ClusterTest, EachWebhookIsDeliveredByExactlyOneInstance) {
    WebhookReceiver receiver;
    std::string token_text;
    {
        auto store = server::store::open_store(*database_);
        server::channel::configure_webhook(*store, "sms", receiver.url("/in/sms"), now_ms());
        const auto t = server::auth::make_token(server::store::TokenRecord::Kind::integration);
        server::store::TokenRecord r;
        r.kind = server::store::TokenRecord::Kind::integration;
        r.label = "sms";
        r.created_at = now_ms();
        store->write([&](server::store::WriteTx& tx) { tx.insert_token(t.hash, r); });
        token_text = t.text;
    }
    auto in = post(on(1), "/api/v1/channel/contacts/%2B4915100/messages",
                   R"({"name":"Hanna","body":"hi","client_id":"wh-1"})", token_text);
    ASSERT_EQ(in.status, 201) << in.body;
    const auto at = in.body.find("\"chat_id\":");
    ASSERT_NE(at, std::string::npos) << in.body;
    const Id chat = std::stoll(in.body.substr(at + 10));
    ASSERT_EQ(
        post(on(2), "/api/v1/chats/" + std::to_string(chat) + "/accept", "", token("bob")).status,
        200);
    constexpr int kReplies = 9;
    for (int k = 0; k < kReplies; ++k) {
        auto r = post(on(1 + k % kInstances), "/api/v1/chats/" + std::to_string(chat) + "/messages",
                      R"({"body":"reply )" + std::to_string(k) + R"(","client_id":"whr-)" +
                          std::to_string(k) + R"("})",
                      token("bob"));
        ASSERT_EQ(r.status, 201) << r.body;
    }
    auto got = receiver.wait_for(kReplies, seconds(15));
    ASSERT_EQ(got.size(), static_cast<size_t>(kReplies));
    // Every instance has had its turns since (they poll every second): none delivered again.
    std::this_thread::sleep_for(milliseconds(2500));
    got = receiver.received();
    std::set<std::string> deliveries;
    for (const auto& r : got) deliveries.insert(r.headers.at("x-switchboard-delivery"));
    EXPECT_EQ(got.size(), static_cast<size_t>(kReplies)) << "no webhook twice";
    EXPECT_EQ(deliveries.size(), static_cast<size_t>(kReplies));
    int delivering = 0;
    std::int64_t total = 0;
    for (int i = 1; i <= kInstances; ++i) {
        const auto n = metric(on(i), "switchboard_webhook_deliveries_total");
        total += n;
        delivering += n > 0;
    }
    EXPECT_EQ(delivering, 1) << "one instance holds the delivery lease";
    EXPECT_EQ(total, kReplies);
}

// A follower through the balancer that reconnects (resuming by seq) whenever its socket closes.
struct ResumingFollower {
    explicit ResumingFollower(std::uint16_t port, std::string tok, Seq from)
        : port(port), token(std::move(tok)), last(from) {}
    void run_until(const std::atomic<Seq>& upto, Clock::time_point deadline) {
        while (last < upto.load() && Clock::now() < deadline) {
            try {
                WsClient ws(port, "/api/v1/events");
                for (const auto& e : events_of(ws.hello(token, last))) take(e.seq);
                while (last < upto.load() && Clock::now() < deadline) {
                    auto f = ws.next(milliseconds(300));
                    if (!f) {
                        if (ws.closed()) break;
                        continue;
                    }
                    for (const auto& e : events_of({*f})) take(e.seq);
                }
            } catch (const std::exception&) {
                std::this_thread::sleep_for(milliseconds(100));
            }
            ++reconnects;
        }
    }
    void take(Seq s) {
        if (s <= 0) return;
        seqs.push_back(s);
        last = std::max(last, s);
    }
    std::uint16_t port;
    std::string token;
    Seq last;
    std::vector<Seq> seqs;
    int reconnects = 0;
};

// Sends `count` contact messages through the balancer, retrying each (same client_id) until it is
// acknowledged; returns the bodies acknowledged, and counts 503s.
std::vector<std::string> burst(std::uint16_t port, const StartedChat& chat, const std::string& tag,
                               int count, std::atomic<int>& unavailable, milliseconds pause = {}) {
    std::vector<std::string> acked;
    for (int k = 0; k < count; ++k) {
        const std::string body = tag + "-" + std::to_string(k);
        for (int attempt = 0; attempt < 200; ++attempt) {
            int status = 0;
            try {
                status = contact_says(port, chat, body, "burst-" + body);
            } catch (const std::exception&) {
                status = -1;  // connection refused or cut
            }
            if (status == 201 || status == 200) {
                acked.push_back(body);
                break;
            }
            if (status == 503) ++unavailable;
            std::this_thread::sleep_for(milliseconds(50));
        }
        if (pause.count()) std::this_thread::sleep_for(pause);
    }
    return acked;
}

std::multiset<std::string> stored_bodies(std::uint16_t port, const std::string& tok, Id chat) {
    std::multiset<std::string> out;
    std::optional<Id> before;
    for (;;) {
        auto r = get(port,
                     "/api/v1/chats/" + std::to_string(chat) + "/messages?limit=200" +
                         (before ? "&before=" + std::to_string(*before) : ""),
                     tok);
        if (r.status != 200) throw std::runtime_error("messages: " + r.body);
        auto page = protocol::decode<protocol::MessagePage>(r.body);
        for (const auto& m : page.messages) out.insert(m.body);
        if (!page.next_before) return out;
        before = page.next_before;
    }
}

void expect_all_stored_once(const std::multiset<std::string>& stored,
                            const std::vector<std::string>& acked) {
    for (const auto& b : acked) EXPECT_EQ(stored.count(b), 1u) << "acknowledged \"" << b << "\"";
}

TEST_F(ClusterTest, ZKillNineOfOneInstanceDuringABurst) {
    const Seq from = newest_seq(*seeded_, on(1));
    const auto chat = start_chat(cluster_->balancer(), "Burst", "start");
    // Followers through the balancer (some land on sb2 and lose it mid-stream), from before the
    // burst until they have seen its last event.
    std::atomic<Seq> upto{std::numeric_limits<Seq>::max()};
    std::vector<std::unique_ptr<ResumingFollower>> followers;
    std::vector<std::thread> threads;
    for (int f = 0; f < 6; ++f) {
        followers.push_back(
            std::make_unique<ResumingFollower>(cluster_->balancer(), token("sam"), from));
        threads.emplace_back(
            [&, p = followers.back().get()] { p->run_until(upto, Clock::now() + seconds(60)); });
    }
    // Carol is connected to sb2 only: online for everyone, until sb2 dies.
    auto presence_of = [&](const std::string& login) {
        auto r = get(on(1), "/api/v1/staff?q=" + login, token("sam"));
        auto list = protocol::decode<protocol::StaffList>(r.body);
        return list.staff.empty() ? protocol::Presence::offline : list.staff.front().presence;
    };
    WsClient carol(on(2), "/api/v1/events");
    carol.hello(token("carol"), 0);
    EXPECT_EQ(presence_of("carol"), protocol::Presence::online) << "online on sb2, seen on sb1";
    std::atomic<int> unavailable{0};
    std::vector<std::string> acked;
    std::thread sender([&] {
        acked = burst(cluster_->balancer(), chat, "kill", 120, unavailable, milliseconds(10));
    });
    std::this_thread::sleep_for(milliseconds(400));
    const auto killed = Clock::now();
    cluster_->kill_instance(2);
    sender.join();
    upto = newest_seq(*seeded_, on(1));
    for (auto& t : threads) t.join();
    int reconnected = 0;
    for (auto& f : followers) reconnected += f->reconnects > 1;
    EXPECT_GT(reconnected, 0) << "some followers were on sb2 and reconnected";
    EXPECT_EQ(acked.size(), 120u) << "every message acknowledged in the end";
    for (size_t i = 0; i < followers.size(); ++i)
        expect_gapless(followers[i]->seqs, from, upto.load(), "follower " + std::to_string(i));
    expect_all_stored_once(stored_bodies(on(1), token("sam"), chat.id), acked);
    EXPECT_TRUE(instance_of(on(1)) == "sb1" && instance_of(on(3)) == "sb3")
        << "the others serve on";
    EXPECT_THROW(get(on(2), "/healthz"), std::exception) << "sb2 is gone";
    // Her presence ends within the lease (3 s here) and a sweep, not the 60 s grace of a close.
    while (presence_of("carol") != protocol::Presence::offline &&
           Clock::now() - killed < seconds(15))
        std::this_thread::sleep_for(milliseconds(200));
    EXPECT_EQ(presence_of("carol"), protocol::Presence::offline) << "sb2's sockets' presence ends";
}

TEST_F(ClusterTest, ZPostgresRestartedUnderLoad) {
    const Seq from = newest_seq(*seeded_, on(1));
    const auto chat = start_chat(on(1), "Restart", "start");
    std::atomic<int> unavailable{0};
    std::vector<std::string> acked;
    std::thread sender(
        [&] { acked = burst(on(3), chat, "pg", 60, unavailable, milliseconds(30)); });
    std::this_thread::sleep_for(milliseconds(500));
    PgCluster::get()->stop();
    std::this_thread::sleep_for(milliseconds(1500));
    PgCluster::get()->start();
    sender.join();
    EXPECT_GT(unavailable.load(), 0) << "503s while PostgreSQL was down";
    EXPECT_EQ(acked.size(), 60u);
    expect_all_stored_once(stored_bodies(on(1), token("sam"), chat.id), acked);
    // Both instances still up, and their streams whole.
    for (int i : {1, 3}) {
        EXPECT_EQ(instance_of(on(i)), "sb" + std::to_string(i));
        ResumingFollower f(on(i), token("sam"), from);
        const std::atomic<Seq> upto{newest_seq(*seeded_, on(i))};
        f.run_until(upto, Clock::now() + seconds(20));
        expect_gapless(f.seqs, from, upto.load(), "sb" + std::to_string(i) + " after the restart");
    }
}

}  // namespace
