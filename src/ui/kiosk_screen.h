// The kiosk as App runs it on /kiosk: owns the client-side Kiosk, draws one full-screen frame of
// the dashboard, and asks the platform for the next frame only when something will change: news
// (the Kiosk calls request_frame), a ticking wait or data age (once a second, on the second), or a
// due refresh/reconnect. A quiet kiosk with nobody waiting draws nothing at all.
#pragma once

#include <string>
#include <vector>

#include "client/kiosk.h"
#include "client/platform.h"
#include "ui/kiosk_view.h"

namespace sb::ui {

class KioskScreen {
  public:
    explicit KioskScreen(client::Platform& platform);
    // Draws one frame (an ImGui frame must be open).
    void frame();
    std::string state_json() const { return kiosk_.state_json(); }
    const client::Kiosk& kiosk() const { return kiosk_; }
    // Every text of the last frame with its rectangle, for layout tests.
    const std::vector<KioskDrawnText>& drawn() const { return drawn_; }

  private:
    client::Platform& platform_;
    client::Kiosk kiosk_;
    std::vector<KioskDrawnText> drawn_;
};

// True when the page's location asks for the kiosk ("/kiosk" or "/kiosk?...").
bool is_kiosk_location(const std::string& location);

}  // namespace sb::ui
