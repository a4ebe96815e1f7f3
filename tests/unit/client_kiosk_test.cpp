// The kiosk's client side against a fake platform: the token from the URL, /stats requests (at
// once, after events, coalesced, at most one per second, every 30 s when quiet), the event stream
// with the display token (hello, resume by seq, reconnect with backoff, refused tokens), and the
// dashboard view model (ticking waits crossing thresholds, data age banners, ordering).
#include <gtest/gtest.h>

#include "client/kiosk.h"
#include "client/kiosk_dashboard.h"
#include "client_test_support.h"
#include "platform/native/fake_platform.h"
#include "protocol/json.h"

namespace {

using namespace sb::client;
using sb::platform::FakePlatform;
using sb::protocol::Level;
using sb::protocol::Stats;

constexpr const char* kStats = "GET /api/v1/stats";

// Figures as the server would send them at platform time `at` (seconds).
Stats stats_at(double at) {
    Stats st;
    st.at = static_cast<sb::protocol::Time>(at * 1000);
    st.timezone = "Europe/Berlin";
    sb::protocol::QueueStats support;
    support.queue = {1, "Support"};
    support.pending = 2;
    support.longest_wait_seconds = 110;
    sb::protocol::QueueStats sales;
    sales.queue = {2, "Sales"};
    st.queues = {support, sales};
    st.pending_total = 2;
    st.longest_wait_seconds = 110;
    st.longest_wait_level = Level::normal;
    st.agents = {{{1, "Zoe"}, sb::protocol::Role::agent, sb::protocol::Presence::offline, 0},
                 {{2, "Bob"}, sb::protocol::Role::agent, sb::protocol::Presence::online, 1},
                 {{3, "Ann"}, sb::protocol::Role::agent, sb::protocol::Presence::away, 0},
                 {{4, "Cid"}, sb::protocol::Role::agent, sb::protocol::Presence::online, 3}};
    st.agents_online = 2;
    st.agents_away = 1;
    st.agents_offline = 1;
    st.resolved_today = 7;
    st.incoming_today = 9;
    st.median_first_response_seconds_today = 75;
    st.first_response_level = Level::amber;
    st.median_wait_seconds_today = 42;
    for (int i = 0; i < 24; ++i)
        st.incoming_per_hour.push_back({st.at - (23 - i) * 3'600'000, i == 23 ? 4 : i % 3});
    sb::protocol::WaitingChat w1{31, "Jan", {1, "Support"}, st.at - 110'000, 110, Level::normal};
    sb::protocol::WaitingChat w2{32, "Eva", {1, "Support"}, st.at - 20'000, 20, Level::normal};
    st.longest_waiting = {w1, w2};
    return st;
}

class KioskTest : public ::testing::Test {
  protected:
    KioskTest() { platform.page_location = "/kiosk?token=sbd_abc%2Bdef"; }

    sb::platform::FakeHttp& http() { return platform.http_fake; }
    int stats_requests_pending() const {
        int n = 0;
        for (const auto& r : platform.http_fake.pending)
            if (r.method + " " + r.path == kStats) ++n;
        return n;
    }
    void answer_stats(const Stats& st) {
        ASSERT_TRUE(http().respond(kStats, 200, sb::protocol::encode(st)));
    }
    // Starts, answers the first /stats, opens the stream and finishes the replay.
    void start_live() {
        kiosk.start();
        answer_stats(stats_at(platform.now));
        platform.open_socket();
        platform.server_sends(R"({"type":"ready","seq":10})");
    }
    void advance(double seconds) {
        platform.now += seconds;
        kiosk.tick();
    }
    KioskDashboard dashboard() { return make_kiosk_dashboard(kiosk.snapshot(), platform.now); }

    FakePlatform platform;
    int changes = 0;
    Kiosk kiosk{platform, [this] { ++changes; }};
};

// ---- the URL -----------------------------------------------------------------------------

TEST(KioskQuery, FindsAndDecodesTheToken) {
    EXPECT_EQ(Kiosk::query_value("/kiosk?token=abc", "token"), "abc");
    EXPECT_EQ(Kiosk::query_value("/kiosk?x=1&token=a%2Bb%3D&y=2", "token"), "a+b=");
    EXPECT_EQ(Kiosk::query_value("/kiosk?token=abc#top", "token"), "abc");
    EXPECT_EQ(Kiosk::query_value("/kiosk?token=", "token"), "");
    EXPECT_EQ(Kiosk::query_value("/kiosk?tokens=abc", "token"), std::nullopt);
    EXPECT_EQ(Kiosk::query_value("/kiosk", "token"), std::nullopt);
    EXPECT_EQ(Kiosk::query_value("/kiosk?token=%zz", "token"), "%zz");  // bad escapes stay
}

TEST_F(KioskTest, WithoutATokenItSaysHowToGetOneAndCallsNothing) {
    platform.page_location = "/kiosk";
    kiosk.start();
    EXPECT_EQ(kiosk.snapshot().problem, KioskProblem::no_token);
    EXPECT_TRUE(http().log.empty());
    EXPECT_TRUE(platform.sockets.empty());
    const auto d = dashboard();
    ASSERT_TRUE(d.message);
    EXPECT_NE(d.message->find("make-display-token"), std::string::npos);
    EXPECT_EQ(d.message_level, Level::red);
    EXPECT_EQ(d.next_change, 0);
}

// ---- start and the stream ----------------------------------------------------------------

TEST_F(KioskTest, StartAsksForStatsAndSaysHelloWithTheDisplayToken) {
    kiosk.start();
    const auto* req = http().find(kStats);
    ASSERT_NE(req, nullptr);
    EXPECT_EQ(req->bearer, "sbd_abc+def");
    ASSERT_EQ(platform.socket_paths.size(), 1u);
    EXPECT_EQ(platform.socket_paths[0], "/api/v1/events");
    ASSERT_TRUE(dashboard().message);  // "Connecting…" until figures arrive
    platform.open_socket();
    ASSERT_EQ(platform.socket().sent.size(), 1u);
    const auto hello = sb::protocol::decode<sb::protocol::Hello>(platform.socket().sent[0]);
    EXPECT_EQ(hello.token, "sbd_abc+def");
    EXPECT_EQ(hello.since, 0);
    answer_stats(stats_at(platform.now));
    const auto d = dashboard();
    EXPECT_FALSE(d.message);
    EXPECT_EQ(d.tile("pending")->value, "2");
    EXPECT_EQ(d.tile("resolved_today")->value, "7");
}

TEST_F(KioskTest, ABurstOfEventsCostsOneRequestAtMostOncePerSecond) {
    start_live();
    EXPECT_EQ(kiosk.stats_requests(), 1);
    // The ready came 0 s after the first request: the refresh waits for the 1 s gap.
    EXPECT_EQ(stats_requests_pending(), 0);
    EXPECT_NEAR(kiosk.next_deadline(), platform.now + Kiosk::kMinGap, 1e-9);
    for (int seq = 11; seq <= 30; ++seq)
        platform.server_sends(
            sb::protocol::encode(sb::test::chat_event(seq, sb::protocol::EventType::chat_created,
                                                      sb::test::pending_chat(seq, sb::test::kT0))));
    EXPECT_EQ(kiosk.last_seq(), 30);
    advance(0.5);
    EXPECT_EQ(stats_requests_pending(), 0);
    advance(0.5);
    EXPECT_EQ(stats_requests_pending(), 1);
    EXPECT_EQ(kiosk.stats_requests(), 2);
    // Events while a request is in flight: one more request after it, not one per event.
    for (int seq = 31; seq <= 35; ++seq)
        platform.server_sends(
            sb::protocol::encode(sb::test::chat_event(seq, sb::protocol::EventType::chat_updated,
                                                      sb::test::pending_chat(seq, sb::test::kT0))));
    advance(2);
    EXPECT_EQ(stats_requests_pending(), 1);
    answer_stats(stats_at(platform.now));
    advance(0);
    EXPECT_EQ(kiosk.stats_requests(), 3);
    EXPECT_EQ(stats_requests_pending(), 1);
}

TEST_F(KioskTest, AReplayedEventAlreadySeenAsksForNothing) {
    start_live();
    advance(5);
    answer_stats(stats_at(platform.now));  // the refresh after ready
    const int before = kiosk.stats_requests();
    platform.server_sends(sb::protocol::encode(sb::test::chat_event(
        10, sb::protocol::EventType::chat_created, sb::test::pending_chat(5, sb::test::kT0))));
    advance(5);
    EXPECT_EQ(kiosk.stats_requests(), before);
}

TEST_F(KioskTest, AQuietDashboardRefreshesEveryThirtySeconds) {
    start_live();
    advance(1);
    answer_stats(stats_at(platform.now));
    const int before = kiosk.stats_requests();
    advance(Kiosk::kRefreshEvery - 1);
    EXPECT_EQ(kiosk.stats_requests(), before);
    advance(1);
    EXPECT_EQ(kiosk.stats_requests(), before + 1);
}

TEST_F(KioskTest, ALostConnectionShowsHowOldTheFiguresAreThenResumesAndRefreshes) {
    start_live();
    advance(1);
    answer_stats(stats_at(platform.now));
    EXPECT_FALSE(dashboard().banner);
    EXPECT_EQ(dashboard().connection, "Live");

    platform.drop_socket();
    EXPECT_EQ(kiosk.snapshot().connection, ConnectionState::reconnecting);
    platform.now += 12;
    auto d = dashboard();
    ASSERT_TRUE(d.banner);
    EXPECT_NE(d.banner->text.find("12 seconds old"), std::string::npos) << d.banner->text;
    EXPECT_EQ(d.banner->level, Level::amber);
    EXPECT_GT(d.next_change, 0);  // the age ticks
    EXPECT_LE(d.next_change, 1.0);

    kiosk.tick();  // the backoff (about 1 s) is over: a new socket
    ASSERT_EQ(platform.sockets.size(), 2u);
    platform.open_socket();
    const auto hello = sb::protocol::decode<sb::protocol::Hello>(platform.socket().sent[0]);
    EXPECT_EQ(hello.since, 10);  // resumes after the last seq it knew
    const int before = kiosk.stats_requests();
    platform.server_sends(R"({"type":"ready","seq":14})");
    advance(0);
    EXPECT_EQ(kiosk.stats_requests(), before + 1);  // figures may have moved meanwhile
    answer_stats(stats_at(platform.now));
    EXPECT_FALSE(dashboard().banner);
}

TEST_F(KioskTest, AFigureOlderThanAMinuteTurnsTheBannerRed) {
    start_live();
    platform.drop_socket();
    platform.now += 61;
    const auto d = dashboard();
    ASSERT_TRUE(d.banner);
    EXPECT_EQ(d.banner->level, Level::red);
    EXPECT_NE(d.banner->text.find("1 minute old"), std::string::npos) << d.banner->text;
}

TEST_F(KioskTest, ResyncAsksForFigures) {
    start_live();
    advance(1);
    answer_stats(stats_at(platform.now));
    advance(3);
    const int before = kiosk.stats_requests();
    platform.server_sends(R"({"type":"resync","seq":900})");
    advance(0);
    EXPECT_EQ(kiosk.stats_requests(), before + 1);
    EXPECT_EQ(kiosk.last_seq(), 900);
}

TEST_F(KioskTest, ARefusedTokenStopsTheStreamAndIsCheckedAgainSlowly) {
    kiosk.start();
    answer_stats(stats_at(platform.now));
    platform.open_socket();
    platform.server_sends(
        R"({"type":"error","error":{"code":"unauthorized","message":"unknown or expired token"}})");
    platform.drop_socket();
    EXPECT_EQ(kiosk.snapshot().problem, KioskProblem::refused);
    EXPECT_EQ(kiosk.snapshot().connection, ConnectionState::stopped);
    auto d = dashboard();
    ASSERT_TRUE(d.banner);
    EXPECT_EQ(d.banner->level, Level::red);
    EXPECT_NE(d.banner->text.find("make-display-token"), std::string::npos);
    // No reconnect storm: nothing happens for a minute.
    advance(30);
    EXPECT_EQ(platform.sockets.size(), 1u);
    EXPECT_EQ(stats_requests_pending(), 0);
    advance(Kiosk::kRetryRefused - 30);
    EXPECT_EQ(stats_requests_pending(), 1);
    // Still refused: still no socket.
    ASSERT_TRUE(http().respond(kStats, 401,
                               R"({"error":{"code":"unauthorized","message":"unknown token"}})"));
    EXPECT_EQ(platform.sockets.size(), 1u);
    EXPECT_EQ(kiosk.snapshot().problem, KioskProblem::refused);
}

TEST_F(KioskTest, WithoutFiguresARefusedTokenFillsTheScreen) {
    kiosk.start();
    ASSERT_TRUE(
        http().respond(kStats, 403, R"({"error":{"code":"forbidden","message":"not allowed"}})"));
    const auto d = dashboard();
    ASSERT_TRUE(d.message);
    EXPECT_NE(d.message->find("refused"), std::string::npos);
    EXPECT_EQ(d.message_level, Level::red);
}

TEST_F(KioskTest, AFailedRefreshIsRetriedAndSaid) {
    start_live();
    advance(1);
    ASSERT_TRUE(
        http().respond(kStats, 503, R"({"error":{"code":"unavailable","message":"busy"}})"));
    EXPECT_TRUE(kiosk.snapshot().refresh_failing);
    auto d = dashboard();
    ASSERT_TRUE(d.banner);
    EXPECT_NE(d.banner->text.find("could not be refreshed"), std::string::npos);
    const int before = kiosk.stats_requests();
    advance(Kiosk::kRetryAfterFailure - 0.1);
    EXPECT_EQ(kiosk.stats_requests(), before);
    advance(0.1);
    EXPECT_EQ(kiosk.stats_requests(), before + 1);
    answer_stats(stats_at(platform.now));
    EXPECT_FALSE(dashboard().banner);
}

TEST_F(KioskTest, StateJsonCarriesTheFiguresAsShown) {
    start_live();
    const std::string j = kiosk.state_json();
    EXPECT_NE(j.find(R"("mode":"kiosk")"), std::string::npos);
    EXPECT_NE(j.find(R"("connection":"live")"), std::string::npos);
    EXPECT_NE(j.find(R"("pending":{"value":"2","level":"normal"})"), std::string::npos) << j;
    EXPECT_NE(j.find(R"("pending_total":2)"), std::string::npos) << j;
}

// ---- the dashboard view model --------------------------------------------------------------

KioskSnapshot live_snapshot(const Stats& st, double received_at) {
    KioskSnapshot s;
    s.stats = &st;
    s.received_at = received_at;
    s.connection = ConnectionState::live;
    return s;
}

TEST(KioskDashboard, WaitsTickAndCrossIntoAmberAndRedOnTheSecond) {
    const double t0 = 1000;
    const Stats st = stats_at(t0);  // longest wait 110 s; thresholds amber 120, red 300
    auto d = make_kiosk_dashboard(live_snapshot(st, t0), t0 + 0.25);
    EXPECT_EQ(d.tile("longest_wait")->value, "1:50");
    EXPECT_EQ(d.tile("longest_wait")->level, Level::normal);
    EXPECT_NEAR(d.next_change, 0.75, 1e-9);
    EXPECT_EQ(d.waiting[0].wait, "1:50");
    EXPECT_EQ(d.queues[0].longest_wait, "1:50");

    d = make_kiosk_dashboard(live_snapshot(st, t0), t0 + 9.99);
    EXPECT_EQ(d.tile("longest_wait")->level, Level::normal);
    d = make_kiosk_dashboard(live_snapshot(st, t0), t0 + 10);
    EXPECT_EQ(d.tile("longest_wait")->value, "2:00");
    EXPECT_EQ(d.tile("longest_wait")->level, Level::amber);
    EXPECT_EQ(d.waiting[0].level, Level::amber);
    EXPECT_EQ(d.waiting[1].level, Level::normal);  // 30 s
    EXPECT_EQ(d.queues[0].level, Level::amber);
    EXPECT_EQ(d.queues[1].level, Level::normal);  // nothing waits in Sales
    EXPECT_EQ(d.queues[1].longest_wait, "");

    d = make_kiosk_dashboard(live_snapshot(st, t0), t0 + 190);
    EXPECT_EQ(d.tile("longest_wait")->value, "5:00");
    EXPECT_EQ(d.tile("longest_wait")->level, Level::red);
}

TEST(KioskDashboard, ThresholdsComeFromTheServer) {
    Stats st = stats_at(0);
    st.thresholds.wait_amber_seconds = 10;
    st.thresholds.wait_red_seconds = 100;
    st.thresholds.pending_amber = 2;
    st.thresholds.pending_red = 3;
    const auto d = make_kiosk_dashboard(live_snapshot(st, 0), 0);
    EXPECT_EQ(d.tile("longest_wait")->level, Level::red);
    EXPECT_EQ(d.waiting[1].level, Level::amber);                      // 20 s
    EXPECT_EQ(d.tile("pending")->level, Level::amber);                // 2 in Support
    EXPECT_EQ(d.tile("median_first_response")->level, Level::amber);  // the server's level
}

TEST(KioskDashboard, NothingTicksWhenNobodyWaitsAndTheLineIsLive) {
    Stats st = stats_at(0);
    st.pending_total = 0;
    st.longest_wait_seconds = 0;
    for (auto& q : st.queues) q.pending = 0, q.longest_wait_seconds = 0;
    st.longest_waiting.clear();
    const auto d = make_kiosk_dashboard(live_snapshot(st, 0), 0.5);
    EXPECT_EQ(d.next_change, 0);
    EXPECT_EQ(d.tile("longest_wait")->value, "\xE2\x80\x93");
    EXPECT_EQ(d.tile("longest_wait")->level, Level::normal);
}

TEST(KioskDashboard, AllFiguresAreThere) {
    const Stats st = stats_at(0);
    const auto d = make_kiosk_dashboard(live_snapshot(st, 0), 0);
    EXPECT_EQ(d.today, "Today in Europe/Berlin");
    EXPECT_EQ(d.tile("median_first_response")->value, "1:15");
    EXPECT_EQ(d.tile("median_wait")->value, "42 s");
    EXPECT_EQ(d.tile("incoming_today")->value, "9");
    ASSERT_EQ(d.per_hour.size(), 24u);
    EXPECT_EQ(d.per_hour.back(), 4);
    EXPECT_EQ(d.per_hour_max, 4);
    EXPECT_EQ(d.agents_online, 2);
    EXPECT_EQ(d.agents_away, 1);
    EXPECT_EQ(d.agents_offline, 1);
    // Online first (busiest first), then away, then offline.
    ASSERT_EQ(d.agents.size(), 4u);
    EXPECT_EQ(d.agents[0].name, "Cid");
    EXPECT_EQ(d.agents[1].name, "Bob");
    EXPECT_EQ(d.agents[2].name, "Ann");
    EXPECT_EQ(d.agents[3].name, "Zoe");
    ASSERT_EQ(d.waiting.size(), 2u);
    EXPECT_EQ(d.waiting[0].chat, "#31");
    EXPECT_EQ(d.waiting[0].contact, "Jan");
    EXPECT_EQ(d.waiting[0].queue, "Support");
}

TEST(KioskDashboard, NoFirstResponseYetShowsADash) {
    Stats st = stats_at(0);
    st.median_first_response_seconds_today.reset();
    st.median_wait_seconds_today.reset();
    const auto d = make_kiosk_dashboard(live_snapshot(st, 0), 0);
    EXPECT_EQ(d.tile("median_first_response")->value, "\xE2\x80\x93");
    EXPECT_EQ(d.tile("median_first_response")->level, Level::normal);
    EXPECT_EQ(d.tile("median_wait")->value, "\xE2\x80\x93");
}

TEST(KioskFormat, WaitsAndAges) {
    EXPECT_EQ(format_wait(0), "0 s");
    EXPECT_EQ(format_wait(59), "59 s");
    EXPECT_EQ(format_wait(60), "1:00");
    EXPECT_EQ(format_wait(3599), "59:59");
    EXPECT_EQ(format_wait(3600), "1:00:00");
    EXPECT_EQ(format_wait(-5), "0 s");
    EXPECT_EQ(format_age(1), "1 second");
    EXPECT_EQ(format_age(12), "12 seconds");
    EXPECT_EQ(format_age(61), "1 minute");
    EXPECT_EQ(format_age(3600), "1 hour");
    EXPECT_EQ(format_age(3600 + 120), "1 hour 2 minutes");
    EXPECT_EQ(format_age(86400 * 3 + 3600 * 4), "3 days 4 hours");
}

}  // namespace
