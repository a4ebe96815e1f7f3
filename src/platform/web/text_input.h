// Text entry and the clipboard, the browser's way.
//  - Typing goes through a hidden <textarea> that is focused and placed at ImGui's text cursor
//    whenever an ImGui text field is active: the browser then handles keyboard layouts, dead keys,
//    IME composition (Chinese, Japanese…) and phone keyboards, and we replay what it produced as
//    ImGui characters. The composition in progress (compositionstart/update) is the preedit,
//    which text fields draw at the caret (sb::ui::text::preedit()). Keys that edit or move
//    (Enter, Backspace, arrows…) come from input.cpp.
//  - Paste: Ctrl+V is never prevented, so the browser fires `paste` with the system clipboard's
//    text; that text becomes ImGui's clipboard and a Ctrl+V is replayed into ImGui.
//  - Copy/cut: input.cpp draws the frame synchronously inside the Ctrl+C keydown, so ImGui's copy
//    happens before the browser's `copy` event, which then carries the text; navigator.clipboard
//    is used as well where the page is a secure context (copy buttons, context menus).
#pragma once

#include <string>

namespace sb::web {

class FrameScheduler;

class TextInput {
  public:
    explicit TextInput(FrameScheduler& frames);
    // Creates the hidden text field and hooks ImGui's clipboard and IME callbacks.
    void install();

    // Called from the browser (see text_input.cpp's exported functions).
    void on_text(const char* utf8);
    void on_preedit(const char* utf8);  // the IME's composition so far ("" when it ends)
    void on_paste(const char* utf8);

  private:
    FrameScheduler& frames_;
    std::string clipboard_;
};

}  // namespace sb::web
