// The first screen: the App checks the server's health and says whether it is reachable.
#include <gtest/gtest.h>

#include "platform/native/fake_platform.h"
#include "ui/headless_imgui.h"

namespace {

TEST(AutomationLabels, SplitsIdAndLabelByConvention) {
    auto p = sb::ui::parse_item_label("Accept##accept#22");
    EXPECT_EQ(p.id, "accept#22");
    EXPECT_EQ(p.label, "Accept");
    p = sb::ui::parse_item_label("##search:input");
    EXPECT_EQ(p.id, "search:input");
    EXPECT_EQ(p.label, "");
    p = sb::ui::parse_item_label("Pending (3)###tab:pending");
    EXPECT_EQ(p.id, "tab:pending");
    EXPECT_EQ(p.label, "Pending (3)");
    p = sb::ui::parse_item_label("Logout");
    EXPECT_EQ(p.id, "Logout");
    EXPECT_EQ(p.label, "Logout");
}

}  // namespace

namespace {

TEST(StartupScreen, ShowsServerReachableAfterHealthz) {
    sb::platform::FakePlatform platform;
    sb::test::HeadlessImGui imgui;
    sb::ui::App app(platform);
    ASSERT_NE(platform.http_fake.find("GET /healthz"), nullptr);
    EXPECT_TRUE(platform.http_fake.respond("GET /healthz", 200, "{\"ok\":true}"));
    imgui.frames(app);
    EXPECT_GT(platform.frames_requested, 0);
}

}  // namespace
