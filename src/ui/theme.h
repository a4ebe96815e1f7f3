// Colours and the few custom widgets every view uses (green primary buttons, badges, presence
// dots, links), so the look is decided in one place. Text colours meet WCAG AA (4.5:1) on the
// backgrounds they are drawn on, and a high-contrast theme (7:1) follows the system's
// prefers-contrast: more / forced-colors (tests/ui/theme_contrast_ui_test.cpp checks both).
#pragma once

#include <imgui.h>

#include <string>

#include "protocol/model.h"

namespace sb::ui {

namespace color {
// Fills (buttons, badges, bubbles) carry white text; the *Text colours are for text on the
// window's and lists' dark backgrounds.
inline constexpr ImU32 kGreen = IM_COL32(24, 110, 50, 255);
inline constexpr ImU32 kGreenHover = IM_COL32(30, 132, 60, 255);
inline constexpr ImU32 kGreenActive = IM_COL32(20, 92, 42, 255);
inline constexpr ImU32 kGreenText = IM_COL32(60, 190, 95, 255);
inline constexpr ImU32 kRed = IM_COL32(200, 55, 50, 255);
inline constexpr ImU32 kRedText = IM_COL32(255, 120, 110, 255);
inline constexpr ImU32 kAmber = IM_COL32(230, 160, 30, 255);
inline constexpr ImU32 kBadge = IM_COL32(200, 45, 45, 255);
inline constexpr ImU32 kMuted = IM_COL32(150, 156, 166, 255);
inline constexpr ImU32 kLink = IM_COL32(120, 180, 255, 255);
inline constexpr ImU32 kNoteBg = IM_COL32(70, 60, 20, 255);
inline constexpr ImU32 kContactBg = IM_COL32(48, 52, 60, 255);
inline constexpr ImU32 kReplyBg = IM_COL32(24, 55, 98, 255);
inline constexpr ImU32 kOutgoingBg = IM_COL32(40, 60, 85, 255);
}  // namespace color

// What the system asks for (the browser's media queries; the platform sets them).
struct ThemePreferences {
    bool high_contrast = false;   // prefers-contrast: more, or forced-colors: active
    bool reduced_motion = false;  // prefers-reduced-motion: reduce (nothing moves by itself)
    bool operator==(const ThemePreferences&) const = default;
};
void set_theme_preferences(const ThemePreferences& prefs);
const ThemePreferences& theme_preferences();
// Applies the theme for the current preferences to the current context (App calls it on the
// first frame and whenever the preferences change).
void apply_theme();
// WCAG contrast ratio of two opaque colours (1..21).
double contrast_ratio(ImVec4 a, ImVec4 b);

// A green button (Accept, Search, Login, TRANSFER). Returns true when clicked.
bool green_button(const char* label, ImVec2 size = ImVec2(0, 0));
// A red-text button for destructive actions.
bool danger_button(const char* label, ImVec2 size = ImVec2(0, 0));
// A round count badge at the current cursor (same line).
void badge(long long count);
// One line of text at most max_width wide: a longer text ends in "…" instead of being cut.
void text_ellipsis(const std::string& text, float max_width);
ImU32 presence_color(protocol::Presence presence);
void presence_dot(protocol::Presence presence);  // a coloured dot, same line as what follows
ImFont* font(int index);  // io.Fonts->Fonts[index] or the default font when absent

}  // namespace sb::ui
