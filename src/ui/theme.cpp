// See theme.h.
#include "ui/theme.h"

#include "ui/text_run.h"

#include <imgui_internal.h>

#include <cmath>
#include <cstdio>

#include <algorithm>

namespace sb::ui {

namespace {
ThemePreferences g_prefs;

// Black and white with yellow focus and white borders: every text pair well above 7:1.
void apply_high_contrast(ImGuiStyle& style) {
    ImVec4* c = style.Colors;
    const ImVec4 black(0, 0, 0, 1), white(1, 1, 1, 1), yellow(1, 0.9f, 0.1f, 1);
    const ImVec4 dark(0.08f, 0.08f, 0.08f, 1), hover(0.0f, 0.20f, 0.45f, 1);
    c[ImGuiCol_Text] = white;
    c[ImGuiCol_TextDisabled] = ImVec4(0.80f, 0.80f, 0.80f, 1);
    c[ImGuiCol_WindowBg] = black;
    c[ImGuiCol_ChildBg] = black;
    c[ImGuiCol_PopupBg] = black;
    c[ImGuiCol_Border] = white;
    c[ImGuiCol_FrameBg] = dark;
    c[ImGuiCol_FrameBgHovered] = hover;
    c[ImGuiCol_FrameBgActive] = hover;
    c[ImGuiCol_Button] = dark;
    c[ImGuiCol_ButtonHovered] = hover;
    c[ImGuiCol_ButtonActive] = hover;
    c[ImGuiCol_Header] = hover;
    c[ImGuiCol_HeaderHovered] = hover;
    c[ImGuiCol_HeaderActive] = hover;
    c[ImGuiCol_CheckMark] = yellow;
    c[ImGuiCol_NavHighlight] = yellow;
    c[ImGuiCol_TextSelectedBg] = ImVec4(0.0f, 0.35f, 0.75f, 1);
    c[ImGuiCol_Separator] = white;
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.8f);
    style.FrameBorderSize = 1.0f;
    style.ChildBorderSize = 1.0f;
    style.PopupBorderSize = 1.0f;
}

double luminance(ImVec4 c) {
    auto channel = [](float v) {
        return v <= 0.04045f ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.x) + 0.7152 * channel(c.y) + 0.0722 * channel(c.z);
}
}  // namespace

void set_theme_preferences(const ThemePreferences& prefs) {
    g_prefs = prefs;
}

const ThemePreferences& theme_preferences() {
    return g_prefs;
}

double contrast_ratio(ImVec4 a, ImVec4 b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

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
    // ImGui's dark defaults with white text that reaches 4.5:1 in every state.
    style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.66f, 0.66f, 0.66f, 1.0f);
    style.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.20f, 0.42f, 0.72f, 1.0f);
    style.Colors[ImGuiCol_ButtonActive] = ImVec4(0.14f, 0.36f, 0.66f, 1.0f);
    style.Colors[ImGuiCol_HeaderHovered] = ImVec4(0.22f, 0.42f, 0.70f, 1.0f);
    style.Colors[ImGuiCol_HeaderActive] = ImVec4(0.16f, 0.34f, 0.60f, 1.0f);
    if (g_prefs.high_contrast) apply_high_contrast(style);
}

static bool colored_button(const char* label, ImVec2 size, ImU32 base, ImU32 hover, ImU32 active) {
    if (g_prefs.high_contrast) return ImGui::Button(label, size);  // white on black, bordered
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
