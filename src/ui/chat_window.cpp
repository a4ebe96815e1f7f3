// The chat window: toolbar (⇄ Transfer top-left, 🗑 Delete, 💬 Mark unread, RETURN, Resolve,
// Accept on pending), the history (contact messages, replies with signed authors, notes that
// look different, system lines; older pages on scroll up; pinned to the bottom), the typing
// indicator, the multi-line composer (Enter sends, Shift+Enter breaks the line, "/" picks a
// canned reply) and the contact panel with the contact's earlier chats.
//
// The history is virtualized: line heights are measured once per (history, width) and only the
// visible lines are drawn, so a 10,000-message chat costs what its visible part costs.
#include <imgui.h>
#include <imgui_internal.h>  // SetKeyOwner: the picker takes Esc from the composer
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <string>
#include <unordered_set>
#include <vector>

#include "client/view_models.h"
#include "ui/app.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/views.h"

namespace sb::ui {

using sb::client::HistoryLine;
using sb::client::Id;
using sb::client::LineKind;
using sb::protocol::ChatStatus;

namespace {

constexpr float kPad = 8;

// The measured history of the open chat, rebuilt only when it changes.
struct HistoryLayout {
    Id chat_id = 0;
    size_t message_count = 0;
    Id first_id = 0, last_id = 0;
    size_t unsent = 0;
    float width = 0;
    std::vector<HistoryLine> lines;          // message lines, then unsent ones
    size_t message_lines = 0;                // how many of `lines` come from messages
    std::unordered_set<std::string> echoed;  // client_ids the server has sent back
    std::vector<float> tops;                 // y of each line; tops.back() is the total height
    float prev_total = 0;
    Id prev_first_id = 0;
    bool scroll_to_bottom = true;
};

HistoryLayout& layout() {
    static HistoryLayout l;  // one chat window; the UI is single-threaded
    return l;
}

float body_width(float width) {
    return width * 0.78f - 2 * kPad;
}

float line_height(const HistoryLine& line, float width) {
    const float text_h = ImGui::GetTextLineHeight();
    if (line.kind == LineKind::system) return text_h + kPad;
    const ImVec2 body = ImGui::CalcTextSize(line.body.c_str(), nullptr, false, body_width(width));
    size_t links = 0;
    for (const auto& span : sb::client::split_links(line.body)) links += span.link ? 1 : 0;
    return text_h + 4 + body.y + static_cast<float>(links) * (text_h + 4) + 2 * kPad + kPad;
}

void append_line(HistoryLayout& l, HistoryLine line) {
    l.tops.push_back(l.tops.back() + line_height(line, l.width));
    l.lines.push_back(std::move(line));
}

// Re-measures only what changed: new messages at the end (the common case: a live chat) are
// appended; anything else (another chat, a new width, an older page in front) rebuilds.
void refresh_layout(HistoryLayout& l, Id chat_id, const sb::client::ChatHistory* h,
                    const std::vector<const sb::client::OutgoingMessage*>& unsent, float width) {
    static const std::vector<sb::protocol::Message> kNone;
    const auto& msgs = h ? h->messages : kNone;
    const Id first = msgs.empty() ? 0 : msgs.front().id;
    const Id last = msgs.empty() ? 0 : msgs.back().id;
    if (l.chat_id == chat_id && l.message_count == msgs.size() && l.first_id == first &&
        l.last_id == last && l.unsent == unsent.size() && l.width == width)
        return;
    const bool appended_only = l.chat_id == chat_id && l.width == width && l.first_id == first &&
                               msgs.size() >= l.message_count && l.message_count > 0 &&
                               msgs[l.message_count - 1].id == l.last_id;
    if (l.chat_id != chat_id) {
        l = HistoryLayout{};
        l.chat_id = chat_id;
    }
    size_t from = 0;
    if (appended_only) {
        from = l.message_count;
        l.lines.resize(l.message_lines);
        l.tops.resize(l.message_lines + 1);
    } else {
        l.lines.clear();
        l.echoed.clear();
        l.tops.assign(1, 0.0f);
        l.lines.reserve(msgs.size() + unsent.size());
        l.tops.reserve(msgs.size() + unsent.size() + 1);
    }
    l.width = width;
    for (size_t i = from; i < msgs.size(); ++i) {
        append_line(l, sb::client::history_line(msgs[i]));
        if (msgs[i].client_id) l.echoed.insert(*msgs[i].client_id);
    }
    l.message_lines = l.lines.size();
    for (const auto* m : unsent)
        if (!l.echoed.count(m->client_id)) append_line(l, sb::client::outgoing_line(*m));
    l.message_count = msgs.size();
    l.first_id = first;
    l.last_id = last;
    l.unsent = unsent.size();
}

ImU32 bubble_color(LineKind kind) {
    switch (kind) {
        case LineKind::contact:
            return color::kContactBg;
        case LineKind::reply:
            return color::kReplyBg;
        case LineKind::note:
            return color::kNoteBg;
        case LineKind::outgoing:
            return color::kOutgoingBg;
        case LineKind::system:
            return 0;
    }
    return 0;
}

void draw_line(ViewContext& v, const HistoryLine& line, float width) {
    if (line.kind == LineKind::system) {
        const ImVec2 size = ImGui::CalcTextSize(line.body.c_str());
        ImGui::SetCursorPosX(std::max(0.0f, (width - size.x) * 0.5f));
        ImGui::TextDisabled("%s", line.body.c_str());
        return;
    }
    const bool mine_side = line.kind != LineKind::contact;
    const float bw = body_width(width);
    const float x = mine_side ? width - bw - 2 * kPad : 0;
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const float h = line_height(line, width) - kPad;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(top.x + x, top.y),
                                              ImVec2(top.x + x + bw + 2 * kPad, top.y + h),
                                              bubble_color(line.kind), 6);
    ImGui::SetCursorScreenPos(ImVec2(top.x + x + kPad, top.y + kPad));
    ImGui::BeginGroup();
    ImGui::PushFont(font(kFontBold));
    ImGui::TextUnformatted(line.kind == LineKind::note
                               ? (std::string(kIconStickyNote) + " " + line.author).c_str()
                               : line.author.c_str());
    ImGui::PopFont();
    if (!line.time.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", line.time.c_str());
    }
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + bw);
    ImGui::TextUnformatted(line.body.c_str());
    ImGui::PopTextWrapPos();
    // Links: each one clickable (opens in a new tab through the platform, from the real click).
    int n = 0;
    for (const auto& span : sb::client::split_links(line.body)) {
        if (!span.link) continue;
        const std::string url(span.text);
        const std::string label =
            url + "##link#" + std::to_string(line.message_id) + "#" + std::to_string(n++);
        ImGui::PushStyleColor(ImGuiCol_Text, color::kLink);
        if (ImGui::Selectable(label.c_str(), false, 0, ImVec2(bw, 0))) v.platform.open_url(url);
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    ImGui::EndGroup();
}

void draw_history(ViewContext& v, Id chat_id, float height) {
    const sb::client::ChatHistory* h = v.console.store().history(chat_id);
    ImGui::BeginChild("##history", ImVec2(0, height), ImGuiChildFlags_Border);
    const float width = ImGui::GetContentRegionAvail().x;
    HistoryLayout& l = layout();
    const bool was_at_bottom = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4;
    refresh_layout(l, chat_id, h, v.console.outbox().pending_for(chat_id), width);
    const float total = l.tops.back();

    if (h && h->loading && !h->loaded) ImGui::TextDisabled("Loading history...");
    if (h && h->next_before) {
        ImGui::TextDisabled(h->loading ? "Loading older messages..." : "Scroll up for more");
    }
    const float header = ImGui::GetCursorPosY();
    // Older messages were put in front: keep the same messages under the eyes.
    if (l.prev_first_id != 0 && l.first_id != l.prev_first_id && l.prev_total > 0)
        ImGui::SetScrollY(ImGui::GetScrollY() + (total - l.prev_total));
    const float scroll = ImGui::GetScrollY();
    const float view_h = ImGui::GetWindowHeight();
    auto first = std::upper_bound(l.tops.begin(), l.tops.end(), scroll - header) - l.tops.begin();
    size_t begin = first > 0 ? static_cast<size_t>(first - 1) : 0;
    for (size_t i = begin; i < l.lines.size(); ++i) {
        if (l.tops[i] + header > scroll + view_h) break;
        ImGui::SetCursorPosY(header + l.tops[i]);
        ImGui::PushID(static_cast<int>(i));
        draw_line(v, l.lines[i], width);
        ImGui::PopID();
    }
    ImGui::SetCursorPosY(header + total);
    ImGui::Dummy(ImVec2(1, 1));
    // Pinned to the bottom: follow new messages while the view is at the end. Only a view the
    // user scrolled to the top (not one about to jump down) asks for older messages.
    const bool pinning = l.scroll_to_bottom || (was_at_bottom && total != l.prev_total);
    if (pinning) {
        ImGui::SetScrollHereY(1.0f);
        if (h && h->loaded) l.scroll_to_bottom = false;
    } else if (h && h->loaded && h->next_before && !h->loading && scroll <= 2) {
        v.console.load_older(chat_id);
    }
    l.prev_total = total;
    l.prev_first_id = l.first_id;
    ImGui::EndChild();
}

// A deleted chat (supervisors see them, e.g. by "#id") offers Restore instead of the toolbar.
void draw_deleted_toolbar(ViewContext& v, const sb::protocol::Chat& chat) {
    ImGui::TextDisabled("%s This chat is deleted.", kIconTrash);
    if (v.console.store().is_supervisor()) {
        ImGui::SameLine();
        const std::string restore = std::string(kIconUndo) + " Restore##chat:restore";
        if (green_button(restore.c_str())) v.console.restore(chat.id);
    }
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 30);
    const std::string close = std::string(kIconTimes) + "##chat:close";
    if (ImGui::Button(close.c_str())) v.console.close_chat();
}

void draw_toolbar(ViewContext& v, const sb::protocol::Chat& chat) {
    if (chat.deleted) return draw_deleted_toolbar(v, chat);
    const bool working = chat.status == ChatStatus::working;
    const bool pending = chat.status == ChatStatus::pending;
    const std::string transfer = std::string(kIconExchange) + " Transfer##chat:transfer";
    ImGui::BeginDisabled(chat.status == ChatStatus::resolved);
    if (ImGui::Button(transfer.c_str())) {
        v.console.open_transfer(chat.id);
        v.ui.transfer_query.clear();
        v.ui.transfer_staff.reset();
        v.ui.transfer_queue.reset();
        v.ui.focus_transfer = true;
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
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 30);
    const std::string close = std::string(kIconTimes) + "##chat:close";
    if (ImGui::Button(close.c_str())) v.console.close_chat();
}

void draw_header(const sb::protocol::Chat& chat) {
    ImGui::PushFont(font(kFontBold));
    ImGui::Text("#%lld %s", static_cast<long long>(chat.id), chat.contact.name.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    std::string detail =
        std::string(sb::client::status_label(chat.status)) + " · " + chat.queue.name;
    if (chat.assignee && chat.status == ChatStatus::working) detail += " · " + chat.assignee->name;
    if (chat.deleted) detail += " · deleted";
    ImGui::TextDisabled("%s", detail.c_str());
}

void draw_contact_panel(ViewContext& v, const sb::protocol::Chat& chat, float height) {
    ImGui::BeginChild("##contact", ImVec2(0, height), ImGuiChildFlags_Border);
    ImGui::PushFont(font(kFontBold));
    ImGui::TextWrapped("%s %s", kIconUser, chat.contact.name.c_str());
    ImGui::PopFont();
    if (chat.contact.email) ImGui::TextWrapped("%s %s", kIconEnvelope, chat.contact.email->c_str());
    if (chat.contact.phone) ImGui::TextWrapped("%s %s", kIconPhone, chat.contact.phone->c_str());
    ImGui::TextDisabled("Channel: %s", chat.contact.channel.c_str());
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

// ---- the "/" picker of canned replies (E12) ---------------------------------------------------
// A composer starting with "/" opens it: replies matching the shortcut prefix, then the body's
// words. Up/Down select, Enter or Tab inserts the selected reply in place of the "/..." text,
// Esc closes the picker (until the text changes), a click inserts that row; "Manage..." opens
// the Canned replies dialog (dialogs.cpp).

constexpr int kPickerRows = 6;  // rows shown before the picker scrolls
bool picker_follow = false;     // the selection moved by key: scroll it into view

struct CannedPicker {
    bool open = false;
    std::vector<const sb::protocol::CannedReply*> matches;
};

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
    picker_follow = picker_follow || v.ui.canned_selected != before;
    v.ui.canned_selected = n == 0 ? 0 : std::clamp(v.ui.canned_selected, 0, n - 1);
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        v.ui.canned_dismissed = text;
        ImGui::SetKeyOwner(ImGuiKey_Escape, ImGui::GetID("##canned:picker"),
                           ImGuiInputFlags_LockThisFrame);
    }
}

void draw_picker_row(ViewContext& v, std::string& text, const sb::protocol::CannedReply& r,
                     bool selected, float mark_x, float body_x) {
    const float x0 = ImGui::GetCursorPosX();
    const std::string label = "/" + r.shortcut + "##canned:pick#" + std::to_string(r.id);
    if (ImGui::Selectable(label.c_str(), selected)) insert_canned(v, text, r);
    if (selected && picker_follow) {
        ImGui::SetScrollHereY();
        picker_follow = false;
    }
    ImGui::SameLine(x0 + mark_x);
    ImGui::PushStyleColor(ImGuiCol_Text, r.shared ? color::kGreenHover : color::kMuted);
    ImGui::TextUnformatted(r.shared ? kIconUsers : kIconUser);
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip(r.shared ? "Shared with the team" : "Personal");
    ImGui::SameLine(x0 + body_x);
    if (!selected)
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(sb::client::first_line(r.body, 160).c_str());
    if (!selected) ImGui::PopStyleColor();
}

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

void draw_composer(ViewContext& v, const sb::protocol::Chat& chat) {
    if (const auto* t = v.console.store().typing(chat.id, v.now)) {
        ImGui::TextDisabled("%s is typing...", t->author.name.value_or("Someone").c_str());
        v.wake_in(1.0);
    } else {
        ImGui::TextUnformatted("");
    }
    std::string& text = v.ui.composer[chat.id];
    if (chat.status == ChatStatus::pending && !v.ui.compose_note)
        ImGui::TextDisabled("Accept this chat to reply (or write a note).");
    const CannedPicker picker = canned_picker(v, text);
    static bool composer_active = false;  // last frame's: the picker's keys are the composer's
    if (picker.open) {
        v.console.refresh_canned(true);  // a list older than 30 s is fetched again
        if (composer_active) picker_keys(v, picker, text);
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
    const bool returned = ImGui::InputTextMultiline(
        "##chat:composer", &text,
        ImVec2(ImGui::GetContentRegionAvail().x - send_w - 8, ImGui::GetTextLineHeight() * 3 + 12),
        flags, selected ? insert_on_tab : nullptr,
        selected ? const_cast<std::string*>(&selected->body) : nullptr);  // read only
    composer_active = ImGui::IsItemActive();
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

}  // namespace

void draw_chat_window(ViewContext& v) {
    const auto open = v.console.open_chat();
    if (!open) {
        layout().chat_id = 0;  // the next open starts at the bottom
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
    draw_toolbar(v, *chat);
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
