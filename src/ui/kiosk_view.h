// The kiosk dashboard's drawing (K1-K3): one full-screen picture of a KioskDashboard, laid out
// for a 1920x1080 wall screen and scaled with the screen (the layout follows the real width and
// height; type and spacing scale by min(width/1920, height/1080)). Drawn with ImDrawList only:
// nothing on it is interactive. Tiles, queues, waiting chats and agents are coloured by their
// amber/red level; the hourly chart is drawn as bars.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "client/kiosk_dashboard.h"

namespace sb::ui {

// One text the view drew, with its rectangle (screen pixels); tests check layout with these.
struct KioskDrawnText {
    std::string text;
    ImVec2 min, max;
    float size = 0;  // font size in pixels
};

// The design size; type scales with min(width / kKioskDesignW, height / kKioskDesignH).
inline constexpr float kKioskDesignW = 1920.0f;
inline constexpr float kKioskDesignH = 1080.0f;

// The kiosk's colours for a level: the fill of an amber or red tile (`normal` for normal), and
// the text drawn on such a fill. The Admin screen's threshold preview uses the same.
ImU32 level_color(protocol::Level level, ImU32 normal);
ImU32 text_on(protocol::Level level);

// Draws the dashboard into `draw` over the rectangle [origin, origin + size]. When `drawn` is not
// null, every text drawn is appended to it.
void draw_kiosk(ImDrawList& draw, ImVec2 origin, ImVec2 size, const client::KioskDashboard& d,
                std::vector<KioskDrawnText>* drawn = nullptr);

}  // namespace sb::ui
