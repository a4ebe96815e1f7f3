// How often the idle console asks for frames (issue 4: at most one a second while idle). The
// logged-in console is resumed from a saved token on the fake platform; the tests assert on the
// frames it asks for (Platform::request_frame and request_frame_after), not on time passing.
#include <gtest/gtest.h>

#include "../unit/client_test_support.h"
#include "client/console.h"
#include "platform/native/fake_platform.h"
#include "protocol/json.h"
#include "ui/headless_imgui.h"

namespace {

using namespace sb::test;
using sb::platform::FakePlatform;
using sb::protocol::encode;
using sb::ui::next_frame_in;

// ---- next_frame_in: whole-second clocks and console timers ------------------------------------

TEST(NextFrameIn, ClocksWakeOnTheNextWholeSecond) {
    EXPECT_DOUBLE_EQ(next_frame_in(10.25, 0.3, 0), 0.75);
    EXPECT_DOUBLE_EQ(next_frame_in(10.25, 0.75, 0), 0.75);  // changes exactly on the second
    EXPECT_DOUBLE_EQ(next_frame_in(10.25, 0, 0), 0);        // nothing ticks, no timer
}

TEST(NextFrameIn, ATimerInTheSecondBeforeTheClockWaitsForIt) {
    // The clock frame is at 11.0; a toast expiring at 10.6 is drawn gone by that same frame.
    EXPECT_DOUBLE_EQ(next_frame_in(10.25, 0.3, 10.6), 0.75);
    // A timer after the clock's frame is served by a later frame (this one is for the clock).
    EXPECT_DOUBLE_EQ(next_frame_in(10.25, 0.3, 11.4), 0.75);
}

TEST(NextFrameIn, AnEarlierTimerKeepsItsOwnFrame) {
    // Clocks that change every minute: a timer seconds before that is not delayed to it.
    EXPECT_DOUBLE_EQ(next_frame_in(10.25, 40.0, 12.0), 1.75);
    EXPECT_DOUBLE_EQ(next_frame_in(10.25, 0, 12.0), 1.75);  // no clock: the timer's own time
    EXPECT_DOUBLE_EQ(next_frame_in(10.25, 0, 9.0), 0.05);   // overdue: at once, but not a spin
}

// ---- the App on the fake platform --------------------------------------------------------------

class FramePacingTest : public ::testing::Test {
  protected:
    // A saved session resumes: /me, then the stream says ready and the lists load.
    void resume(std::vector<sb::protocol::Chat> pending) {
        platform.storage[sb::client::Console::kTokenKey] = "tok";
        app = std::make_unique<sb::ui::App>(platform);
        http().respond("GET /healthz", 200, "{}");
        http().respond("GET /api/v1/me", 200, encode(alice));
        http().respond("GET /api/v1/queues", 200, R"({"queues":[{"id":1,"name":"Support"}]})");
        platform.open_socket();
        platform.server_sends(R"({"type":"ready","seq":5})");
        const sb::protocol::Counts counts{0, static_cast<std::int64_t>(pending.size()), 0};
        http().respond("GET /api/v1/chats?view=working", 200, encode(page({}, counts)));
        http().respond("GET /api/v1/chats?view=pending", 200, encode(page(pending, counts)));
        http().respond("GET /api/v1/chats?view=resolved", 200, encode(page({}, counts)));
        imgui.frames(*app);
        ASSERT_NE(app->state_json().find("\"session\":\"logged_in\""), std::string::npos);
    }
    sb::platform::FakeHttp& http() { return platform.http_fake; }

    FakePlatform platform;
    sb::test::HeadlessImGui imgui;
    std::unique_ptr<sb::ui::App> app;
    sb::protocol::Staff alice = staff(1, "Alice");
};

TEST_F(FramePacingTest, APingOrAnOldEventAsksForNoFrame) {
    resume({pending_chat(22, kT0 - 5'000)});
    const int before = platform.frames_requested;
    platform.server_sends(R"({"type":"ping"})");
    // A replayed event the store already has (seq at or below the last one) changes nothing.
    platform.server_sends(encode(
        chat_event(5, sb::protocol::EventType::chat_created, pending_chat(23, kT0 - 1'000))));
    EXPECT_EQ(platform.frames_requested, before);
    // News does ask for one.
    platform.server_sends(
        encode(chat_event(6, sb::protocol::EventType::chat_created, pending_chat(24, kT0))));
    EXPECT_GT(platform.frames_requested, before);
}

TEST_F(FramePacingTest, AToastExpiringBeforeTheClockTickSharesItsFrame) {
    resume({pending_chat(22, kT0 - 5'000)});  // its wait changes on whole seconds
    platform.now += 0.25;
    ASSERT_TRUE(imgui.click(*app, "accept#22"));
    http().respond("POST /api/v1/chats/22/accept", 500,
                   R"({"error":{"code":"internal","message":"try again"}})");
    imgui.frames(*app);
    ASSERT_NE(app->state_json().find("try again"), std::string::npos);  // a toast until +6.25
    // At +5.875 the clock's frame is next (at +6), before the toast's end (+6.25).
    platform.now += 5.625;
    platform.frame_after.clear();
    imgui.frame(*app);
    ASSERT_EQ(platform.frame_after.size(), 1u);
    EXPECT_DOUBLE_EQ(platform.frame_after.back(), 0.125);
    // At +6 the toast ends within the second before the clock's next frame (+7): one frame.
    platform.now += 0.125;
    platform.frame_after.clear();
    imgui.frame(*app);
    ASSERT_EQ(platform.frame_after.size(), 1u);
    EXPECT_DOUBLE_EQ(platform.frame_after.back(), 1.0);  // not 0.25 for the toast alone
    platform.now += 1.0;
    imgui.frame(*app);
    EXPECT_EQ(app->state_json().find("try again"), std::string::npos);
}

}  // namespace
