// See theme.h.
#include "ui/theme.h"

#include "ui/text_run.h"

#include <imgui_internal.h>

#include <cstdio>

#include <algorithm>

namespace sb::ui {

void apply_theme() {
    ImGui::StyleColorsDark();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 0;
    style.FrameRounding = 4;
    style.GrabRounding = 4;
    style.PopupRounding = 6;
    style.TabRounding = 4;
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(8, 6);
    style.WindowPadding = ImVec2(10, 10);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.14f, 1.0f);
    style.Colors[ImGuiCol_ChildBg] = ImVec4(0.13f, 0.14f, 0.16f, 1.0f);
    // Dialogs are opaque: the chat behind a translucent one showed through its text.
    style.Colors[ImGuiCol_PopupBg] = ImVec4(0.09f, 0.10f, 0.12f, 1.0f);
}

static bool colored_button(const char* label, ImVec2 size, ImU32 base, ImU32 hover, ImU32 active) {
    ImGui::PushStyleColor(ImGuiCol_Button, base);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, hover);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, active);
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32_WHITE);
    const bool clicked = ImGui::Button(label, size);
    ImGui::PopStyleColor(4);
    return clicked;
}

bool green_button(const char* label, ImVec2 size) {
    return colored_button(label, size, color::kGreen, color::kGreenHover, color::kGreenActive);
}

bool danger_button(const char* label, ImVec2 size) {
    return colored_button(label, size, IM_COL32(150, 40, 40, 255), color::kRed,
                          IM_COL32(120, 30, 30, 255));
}

void badge(long long count) {
    char text[16];
    std::snprintf(text, sizeof text, "%lld", count);
    const ImVec2 size = ImGui::CalcTextSize(text);
    const float h = ImGui::GetTextLineHeight();
    const float w = std::max(h, size.x + h * 0.6f);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), color::kBadge, h * 0.5f);
    dl->AddText(ImVec2(p.x + (w - size.x) * 0.5f, p.y), IM_COL32_WHITE, text);
    ImGui::Dummy(ImVec2(w, h));
}

void text_ellipsis(const std::string& text, float max_width) {
    text::text_ellipsis(text, max_width);  // the text seam: any script, whole clusters
}

ImU32 presence_color(protocol::Presence presence) {
    switch (presence) {
        case protocol::Presence::online:
            return color::kGreenHover;
        case protocol::Presence::away:
            return color::kAmber;
        case protocol::Presence::offline:
            return color::kMuted;
    }
    return color::kMuted;
}

void presence_dot(protocol::Presence presence) {
    // As tall as the widget it precedes (a framed combo or a plain text line).
    const float h = ImGui::GetFrameHeight();
    const float r = ImGui::GetTextLineHeight() * 0.3f;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r + 2, p.y + h * 0.5f), r,
                                                presence_color(presence));
    ImGui::Dummy(ImVec2(2 * r + 4, h));
    ImGui::SameLine();
}

ImFont* font(int index) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (index >= 0 && index < atlas->Fonts.Size) return atlas->Fonts[index];
    return ImGui::GetFont();
}

}  // namespace sb::ui
