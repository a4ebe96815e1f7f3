// What the UI itself remembers between frames (not the client store): the selected tab and row,
// text being typed, which dialog is open, focus requests. One struct the views share.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "client/admin_state.h"
#include "client/console_store.h"
#include "client/view_models.h"

namespace sb::ui {

// The measured history of the open chat (chat_history.cpp), rebuilt only when it changes.
struct HistoryLayout {
    sb::client::Id chat_id = 0;  // 0: none; the next open starts at the bottom
    size_t message_count = 0;
    sb::client::Id first_id = 0, last_id = 0;
    size_t unsent = 0;  // unsent replies shown (Console::unsent_for)
    float width = 0;
    std::vector<sb::client::HistoryLine> lines;  // message lines, then unsent ones
    size_t message_lines = 0;                    // how many of `lines` come from messages
    std::vector<float> tops;                     // y of each line; tops.back() is the total height
    float prev_total = 0;
    sb::client::Id prev_first_id = 0;
    bool scroll_to_bottom = true;
};

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
    bool composer_active = false;  // last frame's: the picker's keys are the composer's
    HistoryLayout history;

    // canned replies: the "/" picker (chat_window.cpp) and the dialog's form (dialogs.cpp)
    int canned_selected = 0;            // the picker's selected row
    bool canned_follow = false;         // the selection moved by key: scroll it into view
    std::string canned_dismissed;       // the composer text whose picker Esc closed
    bool canned_form = false;           // the Add/Edit form is shown
    sb::client::Id canned_form_id = 0;  // the reply being edited; 0: a new one
    std::string canned_shortcut;
    std::string canned_body;
    bool canned_shared = false;
    int canned_submitted = -1;  // console's change count when Save was pressed; -1: not saving
    sb::client::Id canned_confirm_delete = 0;
    bool focus_canned = false;

    // transfer dialog: the picked staff member and queue (the query is the console's:
    // TransferState::query)
    std::optional<sb::client::Id> transfer_staff;
    std::optional<sb::client::Id> transfer_queue;
    bool focus_transfer = false;
    void begin_transfer() {  // the dialog opens: nothing picked, the name field focused
        transfer_staff.reset();
        transfer_queue.reset();
        focus_transfer = true;
    }

    // the Admin screen (admin_view.cpp): which screen, its tab, its forms' fields
    bool admin_screen = false;  // the Admin screen instead of the inbox
    bool landed = false;        // this session's first screen was chosen (admins: Admin)
    std::string admin_tab = "staff";
    int admin_submitted[sb::client::kAdminFormCount] = {-1, -1, -1, -1, -1, -1, -1, -1, -1};
    std::string staff_filter;
    bool staff_form = false;           // the create/edit form is shown
    sb::client::Id staff_form_id = 0;  // the person being edited; 0: a new one
    std::string staff_login, staff_name, staff_password;
    sb::protocol::Role staff_role = sb::protocol::Role::agent;
    std::vector<sb::client::Id> staff_queues;
    sb::client::Id confirm_deactivate = 0;  // the person whose deactivation awaits a yes
    sb::client::Id reset_password_for = 0;  // the person whose new password is being typed
    std::string reset_password;
    std::string queue_new_name;
    sb::client::Id queue_rename_id = 0;  // the queue whose name is being edited
    std::string queue_rename;
    sb::protocol::TokenKind token_kind = sb::protocol::TokenKind::display;
    std::string token_label;
    int token_expires_days = 0;  // 0: never
    sb::client::Id confirm_revoke = 0;
    sb::client::Id webhook_for = 0;  // the integration token whose webhook dialog is open
    std::string webhook_url;
    bool webhook_confirm_remove = false;  // Remove was clicked: the dialog asks first
    bool settings_loaded = false;         // the fields below hold the server's settings (or edits)
    sb::protocol::Thresholds thresholds;
    std::string time_zone;
    sb::client::Id audit_staff = 0;  // 0: anyone
    std::string audit_chat, audit_action;

    std::string to_json() const;  // for window.switchboard.state().ui
};

}  // namespace sb::ui
