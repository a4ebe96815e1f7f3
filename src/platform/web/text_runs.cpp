// See text_runs.h.
#include "platform/web/text_runs.h"

#include <GLES3/gl3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>

// text_runs.js
extern "C" double sb_text_runs_measure(const char* text, int len, double px, int bold);
extern "C" int sb_text_runs_draw(const char* text, int len, double px, int bold, int rtl,
                                 unsigned rgba, unsigned texture, int x, int y, int w, int h,
                                 double pad_x, double baseline);

namespace sb::web {
namespace {

// ImGui sizes a font by its line height (ascent + descent = the size in pixels); CSS by its em.
// For the baked DejaVu Sans (hhea ascent 1901 + descent 483 of 2048 units per em) an ImGui size
// of 16 px is a 13.7 px em: the browser's text is drawn at that em so both paths look alike.
constexpr double kEmPerImGuiPixel = 2048.0 / (1901.0 + 483.0);

}  // namespace

void TextRuns::set_pixel_ratio(float ratio) {
    if (ratio == ratio_) return;
    ratio_ = ratio;
    for (int p = 0; p < static_cast<int>(pages_.size()); ++p) clear_page(p);
    sb::ui::text::set_rasterizer(this);  // drops the measure cache too
}

float TextRuns::measure(std::string_view run, float size, bool bold) {
    if (run.empty()) return 0;
    const double px = size * ratio_ * kEmPerImGuiPixel;
    return static_cast<float>(
        sb_text_runs_measure(run.data(), static_cast<int>(run.size()), px, bold ? 1 : 0) / ratio_);
}

void TextRuns::clear_page(int p) {
    Page& page = pages_[p];
    for (const std::string& k : page.keys) entries_.erase(k);
    page.keys.clear();
    page.shelf_x = page.shelf_y = page.shelf_h = 0;
    // The old pixels stay until overwritten: every slot is cleared when it is drawn.
}

bool TextRuns::allocate(int w, int h, int& page, int& x, int& y) {
    if (w > kPageW || h > kPageH) return false;
    auto try_page = [&](int p) {
        Page& pg = pages_[p];
        if (pg.shelf_x + w > kPageW) {  // next shelf
            pg.shelf_y += pg.shelf_h;
            pg.shelf_x = 0;
            pg.shelf_h = 0;
        }
        if (pg.shelf_y + h > kPageH) return false;
        x = pg.shelf_x;
        y = pg.shelf_y;
        pg.shelf_x += w;
        pg.shelf_h = std::max(pg.shelf_h, h);
        page = p;
        return true;
    };
    for (int p = 0; p < static_cast<int>(pages_.size()); ++p)
        if (try_page(p)) return true;
    if (static_cast<int>(pages_.size()) < kPages) {
        Page pg;
        glGenTextures(1, &pg.texture);
        glBindTexture(GL_TEXTURE_2D, pg.texture);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, kPageW, kPageH, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                     nullptr);
        pages_.push_back(pg);
        return try_page(static_cast<int>(pages_.size()) - 1);
    }
    // Every page is full: reuse the one drawn least recently, unless this frame uses them all.
    int oldest = -1;
    for (int p = 0; p < static_cast<int>(pages_.size()); ++p)
        if (pages_[p].used != frame_ && (oldest < 0 || pages_[p].used < pages_[oldest].used))
            oldest = p;
    if (oldest < 0) return false;
    clear_page(oldest);
    return try_page(oldest);
}

bool TextRuns::image(std::string_view run, float size, bool bold, float ascent_css, bool rtl,
                     ImU32 color, sb::ui::text::RunImage& out) {
    std::string key;
    key.reserve(run.size() + 16);
    key.append(reinterpret_cast<const char*>(&size), sizeof size);
    key.append(reinterpret_cast<const char*>(&color), sizeof color);
    key.push_back(bold ? 'b' : 'r');
    key.push_back(rtl ? '<' : '>');
    key.append(run);
    auto it = entries_.find(key);
    if (it == entries_.end()) {
        const double px = size * ratio_ * kEmPerImGuiPixel;
        const double text_w =
            sb_text_runs_measure(run.data(), static_cast<int>(run.size()), px, bold ? 1 : 0);
        // Room around the text for overhangs (italics, emoji, marks above and below).
        const float pad_x = std::ceil(static_cast<float>(px) * 0.25f);
        const float pad_y = std::ceil(static_cast<float>(px) * 0.3f);
        const double ascent = ascent_css * ratio_;
        Entry e;
        e.w = std::min(kPageW, static_cast<int>(std::ceil(text_w)) + 2 * static_cast<int>(pad_x));
        e.h = static_cast<int>(std::ceil(px * 1.25)) + 2 * static_cast<int>(pad_y);
        e.pad_x = pad_x;
        e.pad_y = pad_y;
        if (!allocate(e.w, e.h, e.page, e.x, e.y)) return false;
        missing_ += sb_text_runs_draw(run.data(), static_cast<int>(run.size()), px, bold ? 1 : 0,
                                      rtl ? 1 : 0, color, pages_[e.page].texture, e.x, e.y, e.w,
                                      e.h, pad_x, pad_y + ascent);
        pages_[e.page].keys.push_back(key);
        it = entries_.emplace(std::move(key), e).first;
    }
    const Entry& e = it->second;
    Page& page = pages_[e.page];
    page.used = frame_;
    out.texture = reinterpret_cast<ImTextureID>(static_cast<intptr_t>(page.texture));
    out.uv0 = ImVec2(static_cast<float>(e.x) / kPageW, static_cast<float>(e.y) / kPageH);
    out.uv1 =
        ImVec2(static_cast<float>(e.x + e.w) / kPageW, static_cast<float>(e.y + e.h) / kPageH);
    out.offset = ImVec2(-e.pad_x / ratio_, -e.pad_y / ratio_);
    out.size = ImVec2(e.w / ratio_, e.h / ratio_);
    return true;
}

}  // namespace sb::web
