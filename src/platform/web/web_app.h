// The browser host of sb::ui::App: owns the ImGui context, the WebGL canvas (2, or 1), the fonts,
// the input handlers, the Platform implementation and the app, and draws one frame whenever the
// FrameScheduler says something asked for it. Lives for the whole page (never destroyed).
#pragma once

#include <cstdint>
#include <memory>

#include "platform/web/a11y_mirror.h"
#include "platform/web/canvas_surface.h"
#include "platform/web/font_baker.h"
#include "platform/web/frame_scheduler.h"
#include "platform/web/input.h"
#include "platform/web/text_input.h"
#include "platform/web/text_runs.h"
#include "platform/web/touch_input.h"
#include "platform/web/web_platform.h"

struct ImDrawData;

namespace sb::ui {
class App;
}

namespace sb::web {

struct GlRenderer;

class WebApp {
  public:
    WebApp();
    ~WebApp();
    // Sets everything up and asks for the first frame; false (after telling the page) when the
    // browser cannot run the app.
    bool start();

  private:
    bool draw_frame(bool draw);  // draw false: ImGui takes input, nothing drawn; true: input left
    void present(const ImDrawData& data);
    void rebake_fonts();

    FrameScheduler frames_;
    CanvasSurface surface_;
    FontBaker fonts_;
    Input input_;
    TextInput text_input_;
    TextRuns text_runs_;  // what the baked font cannot draw (the browser draws it)
    TouchInput touch_input_;
    A11yMirror mirror_;
    WebPlatform platform_;
    std::unique_ptr<sb::ui::App> app_;
    const GlRenderer* renderer_ = nullptr;  // WebGL 2's, or WebGL 1's (gl_renderer.h)
    bool kiosk_ = false;
    double last_frame_ms_ = 0;
    uint64_t presented_ = 0;        // fingerprint of the picture on screen
    bool surface_resized_ = false;  // the canvas was cleared: draw even an unchanged picture
};

}  // namespace sb::web
