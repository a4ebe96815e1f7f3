// The app's fonts, baked by ImGui at the screen's real pixel density. The subset TTFs (built by
// assets/fonts/subset_fonts.py, shipped in switchboard.data under /fonts) are read once; each
// bake rasterises them at size × devicePixelRatio and sets io.FontGlobalScale = 1 / ratio, so
// the UI keeps measuring in CSS pixels while every glyph maps 1:1 to screen pixels. Font Awesome
// icons are merged into every font. The fonts and their order are those of sb::ui::FontIndex.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace sb::web {

class FontBaker {
  public:
    // Reads the subset fonts from dir; false (with a console message) when one is missing.
    bool load(const std::string& dir);
    // Replaces io.Fonts' contents: regular and bold 16 px, and for the kiosk also the large
    // (40 px, all text) and huge (96 px, ASCII) fonts.
    void bake(float pixel_ratio, bool kiosk);

  private:
    std::vector<unsigned char> sans_, bold_, icons_;
    std::vector<ImWchar> text_ranges_;  // the subset's codepoints (text-ranges.bin)
};

}  // namespace sb::web
