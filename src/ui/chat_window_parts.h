// The parts of the chat window (chat_window.cpp has the index), for its files only.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "ui/views.h"

namespace sb::ui {

// chat_toolbar.cpp
void draw_toolbar(ViewContext& v, const sb::protocol::Chat& chat);

// chat_history.cpp: the history of chat_id in a child window `height` high.
void draw_history(ViewContext& v, sb::client::Id chat_id, float height);

// chat_composer.cpp: typing indicator, composer, Send, Note (not for a deleted chat).
void draw_composer(ViewContext& v, const sb::protocol::Chat& chat);

// canned_picker.cpp: the "/" picker, open while the composer text is a canned query.
struct CannedPicker {
    bool open = false;
    std::vector<const sb::protocol::CannedReply*> matches;
};
CannedPicker canned_picker(const ViewContext& v, const std::string& text);
float picker_height(const CannedPicker& p);  // 0 when closed
// Puts the reply's body in place of the composer text.
void insert_canned(ViewContext& v, std::string& text, const sb::protocol::CannedReply& r);
// The composer's Tab while the picker is open (an InputText callback; UserData: the body).
int insert_on_tab(ImGuiInputTextCallbackData* data);
// Up/Down/Esc while the composer has the keyboard.
void picker_keys(ViewContext& v, const CannedPicker& p, const std::string& text);
void draw_canned_picker(ViewContext& v, const CannedPicker& p, std::string& text);

}  // namespace sb::ui
