// Dialogs and overlays: the transfer dialog (type a name → staff with presence, online first;
// optional queue; TRANSFER; errors), the delete confirmation, the Canned replies dialog (list,
// Add / Edit / Delete, server errors), notices, and the Undo toast.
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <string>

#include "client/view_models.h"
#include "ui/automation.h"
#include "ui/icons.h"
#include "ui/semantics.h"
#include "ui/text_run.h"
#include "ui/theme.h"
#include "ui/views.h"

namespace sb::ui {

using sb::client::Id;

namespace {

constexpr const char* kTransferPopup = "Transfer###transfer";
constexpr const char* kDeletePopup = "Delete chat?###delete";
constexpr const char* kCannedPopup = "Canned replies###canned";

// A modal dialog for screen readers, around the popup's contents (the rest becomes inert).
void begin_dialog(const std::string& name, const char* key) {
    semantics::begin("dialog", name, key);
    if (semantics::Node* n = semantics::item(key)) n->modal = true;
}

void center_next_window(float width) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.3f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
}

void draw_staff_list(ViewContext& v) {
    const auto& t = v.console.transfer_state();
    ImGui::BeginChild("##transfer:list", ImVec2(0, 200), ImGuiChildFlags_Border);
    if (t.searching && t.staff.empty()) ImGui::TextDisabled("Searching...");
    if (!t.searching && t.staff.empty()) ImGui::TextDisabled("Nobody matches.");
    semantics::begin("listbox", "Staff", "listbox:transfer-staff");
    const auto& me = v.console.store().me();
    for (const auto& s : t.staff) {
        if (me && s.id == me->id) continue;
        // Presence as the live events last said (the search answer may be older).
        const auto live = v.console.store().staff().find(s.id);
        const auto presence =
            live != v.console.store().staff().end() ? live->second.presence : s.presence;
        presence_dot(presence);
        const std::string label = s.name + " (" + sb::client::presence_label(presence) +
                                  ")##transfer:staff#" + std::to_string(s.id);
        if (text::selectable(label, v.ui.transfer_staff == s.id)) v.ui.transfer_staff = s.id;
        if (semantics::Node* n = semantics::item("transfer:staff#" + std::to_string(s.id)))
            n->selected = v.ui.transfer_staff == s.id ? 1 : 0;
    }
    semantics::end();
    ImGui::EndChild();
}

void draw_queue_picker(ViewContext& v) {
    const auto& queues = v.console.store().queues();
    std::string current = "Keep the queue";
    for (const auto& q : queues)
        if (v.ui.transfer_queue == q.id) current = q.name;
    ImGui::TextUnformatted("Queue (optional)");
    ImGui::SetNextItemWidth(-1);
    if (text::begin_combo("##transfer:queue", current)) {
        if (ImGui::Selectable("Keep the queue##transfer:queue#0", !v.ui.transfer_queue))
            v.ui.transfer_queue.reset();
        for (const auto& q : queues) {
            const std::string label = q.name + "##transfer:queue#" + std::to_string(q.id);
            if (text::selectable(label, v.ui.transfer_queue == q.id)) v.ui.transfer_queue = q.id;
        }
        ImGui::EndCombo();
    }
}

void draw_transfer(ViewContext& v) {
    const auto& t = v.console.transfer_state();
    if (t.chat_id != 0 && !ImGui::IsPopupOpen(kTransferPopup)) ImGui::OpenPopup(kTransferPopup);
    center_next_window(440);
    if (!ImGui::BeginPopupModal(kTransferPopup, nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    if (t.chat_id == 0) {  // closed from elsewhere (done, Esc, logout)
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    begin_dialog("Transfer chat #" + std::to_string(t.chat_id), "dialog:transfer");
    ImGui::Text("%s Transfer chat #%lld", kIconExchange, static_cast<long long>(t.chat_id));
    ImGui::TextUnformatted("Staff member");
    if (v.ui.focus_transfer) {
        ImGui::SetKeyboardFocusHere();
        v.ui.focus_transfer = false;
    }
    ImGui::SetNextItemWidth(-1);
    std::string query = t.query;  // the console owns the query; the field edits a copy
    if (text::input_text("##transfer:input", &query, 0, "Type a name")) {
        v.ui.transfer_staff.reset();
        v.console.find_staff(query);
    }
    draw_staff_list(v);
    draw_queue_picker(v);
    if (!t.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, color::kRedText);
        text::text_wrapped(std::string(kIconWarning) + " " + t.error);
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();
    ImGui::BeginDisabled(t.submitting || (!v.ui.transfer_staff && !v.ui.transfer_queue));
    if (green_button(
            t.submitting ? "TRANSFERRING...###transfer:submit" : "TRANSFER###transfer:submit",
            ImVec2(140, 0)))
        v.console.transfer(v.ui.transfer_staff, v.ui.transfer_queue);
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel##transfer:cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
        v.console.close_transfer();
        ImGui::CloseCurrentPopup();
    }
    semantics::end();
    ImGui::EndPopup();
}

void draw_delete_confirm(ViewContext& v) {
    if (v.ui.confirm_delete != 0 && !ImGui::IsPopupOpen(kDeletePopup))
        ImGui::OpenPopup(kDeletePopup);
    center_next_window(380);
    if (!ImGui::BeginPopupModal(kDeletePopup, nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    if (v.ui.confirm_delete == 0) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    begin_dialog("Delete chat #" + std::to_string(v.ui.confirm_delete) + "?", "dialog:delete");
    semantics::add_text("", "It leaves every list; you can undo for a few seconds.",
                        "dialog:delete:text");
    ImGui::TextWrapped("Delete chat #%lld? It leaves every list; you can undo for a few seconds.",
                       static_cast<long long>(v.ui.confirm_delete));
    ImGui::Spacing();
    const std::string del = std::string(kIconTrash) + " Delete##delete:confirm";
    if (danger_button(del.c_str())) {
        v.console.delete_chat(v.ui.confirm_delete);
        v.ui.confirm_delete = 0;
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel##delete:cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
        v.ui.confirm_delete = 0;
        ImGui::CloseCurrentPopup();
    }
    semantics::end();
    ImGui::EndPopup();
}

// ---- the Canned replies dialog (E12): list, Add / Edit / Delete (confirmed), server errors ----

void open_canned_form(ViewContext& v, const sb::protocol::CannedReply* r) {
    v.ui.canned_form = true;
    v.ui.canned_form_id = r ? r->id : 0;
    v.ui.canned_shortcut = r ? r->shortcut : "";
    v.ui.canned_body = r ? r->body : "";
    v.ui.canned_shared = r && r->shared;
    v.ui.canned_confirm_delete = 0;
    v.ui.focus_canned = true;
}

void draw_canned_row(ViewContext& v, const sb::protocol::CannedReply& r) {
    const std::string id = std::to_string(r.id);
    ImGui::AlignTextToFramePadding();  // every row as tall as one with buttons
    ImGui::PushStyleColor(ImGuiCol_Text, r.shared ? color::kGreenText : color::kMuted);
    ImGui::TextUnformatted(r.shared ? kIconUsers : kIconUser);
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip(r.shared ? "Shared with the team" : "Personal");
    ImGui::SameLine(ImGui::GetFontSize() * 1.8f);
    text::text("/" + r.shortcut);
    const float buttons_x = ImGui::GetContentRegionMax().x - 124;  // Edit and Delete fit
    ImGui::SameLine(ImGui::GetFontSize() * 1.8f + 150);
    ImGui::PushClipRect(ImGui::GetCursorScreenPos(),
                        ImVec2(ImGui::GetWindowPos().x + buttons_x - 8,
                               ImGui::GetCursorScreenPos().y + ImGui::GetFontSize() * 2),
                        true);
    text::text_disabled(sb::client::first_line(r.body, 120));
    ImGui::PopClipRect();
    if (!v.console.store().may_change(r)) return;
    ImGui::SameLine(buttons_x);
    if (v.ui.canned_confirm_delete == r.id) {
        if (danger_button(("Delete##canned:confirm-delete#" + id).c_str())) {
            v.console.delete_canned(r.id);
            v.ui.canned_submitted = v.console.canned_state().changes;
        }
        ImGui::SameLine();
        if (ImGui::Button(("Keep##canned:keep#" + id).c_str())) v.ui.canned_confirm_delete = 0;
        return;
    }
    if (ImGui::Button((std::string(kIconPencil) + " Edit##canned:edit#" + id).c_str()))
        open_canned_form(v, &r);
    ImGui::SameLine();
    if (ImGui::Button((std::string(kIconTrash) + "##canned:delete#" + id).c_str())) {
        v.ui.canned_confirm_delete = r.id;
        v.ui.canned_form = false;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Delete /%s", r.shortcut.c_str());
}

void draw_canned_form(ViewContext& v) {
    const auto& st = v.console.canned_state();
    ImGui::SeparatorText(v.ui.canned_form_id ? "Edit reply" : "New reply");
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Shortcut  /");
    ImGui::SameLine();
    if (v.ui.focus_canned) {
        ImGui::SetKeyboardFocusHere();
        v.ui.focus_canned = false;
    }
    ImGui::SetNextItemWidth(220);
    text::input_text("##canned:shortcut", &v.ui.canned_shortcut, 0, "thanks");
    ImGui::SameLine();
    ImGui::TextDisabled("a-z, 0-9, _ and -");
    text::input_text_multiline("##canned:body", &v.ui.canned_body,
                               ImVec2(-1, ImGui::GetTextLineHeight() * 5 + 12));
    // Only supervisors and admins make shared replies; a reply's scope never changes.
    if (v.console.store().is_supervisor() && v.ui.canned_form_id == 0)
        ImGui::Checkbox("Shared with the whole team##canned:shared", &v.ui.canned_shared);
    ImGui::BeginDisabled(st.saving);
    if (green_button(st.saving ? "Saving...###canned:save" : "Save###canned:save",
                     ImVec2(110, 0))) {
        v.ui.canned_submitted = st.changes;
        if (v.ui.canned_form_id == 0)
            v.console.create_canned({v.ui.canned_shortcut, v.ui.canned_body,
                                     v.ui.canned_shared && v.console.store().is_supervisor()});
        else
            v.console.update_canned(v.ui.canned_form_id, {v.ui.canned_shortcut, v.ui.canned_body});
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel##canned:cancel")) v.ui.canned_form = false;
}

void draw_canned_dialog(ViewContext& v) {
    const auto& st = v.console.canned_state();
    if (st.dialog_open && !ImGui::IsPopupOpen(kCannedPopup)) ImGui::OpenPopup(kCannedPopup);
    // Top-anchored high enough for the form: what is on screen never moves when the form or an
    // error makes the dialog taller (a click must land where the field was drawn).
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + std::max(12.0f, vp->Size.y * 0.1f)),
        ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(std::min(640.0f, vp->Size.x - 24), 0));
    if (!ImGui::BeginPopupModal(kCannedPopup, nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    if (!st.dialog_open) {  // closed from elsewhere (Esc, logout)
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    begin_dialog("Canned replies", "dialog:canned");
    // A change the server accepted closes the form (an error keeps it, with the message).
    if (v.ui.canned_submitted >= 0 && !st.saving) {
        if (st.changes != v.ui.canned_submitted) {
            v.ui.canned_form = false;
            v.ui.canned_confirm_delete = 0;
        }
        v.ui.canned_submitted = -1;
    }
    ImGui::TextDisabled("Type / and a few letters in the composer to insert one.");
    const auto& replies = v.console.store().canned();
    ImGui::BeginChild("##canned:list", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * 7 + 8),
                      ImGuiChildFlags_Border);
    if (replies.empty()) ImGui::TextDisabled(st.loading ? "Loading..." : "No canned replies yet.");
    for (const auto& r : replies) draw_canned_row(v, r);
    ImGui::EndChild();
    if (v.ui.canned_form)
        draw_canned_form(v);
    else if (ImGui::Button("+ Add##canned:add"))
        open_canned_form(v, nullptr);
    if (!st.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, color::kRedText);
        ImGui::TextWrapped("%s %s", kIconWarning, st.error.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Separator();
    if (ImGui::Button("Close##canned:close") || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        v.ui.canned_form = false;
        v.ui.canned_confirm_delete = 0;
        v.console.close_canned_dialog();
        ImGui::CloseCurrentPopup();
    }
    // The window fits its content a frame late: when the content's height changed (an error,
    // the form), draw one more frame so nothing stays clipped until the next input.
    static float content_bottom = 0;
    if (ImGui::GetCursorPosY() != content_bottom) {
        content_bottom = ImGui::GetCursorPosY();
        v.platform.request_frame();
    }
    semantics::end();
    ImGui::EndPopup();
}

// Bottom-left overlay: the Undo toast and notices (errors in red), newest last.
void draw_toasts(ViewContext& v) {
    const auto& undo = v.console.undo_offer();
    const auto& notices = v.console.notices();
    const auto& failed = v.console.outbox().failed();
    if (undo.chat_id == 0 && notices.empty() && failed.empty()) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + 12, vp->Pos.y + vp->Size.y - 12), ImGuiCond_Always,
                            ImVec2(0, 1));
    ImGui::SetNextWindowBgAlpha(0.95f);
    ImGui::Begin("##toasts", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
    semantics::begin("region", "Notifications", "region:toasts");
    for (const auto& f : failed) {
        ImGui::PushStyleColor(ImGuiCol_Text, color::kRedText);
        text::text(std::string(kIconWarning) + " Not sent to #" +
                   std::to_string(f.message.chat_id) + ": \"" + f.message.body + "\" (" + f.reason +
                   ")");
        ImGui::PopStyleColor();
    }
    if (!failed.empty() && ImGui::SmallButton("Dismiss##toast:dismiss-failed"))
        v.console.dismiss_failed();
    for (const auto& n : notices) {
        semantics::add_text(n.error ? "alert" : "status", n.text, "notice:" + n.text);
        if (n.error) ImGui::PushStyleColor(ImGuiCol_Text, color::kRedText);
        text::text(n.text);
        if (n.error) ImGui::PopStyleColor();
    }
    if (undo.chat_id != 0) {
        semantics::add_text("", "Chat #" + std::to_string(undo.chat_id) + " deleted.",
                            "toast:undo:text");
        ImGui::Text("Chat #%lld deleted.", static_cast<long long>(undo.chat_id));
        ImGui::SameLine();
        const std::string label = std::string(kIconUndo) + " Undo##toast:undo";
        if (green_button(label.c_str())) v.console.undo_delete();
        ImGui::SameLine();
        ImGui::TextDisabled("%.0f s", std::max(0.0, undo.until - v.now));
        v.wake_in(1.0);
    }
    semantics::end();
    ImGui::End();
}

}  // namespace

void draw_dialogs(ViewContext& v) {
    draw_transfer(v);
    draw_delete_confirm(v);
    draw_canned_dialog(v);
    draw_toasts(v);
}

}  // namespace sb::ui
