// What the UI itself remembers between frames (not the client store): the selected tab and row,
// text being typed, which dialog is open, focus requests. One struct the views share.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>

#include "client/console_store.h"

namespace sb::ui {

struct UiState {
    // login
    std::string login_user;
    std::string login_password;
    bool focus_login = true;

    // top bar
    std::string search_text;
    bool focus_search = false;

    // lists
    sb::client::Tab tab = sb::client::Tab::pending;
    int selected_row = -1;  // keyboard selection in the shown list
    bool scroll_to_selected = false;

    // chat window
    std::unordered_map<sb::client::Id, std::string> composer;  // draft per chat
    bool compose_note = false;
    bool focus_composer = false;
    sb::client::Id confirm_delete = 0;  // chat awaiting delete confirmation
    bool show_contact_panel = true;

    // canned replies: the "/" picker (chat_window.cpp) and the dialog's form (dialogs.cpp)
    int canned_selected = 0;            // the picker's selected row
    std::string canned_dismissed;       // the composer text whose picker Esc closed
    bool canned_form = false;           // the Add/Edit form is shown
    sb::client::Id canned_form_id = 0;  // the reply being edited; 0: a new one
    std::string canned_shortcut;
    std::string canned_body;
    bool canned_shared = false;
    int canned_submitted = -1;  // console's change count when Save was pressed; -1: not saving
    sb::client::Id canned_confirm_delete = 0;
    bool focus_canned = false;

    // transfer dialog
    std::string transfer_query;
    std::optional<sb::client::Id> transfer_staff;
    std::optional<sb::client::Id> transfer_queue;
    bool focus_transfer = false;

    std::string to_json() const;  // for window.switchboard.state().ui
};

}  // namespace sb::ui
