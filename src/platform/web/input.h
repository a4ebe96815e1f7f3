// Mouse, wheel, keyboard and focus from the browser (emscripten/html5.h callbacks) into ImGui's
// input queue, in CSS pixels. Each event asks for frames; mouse buttons and the copy shortcuts
// are drawn synchronously, inside the browser event, because window.open, clipboard writes and
// focusing the text field (phones) are only allowed there. Also shows ImGui's mouse cursor.
#pragma once

#include <emscripten/html5.h>

namespace sb::web {

class FrameScheduler;

class Input {
  public:
    explicit Input(FrameScheduler& frames) : frames_(frames) {}
    // Registers the callbacks on the canvas and the window and sets ImGui's io flags.
    void install();
    // After each frame: show ImGui's cursor shape on the canvas.
    void update_cursor();

  private:
    static EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* e, void* self);
    static EM_BOOL on_wheel(int type, const EmscriptenWheelEvent* e, void* self);
    static EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void* self);
    static EM_BOOL on_focus(int type, const EmscriptenFocusEvent* e, void* self);

    FrameScheduler& frames_;
    int cursor_ = -2;  // the ImGuiMouseCursor shown now (-2: none yet)
};

}  // namespace sb::web
