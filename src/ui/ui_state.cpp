// UiState::to_json: the UI part of window.switchboard.state() (tab, selection, dialogs).
#include "ui/ui_state.h"

namespace sb::ui {

std::string UiState::to_json() const {
    std::string j = "{\"tab\":\"";
    j += sb::client::to_string(tab);
    j += "\",\"selected_row\":" + std::to_string(selected_row);
    j += ",\"confirm_delete\":" + std::to_string(confirm_delete);
    j += ",\"compose_note\":";
    j += compose_note ? "true" : "false";
    j += ",\"canned_selected\":" + std::to_string(canned_selected);
    j += ",\"canned_form\":";
    j += canned_form ? "true" : "false";
    j += ",\"screen\":";
    j += admin_screen ? "\"admin\"" : "\"inbox\"";
    j += ",\"admin_tab\":\"" + admin_tab + "\"";
    j += ",\"staff_form\":";
    j += staff_form ? "true" : "false";
    j += ",\"confirm_deactivate\":" + std::to_string(confirm_deactivate);
    j += ",\"confirm_revoke\":" + std::to_string(confirm_revoke);
    j += ",\"webhook_for\":" + std::to_string(webhook_for);
    return j + "}";
}

}  // namespace sb::ui
