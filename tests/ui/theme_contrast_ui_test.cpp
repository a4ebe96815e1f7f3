// WCAG contrast of the console's colours (issue 13): every text/background pair the views draw
// reaches 4.5:1 (AA) in the normal theme and 7:1 (AAA) in the high-contrast theme that follows
// prefers-contrast: more / forced-colors. Translucent backgrounds are blended over the window.
#include <gtest/gtest.h>

#include <imgui.h>

#include <string>
#include <vector>

#include "ui/theme.h"

namespace {

using sb::ui::contrast_ratio;

ImVec4 rgba(ImU32 c) {
    return ImGui::ColorConvertU32ToFloat4(c);
}

ImVec4 over(ImVec4 top, ImVec4 under) {  // alpha blend, opaque result
    const float a = top.w;
    return ImVec4(top.x * a + under.x * (1 - a), top.y * a + under.y * (1 - a),
                  top.z * a + under.z * (1 - a), 1.0f);
}

struct Pair {
    std::string what;
    ImVec4 text, background;
};

// The pairs the views draw, from the theme applied to a fresh context.
std::vector<Pair> pairs_of_current_theme() {
    const ImVec4* c = ImGui::GetStyle().Colors;
    const ImVec4 window = c[ImGuiCol_WindowBg], child = over(c[ImGuiCol_ChildBg], window);
    const ImVec4 popup = over(c[ImGuiCol_PopupBg], window);
    const ImVec4 white(1, 1, 1, 1);
    std::vector<Pair> p = {
        {"text on window", c[ImGuiCol_Text], window},
        {"text on list", c[ImGuiCol_Text], child},
        {"text on dialog", c[ImGuiCol_Text], popup},
        {"disabled text on window", c[ImGuiCol_TextDisabled], window},
        {"disabled text on list", c[ImGuiCol_TextDisabled], child},
        {"disabled text on dialog", c[ImGuiCol_TextDisabled], popup},
        {"button", c[ImGuiCol_Text], over(c[ImGuiCol_Button], child)},
        {"button hovered", c[ImGuiCol_Text], over(c[ImGuiCol_ButtonHovered], child)},
        {"button pressed", c[ImGuiCol_Text], over(c[ImGuiCol_ButtonActive], child)},
        {"text field", c[ImGuiCol_Text], over(c[ImGuiCol_FrameBg], child)},
        {"selected row", c[ImGuiCol_Text], over(c[ImGuiCol_Header], child)},
        {"hovered row", c[ImGuiCol_Text], over(c[ImGuiCol_HeaderHovered], child)},
        {"muted text on list", rgba(sb::ui::color::kMuted), child},
        {"amber text on list", rgba(sb::ui::color::kAmber), child},
        {"green text on window", rgba(sb::ui::color::kGreenText), window},
        {"red text on window", rgba(sb::ui::color::kRedText), window},
        {"red text on dialog", rgba(sb::ui::color::kRedText), popup},
    };
    if (!sb::ui::theme_preferences().high_contrast) {
        // Fills that carry white text or the theme's text (the high-contrast theme has none).
        p.push_back({"green button", white, rgba(sb::ui::color::kGreen)});
        p.push_back({"green button hovered", white, rgba(sb::ui::color::kGreenHover)});
        p.push_back({"danger button hovered", white, rgba(sb::ui::color::kRed)});
        p.push_back({"badge", white, rgba(sb::ui::color::kBadge)});
        for (ImU32 bubble : {sb::ui::color::kContactBg, sb::ui::color::kReplyBg,
                             sb::ui::color::kNoteBg, sb::ui::color::kOutgoingBg}) {
            p.push_back({"message text", c[ImGuiCol_Text], rgba(bubble)});
            p.push_back({"message time", c[ImGuiCol_TextDisabled], rgba(bubble)});
            p.push_back({"link in message", rgba(sb::ui::color::kLink), rgba(bubble)});
        }
    }
    return p;
}

void expect_theme_reaches(bool high_contrast, double minimum) {
    sb::ui::set_theme_preferences({high_contrast, false});
    ImGuiContext* ctx = ImGui::CreateContext();
    sb::ui::apply_theme();
    for (const Pair& p : pairs_of_current_theme())
        EXPECT_GE(contrast_ratio(p.text, p.background), minimum)
            << p.what << ": " << contrast_ratio(p.text, p.background);
    ImGui::DestroyContext(ctx);
    sb::ui::set_theme_preferences({});
}

TEST(ThemeContrast, RatioMatchesWcagExamples) {
    EXPECT_NEAR(contrast_ratio(ImVec4(0, 0, 0, 1), ImVec4(1, 1, 1, 1)), 21.0, 1e-9);
    EXPECT_NEAR(contrast_ratio(ImVec4(1, 1, 1, 1), ImVec4(1, 1, 1, 1)), 1.0, 1e-9);
    // #767676 on white is the classic smallest grey that passes AA (4.54:1).
    const float g = 0x76 / 255.0f;
    EXPECT_NEAR(contrast_ratio(ImVec4(g, g, g, 1), ImVec4(1, 1, 1, 1)), 4.54, 0.01);
}

TEST(ThemeContrast, NormalThemeTextReachesAA) {
    expect_theme_reaches(false, 4.5);
}

TEST(ThemeContrast, HighContrastThemeTextReachesAAA) {
    expect_theme_reaches(true, 7.0);
}

}  // namespace
