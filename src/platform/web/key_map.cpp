// See key_map.h.
#include "platform/web/key_map.h"

#include <emscripten/html5.h>

#include <iterator>
#include <string_view>

namespace sb::web {
namespace {

struct Name {
    std::string_view name;
    ImGuiKey key;
};

constexpr Name kNamedKeys[] = {
    {"Tab", ImGuiKey_Tab},
    {"ArrowLeft", ImGuiKey_LeftArrow},
    {"ArrowRight", ImGuiKey_RightArrow},
    {"ArrowUp", ImGuiKey_UpArrow},
    {"ArrowDown", ImGuiKey_DownArrow},
    {"PageUp", ImGuiKey_PageUp},
    {"PageDown", ImGuiKey_PageDown},
    {"Home", ImGuiKey_Home},
    {"End", ImGuiKey_End},
    {"Insert", ImGuiKey_Insert},
    {"Delete", ImGuiKey_Delete},
    {"Backspace", ImGuiKey_Backspace},
    {" ", ImGuiKey_Space},
    {"Enter", ImGuiKey_Enter},
    {"Escape", ImGuiKey_Escape},
    {"CapsLock", ImGuiKey_CapsLock},
    {"ScrollLock", ImGuiKey_ScrollLock},
    {"NumLock", ImGuiKey_NumLock},
    {"PrintScreen", ImGuiKey_PrintScreen},
    {"Pause", ImGuiKey_Pause},
    {"ContextMenu", ImGuiKey_Menu},
    {"F1", ImGuiKey_F1},
    {"F2", ImGuiKey_F2},
    {"F3", ImGuiKey_F3},
    {"F4", ImGuiKey_F4},
    {"F5", ImGuiKey_F5},
    {"F6", ImGuiKey_F6},
    {"F7", ImGuiKey_F7},
    {"F8", ImGuiKey_F8},
    {"F9", ImGuiKey_F9},
    {"F10", ImGuiKey_F10},
    {"F11", ImGuiKey_F11},
    {"F12", ImGuiKey_F12},
};

constexpr Name kCodes[] = {
    {"Quote", ImGuiKey_Apostrophe},
    {"Comma", ImGuiKey_Comma},
    {"Minus", ImGuiKey_Minus},
    {"Period", ImGuiKey_Period},
    {"Slash", ImGuiKey_Slash},
    {"Semicolon", ImGuiKey_Semicolon},
    {"Equal", ImGuiKey_Equal},
    {"BracketLeft", ImGuiKey_LeftBracket},
    {"Backslash", ImGuiKey_Backslash},
    {"BracketRight", ImGuiKey_RightBracket},
    {"Backquote", ImGuiKey_GraveAccent},
    {"NumpadDecimal", ImGuiKey_KeypadDecimal},
    {"NumpadDivide", ImGuiKey_KeypadDivide},
    {"NumpadMultiply", ImGuiKey_KeypadMultiply},
    {"NumpadSubtract", ImGuiKey_KeypadSubtract},
    {"NumpadAdd", ImGuiKey_KeypadAdd},
    {"NumpadEnter", ImGuiKey_KeypadEnter},
    {"NumpadEqual", ImGuiKey_KeypadEqual},
};

ImGuiKey find(const Name* table, size_t n, std::string_view s) {
    for (size_t i = 0; i < n; ++i)
        if (table[i].name == s) return table[i].key;
    return ImGuiKey_None;
}

ImGuiKey modifier(std::string_view key, unsigned long location) {
    const bool right = location == DOM_KEY_LOCATION_RIGHT;
    if (key == "Control") return right ? ImGuiKey_RightCtrl : ImGuiKey_LeftCtrl;
    if (key == "Shift") return right ? ImGuiKey_RightShift : ImGuiKey_LeftShift;
    if (key == "Alt" || key == "AltGraph") return right ? ImGuiKey_RightAlt : ImGuiKey_LeftAlt;
    if (key == "Meta" || key == "OS") return right ? ImGuiKey_RightSuper : ImGuiKey_LeftSuper;
    return ImGuiKey_None;
}

ImGuiKey letter_or_digit(char c) {
    if (c >= 'a' && c <= 'z') return static_cast<ImGuiKey>(ImGuiKey_A + (c - 'a'));
    if (c >= 'A' && c <= 'Z') return static_cast<ImGuiKey>(ImGuiKey_A + (c - 'A'));
    if (c >= '0' && c <= '9') return static_cast<ImGuiKey>(ImGuiKey_0 + (c - '0'));
    return ImGuiKey_None;
}

}  // namespace

ImGuiKey imgui_key_from_browser(const char* key_c, const char* code_c, unsigned long location) {
    const std::string_view key(key_c), code(code_c);
    if (ImGuiKey k = modifier(key, location); k != ImGuiKey_None) return k;
    if (ImGuiKey k = find(kNamedKeys, std::size(kNamedKeys), key); k != ImGuiKey_None) return k;
    if (code.starts_with("Numpad") && code.size() == 7 && code[6] >= '0' && code[6] <= '9')
        return static_cast<ImGuiKey>(ImGuiKey_Keypad0 + (code[6] - '0'));
    if (ImGuiKey k = find(kCodes, std::size(kCodes), code); k != ImGuiKey_None) return k;
    if (key.size() == 1)
        if (ImGuiKey k = letter_or_digit(key[0]); k != ImGuiKey_None) return k;
    if (code.size() == 4 && code.starts_with("Key")) return letter_or_digit(code[3]);
    if (code.size() == 6 && code.starts_with("Digit")) return letter_or_digit(code[5]);
    return ImGuiKey_None;
}

}  // namespace sb::web
