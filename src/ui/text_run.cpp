// See text_run.h.
#include "ui/text_run.h"

#include <imgui_internal.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <unordered_map>

#include "ui/app.h"
#include "ui/automation.h"
#include "ui/grapheme.h"

namespace sb::ui::text {
namespace {

constexpr char32_t kIconFirst = 0xF000, kIconLast = 0xF2FF;  // Font Awesome 4 (ui/icons.h)
constexpr const char* kEllipsis = "\xE2\x80\xA6";            // …

Rasterizer* g_rasterizer = nullptr;
std::string g_preedit;
long g_fallback_glyphs = 0;

FakeRasterizer& fake() {
    static FakeRasterizer f;
    return f;
}

// Widths the rasterizer measured, by (size, bold, run): a round trip to the browser costs more
// than a lookup, and a history is measured again at every width change.
struct MeasureCache {
    std::unordered_map<std::string, float> widths;
    float get(std::string_view run, float size, bool bold) {
        std::string key;
        key.reserve(run.size() + 8);
        key.append(reinterpret_cast<const char*>(&size), sizeof size);
        key.push_back(bold ? 'b' : 'r');
        key.append(run);
        auto it = widths.find(key);
        if (it != widths.end()) return it->second;
        if (widths.size() > 50000) widths.clear();  // bounded; refilled on demand
        const float w = rasterizer().measure(run, size, bold);
        widths.emplace(std::move(key), w);
        return w;
    }
};
MeasureCache g_measures;

bool is_icon(char32_t cp) {
    return cp >= kIconFirst && cp <= kIconLast;
}

// A font at a size: ImGui's baked font for covered text, the browser's (bold or not) for the rest.
struct Face {
    ImFont* font;
    float size;  // CSS px
    bool bold;
};

bool is_bold(const ImFont* f) {
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    return (atlas->Fonts.Size > kFontBold && f == atlas->Fonts[kFontBold]) ||
           (atlas->Fonts.Size > kFontHuge && f == atlas->Fonts[kFontHuge]);
}

Face face(ImFont* f, float size) {
    return {f, size, is_bold(f)};
}

Face current() {
    return face(ImGui::GetFont(), ImGui::GetFontSize());
}

bool covered_by(const ImFont* font, std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {  // ASCII: the common case
            ++i;
            if (c >= 0x20 && font->FindGlyphNoFallback(c) == nullptr) return false;
            continue;
        }
        const char32_t cp = next_codepoint(s, i);
        if (cp > IM_UNICODE_CODEPOINT_MAX) return false;
        if (font->FindGlyphNoFallback(static_cast<ImWchar>(cp)) == nullptr) return false;
    }
    return true;
}

// Calls fn(begin, end, icon) for each run of a line: icon glyphs apart from the rest.
template <class F>
void for_each_segment(std::string_view line, F&& fn) {
    size_t start = 0;
    bool icon_run = false;
    for (size_t i = 0; i < line.size();) {
        const size_t at = i;
        const bool icon = is_icon(next_codepoint(line, i));
        if (at == 0) {
            icon_run = icon;
        } else if (icon != icon_run) {
            fn(start, at, icon_run);
            start = at;
            icon_run = icon;
        }
    }
    if (start < line.size()) fn(start, line.size(), icon_run);
}

float imgui_width(const Face& f, std::string_view s) {
    // Rounded up to whole pixels, as ImGui::CalcTextSize does.
    return IM_TRUNC(f.font->CalcTextSizeA(f.size, FLT_MAX, 0.0f, s.data(), s.data() + s.size()).x +
                    0.99999f);
}

// Width of a line the baked font does not cover: icons by ImGui, the rest by the rasterizer.
float run_width(const Face& f, std::string_view line) {
    float w = 0;
    for_each_segment(line, [&](size_t b, size_t e, bool icon) {
        const std::string_view seg = line.substr(b, e - b);
        w += icon ? imgui_width(f, seg) : g_measures.get(seg, f.size, f.bold);
    });
    return w;
}

float face_width(const Face& f, std::string_view line) {
    return covered_by(f.font, line) ? imgui_width(f, line) : run_width(f, line);
}

// by_browser: measure every prefix with the rasteriser (a piece of a line the browser draws,
// even when the piece itself is covered), else as the line is drawn.
size_t face_fit(const Face& f, std::string_view line, float max_width, bool by_browser = false) {
    const std::vector<size_t> ends = cluster_ends(line);
    const bool browser = by_browser || !covered_by(f.font, line);  // one measure for all
    // The widest prefix of whole clusters that fits (widths grow with the prefix).
    size_t lo = 0, hi = ends.size();  // answer: ends[lo-1] for the largest lo that fits
    while (lo < hi) {
        const size_t mid = (lo + hi + 1) / 2;
        const std::string_view prefix = line.substr(0, ends[mid - 1]);
        if ((browser ? run_width(f, prefix) : imgui_width(f, prefix)) <= max_width)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo == 0 ? 0 : ends[lo - 1];
}

std::string_view trim_right(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Wraps one paragraph (no '\n') the baked font does not cover. A line's width is the sum of
// its pieces' widths (a piece: from one wrap point to the next), so each piece is measured once
// and reused at every width (the history re-wraps every message when the window resizes).
void wrap_runs(const Face& f, std::string_view s, size_t base, float wrap_width,
               std::vector<Line>& out) {
    std::vector<size_t> cuts = wrap_points(s);
    cuts.push_back(s.size());
    size_t line_begin = 0;
    float line_w = 0;     // the pieces on the line so far, with their trailing spaces
    float line_trim = 0;  // … with the last piece's trailing spaces left out
    size_t piece_begin = 0;
    for (size_t cut : cuts) {
        const std::string_view piece = s.substr(piece_begin, cut - piece_begin);
        const float pw = run_width(f, piece);
        const float pt = run_width(f, trim_right(piece));
        if (line_begin < piece_begin && line_w + pt > wrap_width) {
            out.push_back({base + line_begin, base + piece_begin, line_trim});
            line_begin = piece_begin;
            line_w = 0;
            line_trim = 0;
        }
        if (line_begin == piece_begin && pt > wrap_width) {
            // One piece wider than the line: cut it between clusters.
            size_t from = piece_begin;
            while (run_width(f, trim_right(s.substr(from, cut - from))) > wrap_width) {
                size_t n = face_fit(f, s.substr(from, cut - from), wrap_width, true);
                if (n == 0) n = next_cluster(s, from) - from;  // at least one cluster
                out.push_back({base + from, base + from + n, run_width(f, s.substr(from, n))});
                from += n;
            }
            line_begin = from;
            const std::string_view rest = s.substr(from, cut - from);
            line_w = run_width(f, rest);
            line_trim = run_width(f, trim_right(rest));
        } else {
            line_trim = line_w + pt;
            line_w += pw;
        }
        piece_begin = cut;
    }
    if (line_begin < s.size() || out.empty() || out.back().end != base + s.size())
        out.push_back({base + line_begin, base + s.size(), line_trim});
}

// ImGui's own wrapping for a covered paragraph (so covered text wraps exactly as before).
void wrap_imgui(const Face& f, std::string_view s, size_t base, float wrap_width,
                std::vector<Line>& out) {
    ImFont* font = f.font;
    const float scale = f.size / font->FontSize;
    const char* begin = s.data();
    const char* end = begin + s.size();
    const char* p = begin;
    while (true) {
        const char* eol = font->CalcWordWrapPositionA(scale, p, end, wrap_width);
        if (eol == p && p < end) eol += 1;  // at least one character (as ImGui does)
        if (eol > end) eol = end;
        // Keep whole UTF-8 sequences.
        while (eol < end && (static_cast<unsigned char>(*eol) & 0xC0) == 0x80) ++eol;
        const std::string_view line(p, static_cast<size_t>(eol - p));
        out.push_back({base + static_cast<size_t>(p - begin),
                       base + static_cast<size_t>(eol - begin), imgui_width(f, trim_right(line))});
        p = eol;
        while (p < end && (*p == ' ' || *p == '\t')) ++p;  // ImGui skips the blanks at a wrap
        if (p >= end) break;
        out.back().end = base + static_cast<size_t>(p - begin);
    }
}

ImU32 opaque(ImU32 col) {
    return col | IM_COL32_A_MASK;
}

void draw_runs(const Face& f, ImDrawList* dl, ImVec2 pos, ImU32 col, std::string_view line,
               bool rtl) {
    const float size = f.size;
    const bool bold = f.bold;
    ImFont* font = f.font;
    const float ascent = font->Ascent * size / font->FontSize;
    const ImU32 alpha = col & IM_COL32_A_MASK;
    if (alpha == 0) return;
    const ImU32 tint = IM_COL32_WHITE & ~IM_COL32_A_MASK;
    float x = pos.x;
    for_each_segment(line, [&](size_t b, size_t e, bool icon) {
        const std::string_view seg = line.substr(b, e - b);
        if (icon) {
            dl->AddText(font, size, ImVec2(x, pos.y), col, seg.data(), seg.data() + seg.size());
            x += imgui_width(f, seg);
            return;
        }
        RunImage img;
        const std::string_view visible = trim_right(seg);
        if (!visible.empty() &&
            rasterizer().image(visible, size, bold, ascent, rtl, opaque(col), img)) {
            const ImVec2 p0(x + img.offset.x, pos.y + img.offset.y);
            dl->AddImage(img.texture, p0, ImVec2(p0.x + img.size.x, p0.y + img.size.y), img.uv0,
                         img.uv1, tint | alpha);
        }
        x += g_measures.get(seg, size, bold);
    });
}

}  // namespace

// ---- Rasterizers ----

float FakeRasterizer::measure(std::string_view run, float size, bool) {
    return static_cast<float>(cluster_ends(run).size()) * size * 0.75f;
}

bool FakeRasterizer::image(std::string_view run, float, bool, float, bool rtl, ImU32, RunImage&) {
    drawn.emplace_back(run);
    drawn_rtl.push_back(rtl);
    return false;
}

void set_rasterizer(Rasterizer* r) {
    g_rasterizer = r;
    g_measures.widths.clear();
}

Rasterizer& rasterizer() {
    return g_rasterizer ? *g_rasterizer : fake();
}

// ---- Measuring ----

bool covered(std::string_view s) {
    return covered_by(ImGui::GetFont(), s);
}

float width(std::string_view line) {
    return face_width(current(), line);
}

float width(ImFont* font, float size, std::string_view line) {
    return face_width(face(font, size), line);
}

std::vector<Line> wrap(ImFont* font, float size, std::string_view s, float wrap_width) {
    const Face f = face(font, size);
    std::vector<Line> out;
    size_t start = 0;
    while (true) {
        const size_t nl = s.find('\n', start);
        const size_t end = nl == std::string_view::npos ? s.size() : nl;
        const std::string_view para = s.substr(start, end - start);
        if (wrap_width <= 0 || para.empty()) {
            out.push_back({start, end, face_width(f, trim_right(para))});
        } else if (covered_by(f.font, para)) {
            wrap_imgui(f, para, start, wrap_width, out);
        } else {
            wrap_runs(f, para, start, wrap_width, out);
        }
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    return out;
}

std::vector<Line> wrap(std::string_view s, float wrap_width) {
    return wrap(ImGui::GetFont(), ImGui::GetFontSize(), s, wrap_width);
}

ImVec2 size(std::string_view s, float wrap_width) {
    if (covered(s)) return ImGui::CalcTextSize(s.data(), s.data() + s.size(), false, wrap_width);
    float w = 0;
    const std::vector<Line> lines = wrap(s, wrap_width);
    for (const Line& l : lines) w = std::max(w, l.width);
    return ImVec2(w, ImGui::GetTextLineHeight() * static_cast<float>(lines.size()));
}

size_t fit(std::string_view line, float max_width) {
    return face_fit(current(), line, max_width);
}

std::string ellipsize(ImFont* font, float size, std::string_view line, float max_width) {
    const Face f = face(font, size);
    if (face_width(f, line) <= max_width) return std::string(line);
    const float dots = face_width(f, kEllipsis);
    if (dots > max_width) return "";
    std::string head(trim_right(line.substr(0, face_fit(f, line, max_width - dots))));
    // The text and the dots are drawn as one line: measure them as such (a covered head with dots
    // the font lacks is the rasteriser's, not ImGui's), dropping whole clusters until it fits.
    if (face_width(f, head + kEllipsis) > max_width)
        head = trim_right(line.substr(0, face_fit(f, line, max_width - dots, true)));
    while (!head.empty() && face_width(f, head + kEllipsis) > max_width) {
        const std::vector<size_t> ends = cluster_ends(head);
        head.resize(ends.size() > 1 ? ends[ends.size() - 2] : 0);
    }
    return head + kEllipsis;
}

// ---- Drawing ----

namespace {

// One line in the base direction of its paragraph (a wrapped line of an Arabic paragraph may
// start with a Latin word, and a Chinese paragraph's line with a Hebrew one).
void draw_line(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 col,
               std::string_view line, bool rtl) {
    if (line.empty()) return;
    if (covered_by(font, line)) {
        dl->AddText(font, size, pos, col, line.data(), line.data() + line.size());
        return;
    }
    draw_runs(face(font, size), dl, pos, col, line, rtl);
}

}  // namespace

void draw(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 col, std::string_view line) {
    const bool rtl = !covered_by(font, line) && first_strong_direction(line) == Direction::rtl;
    draw_line(dl, font, size, pos, col, line, rtl);
}

void draw(ImDrawList* dl, ImVec2 pos, ImU32 col, std::string_view line) {
    draw(dl, ImGui::GetFont(), ImGui::GetFontSize(), pos, col, line);
}

void draw_wrapped(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 col,
                  std::string_view s, float wrap_width) {
    const float line_h = size;
    const std::vector<Line> lines = wrap(font, size, s, wrap_width);
    bool rtl = false;
    float y = pos.y;
    for (size_t i = 0; i < lines.size(); ++i) {
        const Line& l = lines[i];
        // A paragraph starts at 0 or after a '\n': its direction decides its alignment.
        if (i == 0 || (l.begin > 0 && s[l.begin - 1] == '\n')) {
            const size_t nl = s.find('\n', l.begin);
            const size_t len = nl == std::string_view::npos ? s.size() - l.begin : nl - l.begin;
            rtl = first_strong_direction(s.substr(l.begin, len)) == Direction::rtl;
        }
        const float x = rtl && wrap_width > 0 ? pos.x + wrap_width - l.width : pos.x;
        draw_line(dl, font, size, ImVec2(x, y), col, trim_right(s.substr(l.begin, l.end - l.begin)),
                  rtl);
        y += line_h;
    }
}

void draw_wrapped(ImDrawList* dl, ImVec2 pos, ImU32 col, std::string_view s, float wrap_width) {
    draw_wrapped(dl, ImGui::GetFont(), ImGui::GetFontSize(), pos, col, s, wrap_width);
}

// ---- Widgets ----

void text_colored(ImU32 col, std::string_view s) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return;
    const bool wrapping = window->DC.TextWrapPos >= 0.0f;
    const ImVec2 pos = window->DC.CursorPos;
    const float wrap_w = wrapping ? ImGui::CalcWrapWidthForPos(pos, window->DC.TextWrapPos) : 0;
    if (covered(s)) {
        ImGui::PushStyleColor(ImGuiCol_Text, col);
        ImGui::TextUnformatted(s.data(), s.data() + s.size());
        ImGui::PopStyleColor();
        return;
    }
    const ImVec2 sz = size(s, wrap_w);
    const ImRect bb(pos, ImVec2(pos.x + sz.x, pos.y + sz.y));
    ImGui::ItemSize(sz, 0.0f);
    if (!ImGui::ItemAdd(bb, 0)) return;
    draw_wrapped(window->DrawList, pos, col, s, wrap_w);
}

void text(std::string_view s) {
    text_colored(ImGui::GetColorU32(ImGuiCol_Text), s);
}

void text_disabled(std::string_view s) {
    text_colored(ImGui::GetColorU32(ImGuiCol_TextDisabled), s);
}

void text_wrapped(std::string_view s) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const bool push = window->DC.TextWrapPos < 0.0f;
    if (push) ImGui::PushTextWrapPos(0.0f);
    text(s);
    if (push) ImGui::PopTextWrapPos();
}

void text_ellipsis(std::string_view s, float max_width) {
    const float line_h = ImGui::GetTextLineHeight();
    if (max_width <= 0) {  // no room at all
        ImGui::Dummy(ImVec2(0, line_h));
        return;
    }
    const float w = width(s);
    if (w <= max_width) {
        text(s);
        return;
    }
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 max(pos.x + max_width, pos.y + line_h);
    ImGui::ItemSize(ImVec2(max_width, line_h));
    if (!ImGui::ItemAdd(ImRect(pos, max), 0)) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (covered(s)) {
        const ImVec2 full(w, line_h);
        ImGui::RenderTextEllipsis(dl, pos, max, max.x, max.x, s.data(), s.data() + s.size(), &full);
        return;
    }
    dl->PushClipRect(pos, max, true);
    draw(dl, pos, ImGui::GetColorU32(ImGuiCol_Text),
         ellipsize(ImGui::GetFont(), ImGui::GetFontSize(), s, max_width));
    dl->PopClipRect();
}

bool selectable(const std::string& label, bool selected, ImGuiSelectableFlags flags, ImVec2 sz) {
    const size_t hash = label.find("##");
    const std::string_view visible =
        std::string_view(label).substr(0, hash == std::string::npos ? label.size() : hash);
    if (covered(visible)) return ImGui::Selectable(label.c_str(), selected, flags, sz);
    // ImGui keeps the label (the automation registry reads it) but draws it transparent; the
    // seam draws it where Selectable would, at the item's start inside its half-spacing.
    const ImU32 col = ImGui::GetColorU32(ImGuiCol_Text);
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(0, 0, 0, 0));
    const bool clicked = ImGui::Selectable(label.c_str(), selected, flags, sz);
    ImGui::PopStyleColor();
    if (ImGui::IsItemVisible()) {
        const ImGuiStyle& style = ImGui::GetStyle();
        const ImVec2 min = ImGui::GetItemRectMin();
        const ImVec2 max = ImGui::GetItemRectMax();
        const ImVec2 pos(min.x + IM_TRUNC(style.ItemSpacing.x * 0.5f),
                         min.y + IM_TRUNC(style.ItemSpacing.y * 0.5f));
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->PushClipRect(min, max, true);
        draw(dl, pos, col, visible);
        dl->PopClipRect();
    }
    return clicked;
}

bool begin_combo(const char* label, std::string_view preview) {
    const std::string shown(preview);
    // sb::ui::begin_combo: ImGui's, registered for the automation bridge.
    if (covered(preview)) return sb::ui::begin_combo(label, shown.c_str());
    // ImGui draws an empty preview; the seam draws the text into the frame, left of the arrow.
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const ImVec2 pos = window->DC.CursorPos;
    const float w = ImGui::CalcItemWidth();
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImU32 col = ImGui::GetColorU32(ImGuiCol_Text);
    const bool open = sb::ui::begin_combo(label, "");
    const ImVec2 min(pos.x + style.FramePadding.x, pos.y + style.FramePadding.y);
    const ImVec2 max(pos.x + w - ImGui::GetFrameHeight(), pos.y + ImGui::GetFrameHeight());
    window->DrawList->PushClipRect(pos, max, true);
    draw(window->DrawList, min, col, shown);
    window->DrawList->PopClipRect();
    return open;
}

// ---- Text fields ----

namespace {

struct FieldCapture {
    ImGuiInputTextFlags user_flags = 0;
    ImGuiInputTextCallback user_callback = nullptr;
    void* user_data = nullptr;
    bool seen = false;
    int cursor = 0, sel_start = 0, sel_end = 0;
};

int capture_callback(ImGuiInputTextCallbackData* data) {
    auto* cap = static_cast<FieldCapture*>(data->UserData);
    int result = 0;
    if (cap->user_callback && (data->EventFlag & cap->user_flags)) {
        data->UserData = cap->user_data;
        result = cap->user_callback(data);
        data->UserData = cap;
    }
    if (data->EventFlag == ImGuiInputTextFlags_CallbackAlways) {
        cap->seen = true;
        cap->cursor = data->CursorPos;
        cap->sel_start = std::min(data->SelectionStart, data->SelectionEnd);
        cap->sel_end = std::max(data->SelectionStart, data->SelectionEnd);
    }
    return result;
}

// The std::string resize of imgui_stdlib, chained before the capture (InputText with a
// std::string needs it; the stdlib wrappers cannot be combined with our own callback).
struct StringField {
    std::string* str;
    FieldCapture* cap;
};

int string_callback(ImGuiInputTextCallbackData* data) {
    auto* f = static_cast<StringField*>(data->UserData);
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        f->str->resize(static_cast<size_t>(data->BufTextLen));
        data->Buf = f->str->data();
        return 0;
    }
    data->UserData = f->cap;
    const int r = capture_callback(data);
    data->UserData = f;
    return r;
}

float prefix_width(std::string_view line, size_t bytes) {
    return width(line.substr(0, std::min(bytes, line.size())));
}

// Draws the field's text, selection, caret and preedit over the field (ImGui's own hidden).
void draw_field(const std::string& value, const FieldCapture& cap, bool active, ImDrawList* dl,
                ImVec2 origin, ImRect clip, bool single_line) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float line_h = ImGui::GetTextLineHeight();
    const std::string& pre = active ? g_preedit : std::string();
    const size_t cursor = active && cap.seen ? std::min<size_t>(cap.cursor, value.size()) : 0;
    std::string shown = value;
    if (!pre.empty()) shown.insert(cursor, pre);
    // The caret's line and x, in the shown text.
    const size_t caret = cursor + pre.size();
    const size_t caret_line_start = shown.rfind('\n', caret == 0 ? 0 : caret - 1);
    const size_t cls =
        caret_line_start == std::string::npos || caret == 0 ? 0 : caret_line_start + 1;
    const size_t cle = std::min(shown.find('\n', cls), shown.size());
    const std::string_view caret_line = std::string_view(shown).substr(cls, cle - cls);
    const float caret_x = prefix_width(caret_line, caret - cls);
    // A single-line field scrolls so that the caret stays inside.
    if (single_line) {
        const float room = clip.GetWidth() - 2 * style.FramePadding.x;
        if (caret_x > room) origin.x -= caret_x - room;
    }
    dl->PushClipRect(clip.Min, clip.Max, true);
    const ImU32 col = ImGui::GetColorU32(ImGuiCol_Text);
    // Selection (in value's bytes; the preedit is empty while selecting).
    size_t line_start = 0;
    int line_no = 0;
    const std::string_view all(shown);
    while (true) {
        const size_t nl = all.find('\n', line_start);
        const size_t line_end = nl == std::string_view::npos ? all.size() : nl;
        const std::string_view line = all.substr(line_start, line_end - line_start);
        const ImVec2 p(origin.x, origin.y + line_h * static_cast<float>(line_no));
        if (active && pre.empty() && cap.sel_end > cap.sel_start) {
            const size_t a = std::max<size_t>(cap.sel_start, line_start);
            const size_t b = std::min<size_t>(cap.sel_end, line_end);
            if (a < b || (a == b && static_cast<size_t>(cap.sel_end) > line_end && a == line_end)) {
                const float x0 = prefix_width(line, a - line_start);
                const float x1 = std::max(prefix_width(line, b - line_start), x0 + 4);
                dl->AddRectFilled(ImVec2(p.x + x0, p.y), ImVec2(p.x + x1, p.y + line_h),
                                  ImGui::GetColorU32(ImGuiCol_TextSelectedBg));
            }
        }
        draw(dl, p, col, line);
        if (!pre.empty() && cursor >= line_start && cursor <= line_end) {
            const float x0 = prefix_width(line, cursor - line_start);
            const float x1 = prefix_width(line, cursor - line_start + pre.size());
            dl->AddLine(ImVec2(p.x + x0, p.y + line_h), ImVec2(p.x + x1, p.y + line_h), col, 1.5f);
        }
        if (nl == std::string_view::npos) break;
        line_start = nl + 1;
        ++line_no;
    }
    if (active) {
        int caret_line_no = 0;
        for (size_t i = 0; i < cls; ++i) caret_line_no += shown[i] == '\n';
        const float y = origin.y + line_h * static_cast<float>(caret_line_no);
        dl->AddLine(ImVec2(origin.x + caret_x, y), ImVec2(origin.x + caret_x, y + line_h - 1), col,
                    1.0f);
    }
    dl->PopClipRect();
}

bool field(const char* label, std::string* s, ImVec2 sz, ImGuiInputTextFlags flags, bool multiline,
           const char* hint, ImGuiInputTextCallback callback, void* user_data) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const ImGuiID id = window->GetID(label);
    const bool was_active = g.ActiveId == id;
    // Also while text is about to arrive (typed, committed by an IME or pasted): ImGui would draw
    // it this very frame with its own font, before the next frame could hand it to the seam.
    const ImGuiIO& io = ImGui::GetIO();
    const bool arriving = !g_preedit.empty() || !io.InputQueueCharacters.empty() ||
                          (io.KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_V, false)) ||
                          (io.KeyShift && ImGui::IsKeyPressed(ImGuiKey_Insert, false));
    const bool overlay = (was_active && arriving) || !covered(*s);
    FieldCapture cap{flags, callback, user_data};
    StringField sf{s, &cap};
    const ImGuiInputTextFlags all =
        flags | ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_CallbackAlways;
    const ImVec4 clear(0, 0, 0, 0);
    if (overlay) {
        ImGui::PushStyleColor(ImGuiCol_Text, clear);
        ImGui::PushStyleColor(ImGuiCol_TextDisabled, clear);
        ImGui::PushStyleColor(ImGuiCol_TextSelectedBg, clear);
    }
    bool result;
    if (multiline) {
        result = ImGui::InputTextMultiline(label, s->data(), s->capacity() + 1, sz, all,
                                           string_callback, &sf);
    } else if (hint) {
        result = ImGui::InputTextWithHint(label, hint, s->data(), s->capacity() + 1, all,
                                          string_callback, &sf);
    } else {
        result = ImGui::InputText(label, s->data(), s->capacity() + 1, all, string_callback, &sf);
    }
    if (!overlay) return result;
    ImGui::PopStyleColor(3);
    const bool active = g.ActiveId == id;
    const ImGuiStyle& style = ImGui::GetStyle();
    if (multiline) {
        if (window->DC.ChildWindows.empty()) return result;
        ImGuiWindow* child = window->DC.ChildWindows.back();
        const ImRect clip(child->Pos, ImVec2(child->Pos.x + child->Size.x - child->ScrollbarSizes.x,
                                             child->Pos.y + child->Size.y));
        const ImVec2 origin(child->Pos.x + style.FramePadding.x - child->Scroll.x,
                            child->Pos.y + style.FramePadding.y - child->Scroll.y);
        draw_field(*s, cap, active, child->DrawList, origin, clip, false);
    } else {
        const ImRect frame(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        const ImVec2 origin(frame.Min.x + style.FramePadding.x, frame.Min.y + style.FramePadding.y);
        draw_field(*s, cap, active, window->DrawList, origin, frame, true);
    }
    return result;
}

}  // namespace

bool input_text(const char* label, std::string* s, ImGuiInputTextFlags flags, const char* hint,
                ImGuiInputTextCallback callback, void* user_data) {
    return field(label, s, ImVec2(0, 0), flags, false, hint, callback, user_data);
}

bool input_text_multiline(const char* label, std::string* s, ImVec2 sz, ImGuiInputTextFlags flags,
                          ImGuiInputTextCallback callback, void* user_data) {
    return field(label, s, sz, flags, true, nullptr, callback, user_data);
}

void set_preedit(std::string p) {
    g_preedit = std::move(p);
}

const std::string& preedit() {
    return g_preedit;
}

// ---- Missing glyphs ----

long count_fallback_glyphs(const ImDrawData& data) {
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    long found = 0;
    for (const ImFont* font : atlas->Fonts) {
        const ImFontGlyph* fb = font->FallbackGlyph;
        if (fb == nullptr || font->FallbackChar != 0xFFFD) continue;  // '?' is not a box
        for (const ImDrawList* list : data.CmdLists) {
            for (const ImDrawVert& v : list->VtxBuffer) {
                // A glyph quad's first vertex carries (U0, V0).
                if (v.uv.x == fb->U0 && v.uv.y == fb->V0 && (v.col & IM_COL32_A_MASK) != 0) ++found;
            }
        }
    }
    g_fallback_glyphs += found;
    return found;
}

long missing_glyphs() {
    return g_fallback_glyphs + rasterizer().missing();
}

}  // namespace sb::ui::text
