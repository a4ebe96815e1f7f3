// Keyboard shortcuts of the console: Ctrl+K search, ↑/↓ move in the list, Enter opens,
// Alt+A accepts, Esc closes the chat (dialogs close themselves on Esc).
#include <imgui.h>

#include "client/view_models.h"
#include "ui/views.h"

namespace sb::ui {

using sb::client::Id;

static void move_selection(ViewContext& v, int delta) {
    const auto& ids = shown_list(v);
    if (ids.empty()) return;
    int row = v.ui.selected_row;
    if (row < 0 && v.console.open_chat()) {
        for (size_t i = 0; i < ids.size(); ++i)
            if (ids[i] == *v.console.open_chat()) row = static_cast<int>(i);
    }
    row = row < 0 ? 0 : std::clamp(row + delta, 0, static_cast<int>(ids.size()) - 1);
    v.ui.selected_row = row;
    v.ui.scroll_to_selected = true;
}

// The chat a shortcut acts on: the selected row, else the open chat.
static std::optional<Id> target_chat(const ViewContext& v) {
    const auto& ids = shown_list(v);
    if (v.ui.selected_row >= 0 && v.ui.selected_row < static_cast<int>(ids.size()))
        return ids[v.ui.selected_row];
    return v.console.open_chat();
}

void handle_shortcuts(ViewContext& v) {
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;  // dialogs own the keys
    if (io.KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_K, false)) {
        v.ui.focus_search = true;
        return;
    }
    if (io.KeyAlt && ImGui::IsKeyPressed(ImGuiKey_A, false)) {
        if (auto id = target_chat(v)) {
            const auto* chat = v.console.store().chat(*id);
            if (chat && chat->status == sb::protocol::ChatStatus::pending) v.console.accept(*id);
        }
        return;
    }
    if (io.WantTextInput) return;  // typing: arrows and Enter belong to the text field
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) move_selection(v, +1);
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) move_selection(v, -1);
    if (ImGui::IsKeyPressed(ImGuiKey_Enter, false) ||
        ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false)) {
        const auto& ids = shown_list(v);
        if (v.ui.selected_row >= 0 && v.ui.selected_row < static_cast<int>(ids.size())) {
            v.console.open(ids[v.ui.selected_row]);
            v.ui.focus_composer = true;
        }
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false) && v.console.open_chat())
        v.console.close_chat();
}

}  // namespace sb::ui
