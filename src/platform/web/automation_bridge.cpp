// See automation_bridge.h. The C++ side is three exported functions returning strings or
// numbers; the JavaScript side wraps them with ccall and JSON.parse.
#include "platform/web/automation_bridge.h"

#include <emscripten/emscripten.h>

#include <utility>

#include "ui/automation.h"

// automation_bridge.js
extern "C" void sb_bridge_install();
extern "C" void sb_bridge_mark_ready();

namespace sb::web {
namespace {

AutomationBridge::Sources& sources() {
    static AutomationBridge::Sources s;
    return s;
}

std::string& reply_buffer() {  // keeps a returned string alive until JavaScript has read it
    static std::string s;
    return s;
}

}  // namespace

void AutomationBridge::install(Sources s) {
    sources() = std::move(s);
    sb_bridge_install();
}

void AutomationBridge::mark_ready() {
    sb_bridge_mark_ready();
}

}  // namespace sb::web

extern "C" {
EMSCRIPTEN_KEEPALIVE const char* sb_bridge_items() {
    sb::web::reply_buffer() = sb::ui::automation_items_json();
    return sb::web::reply_buffer().c_str();
}
EMSCRIPTEN_KEEPALIVE const char* sb_bridge_state() {
    const auto& src = sb::web::sources();
    sb::web::reply_buffer() = src.state_json ? src.state_json() : "{}";
    return sb::web::reply_buffer().c_str();
}
EMSCRIPTEN_KEEPALIVE double sb_bridge_frames() {
    const auto& src = sb::web::sources();
    return src.frames ? static_cast<double>(src.frames()) : 0.0;
}
EMSCRIPTEN_KEEPALIVE double sb_bridge_missing_glyphs() {
    const auto& src = sb::web::sources();
    return src.missing_glyphs ? static_cast<double>(src.missing_glyphs()) : 0.0;
}
}
