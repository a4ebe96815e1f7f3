// See kiosk_screen.h.
#include "ui/kiosk_screen.h"

#include <imgui.h>

#include <algorithm>

#include "client/kiosk_dashboard.h"
#include "ui/semantics.h"

namespace sb::ui {

namespace {

using client::KioskDashboard;
using protocol::Level;

std::string spoken_level(Level level) {
    switch (level) {
        case Level::amber:
            return ", amber";
        case Level::red:
            return ", red";
        default:
            return "";
    }
}

// A shown wait or median ("45 s", "4:07", "1:02:03", "–") in words, to the minute.
std::string spoken_wait(const std::string& shown) {
    long parts[3] = {0, 0, 0};
    int n = 0;
    long cur = 0;
    bool digits = false;
    for (char c : shown) {
        if (c >= '0' && c <= '9') {
            cur = cur * 10 + (c - '0');
            digits = true;
        } else if (c == ':' && n < 2) {
            parts[n++] = cur;
            cur = 0;
        }
    }
    if (!digits) return "none";
    parts[n] = cur;
    long seconds = 0;
    for (int i = 0; i <= n; ++i) seconds = seconds * 60 + parts[i];
    return semantics::spoken_duration(static_cast<double>(seconds));
}

// The wall screen for screen readers: every figure as a labelled list item.
void describe_kiosk(const KioskDashboard& d) {
    semantics::begin("main", "Switchboard kiosk", "landmark:kiosk");
    if (d.message) {
        semantics::add_text("status", *d.message, "kiosk:message");
        semantics::end();
        return;
    }
    semantics::add_text("status", "Connection: " + d.connection, "kiosk:connection");
    if (d.banner) semantics::add_text("", d.banner->text, "kiosk:banner");
    semantics::begin("list", "Figures", "kiosk:figures");
    for (const auto& t : d.tiles) {
        const bool timed =
            t.id.find("wait") != std::string::npos || t.id.find("response") != std::string::npos;
        semantics::add_text(
            "listitem",
            t.label + ": " + (timed ? spoken_wait(t.value) : t.value) + spoken_level(t.level),
            "kiosk:tile:" + t.id);
    }
    semantics::end();
    semantics::begin("list", "Queues", "kiosk:queues");
    for (const auto& q : d.queues) {
        std::string s = q.name + ": " + std::to_string(q.pending) + " pending";
        if (!q.longest_wait.empty()) s += ", longest wait " + spoken_wait(q.longest_wait);
        semantics::add_text("listitem", s + spoken_level(q.level), "kiosk:queue:" + q.name);
    }
    semantics::end();
    semantics::begin("list", "Waiting chats", "kiosk:waiting");
    for (const auto& w : d.waiting)
        semantics::add_text("listitem",
                            w.chat + " " + w.contact + ", " + w.queue + ", waiting " +
                                spoken_wait(w.wait) + spoken_level(w.level),
                            "kiosk:waiting:" + w.chat);
    semantics::end();
    semantics::begin("list", "Agents", "kiosk:agents");
    for (const auto& a : d.agents)
        semantics::add_text("listitem",
                            a.name + ", " + protocol::to_string(a.presence) + ", " +
                                std::to_string(a.working) + (a.working == 1 ? " chat" : " chats"),
                            "kiosk:agent:" + a.name);
    semantics::end();
    semantics::end();
}

}  // namespace

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
    describe_kiosk(d);
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
