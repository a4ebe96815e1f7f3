// See touch_input.h.
#include "platform/web/touch_input.h"

#include <imgui.h>

#include <cmath>

#include "platform/web/frame_scheduler.h"

namespace sb::web {
namespace {

constexpr const char* kCanvas = "#canvas";

// Pixels one wheel unit scrolls a window vertically: ImGui uses 5 × the font size (see
// ImGui::UpdateMouseWheel), in CSS pixels since fonts are scaled back by FontGlobalScale.
float pixels_per_wheel_unit() {
    const ImGuiIO& io = ImGui::GetIO();
    const float font =
        io.Fonts->Fonts.empty() ? 0.0f : io.Fonts->Fonts[0]->FontSize * io.FontGlobalScale;
    return 5.0f * (font > 0 ? font : 16.0f);
}

}  // namespace

void TouchInput::install() {
    emscripten_set_touchstart_callback(kCanvas, this, true, &TouchInput::on_touch);
    emscripten_set_touchmove_callback(kCanvas, this, true, &TouchInput::on_touch);
    emscripten_set_touchend_callback(kCanvas, this, true, &TouchInput::on_touch);
    emscripten_set_touchcancel_callback(kCanvas, this, true, &TouchInput::on_touch);
}

EM_BOOL TouchInput::on_touch(int type, const EmscriptenTouchEvent* e, void* user) {
    auto* self = static_cast<TouchInput*>(user);
    for (int i = 0; i < e->numTouches; ++i) {
        const EmscriptenTouchPoint& t = e->touches[i];
        if (!t.isChanged) continue;
        // The canvas covers the window from (0,0), so client coordinates are canvas CSS pixels.
        const auto x = static_cast<float>(t.clientX), y = static_cast<float>(t.clientY);
        if (type == EMSCRIPTEN_EVENT_TOUCHSTART) {
            if (self->finger_ == -1) {
                self->finger_ = t.identifier;
                self->start(x, y);
            }
            continue;
        }
        if (t.identifier != self->finger_) continue;
        if (type == EMSCRIPTEN_EVENT_TOUCHMOVE) {
            self->move(x, y);
        } else {
            self->end(type == EMSCRIPTEN_EVENT_TOUCHCANCEL);
        }
    }
    return true;  // no browser gestures, no emulated mouse events
}

void TouchInput::start(float x, float y) {
    start_x_ = x;
    start_y_ = y;
    last_y_ = y;
    dragging_ = false;
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    io.AddMousePosEvent(x, y);  // what is under the finger: the window the drag will scroll
    frames_.request_settle();
}

void TouchInput::move(float x, float y) {
    if (!dragging_) {
        if (std::hypot(x - start_x_, y - start_y_) < kTapSlop) return;
        dragging_ = true;  // from here the content follows the finger from where it touched
    }
    const float dy = y - last_y_;
    last_y_ = y;
    if (dy == 0) return;
    // Finger down = content down = scrolling up = a positive wheel.
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    io.AddMouseWheelEvent(0.0f, dy / pixels_per_wheel_unit());
    frames_.request_settle();
}

void TouchInput::end(bool cancelled) {
    finger_ = -1;
    if (cancelled || dragging_) {
        frames_.request_settle();
        return;
    }
    // A tap: press and release where the finger touched, drawn now (inside the browser event)
    // so that what a click may do (open a link, focus the text field for the on-screen
    // keyboard) is allowed.
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    io.AddMousePosEvent(start_x_, start_y_);
    io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
    io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
    frames_.draw_now();
    frames_.request_settle();
}

}  // namespace sb::web
