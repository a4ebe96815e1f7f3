// See web_app.h.
#include "platform/web/web_app.h"

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cstdio>

#include "platform/web/automation_bridge.h"
#include "platform/web/draw_data_hash.h"
#include "platform/web/gl_renderer.h"
#include "ui/app.h"
#include "ui/text_run.h"

extern "C" void sb_app_fail(const char* message);  // web_app.js
extern "C" void sb_app_mark(const char* name);     // web_app.js
extern "C" void sb_app_set_webgl(int version);     // web_app.js

namespace sb::web {
WebApp::WebApp()
    : frames_([this](bool present) { return draw_frame(present); }),
      input_(frames_),
      text_input_(frames_),
      touch_input_(frames_),
      mirror_(frames_),
      platform_(frames_) {}

WebApp::~WebApp() = default;

// Start-up milestones are marked on the page's timeline (sb:main, sb:gl, sb:fonts-read, sb:app,
// sb:fonts-baked, sb:gl-objects; the first frame sets window.switchboard.firstFrameAt):
// bench/web_bundle breaks the time to the first frame down with them.
bool WebApp::start() {
    sb_app_mark("sb:main");
    const int webgl = surface_.create_context();
    if (webgl == 0) {
        // shell/boot.js shows what to do when the browser has no WebGL at all; this is the
        // rare case of a context that was offered but could not be made.
        sb_app_fail(
            "Switchboard could not create a WebGL context. Reload the page, or try another "
            "browser.");
        return false;
    }
    renderer_ = &gl_renderer(webgl);
    sb_app_mark("sb:gl");
    if (!fonts_.load("/fonts")) {
        sb_app_fail("Switchboard's fonts did not load. Reload the page.");
        return false;
    }
    sb_app_mark("sb:fonts-read");
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    kiosk_ = platform_.location().rfind("/kiosk", 0) == 0;
    input_.install();
    text_input_.install();
    touch_input_.install();
    mirror_.install();
    // The app first: its first requests (/healthz, the saved session) travel while fonts bake.
    app_ = std::make_unique<sb::ui::App>(platform_);
    AutomationBridge::install({[this] { return app_->state_json(); },
                               [this] { return frames_.frames_drawn(); },
                               [] { return sb::ui::text::missing_glyphs(); }});
    sb_app_set_webgl(renderer_->webgl_version);

    sb_app_mark("sb:app");

    renderer_->init(renderer_->glsl_version);
    surface_.update_size();
    text_runs_.set_pixel_ratio(surface_.pixel_ratio());
    sb::ui::text::set_rasterizer(&text_runs_);
    fonts_.bake(surface_.pixel_ratio(), kiosk_);
    ImGui::GetIO().Fonts->Build();
    sb_app_mark("sb:fonts-baked");
    renderer_->create_device_objects();    // shaders, buffers and the font texture
    ImGui::GetIO().Fonts->ClearTexData();  // uploaded: the CPU copy is not needed
    sb_app_mark("sb:gl-objects");
    surface_.watch_size([this] { frames_.request(); });

    frames_.draw_now();  // the first frame without waiting for an animation frame
    frames_.request_settle();
    return true;
}

void WebApp::rebake_fonts() {
    text_runs_.set_pixel_ratio(surface_.pixel_ratio());
    fonts_.bake(surface_.pixel_ratio(), kiosk_);
    renderer_->destroy_fonts_texture();
    renderer_->create_fonts_texture();
    ImGui::GetIO().Fonts->ClearTexData();
}

// Draws with GL unless the picture is the one already on screen (see draw_data_hash.h). Resizing
// the canvas clears it, so a resize always draws.
void WebApp::present(const ImDrawData& data) {
    const uint64_t fingerprint = hash_draw_data(data);
    if (fingerprint == presented_ && !surface_resized_) return;
    presented_ = fingerprint;
    surface_resized_ = false;
    sb::ui::text::count_fallback_glyphs(data);  // each new picture's missing-glyph boxes
    glViewport(0, 0, surface_.pixel_width(), surface_.pixel_height());
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    renderer_->render(const_cast<ImDrawData*>(&data));
}

bool WebApp::draw_frame(bool draw) {
    const CanvasSurface::Change change = surface_.update_size();
    if (change.ratio_changed) rebake_fonts();
    if (change.resized) surface_resized_ = true;
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(surface_.css_width(), surface_.css_height());
    io.DisplayFramebufferScale = ImVec2(surface_.pixel_ratio(), surface_.pixel_ratio());
    const double now = emscripten_get_now();
    // Frames are sparse (none while idle): the real gap, so double-clicks and timers stay right.
    io.DeltaTime =
        last_frame_ms_ > 0 ? static_cast<float>((now - last_frame_ms_) / 1000.0) : 1 / 60.f;
    if (io.DeltaTime <= 0) io.DeltaTime = 1e-4f;
    last_frame_ms_ = now;

    mirror_.before_frame(ImGui::GetCurrentContext()->InputEventsQueue.empty());
    renderer_->new_frame();
    text_runs_.begin_frame();
    ImGui::NewFrame();
    app_->frame();
    ImGui::Render();
    mirror_.after_frame();

    if (draw) {
        present(*ImGui::GetDrawData());
        input_.update_cursor();
        if (frames_.frames_drawn() == 0) AutomationBridge::mark_ready();
    }
    // ImGui trickles input: a key pressed and released (or typed text after a key) in one frame
    // is applied over several frames. Report what is left so drawing goes on until it is applied.
    return !ImGui::GetCurrentContext()->InputEventsQueue.empty();
}

}  // namespace sb::web
