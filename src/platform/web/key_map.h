// Browser KeyboardEvent.key / .code to ImGuiKey. Named keys come from `key`; letters and digits
// from `key` when it is ASCII (so AZERTY's Ctrl+Z is Z) and from `code` otherwise (so Ctrl+K still
// works with a Cyrillic or Greek layout); punctuation and the keypad from `code`.
#pragma once

#include <imgui.h>

namespace sb::web {

ImGuiKey imgui_key_from_browser(const char* key, const char* code, unsigned long location);

}  // namespace sb::web
