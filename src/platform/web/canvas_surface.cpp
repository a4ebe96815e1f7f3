// See canvas_surface.h.
#include "platform/web/canvas_surface.h"

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <emscripten/html5_webgl.h>

#include <cmath>
#include <utility>

extern "C" void sb_canvas_watch_pixel_ratio(void (*changed)(void*),
                                            void* user);  // canvas_surface.js

namespace sb::web {
namespace {

int on_resize(int, const EmscriptenUiEvent*, void* self) {
    static_cast<std::function<void()>*>(self)->operator()();
    return 0;
}

void on_pixel_ratio(void* self) {
    static_cast<std::function<void()>*>(self)->operator()();
}

}  // namespace

int CanvasSurface::create_context() {
    // shell/boot.js already made the context with these attributes (to overlap its cost with
    // the download): WebGL 2, or WebGL 1 where there is none; the browser hands the same one back.
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.alpha = false;
    attrs.depth = false;
    attrs.stencil = false;
    attrs.antialias = false;  // ImGui anti-aliases its own shapes
    attrs.premultipliedAlpha = true;
    attrs.preserveDrawingBuffer = false;
    attrs.powerPreference = EM_WEBGL_POWER_PREFERENCE_LOW_POWER;
    // ImGui's renderer needs plain WebGL 2. Enabling every extension the browser offers (the
    // default) asks the GPU process for each one, synchronously, at start-up.
    attrs.enableExtensionsByDefault = false;
    context_ = emscripten_webgl_create_context(kSelector, &attrs);
    if (context_ <= 0) {
        attrs.majorVersion = 1;
        context_ = emscripten_webgl_create_context(kSelector, &attrs);
    }
    if (context_ <= 0) return 0;
    if (emscripten_webgl_make_context_current(context_) != EMSCRIPTEN_RESULT_SUCCESS) return 0;
    // WebGL 1: ImGui's ES2 renderer uses vertex array objects, an extension there.
    if (attrs.majorVersion == 1 && !emscripten_webgl_enable_OES_vertex_array_object(context_))
        return 0;
    return attrs.majorVersion;
}

void CanvasSurface::watch_size(std::function<void()> changed) {
    changed_ = std::move(changed);
    emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, &changed_, false, &on_resize);
    sb_canvas_watch_pixel_ratio(&on_pixel_ratio, &changed_);
}

CanvasSurface::Change CanvasSurface::update_size() {
    double w = 0, h = 0;
    emscripten_get_element_css_size(kSelector, &w, &h);
    const float ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
    const int pw = static_cast<int>(std::lround(w * ratio));
    const int ph = static_cast<int>(std::lround(h * ratio));
    Change change;
    if (pw != pixel_width_ || ph != pixel_height_) {
        emscripten_set_canvas_element_size(kSelector, pw, ph);
        pixel_width_ = pw;
        pixel_height_ = ph;
        change.resized = true;
    }
    css_width_ = static_cast<float>(w);
    css_height_ = static_cast<float>(h);
    change.ratio_changed = ratio != pixel_ratio_;
    pixel_ratio_ = ratio;
    return change;
}

}  // namespace sb::web
