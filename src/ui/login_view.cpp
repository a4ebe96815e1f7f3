// The login screen: login, password, a green Log in button (Enter works too), errors, and
// whether the server is reachable at all.
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>

#include "ui/app.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/views.h"

namespace sb::ui {

using sb::client::Reachability;
using sb::client::Session;

static void draw_server_line(const ViewContext& v) {
    switch (v.console.reachability()) {
        case Reachability::Unknown:
            ImGui::TextDisabled("Server: checking...");
            break;
        case Reachability::Reachable:
            ImGui::PushStyleColor(ImGuiCol_Text, color::kGreenText);
            ImGui::TextUnformatted("Server: reachable");
            ImGui::PopStyleColor();
            break;
        case Reachability::Unreachable:
            ImGui::PushStyleColor(ImGuiCol_Text, color::kRedText);
            ImGui::TextUnformatted("Server: unreachable");
            ImGui::PopStyleColor();
            break;
    }
}

void draw_login(ViewContext& v) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float width = std::min(360.0f, avail.x - 20.0f);
    ImGui::SetCursorPos(ImVec2((avail.x - width) * 0.5f, std::max(20.0f, avail.y * 0.2f)));
    ImGui::BeginGroup();
    ImGui::PushFont(font(kFontBold));
    ImGui::TextUnformatted("Switchboard");
    ImGui::PopFont();
    draw_server_line(v);
    ImGui::Spacing();

    const bool busy =
        v.console.session() == Session::logging_in || v.console.session() == Session::checking;
    ImGui::TextUnformatted("Login");
    ImGui::SetNextItemWidth(width);
    if (v.ui.focus_login) {
        ImGui::SetKeyboardFocusHere();
        v.ui.focus_login = false;
    }
    bool submit =
        ImGui::InputText("##login:user", &v.ui.login_user, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::TextUnformatted("Password");
    ImGui::SetNextItemWidth(width);
    submit |= ImGui::InputText("##login:password", &v.ui.login_password,
                               ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::Spacing();
    ImGui::BeginDisabled(busy);
    submit |= green_button(busy ? "Logging in...###login:submit" : "Log in###login:submit",
                           ImVec2(width, 0));
    ImGui::EndDisabled();
    if (submit && !busy) {
        v.console.login(v.ui.login_user, v.ui.login_password);
        v.ui.login_password.clear();
    }
    if (!v.console.login_error().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, color::kRedText);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        ImGui::TextWrapped("%s %s", kIconWarning, v.console.login_error().c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }
    ImGui::EndGroup();
}

}  // namespace sb::ui
