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

    // transfer dialog
    std::string transfer_query;
    std::optional<sb::client::Id> transfer_staff;
    std::optional<sb::client::Id> transfer_queue;
    bool focus_transfer = false;

    std::string to_json() const;  // for window.switchboard.state().ui
};

}  // namespace sb::ui
