// The chat window: the open chat's toolbar, header, history, contact panel and composer.
//
// [SECTION] index: one file per part (Tracy-style), sharing ui/chat_window_parts.h
//   chat_window.cpp    this file: the layout of the window, the header, the contact panel
//                      with the contact's earlier chats
//   chat_toolbar.cpp   ⇄ Transfer, Delete, Mark unread, RETURN, Resolve, Accept / Restore
//   chat_history.cpp   the virtualized history (its measured layout is UiState::history)
//   chat_composer.cpp  the typing indicator, the composer, Send and Note
//   canned_picker.cpp  the "/" picker of canned replies inside the composer
#include <imgui.h>

#include <algorithm>
#include <string>

#include "client/view_models.h"
#include "ui/app.h"
#include "ui/chat_window_parts.h"
#include "ui/icons.h"
#include "ui/semantics.h"
#include "ui/text_run.h"
#include "ui/theme.h"

namespace sb::ui {

using sb::client::Id;
using sb::protocol::ChatStatus;

namespace {

// The history as a screen reader hears it: the "Conversation" log (a polite live region), one
// node per confirmed message keyed by its id, so that a new message is one appended node and
// nothing else changes (typing, unsent replies and scrolling add nothing). The newest kLogSize.
constexpr size_t kLogSize = 200;

std::string spoken_message(const sb::protocol::Message& m) {
    using sb::protocol::AuthorType;
    using sb::protocol::MessageKind;
    if (m.kind == MessageKind::system || m.author.type == AuthorType::system)
        return "System: " + m.body;
    const std::string who =
        m.author.name.value_or(m.author.type == AuthorType::contact ? "Contact" : "Staff");
    if (m.kind == MessageKind::note) return who + ", note: " + m.body;
    return who + ": " + m.body;
}

void describe_history(ViewContext& v, sb::client::Id chat_id) {
    semantics::begin("log", "Conversation", "log:conversation");
    if (const sb::client::ChatHistory* h = v.console.store().history(chat_id)) {
        const auto& msgs = h->messages;
        for (size_t i = msgs.size() > kLogSize ? msgs.size() - kLogSize : 0; i < msgs.size(); ++i)
            semantics::add_text("", spoken_message(msgs[i]), "msg#" + std::to_string(msgs[i].id));
    }
    semantics::end();
}

void draw_header(const sb::protocol::Chat& chat) {
    std::string heading = "#" + std::to_string(chat.id) + " " + chat.contact.name + ", " +
                          sb::client::status_label(chat.status) + ", " + chat.queue.name;
    if (chat.assignee && chat.status == ChatStatus::working) heading += ", " + chat.assignee->name;
    if (chat.deleted) heading += ", deleted";
    semantics::add_text("heading", heading, "chat:heading");
    ImGui::PushFont(font(kFontBold));
    text::text("#" + std::to_string(chat.id) + " " + chat.contact.name);
    ImGui::PopFont();
    ImGui::SameLine();
    std::string detail =
        std::string(sb::client::status_label(chat.status)) + " · " + chat.queue.name;
    if (chat.assignee && chat.status == ChatStatus::working) detail += " · " + chat.assignee->name;
    if (chat.deleted) detail += " · deleted";
    text::text_disabled(detail);
}

void draw_contact_panel(ViewContext& v, const sb::protocol::Chat& chat, float height) {
    ImGui::BeginChild("##contact", ImVec2(0, height), ImGuiChildFlags_Border);
    ImGui::PushFont(font(kFontBold));
    text::text_wrapped(std::string(kIconUser) + " " + chat.contact.name);
    ImGui::PopFont();
    if (chat.contact.email)
        text::text_wrapped(std::string(kIconEnvelope) + " " + *chat.contact.email);
    if (chat.contact.phone) text::text_wrapped(std::string(kIconPhone) + " " + *chat.contact.phone);
    text::text_disabled("Channel: " + chat.contact.channel);
    ImGui::Separator();
    ImGui::TextUnformatted("Earlier chats");
    const auto* earlier = v.console.contact_chats(chat.contact.id);
    if (!earlier) {
        ImGui::TextDisabled("...");
    } else {
        int shown = 0;
        for (Id id : *earlier) {
            if (id == chat.id) continue;
            const sb::protocol::Chat* c = v.console.store().chat(id);
            if (!c) continue;
            const std::string label = "#" + std::to_string(id) + " " +
                                      sb::client::status_label(c->status) + "##contact:chat#" +
                                      std::to_string(id);
            if (ImGui::Selectable(label.c_str())) v.console.open(id);
            ++shown;
        }
        if (shown == 0) ImGui::TextDisabled("None");
    }
    ImGui::EndChild();
}

}  // namespace

void draw_chat_window(ViewContext& v) {
    const auto open = v.console.open_chat();
    if (!open) {
        v.ui.history.chat_id = 0;  // the next open starts at the bottom
        ImGui::BeginChild("##nochat", ImVec2(0, 0), ImGuiChildFlags_Border);
        ImGui::TextDisabled("Open a chat from the list (Enter or click).");
        ImGui::EndChild();
        return;
    }
    const sb::protocol::Chat* chat = v.console.store().chat(*open);
    ImGui::BeginChild("##chat", ImVec2(0, 0), ImGuiChildFlags_Border);
    if (!chat) {
        ImGui::TextDisabled("Loading chat #%lld...", static_cast<long long>(*open));
        ImGui::EndChild();
        return;
    }
    semantics::begin("group", "Chat actions", "group:toolbar");
    draw_toolbar(v, *chat);
    semantics::end();
    draw_header(*chat);
    const float composer_h = ImGui::GetTextLineHeight() * 5 + 40 +
                             picker_height(canned_picker(v, v.ui.composer[chat->id]));
    const float body_h = std::max(120.0f, ImGui::GetContentRegionAvail().y - composer_h);
    const float panel_w = ImGui::GetContentRegionAvail().x > 700 ? 240.0f : 0.0f;
    ImGui::BeginGroup();
    ImGui::BeginChild(
        "##historycol",
        ImVec2(ImGui::GetContentRegionAvail().x - panel_w - (panel_w ? 8 : 0), body_h));
    draw_history(v, chat->id, body_h);
    describe_history(v, chat->id);
    ImGui::EndChild();
    ImGui::EndGroup();
    if (panel_w > 0) {
        ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::BeginChild("##contactcol", ImVec2(panel_w, body_h));
        draw_contact_panel(v, *chat, body_h);
        ImGui::EndChild();
        ImGui::EndGroup();
    }
    if (!chat->deleted) draw_composer(v, *chat);
    ImGui::EndChild();
}

}  // namespace sb::ui
