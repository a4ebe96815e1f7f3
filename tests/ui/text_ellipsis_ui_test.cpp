// text_ellipsis (src/ui/theme.cpp): a line longer than its room ends in an ellipsis and draws
// nothing past its right edge; a short one is drawn whole; no room draws nothing.
#include <gtest/gtest.h>
#include <imgui.h>

#include <string>

#include "headless_imgui.h"
#include "ui/theme.h"

namespace {

// Draws fn inside a window and returns the rightmost x of every vertex it added.
template <class F>
float rightmost_drawn(F&& fn, ImVec2* item_size = nullptr) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(800, 200));
    ImGui::Begin("##t", nullptr, ImGuiWindowFlags_NoDecoration);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int first = dl->VtxBuffer.Size;
    fn();
    if (item_size) *item_size = ImGui::GetItemRectSize();
    float right = 0;
    for (int i = first; i < dl->VtxBuffer.Size; ++i)
        right = std::max(right, dl->VtxBuffer[i].pos.x);
    ImGui::End();
    ImGui::Render();
    return right;
}

TEST(TextEllipsis, ALongLineStopsAtItsRoomAndAShortOneIsWhole) {
    sb::test::HeadlessImGui imgui;
    const std::string longer(200, 'W');
    const float start = ImGui::GetStyle().WindowPadding.x;
    ImVec2 size;
    const float right = rightmost_drawn([&] { sb::ui::text_ellipsis(longer, 150); }, &size);
    EXPECT_LE(right, start + 150 + 0.5f);
    EXPECT_GT(right, start + 100);  // it drew up to the edge, not nothing
    EXPECT_FLOAT_EQ(size.x, 150);
    const float whole = ImGui::CalcTextSize("Anna").x;
    EXPECT_NEAR(rightmost_drawn([&] { sb::ui::text_ellipsis("Anna", 150); }), start + whole,
                3.0f);  // glyph bearings
    EXPECT_EQ(rightmost_drawn([&] { sb::ui::text_ellipsis(longer, 0); }), 0);
}

}  // namespace
