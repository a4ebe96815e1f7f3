// The chat window's toolbar (see chat_window.cpp): ⇄ Transfer top-left, 🗑 Delete, 💬 Mark
// unread, RETURN, Resolve, and Accept on a pending chat; Restore on a deleted one.
#include <imgui.h>

#include <string>

#include "ui/app.h"
#include "ui/chat_window_parts.h"
#include "ui/icons.h"
#include "ui/theme.h"

namespace sb::ui {

using sb::protocol::ChatStatus;

namespace {

// ✕ at the right end of the toolbar: closes the chat window.
void draw_close_button(ViewContext& v) {
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 30);
    const std::string close = std::string(kIconTimes) + "##chat:close";
    if (ImGui::Button(close.c_str())) v.console.close_chat();
}

// A deleted chat (supervisors see them, e.g. by "#id") offers Restore instead of the toolbar.
void draw_deleted_toolbar(ViewContext& v, const sb::protocol::Chat& chat) {
    ImGui::TextDisabled("%s This chat is deleted.", kIconTrash);
    if (v.console.store().may_restore(chat)) {
        ImGui::SameLine();
        const std::string restore = std::string(kIconUndo) + " Restore##chat:restore";
        if (green_button(restore.c_str())) v.console.restore(chat.id);
    }
    draw_close_button(v);
}

}  // namespace

void draw_toolbar(ViewContext& v, const sb::protocol::Chat& chat) {
    if (chat.deleted) return draw_deleted_toolbar(v, chat);
    const bool working = chat.status == ChatStatus::working;
    const bool pending = chat.status == ChatStatus::pending;
    const std::string transfer = std::string(kIconExchange) + " Transfer##chat:transfer";
    ImGui::BeginDisabled(chat.status == ChatStatus::resolved);
    if (ImGui::Button(transfer.c_str())) {
        v.console.open_transfer(chat.id);
        v.ui.begin_transfer();
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    const std::string del = std::string(kIconTrash) + " Delete##chat:delete";
    if (ImGui::Button(del.c_str())) v.ui.confirm_delete = chat.id;
    ImGui::SameLine();
    const std::string unread = std::string(kIconCommentO) + " Mark unread##chat:unread";
    if (ImGui::Button(unread.c_str())) v.console.mark_unread(chat.id);
    ImGui::SameLine();
    ImGui::BeginDisabled(!working);
    if (ImGui::Button("RETURN##chat:return")) v.console.return_chat(chat.id);
    ImGui::SameLine();
    const std::string resolve = std::string(kIconCheck) + " Resolve##chat:resolve";
    if (ImGui::Button(resolve.c_str())) v.console.resolve(chat.id);
    ImGui::EndDisabled();
    if (pending) {
        ImGui::SameLine();
        const std::string accept = std::string(kIconCheck) + " Accept##chat:accept";
        if (green_button(accept.c_str())) v.console.accept(chat.id);
    }
    draw_close_button(v);
}

}  // namespace sb::ui
