// The "/" picker of canned replies (E12), above the composer (chat_composer.cpp).
// A composer starting with "/" opens it: replies matching the shortcut prefix, then the body's
// words. Up/Down select, Enter or Tab inserts the selected reply in place of the "/..." text,
// Esc closes the picker (until the text changes), a click inserts that row; "Manage..." opens
// the Canned replies dialog (dialogs.cpp).
#include <imgui.h>
#include <imgui_internal.h>  // SetKeyOwner: the picker takes Esc from the composer

#include <algorithm>
#include <string>
#include <vector>

#include "client/view_models.h"
#include "ui/chat_window_parts.h"
#include "ui/icons.h"
#include "ui/text_run.h"
#include "ui/theme.h"

namespace sb::ui {

namespace {
constexpr int kPickerRows = 6;  // rows shown before the picker scrolls
}  // namespace

// Reads the store only; refresh_canned() is asked for in draw_composer.
CannedPicker canned_picker(const ViewContext& v, const std::string& text) {
    CannedPicker p;
    if (!sb::client::canned_query(text) || text == v.ui.canned_dismissed) return p;
    p.open = true;
    p.matches = sb::client::matching_canned(v.console.store().canned(), text);
    return p;
}

float picker_height(const CannedPicker& p) {
    if (!p.open) return 0;
    const float row = ImGui::GetTextLineHeightWithSpacing();
    const int rows = std::clamp(static_cast<int>(p.matches.size()), 1, kPickerRows);
    return row * static_cast<float>(rows + 2) + ImGui::GetStyle().WindowPadding.y * 2 + 4;
}

// Puts the selected reply's body in place of the composer text.
void insert_canned(ViewContext& v, std::string& text, const sb::protocol::CannedReply& r) {
    text = r.body;
    v.ui.canned_selected = 0;
    v.ui.focus_composer = true;
}

// The composer's Tab while the picker is open: insert inside the active text field.
int insert_on_tab(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag != ImGuiInputTextFlags_CallbackCompletion) return 0;
    const auto* body = static_cast<const std::string*>(data->UserData);
    data->DeleteChars(0, data->BufTextLen);
    data->InsertChars(0, body->data(), body->data() + body->size());
    return 0;
}

// Up/Down/Esc while the composer has the keyboard; Esc is taken from the composer, which would
// otherwise revert its text.
void picker_keys(ViewContext& v, const CannedPicker& p, const std::string& text) {
    const int n = static_cast<int>(p.matches.size());
    const int before = v.ui.canned_selected;
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) v.ui.canned_selected += 1;
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) v.ui.canned_selected -= 1;
    v.ui.canned_follow = v.ui.canned_follow || v.ui.canned_selected != before;
    v.ui.canned_selected = n == 0 ? 0 : std::clamp(v.ui.canned_selected, 0, n - 1);
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        v.ui.canned_dismissed = text;
        ImGui::SetKeyOwner(ImGuiKey_Escape, ImGui::GetID("##canned:picker"),
                           ImGuiInputFlags_LockThisFrame);
    }
}

namespace {

void draw_picker_row(ViewContext& v, std::string& text, const sb::protocol::CannedReply& r,
                     bool selected, float mark_x, float body_x) {
    const float x0 = ImGui::GetCursorPosX();
    const std::string label = "/" + r.shortcut + "##canned:pick#" + std::to_string(r.id);
    if (ImGui::Selectable(label.c_str(), selected)) insert_canned(v, text, r);
    if (selected && v.ui.canned_follow) {
        ImGui::SetScrollHereY();
        v.ui.canned_follow = false;
    }
    ImGui::SameLine(x0 + mark_x);
    ImGui::PushStyleColor(ImGuiCol_Text, r.shared ? color::kGreenText : color::kMuted);
    ImGui::TextUnformatted(r.shared ? kIconUsers : kIconUser);
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip(r.shared ? "Shared with the team" : "Personal");
    ImGui::SameLine(x0 + body_x);
    if (!selected)
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    text::text(sb::client::first_line(r.body, 160));
    if (!selected) ImGui::PopStyleColor();
}

}  // namespace

void draw_canned_picker(ViewContext& v, const CannedPicker& p, std::string& text) {
    if (!p.open) return;
    ImGui::BeginChild("##canned:picker", ImVec2(0, picker_height(p)), ImGuiChildFlags_Border);
    ImGui::TextDisabled("Canned replies: Up/Down select, Enter or Tab inserts, Esc closes");
    const float row_h = ImGui::GetTextLineHeightWithSpacing();
    const int rows = std::clamp(static_cast<int>(p.matches.size()), 1, kPickerRows);
    ImGui::BeginChild("##canned:rows", ImVec2(0, row_h * static_cast<float>(rows)));
    float shortcut_w = 0;
    for (const auto* r : p.matches)
        shortcut_w = std::max(shortcut_w, ImGui::CalcTextSize(("/" + r->shortcut).c_str()).x);
    const float mark_x = shortcut_w + 16;
    const float body_x = mark_x + ImGui::GetFontSize() * 1.6f;
    if (p.matches.empty()) ImGui::TextDisabled("No canned reply matches.");
    for (size_t i = 0; i < p.matches.size(); ++i)
        draw_picker_row(v, text, *p.matches[i], static_cast<int>(i) == v.ui.canned_selected, mark_x,
                        body_x);
    ImGui::EndChild();
    if (ImGui::Selectable("Manage...##canned:manage")) v.console.open_canned_dialog();
    ImGui::EndChild();
}

}  // namespace sb::ui
