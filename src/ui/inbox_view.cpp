// The inbox: tabs Inbox (Working On | Pending) and Resolved with live counts, and the chat list
// of the chosen tab (or the search results), virtualized with ImGuiListClipper and paged from the
// server by cursor as it scrolls. Pending rows tick their waiting time and carry a green Accept.
#include <imgui.h>
#include <imgui_internal.h>

#include <string>

#include "client/view_models.h"
#include "ui/app.h"
#include "ui/icons.h"
#include "ui/semantics.h"
#include "ui/text_run.h"
#include "ui/theme.h"
#include "ui/views.h"

namespace sb::ui {

using sb::client::Id;
using sb::client::Scope;
using sb::client::Tab;

const std::vector<Id>& shown_list(const ViewContext& v) {
    if (v.console.search_state().active) return v.console.search_state().results;
    return v.console.store().list(v.ui.tab).ids;
}

// A tab button: looks selected when it is the current tab. spacing < 0: first on its line;
// otherwise it follows the previous item on the same line if it fits, else starts a new line
// (a narrow list would clip it).
static void tab_button(ViewContext& v, Tab tab, const char* name, float spacing = -1) {
    const bool selected = !v.console.search_state().active && v.ui.tab == tab;
    const std::string label = std::string(name) + " (" +
                              std::to_string(v.console.store().count(tab)) +
                              ")###tab:" + sb::client::to_string(tab);
    if (spacing >= 0) {
        const float width = ImGui::CalcTextSize(label.c_str(), nullptr, true).x +
                            ImGui::GetStyle().FramePadding.x * 2;
        const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
        if (ImGui::GetItemRectMax().x + spacing + width <= right) ImGui::SameLine(0, spacing);
    }
    if (selected) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetColorU32(ImGuiCol_TabActive));
    if (ImGui::Button(label.c_str()) && (v.ui.tab != tab || v.console.search_state().active)) {
        v.ui.tab = tab;
        v.ui.selected_row = -1;
        v.console.clear_search();
    }
    if (selected) ImGui::PopStyleColor();
    if (semantics::Node* n = semantics::item(std::string("tab:") + sb::client::to_string(tab)))
        n->selected = selected ? 1 : 0;
}

static void draw_tabs(ViewContext& v) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s Inbox", kIconInbox);
    semantics::begin("tablist", "Inbox", "tablist:inbox");
    tab_button(v, Tab::working, "Working On", ImGui::GetStyle().ItemSpacing.x);
    tab_button(v, Tab::pending, "Pending", 2);
    tab_button(v, Tab::resolved, "Resolved", 16);
    semantics::end();
    if (!v.console.store().is_supervisor()) return;
    // Supervisors' extras on their own line: Working On for all staff, and the deleted chats.
    const std::string deleted = std::string(kIconTrash) + " Deleted##tab:deleted";
    if (ImGui::SmallButton(deleted.c_str())) {
        v.ui.selected_row = -1;
        v.console.show_deleted();
    }
    if (v.ui.tab == Tab::working && !v.console.search_state().active) {
        ImGui::SameLine(0, 16);
        bool all = v.console.store().working_scope() == Scope::all;
        if (ImGui::Checkbox("All staff##working:scope", &all))
            v.console.set_working_scope(all ? Scope::all : Scope::mine);
    }
}

static void draw_search_header(ViewContext& v) {
    const auto& s = v.console.search_state();
    ImGui::AlignTextToFramePadding();
    if (s.deleted_view)
        ImGui::Text("%s Deleted chats%s", kIconTrash, s.loading ? "..." : "");
    else if (s.loading)
        text::text("Searching \"" + s.query + "\"...");
    else
        text::text("Search \"" + s.query + "\": " + std::to_string(s.results.size()) +
                   (s.results.size() == 1 ? " chat" : " chats"));
    ImGui::SameLine();
    if (ImGui::SmallButton(s.deleted_view ? "Close##search:clear" : "Close search##search:clear"))
        v.console.clear_search();
    if (!s.message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, color::kAmber);
        text::text_wrapped(s.message);
        ImGui::PopStyleColor();
    }
}

// Row height: two text lines and padding.
static float row_height() {
    return ImGui::GetTextLineHeight() * 2 + 14;
}

// The row as a screen reader says it: "#13 Olga Ivanova, Support, waiting 2 minutes, unread".
static std::string spoken_row(const sb::protocol::Chat& chat, const sb::client::ChatRow& row,
                              double now) {
    std::string s = row.title + ", " + chat.queue.name;
    if (chat.deleted) s += ", deleted";
    if (chat.status == sb::protocol::ChatStatus::pending && !chat.deleted) {
        const double since = static_cast<double>(chat.waiting_since.value_or(chat.created_at));
        s += ", waiting " + semantics::spoken_duration(now - since / 1000.0);
    } else if (chat.status == sb::protocol::ChatStatus::working && chat.assignee) {
        s += ", " + chat.assignee->name;
    } else if (chat.status == sb::protocol::ChatStatus::resolved) {
        s += ", resolved";
    }
    if (row.bold) s += ", unread";
    return s;
}

static void draw_row(ViewContext& v, const sb::protocol::Chat& chat, int index) {
    const sb::client::ChatRow row = sb::client::chat_row(chat, v.now);
    if (row.ticking) v.wake_in(row.changes_in);
    const float h = row_height();
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 start = ImGui::GetCursorPos();
    const ImVec2 start_screen = ImGui::GetCursorScreenPos();
    const bool selected =
        index == v.ui.selected_row || (v.console.open_chat() && *v.console.open_chat() == row.id);
    const std::string id = "##chatrow#" + std::to_string(row.id);
    // For screen readers: a list item (true size and position) holding the row's button and
    // its Accept / Restore.
    const std::string spoken = spoken_row(chat, row, v.now);
    const ImRect row_rect(start_screen, ImVec2(start_screen.x + width, start_screen.y + h));
    semantics::begin("listitem", spoken, "listitem#" + std::to_string(row.id), &row_rect);
    if (semantics::Node* li = semantics::item("listitem#" + std::to_string(row.id))) {
        li->setsize = static_cast<int>(shown_list(v).size());
        li->posinset = index + 1;
    }
    if (ImGui::Selectable(id.c_str(), selected, ImGuiSelectableFlags_AllowOverlap,
                          ImVec2(width, h - 4))) {
        v.ui.selected_row = index;
        v.console.open(row.id);
    }
    if (semantics::Node* n = semantics::item(id.substr(2))) {
        n->name = spoken;
        n->selected = selected ? 1 : 0;  // aria-current: the open chat
    }
    if (v.ui.scroll_to_selected && index == v.ui.selected_row) {
        ImGui::SetScrollHereY(0.5f);
        v.ui.scroll_to_selected = false;
    }
    // Line 1: title (bold when unread), badge, status; line 2: the last message. Both stop short
    // of the Accept button.
    const bool can_restore = v.console.store().may_restore(chat);
    const float accept_w = (row.can_accept || can_restore) ? 110.0f : 20.0f;
    const std::string wait = row.wait.empty() ? "" : std::string(kIconClock) + " " + row.wait;
    const float wait_w = wait.empty() ? 0.0f : ImGui::CalcTextSize(wait.c_str()).x + 12;
    const float text_w = width - accept_w;
    // Line 1 leaves room for the waiting time, right-aligned before the Accept button.
    ImGui::PushClipRect(start_screen,
                        ImVec2(start_screen.x + text_w - wait_w, start_screen.y + h * 0.5f), true);
    ImGui::SetCursorPos(ImVec2(start.x + 6, start.y + 4));
    // A long name ends in "…", keeping room for the badge; the detail takes what is left.
    const float line_w = text_w - wait_w - 12;
    const float badge_w = row.badge > 0 ? ImGui::GetTextLineHeight() * 2 : 0;
    ImGui::PushFont(row.bold ? font(kFontBold) : font(kFontRegular));
    text_ellipsis(row.title, line_w - badge_w);
    ImGui::PopFont();
    if (row.badge > 0) {
        ImGui::SameLine();
        badge(row.badge);
    }
    ImGui::SameLine();
    // The tab already says the status; search results mix them, so they say it.
    const std::string detail =
        v.console.search_state().active ? row.status + " · " + row.detail : row.detail;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    const float detail_w = start_screen.x + 6 + line_w - ImGui::GetCursorScreenPos().x;
    text_ellipsis(detail, detail_w >= 30 ? detail_w : 0);  // "S…" says nothing
    ImGui::PopStyleColor();
    ImGui::PopClipRect();
    if (!wait.empty()) {
        ImGui::SetCursorPos(ImVec2(start.x + text_w - wait_w + 6, start.y + 4));
        ImGui::PushStyleColor(ImGuiCol_Text, color::kAmber);
        ImGui::TextUnformatted(wait.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PushClipRect(start_screen, ImVec2(start_screen.x + text_w, start_screen.y + h), true);
    ImGui::SetCursorPos(ImVec2(start.x + 6, start.y + 4 + ImGui::GetTextLineHeight() + 4));
    ImGui::PushStyleColor(ImGuiCol_Text, color::kMuted);
    text_ellipsis(row.preview, text_w - 12);
    ImGui::PopStyleColor();
    ImGui::PopClipRect();
    if (row.can_accept) {
        ImGui::SetCursorPos(ImVec2(start.x + width - 96, start.y + (h - 4) * 0.5f - 14));
        const std::string accept =
            std::string(kIconCheck) + " Accept##accept#" + std::to_string(row.id);
        if (green_button(accept.c_str(), ImVec2(90, 0))) v.console.accept(row.id);
    }
    if (can_restore) {
        ImGui::SetCursorPos(ImVec2(start.x + width - 96, start.y + (h - 4) * 0.5f - 14));
        const std::string restore =
            std::string(kIconUndo) + " Restore##restore#" + std::to_string(row.id);
        if (green_button(restore.c_str(), ImVec2(90, 0))) v.console.restore(row.id);
    }
    // Claim exactly one row height (the clipper counts on it) with a real item.
    ImGui::SetCursorPos(start);
    ImGui::Dummy(ImVec2(width, h - ImGui::GetStyle().ItemSpacing.y));
    semantics::end();
}

static void draw_list(ViewContext& v) {
    const auto& ids = shown_list(v);
    const bool searching = v.console.search_state().active;
    ImGui::BeginChild("##list", ImVec2(0, 0), ImGuiChildFlags_Border);
    // Only the rows the clipper draws are in the tree; each says the list's true size.
    semantics::begin("list", searching ? "Search results" : "Chats", "list:chats");
    if (ids.empty()) {
        const auto& list = v.console.store().list(v.ui.tab);
        if (!searching) ImGui::TextDisabled(list.loaded ? "No chats here." : "Loading...");
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(ids.size()), row_height());
    if (v.ui.scroll_to_selected && v.ui.selected_row >= 0 &&
        v.ui.selected_row < static_cast<int>(ids.size()))
        clipper.IncludeItemByIndex(v.ui.selected_row);
    int last_drawn = -1;
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const sb::protocol::Chat* chat = v.console.store().chat(ids[i]);
            if (!chat) continue;
            ImGui::PushID(i);
            draw_row(v, *chat, i);
            ImGui::PopID();
            last_drawn = std::max(last_drawn, i);
        }
    }
    // Near the end of what is loaded: ask for the next page.
    if (!searching && last_drawn >= static_cast<int>(ids.size()) - 10 &&
        v.console.store().list(v.ui.tab).next_cursor)
        v.console.load_more(v.ui.tab);
    semantics::end();
    ImGui::EndChild();
}

void draw_inbox(ViewContext& v) {
    if (auto tab = v.console.take_tab_request()) {
        v.ui.tab = *tab;
        v.ui.selected_row = -1;
    }
    if (v.console.search_state().active)
        draw_search_header(v);
    else
        draw_tabs(v);
    draw_list(v);
}

}  // namespace sb::ui
