// The application as the platform layer sees it: one object, one frame at a time.
// The platform owns the window, GL, ImGui context and fonts; it calls frame() between
// ImGui::NewFrame() and ImGui::Render() whenever something asked for a frame.
#pragma once

#include <memory>
#include <string>

#include "client/platform.h"

namespace sb::ui {

class App {
  public:
    explicit App(sb::client::Platform& platform);
    ~App();
    // Draws one frame with ImGui (a context and a font atlas must be current).
    void frame();
    // A JSON snapshot of the client store, for window.switchboard.state().
    std::string state_json() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Seconds until the next frame the app needs (0: none), from now, the time until the first
// visible clock changes (0: none) and the console's earliest timer (platform seconds, 0: none).
double next_frame_in(double now, double clock_in, double deadline);

// Fonts the platform bakes (DejaVu Sans subset: Western Latin; Font Awesome merged into
// each), scaled by devicePixelRatio with FontGlobalScale = 1/dpr so sizes below are CSS pixels:
//   io.Fonts->Fonts[0] regular 16 px (default), [1] bold 16 px (unread chats, headings),
//   [2] regular 40 px (kiosk figures), [3] bold 96 px, ASCII (kiosk big numbers).
enum FontIndex { kFontRegular = 0, kFontBold = 1, kFontLarge = 2, kFontHuge = 3 };

}  // namespace sb::ui
