// The top bar: Search box + green Search button (Enter too; "#22" opens chat 22), the live
// connection state, the Canned replies dialog, my presence, my Sign switch, my name and Logout.
// An admin takes no chats: their bar has only the connection state, their name and Logout.
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>
#include <algorithm>

#include "client/view_models.h"
#include "ui/automation.h"
#include "ui/icons.h"
#include "ui/semantics.h"
#include "ui/text_run.h"
#include "ui/theme.h"
#include "ui/views.h"

namespace sb::ui {

using sb::client::ConnectionState;
using sb::protocol::Presence;

static void draw_connection(const ViewContext& v) {
    ImU32 col = color::kMuted;
    const char* text = "connecting";
    switch (v.console.connection()) {
        case ConnectionState::live:
            col = color::kGreenText;
            text = "live";
            break;
        case ConnectionState::connecting:
            text = "connecting";
            break;
        case ConnectionState::reconnecting:
            col = color::kAmber;
            text = "reconnecting";
            break;
        case ConnectionState::offline:
            col = color::kRedText;
            text = "offline";
            break;
        case ConnectionState::stopped:
            text = "offline";
            break;
    }
    semantics::add_text("status", std::string("Live updates: ") + text, "status:connection");
    ImGui::PushStyleColor(ImGuiCol_Text, col);
    ImGui::Text("%s %s", kIconWifi, text);
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Live updates: %s", text);
}

static void draw_presence(ViewContext& v, const sb::protocol::Staff& me) {
    presence_dot(me.presence);
    ImGui::SetNextItemWidth(110);
    if (begin_combo("##me:presence", sb::client::presence_label(me.presence))) {
        for (Presence p : {Presence::online, Presence::away}) {
            const std::string label = std::string(sb::client::presence_label(p)) +
                                      "##presence:" + sb::client::presence_label(p);
            if (ImGui::Selectable(label.c_str(), me.presence == p)) v.console.set_presence(p);
        }
        ImGui::EndCombo();
    }
}

void draw_top_bar(ViewContext& v) {
    const auto& me = v.console.store().me();
    if (v.console.handles_chats()) {  // an admin sees no chats, so has none to search
        if (v.ui.focus_search) ImGui::SetKeyboardFocusHere();
        ImGui::SetNextItemWidth(std::min(320.0f, ImGui::GetContentRegionAvail().x * 0.35f));
        bool go =
            text::input_text("##search:input", &v.ui.search_text,
                             ImGuiInputTextFlags_EnterReturnsTrue, "Search name, words or #id");
        ImGui::SameLine();
        const std::string button = std::string(kIconSearch) + " Search##search:button";
        go |= green_button(button.c_str());
        if (go) v.console.search(v.ui.search_text);
        ImGui::SameLine(0, 24);
    }
    v.ui.focus_search = false;
    draw_connection(v);
    if (!me) return;
    // Admin / Inbox: supervisors switch between the two; admins handle no chats, so the Admin
    // screen is their only one.
    if (v.console.may_open_admin() && !(v.ui.admin_screen && !v.console.handles_chats())) {
        ImGui::SameLine(0, 24);  // on the left, so the right-aligned group keeps its width
        if (v.ui.admin_screen) {
            const std::string inbox = std::string(kIconInbox) + " Inbox##admin:inbox";
            if (ImGui::Button(inbox.c_str())) show_admin(v, false);
        } else {
            const std::string admin = std::string(kIconUsers) + " Admin##admin:open";
            if (ImGui::Button(admin.c_str())) show_admin(v, true);
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(v.ui.admin_screen ? "Back to the chats"
                              : v.console.is_admin()
                                  ? "Staff, queues, tokens, kiosk settings and the audit log"
                                  : "Staff and queues (read-only) and the audit log");
    }

    // Right-aligned: Canned replies, presence, Sign, name, Logout, placed by the group's width
    // measured last frame; on a line of their own when the window is too narrow for both groups
    // (nothing is ever drawn over the connection state).
    static float right_width = 500;
    ImGui::SameLine();
    const float after_connection = ImGui::GetCursorPosX();
    const float right_x = ImGui::GetWindowContentRegionMax().x - right_width;
    if (right_x < after_connection + 16)
        ImGui::NewLine();
    else
        ImGui::SameLine(right_x);
    ImGui::BeginGroup();
    if (v.console.handles_chats()) {  // an admin takes no chats: no replies, presence or Sign
        if (ImGui::Button("Canned##canned:open")) v.console.open_canned_dialog();
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(
                "Canned replies: saved answers. Type / in the composer to insert one.");
        ImGui::SameLine(0, 16);
        draw_presence(v, *me);
        ImGui::SameLine();
        bool sign = me->sign;
        if (ImGui::Checkbox("Sign##me:sign", &sign)) v.console.set_sign(sign);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("When on, your name is shown with your replies.");
        ImGui::SameLine();
    }
    text::text(std::string(kIconUser) + " " + me->name);
    ImGui::SameLine();
    const std::string logout = std::string(kIconSignOut) + " Logout##logout";
    if (ImGui::Button(logout.c_str())) v.console.logout();
    ImGui::EndGroup();
    if (ImGui::GetItemRectSize().x != right_width) {
        right_width = ImGui::GetItemRectSize().x;  // a new name or font size: place it again
        v.platform.request_frame();
    }
}

void show_admin(ViewContext& v, bool admin) {
    if (admin == v.ui.admin_screen) return;
    v.ui.admin_screen = admin;
    if (admin)
        v.console.open_admin();
    else
        v.console.close_admin();
}

}  // namespace sb::ui
