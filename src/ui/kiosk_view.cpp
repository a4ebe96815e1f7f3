// See kiosk_view.h. Sections: the painter (scaled text and shapes), then one function per part of
// the screen: header, banner, tiles, queues, waiting chats, agents, hourly chart.
#include "ui/kiosk_view.h"

#include <algorithm>
#include <cfloat>

#include "ui/app.h"
#include "ui/text_run.h"
#include "ui/theme.h"

namespace sb::ui {

using client::KioskDashboard;
using protocol::Level;

namespace {

namespace kc {
inline constexpr ImU32 kBackground = IM_COL32(16, 18, 22, 255);
inline constexpr ImU32 kPanel = IM_COL32(30, 34, 41, 255);
inline constexpr ImU32 kText = IM_COL32(236, 238, 242, 255);
inline constexpr ImU32 kDark = IM_COL32(20, 20, 20, 255);
inline constexpr ImU32 kBar = IM_COL32(70, 130, 210, 255);
inline constexpr ImU32 kBarNow = IM_COL32(110, 170, 250, 255);
inline constexpr ImU32 kGrid = IM_COL32(60, 66, 78, 255);
}  // namespace kc

}  // namespace

ImU32 level_color(Level level, ImU32 normal) {
    switch (level) {
        case Level::amber:
            return color::kAmber;
        case Level::red:
            return color::kRed;
        case Level::normal:
            break;
    }
    return normal;
}

// Text on a filled amber (dark text) or red/normal (light text) background.
ImU32 text_on(Level level) {
    return level == Level::amber ? kc::kDark : kc::kText;
}

namespace {

class Painter {
  public:
    Painter(ImDrawList& draw, float scale, std::vector<KioskDrawnText>* log)
        : draw_(draw), scale_(scale), log_(log) {}

    float s(float design) const { return design * scale_; }
    ImDrawList& draw() { return draw_; }

    // Text goes through the text seam (ui/text_run.h): names in any script, emoji included.
    ImVec2 measure(ImFont* f, float size, const std::string& t) const {
        return ImVec2(text::width(f, size, t), size);
    }
    // A font size no larger than `size` at which t fits in max_w.
    float fit_size(ImFont* f, float size, const std::string& t, float max_w) const {
        const float w = measure(f, size, t).x;
        return w <= max_w || w <= 0 ? size : size * max_w / w;
    }
    // t, cut at a character boundary with an ellipsis, so that it fits in max_w.
    std::string fit(ImFont* f, float size, const std::string& t, float max_w) const {
        return text::ellipsize(f, size, t, max_w);  // never inside a grapheme cluster
    }
    void text(ImFont* f, float size, ImVec2 pos, ImU32 col, const std::string& t) {
        text::draw(&draw_, f, size, pos, col, t);
        if (log_) {
            const ImVec2 m = measure(f, size, t);
            log_->push_back({t, pos, ImVec2(pos.x + m.x, pos.y + m.y), size});
        }
    }
    ImVec2 measure_wrapped(ImFont* f, float size, const std::string& t, float wrap) const {
        float w = 0;
        const std::vector<text::Line> lines = text::wrap(f, size, t, wrap);
        for (const text::Line& l : lines) w = std::max(w, l.width);
        return ImVec2(w, size * static_cast<float>(lines.size()));
    }
    void text_wrapped(ImFont* f, float size, ImVec2 pos, ImU32 col, const std::string& t,
                      float wrap) {
        text::draw_wrapped(&draw_, f, size, pos, col, t, wrap);
        if (log_) {
            const ImVec2 m = measure_wrapped(f, size, t, wrap);
            log_->push_back({t, pos, ImVec2(pos.x + m.x, pos.y + m.y), size});
        }
    }
    void text_right(ImFont* f, float size, float right, float y, ImU32 col, const std::string& t) {
        text(f, size, ImVec2(right - measure(f, size, t).x, y), col, t);
    }
    void panel(ImVec2 a, ImVec2 b, ImU32 col) { draw_.AddRectFilled(a, b, col, s(10)); }

  private:
    ImDrawList& draw_;
    float scale_;
    std::vector<KioskDrawnText>* log_;
};

ImFont* regular() {
    return font(kFontLarge);
}
ImFont* bold() {
    return font(kFontHuge);
}

// ---- header and banner -----------------------------------------------------------------------

float draw_header(Painter& p, ImVec2 a, float w, const KioskDashboard& d) {
    const float h = p.s(60);
    p.text(bold(), p.s(46), ImVec2(a.x, a.y + p.s(4)), kc::kText, "Switchboard");
    const float title_w = p.measure(bold(), p.s(46), "Switchboard").x;
    p.text(regular(), p.s(30), ImVec2(a.x + title_w + p.s(24), a.y + p.s(16)), color::kMuted,
           "supervisor dashboard");
    // Connection state, right-aligned with a coloured dot.
    const float right = a.x + w;
    const ImU32 col = level_color(d.connection_level, color::kGreenText);
    const float size = p.s(32);
    const float cw = p.measure(regular(), size, d.connection).x;
    p.text_right(regular(), size, right, a.y + p.s(14), col, d.connection);
    p.draw().AddCircleFilled(ImVec2(right - cw - p.s(22), a.y + p.s(14) + size * 0.55f), p.s(10),
                             col);
    p.text_right(regular(), p.s(28), right - cw - p.s(56), a.y + p.s(17), color::kMuted, d.today);
    return h;
}

float draw_banner(Painter& p, ImVec2 a, float w, const client::KioskBanner& b) {
    const float h = p.s(66);
    const ImU32 bg = level_color(b.level, color::kAmber);
    p.panel(a, ImVec2(a.x + w, a.y + h), bg);
    const float size = p.fit_size(regular(), p.s(32), b.text, w - p.s(40));
    p.text(regular(), size, ImVec2(a.x + p.s(20), a.y + (h - size) / 2), text_on(b.level), b.text);
    return h;
}

// ---- tiles -------------------------------------------------------------------------------------

void draw_tiles(Painter& p, ImVec2 a, ImVec2 size, const KioskDashboard& d) {
    const int n = static_cast<int>(d.tiles.size());
    if (n == 0) return;
    const float gap = p.s(20);
    const float tw = (size.x - gap * static_cast<float>(n - 1)) / static_cast<float>(n);
    const float pad = p.s(20);
    for (int i = 0; i < n; ++i) {
        const auto& t = d.tiles[static_cast<std::size_t>(i)];
        const ImVec2 ta(a.x + static_cast<float>(i) * (tw + gap), a.y);
        const ImVec2 tb(ta.x + tw, a.y + size.y);
        const ImU32 bg = level_color(t.level, kc::kPanel);
        p.panel(ta, tb, bg);
        const ImU32 fg = t.level == Level::normal ? color::kMuted : text_on(t.level);
        const float label_size = p.fit_size(regular(), p.s(30), t.label, tw - 2 * pad);
        p.text(regular(), label_size, ImVec2(ta.x + pad, ta.y + pad), fg, t.label);
        const float value_size = p.fit_size(bold(), p.s(96), t.value, tw - 2 * pad);
        const float value_y = tb.y - pad - value_size * 1.05f;
        p.text(bold(), value_size, ImVec2(ta.x + pad, value_y), text_on(t.level), t.value);
    }
}

// ---- lists -------------------------------------------------------------------------------------

// A panel with a title; returns the top of its first row.
float panel_with_title(Painter& p, ImVec2 a, ImVec2 b, const std::string& title) {
    p.panel(a, b, kc::kPanel);
    p.text(regular(), p.s(30), ImVec2(a.x + p.s(20), a.y + p.s(14)), color::kMuted, title);
    return a.y + p.s(62);
}

// How many of `count` rows of height row_h fit between top and bottom, keeping one row for
// "+N more" when they do not all fit.
std::size_t rows_that_fit(std::size_t count, float top, float bottom, float row_h) {
    const auto fit = static_cast<std::size_t>(std::max(0.0f, (bottom - top) / row_h));
    return count <= fit ? count : (fit > 0 ? fit - 1 : 0);
}

void more_line(Painter& p, float x, float y, std::size_t hidden) {
    if (hidden == 0) return;
    p.text(regular(), p.s(28), ImVec2(x, y), color::kMuted,
           "+ " + std::to_string(hidden) + " more");
}

void draw_queues(Painter& p, ImVec2 a, ImVec2 b, const KioskDashboard& d) {
    float y = panel_with_title(p, a, b, "Pending per queue");
    const float row_h = p.s(58), pad = p.s(20), size = p.s(38);
    if (d.queues.empty())
        p.text(regular(), size, ImVec2(a.x + pad, y), color::kMuted, "No queues yet");
    const std::size_t shown = rows_that_fit(d.queues.size(), y, b.y - pad, row_h);
    const float count_right = b.x - pad;
    const float wait_right = count_right - p.s(90);
    for (std::size_t i = 0; i < shown; ++i, y += row_h) {
        const auto& q = d.queues[i];
        const ImU32 col = level_color(q.level, kc::kText);
        if (q.level != Level::normal)
            p.draw().AddRectFilled(ImVec2(a.x, y), ImVec2(a.x + p.s(8), y + row_h - p.s(8)), col);
        const float name_w = wait_right - p.s(130) - (a.x + pad);
        p.text(regular(), size, ImVec2(a.x + pad, y), kc::kText,
               p.fit(regular(), size, q.name, name_w));
        if (!q.longest_wait.empty())
            p.text_right(regular(), p.s(32), wait_right, y + p.s(4), col, q.longest_wait);
        p.text_right(bold(), p.s(50), count_right, y - p.s(6), col, std::to_string(q.pending));
    }
    more_line(p, a.x + pad, y, d.queues.size() - shown);
}

void draw_waiting(Painter& p, ImVec2 a, ImVec2 b, const KioskDashboard& d) {
    float y = panel_with_title(p, a, b, "Longest waiting");
    const float row_h = p.s(58), pad = p.s(20), size = p.s(38);
    if (d.waiting.empty())
        p.text(regular(), size, ImVec2(a.x + pad, y), color::kMuted, "Nobody is waiting");
    const std::size_t shown = rows_that_fit(d.waiting.size(), y, b.y - pad, row_h);
    const float id_w = p.s(110), wait_w = p.s(150), queue_w = p.s(170);
    for (std::size_t i = 0; i < shown; ++i, y += row_h) {
        const auto& w = d.waiting[i];
        const ImU32 col = level_color(w.level, kc::kText);
        float x = a.x + pad;
        p.text(regular(), p.s(32), ImVec2(x, y + p.s(4)), color::kMuted, w.chat);
        x += id_w;
        const float wait_x = b.x - pad - wait_w;
        const float queue_x = wait_x - queue_w;
        p.text(regular(), size, ImVec2(x, y), kc::kText,
               p.fit(regular(), size, w.contact, queue_x - x - p.s(16)));
        // The queue ends before the wait, which may be wider than its column ("1:06:40").
        const float wait_left = b.x - pad - p.measure(bold(), p.s(44), w.wait).x;
        const float queue_room = std::min(queue_w, wait_left - queue_x) - p.s(12);
        p.text(regular(), p.s(30), ImVec2(queue_x, y + p.s(5)), color::kMuted,
               p.fit(regular(), p.s(30), w.queue, queue_room));
        p.text_right(bold(), p.s(44), b.x - pad, y - p.s(2), col, w.wait);
    }
    more_line(p, a.x + pad, y, d.waiting.size() - shown);
}

void draw_agents(Painter& p, ImVec2 a, ImVec2 b, const KioskDashboard& d) {
    float y = panel_with_title(p, a, b, "Agents");
    const float pad = p.s(20);
    // online / away / offline counts
    struct Count {
        std::int64_t n;
        const char* what;
        protocol::Presence presence;
    };
    const Count counts[] = {{d.agents_online, "online", protocol::Presence::online},
                            {d.agents_away, "away", protocol::Presence::away},
                            {d.agents_offline, "offline", protocol::Presence::offline}};
    const float cw = (b.x - a.x - 2 * pad) / 3;
    for (int i = 0; i < 3; ++i) {
        const float x = a.x + pad + cw * static_cast<float>(i);
        const ImU32 col = presence_color(counts[i].presence);
        p.text(bold(), p.s(56), ImVec2(x, y - p.s(6)), col, std::to_string(counts[i].n));
        p.text(regular(), p.s(26), ImVec2(x, y + p.s(54)), color::kMuted, counts[i].what);
    }
    y += p.s(92);
    p.draw().AddLine(ImVec2(a.x + pad, y - p.s(10)), ImVec2(b.x - pad, y - p.s(10)), kc::kGrid,
                     p.s(2));
    const float row_h = p.s(48), size = p.s(34);
    if (d.agents.empty())
        p.text(regular(), size, ImVec2(a.x + pad, y), color::kMuted, "No agents yet");
    const std::size_t shown = rows_that_fit(d.agents.size(), y, b.y - pad, row_h);
    for (std::size_t i = 0; i < shown; ++i, y += row_h) {
        const auto& ag = d.agents[i];
        p.draw().AddCircleFilled(ImVec2(a.x + pad + p.s(10), y + size * 0.55f), p.s(10),
                                 presence_color(ag.presence));
        const std::string working = std::to_string(ag.working) + " working";
        const float ww = p.measure(regular(), p.s(30), working).x;
        const float name_x = a.x + pad + p.s(34);
        p.text(regular(), size, ImVec2(name_x, y),
               ag.presence == protocol::Presence::offline ? color::kMuted : kc::kText,
               p.fit(regular(), size, ag.name, b.x - pad - ww - p.s(16) - name_x));
        p.text_right(regular(), p.s(30), b.x - pad, y + p.s(3),
                     ag.working > 0 ? kc::kText : color::kMuted, working);
    }
    more_line(p, a.x + pad, y, d.agents.size() - shown);
}

// ---- hourly chart ----------------------------------------------------------------------------

void draw_chart(Painter& p, ImVec2 a, ImVec2 b, const KioskDashboard& d) {
    float top = panel_with_title(p, a, b, "Incoming chats per hour, last 24 hours");
    const float pad = p.s(20);
    const float label_h = p.s(36), count_h = p.s(30);
    const float base = b.y - pad - label_h;
    const float bar_top = top + count_h;
    const int n = static_cast<int>(d.per_hour.size());
    if (n == 0) return;
    const float slot = (b.x - a.x - 2 * pad) / static_cast<float>(n);
    const float gap = std::max(p.s(4), slot * 0.18f);
    p.draw().AddLine(ImVec2(a.x + pad, base), ImVec2(b.x - pad, base), kc::kGrid, p.s(2));
    const float max = static_cast<float>(std::max<std::int64_t>(1, d.per_hour_max));
    if (d.per_hour_max == 0) {
        const char* none = "No chats in the last 24 hours";
        const float size = p.s(34);
        const float w = p.measure(regular(), size, none).x;
        p.text(regular(), size, ImVec2((a.x + b.x - w) / 2, (bar_top + base - size) / 2),
               color::kMuted, none);
    }
    for (int i = 0; i < n; ++i) {
        const std::int64_t c = d.per_hour[static_cast<std::size_t>(i)];
        const float x0 = a.x + pad + slot * static_cast<float>(i) + gap / 2;
        const float x1 = x0 + slot - gap;
        const float h = (base - bar_top) * static_cast<float>(c) / max;
        if (c > 0)
            p.draw().AddRectFilled(ImVec2(x0, base - h), ImVec2(x1, base),
                                   i == n - 1 ? kc::kBarNow : kc::kBar, p.s(3));
        if (c > 0) {
            const std::string t = std::to_string(c);
            const float size = p.fit_size(regular(), p.s(26), t, slot);
            p.text(regular(), size,
                   ImVec2((x0 + x1) / 2 - p.measure(regular(), size, t).x / 2,
                          base - h - size - p.s(2)),
                   kc::kText, t);
        }
        const int ago = n - 1 - i;
        if (ago % 6 == 5 || ago == 0) {
            const std::string t = ago == 0 ? "this hour" : std::to_string(ago) + " h ago";
            const float w = p.measure(regular(), p.s(24), t).x;
            const float x = std::clamp((x0 + x1) / 2 - w / 2, a.x + pad, b.x - pad - w);
            p.text(regular(), p.s(24), ImVec2(x, base + p.s(6)), color::kMuted, t);
        }
    }
}

void draw_message(Painter& p, ImVec2 origin, ImVec2 size, const KioskDashboard& d) {
    const float text_size = p.s(40), title_size = p.s(60);
    const float wrap = size.x * 0.7f;
    const ImVec2 m = p.measure_wrapped(regular(), text_size, *d.message, wrap);
    const ImVec2 pos(origin.x + (size.x - m.x) / 2, origin.y + (size.y - m.y) / 2);
    const float title_w = p.measure(bold(), title_size, "Switchboard").x;
    p.text(bold(), title_size, ImVec2(origin.x + (size.x - title_w) / 2, pos.y - p.s(120)),
           kc::kText, "Switchboard");
    p.text_wrapped(regular(), text_size, pos, level_color(d.message_level, kc::kText), *d.message,
                   wrap);
}

}  // namespace

void draw_kiosk(ImDrawList& draw, ImVec2 origin, ImVec2 size, const KioskDashboard& d,
                std::vector<KioskDrawnText>* drawn) {
    const float scale = std::min(size.x / kKioskDesignW, size.y / kKioskDesignH);
    Painter p(draw, scale, drawn);
    draw.AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), kc::kBackground);
    if (d.message) {
        draw_message(p, origin, size, d);
        return;
    }
    const float m = p.s(24), gap = p.s(20);
    const float w = size.x - 2 * m;
    ImVec2 a(origin.x + m, origin.y + m);
    a.y += draw_header(p, a, w, d) + gap;
    if (d.banner) a.y += draw_banner(p, a, w, *d.banner) + gap;
    const float bottom = origin.y + size.y - m;
    const float chart_h = p.s(250);
    const float tiles_h = p.s(200);
    draw_tiles(p, a, ImVec2(w, tiles_h), d);
    a.y += tiles_h + gap;
    const float lists_bottom = bottom - chart_h - gap;
    const float qw = w * 0.29f, aw = w * 0.29f;
    const float ww = w - qw - aw - 2 * gap;
    draw_queues(p, a, ImVec2(a.x + qw, lists_bottom), d);
    draw_waiting(p, ImVec2(a.x + qw + gap, a.y), ImVec2(a.x + qw + gap + ww, lists_bottom), d);
    draw_agents(p, ImVec2(a.x + qw + ww + 2 * gap, a.y), ImVec2(a.x + w, lists_bottom), d);
    draw_chart(p, ImVec2(a.x, lists_bottom + gap), ImVec2(a.x + w, bottom), d);
}

}  // namespace sb::ui
