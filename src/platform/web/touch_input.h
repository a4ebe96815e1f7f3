// Touch screens (tablets): a finger dragged over the canvas scrolls what is under it (the chat
// lists, the chat history), and a touch that ends where it started is a click there. ImGui has
// no touch scrolling of its own, so the drag becomes mouse-wheel events sized to move the content
// with the finger; the mouse stays where the touch began, so the window under it keeps scrolling
// (ImGui locks the wheel to it). Only the first finger counts. Touch events are taken from the
// browser (preventDefault), so it sends no mouse events of its own for a tap: one click, not two.
#pragma once

#include <emscripten/html5.h>

namespace sb::web {

class FrameScheduler;

class TouchInput {
  public:
    explicit TouchInput(FrameScheduler& frames) : frames_(frames) {}
    // Registers the touch callbacks on the canvas.
    void install();

    // A finger that moved less than this (CSS px) from where it touched is a tap.
    static constexpr float kTapSlop = 10.0f;

  private:
    static EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void* self);
    void start(float x, float y);
    void move(float x, float y);
    void end(bool cancelled);

    FrameScheduler& frames_;
    long finger_ = -1;  // identifier of the touch being followed; -1: none
    float start_x_ = 0, start_y_ = 0;
    float last_y_ = 0;
    bool dragging_ = false;
};

}  // namespace sb::web
