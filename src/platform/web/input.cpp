// See input.h.
#include "platform/web/input.h"

#include <emscripten/emscripten.h>
#include <imgui.h>

#include <cfloat>
#include <string_view>

#include "platform/web/frame_scheduler.h"
#include "platform/web/key_map.h"

// input.js
extern "C" int sb_input_is_apple();
extern "C" void sb_input_set_cursor(const char* css);
extern "C" void sb_input_focus_canvas();

namespace sb::web {
namespace {

constexpr const char* kCanvas = "#canvas";

void add_modifiers(bool ctrl, bool shift, bool alt, bool meta) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiMod_Ctrl, ctrl);
    io.AddKeyEvent(ImGuiMod_Shift, shift);
    io.AddKeyEvent(ImGuiMod_Alt, alt);
    io.AddKeyEvent(ImGuiMod_Super, meta);
}

int imgui_button(unsigned short dom_button) {
    switch (dom_button) {
        case 0:
            return ImGuiMouseButton_Left;
        case 1:
            return ImGuiMouseButton_Middle;
        case 2:
            return ImGuiMouseButton_Right;
        default:
            return dom_button < ImGuiMouseButton_COUNT ? dom_button : -1;
    }
}

// Keys whose browser default would fight ImGui: moving focus, scrolling, editing the hidden
// field, leaving the page (Backspace used to). Printable keys are never prevented, or the text
// field would not receive the characters.
bool is_navigation_key(ImGuiKey k) {
    switch (k) {
        case ImGuiKey_Tab:
        case ImGuiKey_LeftArrow:
        case ImGuiKey_RightArrow:
        case ImGuiKey_UpArrow:
        case ImGuiKey_DownArrow:
        case ImGuiKey_PageUp:
        case ImGuiKey_PageDown:
        case ImGuiKey_Home:
        case ImGuiKey_End:
        case ImGuiKey_Delete:
        case ImGuiKey_Backspace:
        case ImGuiKey_Enter:
        case ImGuiKey_KeypadEnter:
        case ImGuiKey_Escape:
            return true;
        default:
            return false;
    }
}

// Ctrl/Cmd shortcuts the app uses; the others (zoom, reload, new tab…) stay the browser's.
bool is_app_shortcut(ImGuiKey k) {
    return k == ImGuiKey_A || k == ImGuiKey_Z || k == ImGuiKey_Y || k == ImGuiKey_K ||
           is_navigation_key(k);
}

const char* css_cursor(ImGuiMouseCursor c) {
    switch (c) {
        case ImGuiMouseCursor_None:
            return "none";
        case ImGuiMouseCursor_TextInput:
            return "text";
        case ImGuiMouseCursor_ResizeAll:
            return "move";
        case ImGuiMouseCursor_ResizeNS:
            return "ns-resize";
        case ImGuiMouseCursor_ResizeEW:
            return "ew-resize";
        case ImGuiMouseCursor_ResizeNESW:
            return "nesw-resize";
        case ImGuiMouseCursor_ResizeNWSE:
            return "nwse-resize";
        case ImGuiMouseCursor_Hand:
            return "pointer";
        case ImGuiMouseCursor_NotAllowed:
            return "not-allowed";
        default:
            return "default";
    }
}

}  // namespace

void Input::install() {
    ImGuiIO& io = ImGui::GetIO();
    io.BackendPlatformName = "switchboard_web";
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
    io.ConfigMacOSXBehaviors = sb_input_is_apple() != 0;
    io.ConfigInputTextCursorBlink = false;  // a blinking caret would cost frames while idle
    io.IniFilename = nullptr;               // nothing to persist in MEMFS

    emscripten_set_mousedown_callback(kCanvas, this, true, &Input::on_mouse);
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, this, true, &Input::on_mouse);
    emscripten_set_mousemove_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, this, true, &Input::on_mouse);
    emscripten_set_mouseleave_callback(kCanvas, this, true, &Input::on_mouse);
    emscripten_set_wheel_callback(kCanvas, this, true, &Input::on_wheel);
    emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, this, true, &Input::on_key);
    emscripten_set_keyup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, this, true, &Input::on_key);
    emscripten_set_focus_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, this, false, &Input::on_focus);
    emscripten_set_blur_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, this, false, &Input::on_focus);
    sb_input_focus_canvas();
}

void Input::update_cursor() {
    const ImGuiIO& io = ImGui::GetIO();
    const int wanted = io.MouseDrawCursor ? ImGuiMouseCursor_None : ImGui::GetMouseCursor();
    if (wanted == cursor_) return;
    cursor_ = wanted;
    sb_input_set_cursor(css_cursor(wanted));
}

EM_BOOL Input::on_mouse(int type, const EmscriptenMouseEvent* e, void* user) {
    auto* self = static_cast<Input*>(user);
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
    add_modifiers(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
    if (type == EMSCRIPTEN_EVENT_MOUSELEAVE) {
        if (!ImGui::IsAnyMouseDown()) io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        self->frames_.request_settle();
        return false;
    }
    // The canvas covers the window from (0,0), so client coordinates are canvas CSS pixels.
    io.AddMousePosEvent(static_cast<float>(e->clientX), static_cast<float>(e->clientY));
    if (type == EMSCRIPTEN_EVENT_MOUSEMOVE) {
        self->frames_.request_settle();
        // Hover tooltips appear after a stationary delay: one frame once it has passed.
        self->frames_.request_after(ImGui::GetStyle().HoverDelayNormal + 0.05);
        return false;
    }
    const int button = imgui_button(e->button);
    if (button >= 0) io.AddMouseButtonEvent(button, type == EMSCRIPTEN_EVENT_MOUSEDOWN);
    self->frames_.draw_now();
    self->frames_.request_settle();
    // Preventing mousedown keeps keyboard focus where the app put it (the hidden text field
    // while a text box is active) and stops the browser from starting a selection.
    return type == EMSCRIPTEN_EVENT_MOUSEDOWN;
}

EM_BOOL Input::on_wheel(int, const EmscriptenWheelEvent* e, void* user) {
    if (e->mouse.ctrlKey) return false;  // Ctrl+wheel is the browser's zoom: fonts re-bake
    auto* self = static_cast<Input*>(user);
    // ImGui scrolls about five lines per unit; a mouse notch is ~100 px or 3 lines.
    double unit = 100.0;
    if (e->deltaMode == DOM_DELTA_LINE) unit = 3.0;
    if (e->deltaMode == DOM_DELTA_PAGE) unit = 1.0;
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
    io.AddMousePosEvent(static_cast<float>(e->mouse.clientX), static_cast<float>(e->mouse.clientY));
    io.AddMouseWheelEvent(static_cast<float>(-e->deltaX / unit),
                          static_cast<float>(-e->deltaY / unit));
    self->frames_.request_settle();
    return true;
}

EM_BOOL Input::on_key(int type, const EmscriptenKeyboardEvent* e, void* user) {
    auto* self = static_cast<Input*>(user);
    // keyCode 229: the IME owns this key (composition); the text field reports the result.
    if (e->keyCode == 229 || std::string_view(e->key) == "Process") return false;
    const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
    const ImGuiKey key = imgui_key_from_browser(e->key, e->code, e->location);
    const bool shortcut = (e->ctrlKey || e->metaKey) && !e->altKey;
    ImGuiIO& io = ImGui::GetIO();
    add_modifiers(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
    // Ctrl+V goes to the browser untouched so that `paste` fires (text_input.cpp replays it).
    if (shortcut && key == ImGuiKey_V) {
        self->frames_.request_settle();
        return false;
    }
    if (key != ImGuiKey_None) io.AddKeyEvent(key, down);
    if (down && shortcut && (key == ImGuiKey_C || key == ImGuiKey_X)) {
        self->frames_.draw_now();  // ImGui copies now, before the browser's `copy` event
        self->frames_.request_settle();
        return false;
    }
    self->frames_.apply_input();  // now, not at an animation frame that may come late
    self->frames_.request_settle();
    if (!down || key == ImGuiKey_None) return false;
    if (shortcut) return is_app_shortcut(key);
    if (e->altKey && !e->ctrlKey) return key >= ImGuiKey_A && key <= ImGuiKey_Z;  // Alt+A etc.
    return is_navigation_key(key);
}

EM_BOOL Input::on_focus(int type, const EmscriptenFocusEvent*, void* user) {
    // Losing focus releases every key ImGui thinks is held (their keyup goes elsewhere).
    ImGui::GetIO().AddFocusEvent(type == EMSCRIPTEN_EVENT_FOCUS);
    static_cast<Input*>(user)->frames_.request_settle();
    return false;
}

}  // namespace sb::web
