// What the console knows for the Admin screen (issue 14): the lists of GET /admin/*, the token
// shown once after it was made, the audit pages, and one FormState per form, which holds the
// server's refusal of that form's last request: beside the field error.field names, else at the
// top of the form. Pure data; Console (console_admin.cpp) fills it, src/ui/admin_view.cpp draws it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "client/api.h"
#include "protocol/model.h"

namespace sb::client {

// The forms (and row actions) of the Admin screen, each with its own refusal.
enum class AdminForm {
    staff,     // create / edit a staff member (login, name, role, queues, password)
    account,   // Deactivate / Reactivate and Reset password (confirmation dialogs)
    queue,     // create / rename a queue
    queues,    // archive / unarchive and the membership matrix
    token,     // make a token (kind, label, expiry)
    tokens,    // revoke
    settings,  // thresholds and time zone
    audit,     // the audit filters
    webhook,   // an integration token's webhook URL (set / remove)
};
inline constexpr int kAdminFormCount = 9;

struct FormState {
    bool saving = false;
    std::string error;        // a refusal naming no field of the form (or no answer): top line
    std::string field;        // the request field the refusal names ("login", "name", ...)
    std::string field_error;  // its message
    int changes = 0;          // grows with every request of this form the server accepted
    // The message to draw beside this field ("" when the refusal is not about it).
    const std::string& error_for(std::string_view f) const {
        static const std::string none;
        return f == field ? field_error : none;
    }
    bool has_error() const { return !error.empty() || !field_error.empty(); }
};

struct AdminState {
    bool open = false;  // the Admin screen is shown: its lists follow events
    bool loading = false;
    std::string load_error;                   // a list that could not be read (top of the screen)
    std::vector<protocol::Staff> staff;       // everyone, deactivated too, by name
    std::vector<protocol::QueueInfo> queues;  // archived too, by name
    std::vector<protocol::TokenInfo> tokens;  // newest first (admins only)
    std::optional<protocol::AdminSettings> settings;  // admins only
    std::optional<protocol::TokenCreated> new_token;  // shown once, until dismissed
    // The signing secret of the webhook just set (for token `webhook_token`), shown once.
    std::optional<std::string> new_webhook_secret;
    Id webhook_token = 0;
    // The audit log, newest first: the pages loaded for `audit_query` (its cursor: the next).
    std::vector<protocol::AuditItem> audit;
    AuditQuery audit_query;
    std::optional<std::string> audit_next;
    bool audit_loading = false;
    double queues_reload_at = 0;   // pending counts are read again then (0: none)
    bool watching_counts = false;  // the Queues tab is shown: read them every few seconds
    FormState forms[kAdminFormCount];

    FormState& form(AdminForm f) { return forms[static_cast<int>(f)]; }
    const FormState& form(AdminForm f) const { return forms[static_cast<int>(f)]; }
    const protocol::Staff* staff_by_id(Id id) const {
        for (const auto& s : staff)
            if (s.id == id) return &s;
        return nullptr;
    }
    const protocol::QueueInfo* queue_by_id(Id id) const {
        for (const auto& q : queues)
            if (q.id == id) return &q;
        return nullptr;
    }
};

}  // namespace sb::client
