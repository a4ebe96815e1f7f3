// The browser's half of the text seam (src/ui/text_run.h): text the baked font cannot draw is
// shaped and rasterised by the browser's Canvas 2D (fillText with the system's fonts: HarfBuzz
// shaping, bidi order, Arabic joining, colour emoji, font fallback) into a few atlas pages,
// WebGL textures that ImGui draws as images. Measured with measureText.
//
// Cache: one entry per (text, size, bold, direction, colour, devicePixelRatio), packed on shelves
// in up to kPages pages of kPageW × kPageH; when every page is full, the page used least recently
// (and not in this frame) is cleared and reused. A Latin-only session never creates a page.
//
// Missing glyphs: each codepoint a run brings is checked once against the browser's
// missing-glyph box (text_runs.js); missing() counts the ones no system font has, for
// window.switchboard.missingGlyphs().
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "ui/text_run.h"

namespace sb::web {

class TextRuns : public sb::ui::text::Rasterizer {
  public:
    static constexpr int kPages = 4;
    static constexpr int kPageW = 2048, kPageH = 1024;

    // Once per frame, before drawing: the frame number the LRU compares.
    void begin_frame() { ++frame_; }
    // devicePixelRatio changed: every entry is dropped (runs are drawn at the real density).
    void set_pixel_ratio(float ratio);

    float measure(std::string_view run, float size, bool bold) override;
    bool image(std::string_view run, float size, bool bold, float ascent, bool rtl, ImU32 color,
               sb::ui::text::RunImage& out) override;
    long missing() const override { return missing_; }

  private:
    struct Entry {
        int page = 0;
        int x = 0, y = 0, w = 0, h = 0;
        float pad_x = 0, pad_y = 0;  // device pixels around the text in the slot
    };
    struct Page {
        unsigned texture = 0;
        int shelf_y = 0, shelf_h = 0, shelf_x = 0;  // the open shelf
        uint64_t used = 0;                          // last frame an entry of it was drawn
        std::vector<std::string> keys;              // entries to drop when it is cleared
    };
    bool allocate(int w, int h, int& page, int& x, int& y);
    void clear_page(int page);

    float ratio_ = 1;
    uint64_t frame_ = 0;
    long missing_ = 0;
    std::unordered_map<std::string, Entry> entries_;
    std::vector<Page> pages_;
};

}  // namespace sb::web
