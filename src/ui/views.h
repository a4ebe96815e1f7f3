// The console's views, one function each, drawn by App in this order every frame. Each view
// reads the Console (client store + state) and emits intents; none does I/O itself.
//   login_view.cpp      the login screen
//   top_bar.cpp         search, connection state, presence, Sign, logout
//   inbox_view.cpp      tabs with counts, the virtualized chat lists, search results
//   chat_window.cpp     toolbar, history, composer, contact panel, canned replies (one file
//                       each: chat_window.cpp has the index)
//   dialogs.cpp         transfer dialog, delete confirmation, notices and the Undo toast
//   admin_view.cpp      the Admin screen (instead of inbox and chat): staff, queues and
//                       membership, tokens, settings, audit, and their confirmations
#pragma once

#include "client/console.h"
#include "client/platform.h"
#include "ui/ui_state.h"

namespace sb::ui {

struct ViewContext {
    sb::client::Console& console;
    UiState& ui;
    sb::client::Platform& platform;
    double now = 0;         // platform seconds, for this frame
    double wake_after = 0;  // seconds until a visible timer changes (0: none); views lower it
    void wake_in(double seconds) {
        if (seconds > 0 && (wake_after == 0 || seconds < wake_after)) wake_after = seconds;
    }
};

void draw_login(ViewContext& v);
void draw_top_bar(ViewContext& v);
void draw_inbox(ViewContext& v);
void draw_chat_window(ViewContext& v);
void draw_dialogs(ViewContext& v);
void draw_admin(ViewContext& v);
// Shows the Admin screen (true) or the inbox; the console follows admin events only while shown.
void show_admin(ViewContext& v, bool admin);
// The Admin screen's Audit tab, filtered by one chat (a system line's link).
void show_audit_of_chat(ViewContext& v, sb::client::Id chat_id);
void handle_shortcuts(ViewContext& v);

// The ids of the list the inbox shows now (a tab's list or the search results).
const std::vector<sb::client::Id>& shown_list(const ViewContext& v);

}  // namespace sb::ui
