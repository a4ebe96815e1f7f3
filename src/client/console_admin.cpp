// Console, the Admin screen (issue 14): the lists of GET /admin/* (staff and queues for
// supervisors and admins; tokens and settings for admins; the audit log for both), every change
// the screen makes, and the events it follows while open. A refusal lands in the FormState of
// the form that asked (beside the field the server names, else at the top); a 401 ends the
// session like any other call. See console.cpp for the index.
#include <algorithm>

#include "client/console.h"
#include "client/console_internal.h"
#include "protocol/validate.h"

namespace sb::client {

using namespace console_detail;

namespace {

constexpr double kQueuesReloadDelay = 1.0;  // chats moving: pending counts at most once a second

bool by_name(const std::string& a_name, Id a_id, const std::string& b_name, Id b_id) {
    if (a_name != b_name) return a_name < b_name;
    return a_id < b_id;
}

void upsert_staff_sorted(std::vector<protocol::Staff>& list, const protocol::Staff& s) {
    std::erase_if(list, [&](const protocol::Staff& x) { return x.id == s.id; });
    auto at = std::find_if(list.begin(), list.end(), [&](const protocol::Staff& x) {
        return by_name(s.name, s.id, x.name, x.id);
    });
    list.insert(at, s);
}

void upsert_queue_sorted(std::vector<protocol::QueueInfo>& list, const protocol::QueueInfo& q) {
    std::erase_if(list, [&](const protocol::QueueInfo& x) { return x.id == q.id; });
    auto at = std::find_if(list.begin(), list.end(), [&](const protocol::QueueInfo& x) {
        return by_name(q.name, q.id, x.name, x.id);
    });
    list.insert(at, q);
}

// The checks the server makes that the console can make first (protocol/validate.h): the first
// failing one is the form's error, beside its field, and nothing is sent.
struct Check {
    const char* field;
    std::optional<std::string> error;
};

bool refused(FormState& form, std::initializer_list<Check> checks) {
    for (const Check& c : checks) {
        if (!c.error) continue;
        form.error.clear();
        form.field = c.field;
        form.field_error = *c.error;
        return true;
    }
    return false;
}

// A form's request may go: not while its last one is answered, nor when a check refuses it (the
// refusal is then the form's error). True marks the form saving; the answer ends it
// (admin_answered).
bool start_request(FormState& form, std::initializer_list<Check> checks) {
    if (form.saving || refused(form, checks)) return false;
    form.saving = true;
    return true;
}

std::optional<std::string> check_thresholds(const protocol::Thresholds& t) {
    const std::pair<std::int64_t, std::int64_t> pairs[] = {
        {t.wait_amber_seconds, t.wait_red_seconds},
        {t.pending_amber, t.pending_red},
        {t.first_response_amber_seconds, t.first_response_red_seconds}};
    for (const auto& [amber, red] : pairs) {
        if (amber < 0 || red < 0) return "thresholds: a threshold cannot be negative";
        if (amber > red) return "thresholds: amber must not be above red";
    }
    return std::nullopt;
}

}  // namespace

void Console::open_admin() {
    if (session_ != Session::logged_in || !may_open_admin()) return;
    admin_.open = true;
    reload_admin();
}

void Console::open_audit_of_chat(Id chat_id) {
    AuditQuery q;
    q.chat_id = chat_id;
    if (admin_.open) return load_audit(q);
    admin_.audit_query = q;  // open_admin reads the log with it
    open_admin();
}

void Console::close_admin() {
    admin_.open = false;
    admin_.queues_reload_at = 0;
    admin_.watching_counts = false;
    changed();
}

void Console::reload_admin() {
    if (session_ != Session::logged_in || !may_open_admin()) return;
    admin_.loading = true;
    admin_.load_error.clear();
    auto load_failed = [this](const ApiError& e, const char* what) {
        if (e.status == 401) return fail(e, what);
        admin_.load_error = std::string(what) + ": " + e.message;
        changed();
    };
    api_.admin_staff([this, load_failed](ApiResult<protocol::StaffList> r) {
        admin_.loading = false;
        if (auto* e = error_of(r)) return load_failed(*e, "Staff were not loaded");
        admin_.staff.clear();
        for (const auto& s : std::get<protocol::StaffList>(r).staff)
            upsert_staff_sorted(admin_.staff, s);
        changed();
    });
    reload_admin_queues();
    if (is_admin()) {
        api_.tokens([this, load_failed](ApiResult<protocol::TokenList> r) {
            if (auto* e = error_of(r)) return load_failed(*e, "Tokens were not loaded");
            admin_.tokens = std::move(std::get<protocol::TokenList>(r).tokens);
            changed();
        });
        api_.settings([this, load_failed](ApiResult<protocol::AdminSettings> r) {
            if (auto* e = error_of(r)) return load_failed(*e, "Settings were not loaded");
            admin_.settings = std::get<protocol::AdminSettings>(r);
            changed();
        });
    }
    load_audit(admin_.audit_query);
    changed();
}

void Console::reload_admin_queues() {
    admin_.queues_reload_at = 0;
    api_.admin_queues([this](ApiResult<protocol::QueueInfoList> r) {
        if (auto* e = error_of(r)) {
            if (e->status == 401) return fail(*e, "Queues were not loaded");
            admin_.load_error = "Queues were not loaded: " + e->message;
            return changed();
        }
        admin_.queues.clear();
        for (const auto& q : std::get<protocol::QueueInfoList>(r).queues)
            upsert_queue_sorted(admin_.queues, q);
        changed();
    });
}

void Console::admin_answered(AdminForm which, const ApiError* error) {
    FormState& form = admin_.form(which);
    form.saving = false;
    form.error.clear();
    form.field.clear();
    form.field_error.clear();
    if (error) {
        if (error->status == 401) return fail(*error, "Administration");
        if (error->field && !error->field->empty()) {
            form.field = *error->field;
            form.field_error = error->message;
        } else {
            form.error = error->message;
        }
        return changed();
    }
    ++form.changes;
    changed();
}

void Console::clear_form_error(AdminForm which) {
    FormState& form = admin_.form(which);
    if (!form.has_error()) return;
    form.error.clear();
    form.field.clear();
    form.field_error.clear();
    changed();
}

// ---- staff ---------------------------------------------------------------------------------

void Console::create_staff(const protocol::StaffCreateRequest& request) {
    FormState& form = admin_.form(AdminForm::staff);
    if (!start_request(form, {{"login", protocol::check_name("login", request.login)},
                              {"name", protocol::check_name("name", request.name)},
                              {"password", protocol::check_new_password(request.password)}}))
        return changed();
    api_.create_staff(request, [this](ApiResult<protocol::Staff> r) {
        if (auto* s = std::get_if<protocol::Staff>(&r)) {
            upsert_staff_sorted(admin_.staff, *s);
            store_.upsert_staff(*s);
            // The new member's queues list them too (the event may come later).
            for (auto& q : admin_.queues)
                if (std::find(s->queues.begin(), s->queues.end(), q.id) != s->queues.end() &&
                    std::find(q.members.begin(), q.members.end(), s->id) == q.members.end())
                    q.members.push_back(s->id);
        }
        admin_answered(AdminForm::staff, error_of(r));
    });
    changed();
}

void Console::patch_staff(Id id, const protocol::StaffPatchRequest& patch, AdminForm which) {
    FormState& form = admin_.form(which);
    if (!start_request(
            form, {{"name", patch.name ? protocol::check_name("name", *patch.name) : std::nullopt},
                   {"password", patch.password ? protocol::check_new_password(*patch.password)
                                               : std::nullopt}}))
        return changed();
    api_.patch_staff(id, patch, [this, which](ApiResult<protocol::Staff> r) {
        if (auto* s = std::get_if<protocol::Staff>(&r)) {
            upsert_staff_sorted(admin_.staff, *s);
            store_.upsert_staff(*s);
        }
        admin_answered(which, error_of(r));
    });
    changed();
}

// ---- queues and membership -----------------------------------------------------------------

void Console::create_queue(const std::string& name) {
    FormState& form = admin_.form(AdminForm::queue);
    if (!start_request(form, {{"name", protocol::check_name("name", name)}})) return changed();
    api_.create_queue({name}, [this](ApiResult<protocol::QueueInfo> r) {
        if (auto* q = std::get_if<protocol::QueueInfo>(&r)) {
            upsert_queue_sorted(admin_.queues, *q);
            store_.apply_queue(*q);
        }
        admin_answered(AdminForm::queue, error_of(r));
    });
    changed();
}

void Console::patch_queue(Id id, const protocol::QueuePatchRequest& patch, AdminForm which) {
    FormState& form = admin_.form(which);
    if (!start_request(form, {{"name", patch.name ? protocol::check_name("name", *patch.name)
                                                  : std::nullopt}}))
        return changed();
    api_.patch_queue(id, patch, [this, which](ApiResult<protocol::QueueInfo> r) {
        if (auto* q = std::get_if<protocol::QueueInfo>(&r)) {
            upsert_queue_sorted(admin_.queues, *q);
            store_.apply_queue(*q);
        }
        admin_answered(which, error_of(r));
    });
    changed();
}

void Console::set_member(Id queue_id, Id staff_id, bool member) {
    FormState& form = admin_.form(AdminForm::queues);
    if (!start_request(form, {})) return;
    api_.set_member(queue_id, staff_id, member,
                    [this, queue_id, staff_id, member](ApiResult<Ok> r) {
                        if (!error_of(r)) {
                            // What the server now holds; staff.updated confirms it for every
                            // console.
                            for (auto& q : admin_.queues) {
                                if (q.id != queue_id) continue;
                                std::erase(q.members, staff_id);
                                if (member) {
                                    q.members.push_back(staff_id);
                                    std::sort(q.members.begin(), q.members.end());
                                }
                            }
                            for (auto& s : admin_.staff) {
                                if (s.id != staff_id) continue;
                                std::erase(s.queues, queue_id);
                                if (member) {
                                    s.queues.push_back(queue_id);
                                    std::sort(s.queues.begin(), s.queues.end());
                                }
                            }
                        }
                        admin_answered(AdminForm::queues, error_of(r));
                    });
    changed();
}

// ---- tokens --------------------------------------------------------------------------------

void Console::create_token(const protocol::TokenCreateRequest& request) {
    FormState& form = admin_.form(AdminForm::token);
    const bool long_label = protocol::utf8_length(request.label) > protocol::kMaxNameChars;
    if (!start_request(
            form,
            {{"label", long_label ? std::optional<std::string>("label: at most 200 characters")
                                  : std::nullopt}}))
        return changed();
    api_.create_token(request, [this](ApiResult<protocol::TokenCreated> r) {
        if (auto* t = std::get_if<protocol::TokenCreated>(&r)) {
            admin_.new_token = *t;
            std::erase_if(admin_.tokens,
                          [&](const protocol::TokenInfo& x) { return x.id == t->info.id; });
            admin_.tokens.insert(admin_.tokens.begin(), t->info);
        }
        admin_answered(AdminForm::token, error_of(r));
    });
    changed();
}

void Console::dismiss_new_token() {
    admin_.new_token.reset();
    changed();
}

void Console::revoke_token(Id id) {
    FormState& form = admin_.form(AdminForm::tokens);
    if (!start_request(form, {})) return;
    api_.revoke_token(id, [this, id](ApiResult<Ok> r) {
        if (!error_of(r) || error_of(r)->status == 404) {  // 404: gone already
            std::erase_if(admin_.tokens, [id](const protocol::TokenInfo& t) { return t.id == id; });
            if (admin_.new_token && admin_.new_token->info.id == id) admin_.new_token.reset();
            return admin_answered(AdminForm::tokens, nullptr);
        }
        admin_answered(AdminForm::tokens, error_of(r));
    });
    changed();
}

void Console::set_webhook(Id token_id, const std::string& url) {
    FormState& form = admin_.form(AdminForm::webhook);
    if (!start_request(form,
                       {{"url", url.empty() ? std::optional<std::string>(
                                                  "url: enter the address replies are sent to, "
                                                  "e.g. https://crm.example.com/switchboard")
                                            : std::nullopt}}))
        return changed();
    admin_.new_webhook_secret.reset();
    api_.set_webhook(token_id, url, [this, token_id, url](ApiResult<protocol::WebhookSecret> r) {
        if (auto* s = std::get_if<protocol::WebhookSecret>(&r)) {
            admin_.new_webhook_secret = s->secret;
            admin_.webhook_token = token_id;
            for (auto& t : admin_.tokens)
                if (t.id == token_id) t.webhook = protocol::WebhookInfo{url, {}, {}, {}};
        }
        admin_answered(AdminForm::webhook, error_of(r));
    });
    changed();
}

void Console::remove_webhook(Id token_id) {
    FormState& form = admin_.form(AdminForm::webhook);
    if (!start_request(form, {})) return;
    api_.remove_webhook(token_id, [this, token_id](ApiResult<Ok> r) {
        if (!error_of(r))
            for (auto& t : admin_.tokens)
                if (t.id == token_id) t.webhook.reset();
        admin_answered(AdminForm::webhook, error_of(r));
    });
    changed();
}

void Console::dismiss_webhook_secret() {
    admin_.new_webhook_secret.reset();
    admin_.webhook_token = 0;
    changed();
}

// ---- settings ------------------------------------------------------------------------------

void Console::save_settings(const protocol::SettingsPatch& patch) {
    FormState& form = admin_.form(AdminForm::settings);
    const bool no_zone = patch.time_zone && patch.time_zone->empty();
    if (!start_request(
            form,
            {{"thresholds", patch.thresholds ? check_thresholds(*patch.thresholds) : std::nullopt},
             {"time_zone", no_zone
                               ? std::optional<std::string>("time_zone: enter an IANA name, e.g. "
                                                            "Europe/Berlin")
                               : std::nullopt}}))
        return changed();
    api_.patch_settings(patch, [this](ApiResult<protocol::AdminSettings> r) {
        if (auto* s = std::get_if<protocol::AdminSettings>(&r)) admin_.settings = *s;
        admin_answered(AdminForm::settings, error_of(r));
    });
    changed();
}

// ---- audit ---------------------------------------------------------------------------------

void Console::load_audit(const AuditQuery& query) {
    admin_.audit_query = query;
    admin_.audit_query.cursor.reset();
    admin_.audit.clear();
    admin_.audit_next.reset();
    admin_.audit_loading = true;
    // Answers of an older filter are dropped: only the latest query's pages are kept.
    const AuditQuery asked = admin_.audit_query;
    api_.audit(asked, [this, asked](ApiResult<protocol::AuditPage> r) {
        if (asked.staff_id != admin_.audit_query.staff_id ||
            asked.chat_id != admin_.audit_query.chat_id ||
            asked.action != admin_.audit_query.action)
            return;
        admin_.audit_loading = false;
        if (auto* p = std::get_if<protocol::AuditPage>(&r)) {
            admin_.audit = std::move(p->items);
            admin_.audit_next = p->next_cursor;
        }
        admin_answered(AdminForm::audit, error_of(r));
    });
    changed();
}

void Console::load_more_audit() {
    if (admin_.audit_loading || !admin_.audit_next) return;
    AuditQuery asked = admin_.audit_query;
    asked.cursor = admin_.audit_next;
    admin_.audit_loading = true;
    api_.audit(asked, [this, asked](ApiResult<protocol::AuditPage> r) {
        if (asked.staff_id != admin_.audit_query.staff_id ||
            asked.chat_id != admin_.audit_query.chat_id ||
            asked.action != admin_.audit_query.action)
            return;
        admin_.audit_loading = false;
        if (auto* p = std::get_if<protocol::AuditPage>(&r)) {
            for (auto& item : p->items) admin_.audit.push_back(std::move(item));
            admin_.audit_next = p->next_cursor;
        }
        admin_answered(AdminForm::audit, error_of(r));
    });
    changed();
}

// ---- events and timers ---------------------------------------------------------------------

void Console::admin_event(const protocol::Event& event) {
    if (!admin_.open) return;
    using protocol::EventType;
    if (event.staff) {
        if (event.type == EventType::presence_changed) {
            for (auto& s : admin_.staff)
                if (s.id == event.staff->id) s.presence = event.staff->presence;
        } else {
            upsert_staff_sorted(admin_.staff, *event.staff);
        }
    }
    if (event.queue_info) upsert_queue_sorted(admin_.queues, *event.queue_info);
    // A chat came, was taken or moved: the pending counts change, read again shortly (several
    // events in a burst make one request).
    const double soon = now() + kQueuesReloadDelay;
    if (event.chat && (admin_.queues_reload_at == 0 || admin_.queues_reload_at > soon))
        admin_.queues_reload_at = soon;
}

void Console::admin_tick() {
    if (admin_.open && admin_.queues_reload_at != 0 && now() >= admin_.queues_reload_at) {
        reload_admin_queues();
        if (admin_.watching_counts) admin_.queues_reload_at = now() + kPendingPollSeconds;
    }
}

void Console::watch_pending_counts(bool on) {
    if (on == admin_.watching_counts) return;
    admin_.watching_counts = on;
    if (on &&
        (admin_.queues_reload_at == 0 || admin_.queues_reload_at > now() + kPendingPollSeconds))
        admin_.queues_reload_at = now() + kPendingPollSeconds;
}

// ---- the end of a session the server decided -----------------------------------------------

// The event socket closed with a reason the server gives when a session ends (docs/api.md,
// "Administration"): back to the login screen at once, saying why.
void Console::on_server_close(const std::string& reason) {
    if (session_ != Session::logged_in) return;
    if (reason == "deactivated")
        return end_session("Your session has ended: your account was deactivated.");
    if (reason == "password changed")
        return end_session("Your session has ended: your password was changed.");
    if (reason == "revoked") return end_session("Your session has ended: it was revoked.");
    if (reason == "session expired")
        return end_session("Your session has ended: it expired. Please log in again.");
}

}  // namespace sb::client
