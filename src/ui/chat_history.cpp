// The chat window's history (see chat_window.cpp): contact messages, replies with signed
// authors, notes that look different, system lines, then the replies not yet confirmed; older
// pages on scroll up; pinned to the bottom while the view is at the end.
//
// Virtualized: line heights are measured once per (history, width) into UiState::history and
// only the visible lines are drawn, so a 10,000-message chat costs what its visible part costs.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "client/view_models.h"
#include "ui/app.h"
#include "ui/chat_window_parts.h"
#include "ui/icons.h"
#include "ui/semantics.h"
#include "ui/text_run.h"
#include "ui/theme.h"

namespace sb::ui {

using sb::client::HistoryLine;
using sb::client::Id;
using sb::client::LineKind;

namespace {

constexpr float kPad = 8;

float body_width(float width) {
    return width * 0.78f - 2 * kPad;
}

float line_height(const HistoryLine& line, float width) {
    const float text_h = ImGui::GetTextLineHeight();
    if (line.kind == LineKind::system) return text_h + kPad;
    const ImVec2 body = text::size(line.body, body_width(width));
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
        l.tops.assign(1, 0.0f);
        l.lines.reserve(msgs.size() + unsent.size());
        l.tops.reserve(msgs.size() + unsent.size() + 1);
    }
    l.width = width;
    for (size_t i = from; i < msgs.size(); ++i) append_line(l, sb::client::history_line(msgs[i]));
    l.message_lines = l.lines.size();
    for (const auto* m : unsent) append_line(l, sb::client::outgoing_line(*m));
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

void draw_line(ViewContext& v, Id chat_id, const HistoryLine& line, float width) {
    if (line.kind == LineKind::system) {
        const ImVec2 size(text::width(line.body), ImGui::GetTextLineHeight());
        ImGui::SetCursorPosX(std::max(0.0f, (width - size.x) * 0.5f));
        if (!v.console.may_open_admin() || line.message_id == 0) {
            text::text_disabled(line.body);
            return;
        }
        // Supervisors and admins: a system line links to the audit log of its chat (who did
        // what, when), the Admin screen's Audit tab filtered by this chat.
        const std::string label = line.body + "##history:system#" + std::to_string(line.message_id);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        if (text::selectable(label, false, 0, size)) show_audit_of_chat(v, chat_id);
        ImGui::PopStyleColor();
        if (semantics::Node* n =
                semantics::item("history:system#" + std::to_string(line.message_id))) {
            n->role = "link";
            n->name = line.body + " (the audit log of chat #" + std::to_string(chat_id) + ")";
        }
        if (ImGui::IsItemHovered()) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            ImGui::SetTooltip("Open the audit log of chat #%lld", static_cast<long long>(chat_id));
        }
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
    text::text(line.kind == LineKind::note ? std::string(kIconStickyNote) + " " + line.author
                                           : line.author);
    ImGui::PopFont();
    if (!line.time.empty()) {
        ImGui::SameLine();
        text::text_disabled(line.time);
    }
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + bw);
    text::text(line.body);  // wrapped; a right-to-left paragraph aligned right
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

}  // namespace

void draw_history(ViewContext& v, Id chat_id, float height) {
    const sb::client::ChatHistory* h = v.console.store().history(chat_id);
    ImGui::BeginChild("##history", ImVec2(0, height), ImGuiChildFlags_Border);
    const float width = ImGui::GetContentRegionAvail().x;
    HistoryLayout& l = v.ui.history;
    const bool was_at_bottom = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4;
    refresh_layout(l, chat_id, h, v.console.unsent_for(chat_id), width);
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
        draw_line(v, chat_id, l.lines[i], width);
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

}  // namespace sb::ui
