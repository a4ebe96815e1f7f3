// The chat window's composer (see chat_window.cpp): the typing indicator, the multi-line field
// (Enter sends, Shift+Enter breaks the line, "/" opens the canned picker of canned_picker.cpp),
// Send and the Note switch.
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <string>

#include "ui/app.h"
#include "ui/chat_window_parts.h"
#include "ui/icons.h"
#include "ui/text_run.h"
#include "ui/theme.h"

namespace sb::ui {

using sb::protocol::ChatStatus;

void draw_composer(ViewContext& v, const sb::protocol::Chat& chat) {
    if (const auto* t = v.console.store().typing(chat.id, v.now)) {
        text::text_disabled(t->author.name.value_or("Someone") + " is typing...");
        v.wake_in(1.0);
    } else {
        ImGui::TextUnformatted("");
    }
    std::string& text = v.ui.composer[chat.id];
    if (chat.status == ChatStatus::pending && !v.ui.compose_note)
        ImGui::TextDisabled("Accept this chat to reply (or write a note).");
    const CannedPicker picker = canned_picker(v, text);
    if (picker.open) {
        v.console.refresh_canned(true);  // a list older than 30 s is fetched again
        if (v.ui.composer_active) picker_keys(v, picker, text);
    }
    const bool can_insert = picker.open && !picker.matches.empty();
    const sb::protocol::CannedReply* selected =
        can_insert
            ? picker.matches[std::min<size_t>(v.ui.canned_selected, picker.matches.size() - 1)]
            : nullptr;
    draw_canned_picker(v, picker, text);
    if (v.ui.focus_composer) {
        ImGui::SetKeyboardFocusHere();
        v.ui.focus_composer = false;
    }
    // Enter sends; Shift+Enter (or Ctrl+Enter) breaks the line.
    ImGuiInputTextFlags flags = 0;
    if (!ImGui::GetIO().KeyShift)
        flags |= ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CtrlEnterForNewLine;
    if (selected) flags |= ImGuiInputTextFlags_CallbackCompletion;
    const float send_w = 90;
    const bool returned = text::input_text_multiline(
        "##chat:composer", &text,
        ImVec2(ImGui::GetContentRegionAvail().x - send_w - 8, ImGui::GetTextLineHeight() * 3 + 12),
        flags, selected ? insert_on_tab : nullptr,
        selected ? const_cast<std::string*>(&selected->body) : nullptr);  // read only
    v.ui.composer_active = ImGui::IsItemActive();
    // Without EnterReturnsTrue (Shift held) the return value only means "edited".
    const bool entered = returned && (flags & ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::IsItemEdited()) {
        if (text != v.ui.canned_dismissed) v.ui.canned_dismissed.clear();
        v.ui.canned_selected = 0;  // a new query starts at its best match
        if (!text.empty()) v.console.typing(chat.id);
    }
    ImGui::SameLine();
    ImGui::BeginGroup();
    const std::string send = std::string(kIconPaperPlane) + " Send##chat:send";
    const bool clicked = green_button(send.c_str(), ImVec2(send_w, 0));
    ImGui::Checkbox("Note##chat:note", &v.ui.compose_note);
    ImGui::EndGroup();
    if (!entered && !clicked) return;
    if (selected) {
        insert_canned(v, text, *selected);
    } else {
        v.console.send(
            chat.id, text,
            v.ui.compose_note ? sb::protocol::MessageKind::note : sb::protocol::MessageKind::text);
        text.clear();
    }
    v.ui.focus_composer = true;
}

}  // namespace sb::ui
