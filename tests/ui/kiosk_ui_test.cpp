// The kiosk screen in real headless ImGui frames: App picks it on /kiosk, every text it draws
// stays on the screen without overlapping another at 1920x1080 and 1280x720, type scales with
// the screen, and frames are asked for only when something visible will change.
#include <gtest/gtest.h>

#include <algorithm>

#include "../unit/client_test_support.h"
#include "platform/native/fake_platform.h"
#include "protocol/json.h"
#include "ui/headless_imgui.h"
#include "ui/kiosk_screen.h"

namespace {

using sb::platform::FakePlatform;
using sb::protocol::Level;
using sb::protocol::Stats;
using sb::ui::KioskDrawnText;
using sb::ui::KioskScreen;

constexpr const char* kStats = "GET /api/v1/stats";

Stats busy_stats(double at, int queues, int agents, int waiting, std::int64_t longest) {
    Stats st;
    st.at = static_cast<sb::protocol::Time>(at * 1000);
    st.timezone = "America/Argentina/Buenos_Aires";
    for (int i = 0; i < queues; ++i) {
        sb::protocol::QueueStats q;
        q.queue = {i + 1, i == 0 ? "Customer Support and Returns Department"
                                 : "Queue " + std::to_string(i)};
        q.pending = 12 - i;
        q.longest_wait_seconds = longest - i * 30;
        q.level = Level::red;
        st.queues.push_back(q);
        st.pending_total += q.pending;
    }
    st.longest_wait_seconds = longest;
    for (int i = 0; i < agents; ++i)
        st.agents.push_back(
            {{i + 1, i == 0 ? "Анастасия Владимировна Крылова" : "Agent " + std::to_string(i)},
             sb::protocol::Role::agent,
             i % 3 == 0   ? sb::protocol::Presence::online
             : i % 3 == 1 ? sb::protocol::Presence::away
                          : sb::protocol::Presence::offline,
             i % 4});
    st.agents_online = st.agents_away = st.agents_offline = agents / 3;
    st.resolved_today = 1234;
    st.incoming_today = 5678;
    st.median_first_response_seconds_today = 3599;
    st.median_wait_seconds_today = 7322;
    for (int i = 0; i < 24; ++i)
        st.incoming_per_hour.push_back({st.at - (23 - i) * 3'600'000, 100 + i * 7});
    for (int i = 0; i < waiting; ++i) {
        sb::protocol::WaitingChat w;
        w.chat_id = 10000 + i;
        w.contact_name = i == 0 ? "Σωκράτης Παπαδόπουλος-Γεωργίου of Thessaloniki"
                                : "Contact " + std::to_string(i);
        w.queue = {1, "Customer Support and Returns Department"};
        w.wait_seconds = longest - i * 10;
        w.waiting_since = st.at - w.wait_seconds * 1000;
        st.longest_waiting.push_back(w);
    }
    return st;
}

bool overlap(const KioskDrawnText& a, const KioskDrawnText& b) {
    const float e = 0.5f;  // touching is fine
    return a.min.x < b.max.x - e && b.min.x < a.max.x - e && a.min.y < b.max.y - e &&
           b.min.y < a.max.y - e;
}

const KioskDrawnText* find_text(const std::vector<KioskDrawnText>& drawn, const std::string& t) {
    for (const auto& d : drawn)
        if (d.text == t) return &d;
    return nullptr;
}

class KioskUiTest : public ::testing::Test {
  protected:
    void open(float w, float h) {
        screen.reset();
        imgui.reset();  // one ImGui context at a time: a new one is current only if none is
        imgui = std::make_unique<sb::test::HeadlessImGui>(w, h);
        platform.page_location = "/kiosk?token=sbd_test";
        screen = std::make_unique<KioskScreen>(platform);
    }
    void frame() {
        ImGui::NewFrame();
        screen->frame();
        ImGui::Render();
    }
    void answer(const Stats& st) {
        ASSERT_TRUE(platform.http_fake.respond(kStats, 200, sb::protocol::encode(st)));
        platform.open_socket();
        platform.server_sends(R"({"type":"ready","seq":1})");
        frame();
    }
    // Every text inside the screen, none over another.
    void expect_clean_layout(float w, float h, std::size_t at_least = 40) {
        const auto& drawn = screen->drawn();
        ASSERT_GE(drawn.size(), at_least);
        for (const auto& t : drawn) {
            EXPECT_GE(t.min.x, 0) << t.text;
            EXPECT_GE(t.min.y, 0) << t.text;
            EXPECT_LE(t.max.x, w) << t.text;
            EXPECT_LE(t.max.y, h) << t.text;
        }
        for (std::size_t i = 0; i < drawn.size(); ++i)
            for (std::size_t j = i + 1; j < drawn.size(); ++j)
                EXPECT_FALSE(overlap(drawn[i], drawn[j]))
                    << '"' << drawn[i].text << "\" overlaps \"" << drawn[j].text << '"';
    }

    FakePlatform platform;
    std::unique_ptr<sb::test::HeadlessImGui> imgui;
    std::unique_ptr<KioskScreen> screen;
};

TEST(KioskLocation, OnlyTheKioskPathPicksTheKiosk) {
    EXPECT_TRUE(sb::ui::is_kiosk_location("/kiosk"));
    EXPECT_TRUE(sb::ui::is_kiosk_location("/kiosk?token=abc"));
    EXPECT_TRUE(sb::ui::is_kiosk_location("/kiosk/"));
    EXPECT_FALSE(sb::ui::is_kiosk_location("/"));
    EXPECT_FALSE(sb::ui::is_kiosk_location("/kiosks"));
    EXPECT_FALSE(sb::ui::is_kiosk_location("/?kiosk"));
}

TEST(KioskApp, OnKioskTheAppRunsTheKioskAndNotTheConsole) {
    FakePlatform platform;
    platform.page_location = "/kiosk?token=sbd_x";
    sb::test::HeadlessImGui imgui(1920, 1080);
    sb::ui::App app(platform);
    imgui.frames(app);
    EXPECT_TRUE(platform.http_fake.was_requested(kStats));
    EXPECT_FALSE(platform.http_fake.was_requested("GET /healthz"));
    EXPECT_FALSE(platform.http_fake.was_requested("GET /api/v1/me"));
    EXPECT_NE(app.state_json().find(R"("mode":"kiosk")"), std::string::npos);
    EXPECT_TRUE(sb::ui::automation_items().empty());  // nothing to click
}

TEST_F(KioskUiTest, FullScreen1920x1080HasEveryFigureOnScreenWithoutOverlap) {
    open(1920, 1080);
    frame();
    answer(busy_stats(platform.now, 9, 30, 10, 4000));
    for (const char* t : {"Pending", "Longest wait", "Resolved today", "Median first reply",
                          "Median wait", "Incoming today", "Pending per queue", "Longest waiting",
                          "Agents", "Incoming chats per hour, last 24 hours", "1:06:40", "1234",
                          "#10000", "this hour", "Live"})
        EXPECT_NE(find_text(screen->drawn(), t), nullptr) << t;
    expect_clean_layout(1920, 1080);
}

TEST_F(KioskUiTest, At1280x720TheSameLayoutFitsAndTypeScalesDown) {
    open(1920, 1080);
    frame();
    answer(busy_stats(platform.now, 9, 30, 10, 4000));
    const float big = find_text(screen->drawn(), "Pending")->size;
    open(1280, 720);
    frame();
    answer(busy_stats(platform.now, 9, 30, 10, 4000));
    const float small = find_text(screen->drawn(), "Pending")->size;
    EXPECT_NEAR(small / big, 720.0f / 1080.0f, 0.01f);
    expect_clean_layout(1280, 720);
}

TEST_F(KioskUiTest, ABannerAfterALostConnectionStillFits) {
    open(1280, 720);
    frame();
    answer(busy_stats(platform.now, 3, 6, 3, 100));
    platform.drop_socket();
    platform.now += 125;
    frame();
    const auto& drawn = screen->drawn();
    const auto it = std::find_if(drawn.begin(), drawn.end(), [](const KioskDrawnText& t) {
        return t.text.find("2 minutes old") != std::string::npos;
    });
    ASSERT_NE(it, drawn.end());
    expect_clean_layout(1280, 720);
}

TEST_F(KioskUiTest, TheMessageScreenWithoutATokenFits) {
    platform.page_location = "/kiosk";
    imgui = std::make_unique<sb::test::HeadlessImGui>(1280, 720);
    screen = std::make_unique<KioskScreen>(platform);
    frame();
    ASSERT_EQ(screen->drawn().size(), 2u);
    expect_clean_layout(1280, 720, 2);
}

TEST_F(KioskUiTest, TicksOnceASecondWhileSomebodyWaitsAndNotOtherwise) {
    open(1920, 1080);
    frame();
    answer(busy_stats(platform.now, 2, 3, 2, 50));
    platform.frame_after.clear();
    platform.now += 0.4;
    frame();
    ASSERT_FALSE(platform.frame_after.empty());
    EXPECT_NEAR(platform.frame_after.back(), 0.6, 1e-6);  // on the next whole second of the wait

    // Nobody waiting and the line live: the next frame is the next refresh, not a tick.
    platform.now += 2;
    frame();  // the refresh after "ready" goes out
    Stats quiet = busy_stats(platform.now, 2, 3, 0, 0);
    quiet.pending_total = 0;
    for (auto& q : quiet.queues) q.pending = 0;
    ASSERT_TRUE(platform.http_fake.respond(kStats, 200, sb::protocol::encode(quiet)));
    platform.frame_after.clear();
    frame();
    ASSERT_FALSE(platform.frame_after.empty());
    EXPECT_GE(platform.frame_after.back(), 29.0);
}

}  // namespace
