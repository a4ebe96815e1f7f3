// The application object the platform drives: owns the console's client side and draws it.
#include "ui/app.h"

#include <imgui.h>

#include "client/server_health.h"
#include "ui/automation.h"

namespace sb::ui {

struct App::Impl {
    explicit Impl(sb::client::Platform& p)
        : platform(p), health(p.http(), [&p] { p.request_frame(); }) {
        health.check();
    }

    sb::client::Platform& platform;
    sb::client::ServerHealth health;
};

App::App(sb::client::Platform& platform) : impl_(std::make_unique<Impl>(platform)) {}
App::~App() = default;

void App::frame() {
    enable_automation();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("Switchboard##main", nullptr, flags);
    ImGui::TextUnformatted("Switchboard");
    switch (impl_->health.reachability()) {
        case sb::client::Reachability::Unknown:
            ImGui::TextUnformatted("Server: checking...");
            break;
        case sb::client::Reachability::Reachable:
            ImGui::TextUnformatted("Server: reachable");
            break;
        case sb::client::Reachability::Unreachable:
            ImGui::TextUnformatted("Server: unreachable");
            break;
    }
    ImGui::End();
}

std::string App::state_json() const {
    return "{}";
}

}  // namespace sb::ui
