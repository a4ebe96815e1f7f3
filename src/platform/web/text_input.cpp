// See text_input.h. The JavaScript half lives here too, next to the C++ it talks to.
#include "platform/web/text_input.h"

#include <emscripten/emscripten.h>
#include <imgui.h>

#include "platform/web/frame_scheduler.h"
#include "ui/text_run.h"

// text_input.js
extern "C" void sb_text_install();
extern "C" void sb_text_place(int visible, float x, float y, float line_height);
extern "C" void sb_text_clipboard_write(const char* utf8);

namespace sb::web {
namespace {

TextInput* g_text_input = nullptr;

void set_ime_data(ImGuiViewport*, ImGuiPlatformImeData* data) {
    sb_text_place(data->WantVisible, data->InputPos.x, data->InputPos.y, data->InputLineHeight);
}

const char* get_clipboard(void* user) {
    return static_cast<std::string*>(user)->c_str();
}

void set_clipboard(void* user, const char* text) {
    *static_cast<std::string*>(user) = text;
    sb_text_clipboard_write(text);
}

}  // namespace

TextInput::TextInput(FrameScheduler& frames) : frames_(frames) {}

void TextInput::install() {
    g_text_input = this;
    sb_text_install();
    ImGuiIO& io = ImGui::GetIO();
    io.ClipboardUserData = &clipboard_;
    io.GetClipboardTextFn = &get_clipboard;
    io.SetClipboardTextFn = &set_clipboard;
    io.SetPlatformImeDataFn = &set_ime_data;
}

void TextInput::on_text(const char* utf8) {
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
    frames_.apply_input();  // see FrameScheduler::apply_input
    frames_.request_settle();
}

void TextInput::on_preedit(const char* utf8) {
    sb::ui::text::set_preedit(utf8);
    frames_.request_settle();
}

void TextInput::on_paste(const char* utf8) {
    clipboard_ = utf8;
    // Replay the shortcut ImGui pastes on. Ctrl is normally held already (a real Ctrl+V); after a
    // context-menu paste it is not, so press it for the occasion.
    ImGuiIO& io = ImGui::GetIO();
    const ImGuiKey mod = io.ConfigMacOSXBehaviors ? ImGuiMod_Super : ImGuiMod_Ctrl;
    const bool held = io.ConfigMacOSXBehaviors ? io.KeySuper : io.KeyCtrl;
    if (!held) io.AddKeyEvent(mod, true);
    io.AddKeyEvent(ImGuiKey_V, true);
    io.AddKeyEvent(ImGuiKey_V, false);
    if (!held) io.AddKeyEvent(mod, false);
    frames_.apply_input();
    frames_.request_settle();
}

}  // namespace sb::web

// Entry points for the JavaScript above.
extern "C" {
EMSCRIPTEN_KEEPALIVE void sb_web_text(const char* utf8) {
    if (sb::web::g_text_input) sb::web::g_text_input->on_text(utf8);
}
EMSCRIPTEN_KEEPALIVE void sb_web_preedit(const char* utf8) {
    if (sb::web::g_text_input) sb::web::g_text_input->on_preedit(utf8);
}
EMSCRIPTEN_KEEPALIVE void sb_web_paste(const char* utf8) {
    if (sb::web::g_text_input) sb::web::g_text_input->on_paste(utf8);
}
}
