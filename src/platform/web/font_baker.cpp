// See font_baker.h.
#include "platform/web/font_baker.h"

#include <imgui.h>

#include <cstdio>

#include "ui/app.h"

namespace sb::web {
namespace {

// The kiosk's big figures: digits, ASCII headings, the en dash of "no figure" and the ellipsis.
constexpr ImWchar kFigures[] = {0x0020, 0x007E, 0x2013, 0x2013, 0x2026, 0x2026, 0};
constexpr ImWchar kIcons[] = {0xF000, 0xF2FF, 0};

bool read_file(const std::string& path, std::vector<unsigned char>& out) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
        std::fprintf(stderr, "switchboard: font %s is missing from switchboard.data\n",
                     path.c_str());
        return false;
    }
    std::fseek(f, 0, SEEK_END);
    const long size = std::ftell(f);
    std::fseek(f, 0, SEEK_SET);
    out.resize(size > 0 ? static_cast<size_t>(size) : 0);
    const bool ok = size > 0 && std::fread(out.data(), 1, out.size(), f) == out.size();
    std::fclose(f);
    return ok;
}

void add_font(std::vector<unsigned char>& text, std::vector<unsigned char>& icons, float css_size,
              float ratio, const ImWchar* ranges) {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // the baker keeps the bytes for the next re-bake
    // No horizontal oversampling: glyphs are baked at the screen's real density and snapped to
    // whole pixels, which is crisp and halves the start-up rasterisation.
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    const float px = css_size * ratio;
    atlas.AddFontFromMemoryTTF(text.data(), static_cast<int>(text.size()), px, &cfg, ranges);

    ImFontConfig icon_cfg = cfg;
    icon_cfg.MergeMode = true;
    icon_cfg.GlyphMinAdvanceX = px;  // icons line up in columns
    icon_cfg.GlyphOffset.y = ratio;  // Font Awesome sits a little high beside DejaVu
    atlas.AddFontFromMemoryTTF(icons.data(), static_cast<int>(icons.size()), px * 0.9f, &icon_cfg,
                               kIcons);
}

}  // namespace

bool FontBaker::load(const std::string& dir) {
    std::vector<unsigned char> ranges;
    if (!read_file(dir + "/sans.ttf", sans_) || !read_file(dir + "/sans-bold.ttf", bold_) ||
        !read_file(dir + "/icons.ttf", icons_) || !read_file(dir + "/text-ranges.bin", ranges))
        return false;
    // Coverage is decided in one place, assets/fonts/subset_fonts.py, which writes the subset's
    // exact codepoints as glyph ranges (uint16 little-endian pairs, then 0): ImGui looks up every
    // codepoint of the ranges it is given, so "the whole BMP" cost 65,000 lookups per font.
    text_ranges_.clear();
    for (size_t i = 0; i + 1 < ranges.size(); i += 2)
        text_ranges_.push_back(static_cast<ImWchar>(ranges[i] | (ranges[i + 1] << 8)));
    if (text_ranges_.empty() || text_ranges_.back() != 0) text_ranges_.push_back(0);
    return text_ranges_.size() > 1;
}

void FontBaker::bake(float pixel_ratio, bool kiosk) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    // Order matters: it is sb::ui::FontIndex.
    static_assert(sb::ui::kFontRegular == 0 && sb::ui::kFontBold == 1 && sb::ui::kFontLarge == 2 &&
                  sb::ui::kFontHuge == 3);
    add_font(sans_, icons_, 16.0f, pixel_ratio, text_ranges_.data());
    add_font(bold_, icons_, 16.0f, pixel_ratio, text_ranges_.data());
    // The big kiosk fonts would double the start-up bake; the console does without them
    // (sb::ui::font() falls back to the default font).
    if (kiosk) {
        add_font(sans_, icons_, 40.0f, pixel_ratio, text_ranges_.data());
        add_font(bold_, icons_, 96.0f, pixel_ratio, kFigures);  // drawn 1:1 at 1920x1080
    }
    io.FontGlobalScale = 1.0f / pixel_ratio;
}

}  // namespace sb::web
