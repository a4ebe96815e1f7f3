// The application object the platform drives: owns the Console (client side) and the UI state,
// draws one frame of the console, handles the global keyboard shortcuts, and asks the platform
// for the next frame only when something will change (news, input, or a visible ticking timer).
#include "ui/app.h"

#include <cmath>

#include <imgui.h>

#include "client/console.h"
#include "ui/automation.h"
#include "ui/kiosk_screen.h"
#include "ui/semantics.h"
#include "ui/theme.h"
#include "ui/ui_state.h"
#include "ui/views.h"

namespace sb::ui {

using sb::client::Session;
using sb::client::Tab;

struct App::Impl {
    explicit Impl(sb::client::Platform& p) : platform(p), console(p, [&p] { p.request_frame(); }) {
        if (is_kiosk_location(p.location()))
            kiosk = std::make_unique<KioskScreen>(p);  // the wall screen (issue 6): no console
        else
            console.start();
    }
    void draw_console(ViewContext& v);
    void schedule_next_frame(const ViewContext& v);

    sb::client::Platform& platform;
    sb::client::Console console;
    UiState ui;
    bool themed = false;
    ThemePreferences theme_prefs;  // the preferences the applied theme was made for
    Session last_session = Session::checking;
    std::unique_ptr<KioskScreen> kiosk;
};

App::App(sb::client::Platform& platform) : impl_(std::make_unique<Impl>(platform)) {}
App::~App() = default;

void App::Impl::draw_console(ViewContext& v) {
    // The first screen of a session: admins run the team, they handle no chats.
    if (!ui.landed && console.store().me()) {
        ui.landed = true;
        if (console.is_admin()) show_admin(v, true);
    }
    if (ui.admin_screen && !console.may_open_admin()) show_admin(v, false);  // demoted
    if (!ui.admin_screen && !console.handles_chats()) show_admin(v, true);   // promoted to admin
    semantics::begin("banner", "Top bar", "landmark:banner");
    draw_top_bar(v);
    semantics::end();
    ImGui::Separator();
    if (ui.admin_screen) {
        ImGui::BeginChild("##admin", ImVec2(0, 0));
        semantics::begin("main", "Admin", "landmark:admin");
        draw_admin(v);
        semantics::end();
        ImGui::EndChild();
        draw_dialogs(v);  // notices and toasts
        return;
    }
    const float avail_w = ImGui::GetContentRegionAvail().x;
    const bool narrow = avail_w < 760;
    const bool chat_open = console.open_chat().has_value();
    // Wide: list on the left, chat on the right. Narrow: the chat replaces the list.
    if (!narrow || !chat_open) {
        const float list_w = narrow ? avail_w : std::max(340.0f, avail_w * 0.36f);
        ImGui::BeginChild("##left", ImVec2(list_w, 0));
        semantics::begin("navigation", "Chats", "landmark:navigation");
        draw_inbox(v);
        semantics::end();
        ImGui::EndChild();
        if (!narrow) ImGui::SameLine();
    }
    if (!narrow || chat_open) {
        ImGui::BeginChild("##right", ImVec2(0, 0));
        semantics::begin("main", "Chat", "landmark:main");
        draw_chat_window(v);
        semantics::end();
        ImGui::EndChild();
    }
    draw_dialogs(v);
    handle_shortcuts(v);
}

// Visible clocks (waiting times) change at different fractions of a second; waking on the next
// whole second instead draws them all in one frame. A console timer (a toast expiring, the
// watchdog, a reconnect) that falls in the second before that wake waits for it, so that one
// frame serves both: at most one frame a second while clocks tick. The platform replaces the
// wake it was given at the previous frame, so a frame drawn for news does not add one.
double next_frame_in(double now, double clock_in, double deadline) {
    double wait = 0;
    if (clock_in > 0) wait = std::max(0.001, std::ceil(now + clock_in - 1e-6) - now);
    if (deadline > 0) {
        const double until = std::max(0.05, deadline - now);
        const bool same_second_as_clock = wait > 0 && until > wait - 1.0;
        if (wait == 0 || (until < wait && !same_second_as_clock)) wait = until;
    }
    return wait;
}

void App::Impl::schedule_next_frame(const ViewContext& v) {
    const double wait = next_frame_in(v.now, v.wake_after, console.next_deadline());
    if (wait > 0) platform.request_frame_after(wait);
}

void App::frame() {
    enable_automation();
    Impl& s = *impl_;
    if (!s.themed || !(s.theme_prefs == theme_preferences())) {
        apply_theme();
        s.themed = true;
        s.theme_prefs = theme_preferences();
    }
    if (s.kiosk) return s.kiosk->frame();
    s.console.tick();
    ViewContext v{s.console, s.ui, s.platform, s.platform.now_seconds()};
    if (s.console.session() != s.last_session) {
        if (s.console.session() == Session::logged_out) s.ui = UiState{};
        s.last_session = s.console.session();
    }

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("Switchboard##main", nullptr, flags);
    if (s.console.session() == Session::logged_in)
        s.draw_console(v);
    else {
        semantics::begin("main", "Log in", "landmark:login");
        draw_login(v);
        semantics::end();
    }
    ImGui::End();
    s.schedule_next_frame(v);
}

std::string App::state_json() const {
    if (impl_->kiosk) return impl_->kiosk->state_json();
    return impl_->console.state_json(impl_->ui.to_json());
}

}  // namespace sb::ui
