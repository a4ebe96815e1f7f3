// See kiosk_screen.h.
#include "ui/kiosk_screen.h"

#include <imgui.h>

#include <algorithm>

#include "client/kiosk_dashboard.h"

namespace sb::ui {

bool is_kiosk_location(const std::string& location) {
    if (location.rfind("/kiosk", 0) != 0) return false;
    const char next = location.size() > 6 ? location[6] : '\0';
    return next == '\0' || next == '?' || next == '/' || next == '#';
}

KioskScreen::KioskScreen(client::Platform& platform)
    : platform_(platform), kiosk_(platform, [&platform] { platform.request_frame(); }) {
    kiosk_.start();
}

void KioskScreen::frame() {
    kiosk_.tick();
    const double now = platform_.now_seconds();
    const client::KioskDashboard d = client::make_kiosk_dashboard(kiosk_.snapshot(), now);

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoInputs |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("Switchboard kiosk##kiosk", nullptr, flags);
    drawn_.clear();
    draw_kiosk(*ImGui::GetWindowDrawList(), viewport->Pos, viewport->Size, d, &drawn_);
    ImGui::End();
    ImGui::PopStyleVar();

    // The next frame: the sooner of a visible tick and the kiosk's own timers.
    double wait = d.next_change;
    if (const double deadline = kiosk_.next_deadline(); deadline > 0) {
        const double until = std::max(0.05, deadline - now);
        if (wait == 0 || until < wait) wait = until;
    }
    if (wait > 0) platform_.request_frame_after(wait);
}

}  // namespace sb::ui
