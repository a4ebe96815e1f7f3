// Colours and the few custom widgets every view uses (green primary buttons, badges, presence
// dots, links), so the look is decided in one place.
#pragma once

#include <imgui.h>

#include <string>

#include "protocol/model.h"

namespace sb::ui {

namespace color {
inline constexpr ImU32 kGreen = IM_COL32(34, 139, 64, 255);
inline constexpr ImU32 kGreenHover = IM_COL32(44, 166, 78, 255);
inline constexpr ImU32 kGreenActive = IM_COL32(26, 110, 50, 255);
inline constexpr ImU32 kRed = IM_COL32(200, 55, 50, 255);
inline constexpr ImU32 kAmber = IM_COL32(230, 160, 30, 255);
inline constexpr ImU32 kBadge = IM_COL32(220, 60, 60, 255);
inline constexpr ImU32 kMuted = IM_COL32(150, 156, 166, 255);
inline constexpr ImU32 kLink = IM_COL32(90, 160, 255, 255);
inline constexpr ImU32 kNoteBg = IM_COL32(92, 80, 30, 255);
inline constexpr ImU32 kContactBg = IM_COL32(48, 52, 60, 255);
inline constexpr ImU32 kReplyBg = IM_COL32(30, 70, 120, 255);
inline constexpr ImU32 kOutgoingBg = IM_COL32(40, 60, 85, 255);
}  // namespace color

void apply_theme();  // once per context

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
