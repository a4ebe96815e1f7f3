// The page's <canvas id="canvas"> as a drawing surface: a WebGL 2 (or 1) context, and a drawing
// buffer that follows the element's CSS size times devicePixelRatio, so the picture is crisp on
// HiDPI screens and at any browser zoom. ImGui works in CSS pixels (io.DisplaySize) and the
// renderer scales by the ratio (io.DisplayFramebufferScale).
#pragma once

#include <emscripten/html5_webgl.h>

#include <functional>

namespace sb::web {

class CanvasSurface {
  public:
    static constexpr const char* kSelector = "#canvas";

    // Creates a WebGL 2 context, or a WebGL 1 one (with OES_vertex_array_object, which ImGui's
    // ES2 renderer needs) when the browser has no WebGL 2, and makes it current. Returns its
    // major version: 2, 1, or 0 when the browser gives neither.
    int create_context();
    // Watches window resizes and devicePixelRatio changes (zoom, moving to another screen).
    void watch_size(std::function<void()> changed);
    // Reads the CSS size and the ratio and resizes the drawing buffer when they changed.
    struct Change {
        bool resized = false;        // the drawing buffer was resized (and so cleared)
        bool ratio_changed = false;  // fonts must be re-baked
    };
    Change update_size();

    float css_width() const { return css_width_; }
    float css_height() const { return css_height_; }
    float pixel_ratio() const { return pixel_ratio_; }
    int pixel_width() const { return pixel_width_; }
    int pixel_height() const { return pixel_height_; }

  private:
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context_ = 0;
    float css_width_ = 0, css_height_ = 0, pixel_ratio_ = 0;
    int pixel_width_ = 0, pixel_height_ = 0;
    std::function<void()> changed_;
};

}  // namespace sb::web
