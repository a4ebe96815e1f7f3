// The one seam every view draws user text through (names, previews, messages, fields): measure,
// wrap, ellipsis, draw. A line the baked font fully covers stays on ImGui's own font path (fast,
// unchanged). Any other line (CJK, Arabic, Hebrew, Thai, Devanagari, emoji, …) goes whole to a
// Rasterizer: on the web the browser (src/platform/web/text_runs.*: Canvas 2D fillText with the
// system's fonts, which shapes, orders bidi text, joins Arabic and draws colour emoji) into an
// atlas texture that ImGui draws as an image; natively a deterministic fake (3/4 em per
// cluster) so headless UI tests and bench/console_frame run without a browser. The UI's icon
// glyphs (Font Awesome, ui/icons.h) are cut out of such a line and drawn by ImGui.
//
// Wrapping and the ellipsis never cut inside a grapheme cluster (grapheme.h). Copy keeps the
// original UTF-8 (the seam only draws; the strings are the store's).
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace sb::ui::text {

// A drawn run in a texture: draw `size` CSS px at the pen position + offset.
struct RunImage {
    ImTextureID texture = nullptr;
    ImVec2 uv0, uv1;
    ImVec2 offset;
    ImVec2 size;
};

class Rasterizer {
  public:
    virtual ~Rasterizer() = default;
    // Width of `run` (one line, no icons) shaped at `size` CSS px, in CSS px.
    virtual float measure(std::string_view run, float size, bool bold) = 0;
    // The run drawn in `color` (opaque RGB; alpha is applied as a tint) with its baseline
    // `ascent` CSS px below the pen, ordered by the bidi algorithm with the paragraph's base
    // direction (rtl), cached; false when it cannot be drawn this frame (the caller leaves a gap
    // of the measured width).
    virtual bool image(std::string_view run, float size, bool bold, float ascent, bool rtl,
                       ImU32 color, RunImage& out) = 0;
    // Characters drawn so far that no font could draw (the browser's tofu).
    virtual long missing() const { return 0; }
};

// The native stand-in: 3/4 em per grapheme cluster; records the runs it was asked to draw.
class FakeRasterizer : public Rasterizer {
  public:
    float measure(std::string_view run, float size, bool bold) override;
    bool image(std::string_view run, float size, bool bold, float ascent, bool rtl, ImU32 color,
               RunImage& out) override;
    std::vector<std::string> drawn;  // every run image() was asked for, in order
    std::vector<bool> drawn_rtl;     // … and the base direction it was to be drawn in
};

// Which rasterizer draws what the baked font cannot (nullptr: a process-wide FakeRasterizer).
// Changing it drops the measure cache.
void set_rasterizer(Rasterizer* rasterizer);
Rasterizer& rasterizer();

// Whether every character of s is in the current ImGui font (then ImGui draws it).
bool covered(std::string_view s);

// Width of one line (no '\n') in the current font, CSS px.
float width(std::string_view line);

struct Line {
    size_t begin = 0, end = 0;  // bytes of the paragraph text; trailing spaces included
    float width = 0;            // without trailing spaces
};
// The lines of s in the current font: split at '\n', and wrapped at wrap_width when > 0 (at
// grapheme.h's wrap points; a word longer than the line is cut between clusters).
std::vector<Line> wrap(std::string_view s, float wrap_width);
// Size of s (all its lines, each GetTextLineHeight() tall) wrapped at wrap_width (<= 0: none).
ImVec2 size(std::string_view s, float wrap_width = 0);
// The longest prefix of whole clusters of `line` at most max_width wide (bytes).
size_t fit(std::string_view line, float max_width);

// Draws one line at pos (top-left, as ImDrawList::AddText) in col.
void draw(ImDrawList* dl, ImVec2 pos, ImU32 col, std::string_view line);

// The same with an explicit font and size (CSS px), for views that draw on a draw list with
// their own sizes (the kiosk):
float width(ImFont* font, float size, std::string_view line);
std::vector<Line> wrap(ImFont* font, float size, std::string_view s, float wrap_width);
// line, or its longest prefix of whole clusters followed by "…", at most max_width wide.
std::string ellipsize(ImFont* font, float size, std::string_view line, float max_width);
void draw(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 col, std::string_view line);
void draw_wrapped(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 col,
                  std::string_view s, float wrap_width);
// Draws s wrapped at wrap_width (<= 0: only at '\n'); a paragraph whose first strong character
// is right-to-left is aligned right when wrap_width > 0.
void draw_wrapped(ImDrawList* dl, ImVec2 pos, ImU32 col, std::string_view s, float wrap_width);

// Widgets over the current window (like their ImGui namesakes, for user text).
void text(std::string_view s);  // ImGui::TextUnformatted; wraps inside PushTextWrapPos
void text_colored(ImU32 col, std::string_view s);
void text_disabled(std::string_view s);
void text_wrapped(std::string_view s);  // wraps at the window's right edge
// One line at most max_width wide: a longer one ends in "…" after its last whole cluster.
void text_ellipsis(std::string_view s, float max_width);
// ImGui::Selectable whose visible label (before "##") may be in any script.
bool selectable(const std::string& label, bool selected, ImGuiSelectableFlags flags = 0,
                ImVec2 size = ImVec2(0, 0));

// sb::ui::begin_combo (ImGui's, registered for the bridge) whose preview (the picked item's name)
// may be in any script.
bool begin_combo(const char* label, std::string_view preview);

// A text field (ImGui::InputText / InputTextWithHint / InputTextMultiline) whose content may be
// in any script: when it has characters the baked font lacks, or an IME is composing in it,
// ImGui's own text, caret and selection are hidden and the seam draws them over the field,
// with the IME's preedit (composition) underlined at the caret.
bool input_text(const char* label, std::string* s, ImGuiInputTextFlags flags = 0,
                const char* hint = nullptr, ImGuiInputTextCallback callback = nullptr,
                void* user_data = nullptr);
bool input_text_multiline(const char* label, std::string* s, ImVec2 size,
                          ImGuiInputTextFlags flags = 0, ImGuiInputTextCallback callback = nullptr,
                          void* user_data = nullptr);

// The IME's composition in progress ("" when none), set by the platform (text_input.*).
void set_preedit(std::string preedit);
const std::string& preedit();

// Missing-glyph boxes: the rasterizer's count plus the fallback glyphs ImGui drew (each
// visible fallback glyph quad in a presented frame counts; see count_fallback_glyphs).
long missing_glyphs();
// Adds the visible fallback-glyph quads of one frame's draw data to the count; returns them.
long count_fallback_glyphs(const ImDrawData& data);

}  // namespace sb::ui::text
