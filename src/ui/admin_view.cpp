// The Admin screen (issue 14), in place of the inbox, from the top bar's Admin entry (admins land
// here). Tabs: Staff (table, create/edit form, Deactivate/Reactivate, Reset password), Queues
// (pending counts, create, rename, archive, the membership matrix), Tokens (make one, shown once
// with Copy and the kiosk URL, Revoke), Settings (the kiosk thresholds with a colour preview, the
// time zone) and Audit. Supervisors see Staff and Queues read-only, and Audit. Every refusal is
// drawn where it belongs: beside the field the server named (error.field), else in a line at
// the top of the form. Destructive actions (deactivate, new password, revoke) ask first.
//
// A refusal's text is also a registered item ("message##<form>:error:<field>"), so tests find it
// and where it is drawn.
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "client/kiosk_dashboard.h"
#include "client/view_models.h"
#include "protocol/url.h"
#include "ui/app.h"
#include "ui/automation.h"
#include "ui/icons.h"
#include "ui/kiosk_view.h"
#include "ui/semantics.h"
#include "ui/text_run.h"
#include "ui/theme.h"
#include "ui/views.h"

namespace sb::ui {

using sb::client::AdminForm;
using sb::client::FormState;
using sb::client::Id;
using sb::protocol::Role;

namespace {

constexpr const char* kDeactivatePopup = "Deactivate?###admin:deactivate";
constexpr const char* kResetPopup = "Reset password###admin:reset";
constexpr const char* kRevokePopup = "Revoke token?###admin:revoke";
constexpr const char* kWebhookPopup = "Webhook###admin:webhook";
constexpr float kLabelWidth = 150;

const char* role_label(Role r) {
    switch (r) {
        case Role::supervisor:
            return "Supervisor";
        case Role::admin:
            return "Admin";
        case Role::agent:
            break;
    }
    return "Agent";
}

// Red text, registered as an item so tests (and the bridge) see the message and its place.
void error_text(const std::string& test_id, const std::string& message) {
    if (message.empty()) return;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::PushStyleColor(ImGuiCol_Text, color::kRedText);
    ImGui::TextWrapped("%s %s", kIconWarning, message.c_str());
    ImGui::PopStyleColor();
    const ImVec2 size = ImGui::GetItemRectSize();
    const ImVec2 after = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(at);
    ImGui::InvisibleButton((message + "##" + test_id).c_str(),
                           ImVec2(std::max(size.x, 1.0f), std::max(size.y, 1.0f)));
    ImGui::SetCursorScreenPos(after);
}

// The refusal of `field`, on the same line as the field just drawn.
void field_error(const FormState& f, const char* form_id, const char* field) {
    const std::string& e = f.error_for(field);
    if (e.empty()) return;
    ImGui::SameLine();
    error_text(std::string(form_id) + ":error:" + field, e);
}

// The form's line at the top: a refusal naming no field it draws.
void top_error(const FormState& f, const char* form_id, std::initializer_list<const char*> drawn) {
    std::string message = f.error;
    if (!f.field_error.empty() && std::find_if(drawn.begin(), drawn.end(), [&](const char* d) {
                                      return f.field == d;
                                  }) == drawn.end())
        message = f.field_error;
    if (!message.empty()) error_text(std::string(form_id) + ":error", message);
}

// Remembers the form's count of accepted changes when its request is sent; accepted() is true
// once, when the answer came and was a yes.
void submitted(ViewContext& v, AdminForm f) {
    v.ui.admin_submitted[static_cast<int>(f)] = v.console.admin().form(f).changes;
}
bool accepted(ViewContext& v, AdminForm f) {
    int& at = v.ui.admin_submitted[static_cast<int>(f)];
    const FormState& st = v.console.admin().form(f);
    if (at < 0 || st.saving) return false;
    const bool yes = st.changes != at;
    at = -1;
    return yes;
}

// A refusal stays until what it was about is edited.
void clear_on_edit(ViewContext& v, AdminForm f) {
    if (ImGui::IsItemEdited()) v.console.clear_form_error(f);
}

void label(const char* text) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    ImGui::SameLine(kLabelWidth);
}

// TableHeadersRow, with each header registered for the bridge (ImGui reports none).
void headers_row() {
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < ImGui::TableGetColumnCount(); ++c) {
        if (!ImGui::TableSetColumnIndex(c)) continue;
        const char* name = ImGui::TableGetColumnName(c);
        ImGui::PushID(c);
        ImGui::TableHeader(name);
        register_last_item(name);
        ImGui::PopID();
    }
}

void center_next_window(float width) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.3f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
}

// ---- Staff ---------------------------------------------------------------------------------

void open_staff_form(ViewContext& v, const sb::protocol::Staff* s) {
    v.ui.staff_form = true;
    v.ui.staff_form_id = s ? s->id : 0;
    v.ui.staff_login = s ? s->login : "";
    v.ui.staff_name = s ? s->name : "";
    v.ui.staff_role = s ? s->role : Role::agent;
    v.ui.staff_queues.clear();
    v.ui.staff_password.clear();
    v.console.clear_form_error(AdminForm::staff);
}

void draw_staff_form(ViewContext& v) {
    const auto& admin = v.console.admin();
    const FormState& f = admin.form(AdminForm::staff);
    if (accepted(v, AdminForm::staff)) {
        v.ui.staff_form = false;
        return;
    }
    const bool editing = v.ui.staff_form_id != 0;
    ImGui::SeparatorText(editing ? "Edit staff member" : "New staff member");
    top_error(f, "staff", {"login", "name", "role", "queues", "password"});
    label("Login");
    if (editing) {
        ImGui::TextUnformatted(v.ui.staff_login.c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("(cannot change)");
    } else {
        ImGui::SetNextItemWidth(240);
        ImGui::InputTextWithHint("##staff:login", "e.g. dana", &v.ui.staff_login);
        clear_on_edit(v, AdminForm::staff);
        field_error(f, "staff", "login");
    }
    label("Name");
    ImGui::SetNextItemWidth(240);
    text::input_text("##staff:name", &v.ui.staff_name, 0, "Dana Smith");
    clear_on_edit(v, AdminForm::staff);
    field_error(f, "staff", "name");
    label("Role");
    ImGui::SetNextItemWidth(240);
    if (begin_combo("##staff:role", role_label(v.ui.staff_role))) {
        for (Role r : {Role::agent, Role::supervisor, Role::admin}) {
            const std::string item =
                std::string(role_label(r)) + "##staff:role:" + sb::protocol::to_string(r);
            if (ImGui::Selectable(item.c_str(), v.ui.staff_role == r)) v.ui.staff_role = r;
        }
        ImGui::EndCombo();
    }
    field_error(f, "staff", "role");
    if (!editing) {
        label("Queues");
        bool any = false;
        for (const auto& q : admin.queues) {
            if (q.archived) continue;
            bool in = std::find(v.ui.staff_queues.begin(), v.ui.staff_queues.end(), q.id) !=
                      v.ui.staff_queues.end();
            if (any) ImGui::SameLine();
            any = true;
            if (ImGui::Checkbox((q.name + "##staff:queue#" + std::to_string(q.id)).c_str(), &in)) {
                std::erase(v.ui.staff_queues, q.id);
                if (in) v.ui.staff_queues.push_back(q.id);
            }
        }
        if (!any) ImGui::TextDisabled("No queues yet");
        field_error(f, "staff", "queues");
        label("Password");
        ImGui::SetNextItemWidth(240);
        ImGui::InputTextWithHint("##staff:password", "at least 8 characters", &v.ui.staff_password,
                                 ImGuiInputTextFlags_Password);
        clear_on_edit(v, AdminForm::staff);
        field_error(f, "staff", "password");
    }
    ImGui::BeginDisabled(f.saving);
    if (green_button(f.saving ? "Saving...###staff:save" : "Save###staff:save", ImVec2(110, 0))) {
        submitted(v, AdminForm::staff);
        if (!editing) {
            sb::protocol::StaffCreateRequest req;
            req.login = v.ui.staff_login;
            req.name = v.ui.staff_name;
            req.role = v.ui.staff_role;
            req.queues = v.ui.staff_queues;
            std::sort(req.queues.begin(), req.queues.end());
            req.password = v.ui.staff_password;
            v.console.create_staff(req);
        } else {
            sb::protocol::StaffPatchRequest patch;
            const auto* before = admin.staff_by_id(v.ui.staff_form_id);
            if (!before || before->name != v.ui.staff_name) patch.name = v.ui.staff_name;
            if (!before || before->role != v.ui.staff_role) patch.role = v.ui.staff_role;
            if (patch.name || patch.role)
                v.console.patch_staff(v.ui.staff_form_id, patch, AdminForm::staff);
            else
                v.ui.staff_form = false;  // nothing changed
        }
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel##staff:cancel")) {
        v.ui.staff_form = false;
        v.console.clear_form_error(AdminForm::staff);
    }
    ImGui::Separator();
}

void draw_staff_tab(ViewContext& v) {
    const auto& admin = v.console.admin();
    const bool may_change = v.console.is_admin();
    top_error(admin.form(AdminForm::account), "account", {});
    if (may_change) {
        if (!v.ui.staff_form && ImGui::Button("+ Add staff##staff:add"))
            open_staff_form(v, nullptr);
        ImGui::SameLine();
    }
    ImGui::SetNextItemWidth(std::min(360.0f, ImGui::GetContentRegionAvail().x));
    text::input_text("##staff:filter", &v.ui.staff_filter, 0, "Filter: name, login, role or queue");
    if (!may_change) {
        ImGui::SameLine();
        ImGui::TextDisabled("Read-only: admins change staff.");
    }
    if (v.ui.staff_form && may_change) draw_staff_form(v);

    const int columns = may_change ? 7 : 6;
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##staff:table", columns, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name##staff:sort:name", ImGuiTableColumnFlags_DefaultSort, 1.6f);
    ImGui::TableSetupColumn("Login##staff:sort:login", 0, 1.0f);
    ImGui::TableSetupColumn("Role##staff:sort:role", 0, 0.8f);
    ImGui::TableSetupColumn("Queues##staff:sort:queues", 0, 1.4f);
    ImGui::TableSetupColumn("Presence##staff:sort:presence", 0, 0.8f);
    ImGui::TableSetupColumn("Active##staff:sort:active", 0, 0.6f);
    if (may_change) ImGui::TableSetupColumn("", ImGuiTableColumnFlags_NoSort, 2.6f);
    headers_row();
    auto column = sb::client::StaffColumn::name;
    bool descending = false;
    if (const ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
        specs && specs->SpecsCount > 0) {
        column = static_cast<sb::client::StaffColumn>(specs->Specs[0].ColumnIndex);
        descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
    }
    const auto rows =
        sb::client::staff_rows(admin.staff, admin.queues, v.ui.staff_filter, column, descending);
    const auto& me = v.console.store().me();
    for (const sb::protocol::Staff* s : rows) {
        const std::string id = std::to_string(s->id);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        if (!s->active) ImGui::PushStyleColor(ImGuiCol_Text, color::kMuted);
        text::selectable(s->name + "##staff:row#" + id, false, ImGuiSelectableFlags_AllowOverlap);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(s->login.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(role_label(s->role));
        ImGui::TableNextColumn();
        const std::string queues = sb::client::queue_names(*s, admin.queues);
        text::text(queues.empty() ? "-" : queues);
        ImGui::TableNextColumn();
        presence_dot(s->presence);
        ImGui::TextUnformatted(sb::client::presence_label(s->presence));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(s->active ? "yes" : "deactivated");
        if (!s->active) ImGui::PopStyleColor();
        if (!may_change) continue;
        ImGui::TableNextColumn();
        if (ImGui::SmallButton((std::string(kIconPencil) + " Edit##staff:edit#" + id).c_str()))
            open_staff_form(v, s);
        ImGui::SameLine();
        if (ImGui::SmallButton(("Reset password##staff:reset#" + id).c_str())) {
            v.ui.reset_password_for = s->id;
            v.ui.reset_password.clear();
            v.console.clear_form_error(AdminForm::account);
        }
        ImGui::SameLine();
        const bool myself = me && me->id == s->id;
        if (s->active) {
            if (!myself && danger_button(("Deactivate##staff:deactivate#" + id).c_str()))
                v.ui.confirm_deactivate = s->id;  // nobody ends their own account here
        } else if (ImGui::SmallButton(("Reactivate##staff:reactivate#" + id).c_str())) {
            sb::protocol::StaffPatchRequest patch;
            patch.active = true;
            v.console.patch_staff(s->id, patch, AdminForm::account);
        }
    }
    ImGui::EndTable();
}

void draw_deactivate_confirm(ViewContext& v) {
    if (v.ui.confirm_deactivate != 0 && !ImGui::IsPopupOpen(kDeactivatePopup))
        ImGui::OpenPopup(kDeactivatePopup);
    center_next_window(440);
    if (!ImGui::BeginPopupModal(kDeactivatePopup, nullptr, ImGuiWindowFlags_NoSavedSettings))
        return;
    const auto* s = v.console.admin().staff_by_id(v.ui.confirm_deactivate);
    if (v.ui.confirm_deactivate == 0 || !s) {
        v.ui.confirm_deactivate = 0;
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    ImGui::TextWrapped(
        "Deactivate %s? They are logged out at once and cannot log in; their working chats go "
        "back to Pending in their queues. You can reactivate them later.",
        s->name.c_str());
    ImGui::Spacing();
    if (danger_button("Deactivate##deactivate:confirm")) {
        sb::protocol::StaffPatchRequest patch;
        patch.active = false;
        v.console.patch_staff(s->id, patch, AdminForm::account);
        v.ui.confirm_deactivate = 0;
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel##deactivate:cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
        v.ui.confirm_deactivate = 0;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void draw_reset_password(ViewContext& v) {
    if (v.ui.reset_password_for != 0 && !ImGui::IsPopupOpen(kResetPopup))
        ImGui::OpenPopup(kResetPopup);
    center_next_window(480);
    if (!ImGui::BeginPopupModal(kResetPopup, nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    const auto* s = v.console.admin().staff_by_id(v.ui.reset_password_for);
    if (accepted(v, AdminForm::account) || v.ui.reset_password_for == 0 || !s) {
        v.ui.reset_password_for = 0;
        v.ui.reset_password.clear();
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    const FormState& f = v.console.admin().form(AdminForm::account);
    ImGui::TextWrapped("A new password for %s. Every session of theirs ends at once.",
                       s->name.c_str());
    top_error(f, "reset", {"password"});
    ImGui::SetNextItemWidth(260);
    ImGui::InputTextWithHint("##reset:password", "at least 8 characters", &v.ui.reset_password,
                             ImGuiInputTextFlags_Password);
    clear_on_edit(v, AdminForm::account);
    field_error(f, "reset", "password");
    ImGui::Spacing();
    ImGui::BeginDisabled(f.saving);
    if (danger_button("Set password##reset:confirm")) {
        submitted(v, AdminForm::account);
        sb::protocol::StaffPatchRequest patch;
        patch.password = v.ui.reset_password;
        v.console.patch_staff(s->id, patch, AdminForm::account);
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel##reset:cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
        v.ui.reset_password_for = 0;
        v.ui.reset_password.clear();
        v.console.clear_form_error(AdminForm::account);
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// ---- Queues --------------------------------------------------------------------------------

void draw_membership(ViewContext& v) {
    const auto& admin = v.console.admin();
    std::vector<const sb::protocol::QueueInfo*> queues;
    for (const auto& q : admin.queues)
        if (!q.archived) queues.push_back(&q);
    ImGui::SeparatorText("Membership");
    if (queues.empty()) {
        ImGui::TextDisabled("No queues yet.");
        return;
    }
    ImGui::TextDisabled("Who handles each queue's chats (admins handle none).");
    const int columns = static_cast<int>(queues.size()) + 1;
    if (!ImGui::BeginTable("##member:table", std::min(columns, 64),
                           ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                               ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY))
        return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("Staff", ImGuiTableColumnFlags_WidthFixed, 180);
    for (size_t i = 0; i + 1 < static_cast<size_t>(std::min(columns, 64)); ++i)
        ImGui::TableSetupColumn(queues[i]->name.c_str(), ImGuiTableColumnFlags_WidthFixed, 110);
    headers_row();
    const bool may_change = v.console.is_admin();
    for (const auto& s : admin.staff) {
        if (s.role == Role::admin || !s.active) continue;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        text::text(s.name);
        for (size_t i = 0; i + 1 < static_cast<size_t>(std::min(columns, 64)); ++i) {
            ImGui::TableNextColumn();
            const auto* q = queues[i];
            bool in = std::find(q->members.begin(), q->members.end(), s.id) != q->members.end();
            ImGui::BeginDisabled(!may_change || admin.form(AdminForm::queues).saving);
            const std::string id = "##member#" + std::to_string(q->id) + ":" + std::to_string(s.id);
            if (ImGui::Checkbox(id.c_str(), &in)) v.console.set_member(q->id, s.id, in);
            ImGui::EndDisabled();
        }
    }
    ImGui::EndTable();
}

void draw_queues_tab(ViewContext& v) {
    const auto& admin = v.console.admin();
    const bool may_change = v.console.is_admin();
    const FormState& create = admin.form(AdminForm::queue);
    const FormState& rows = admin.form(AdminForm::queues);
    top_error(rows, "queues", {"name"});
    if (may_change) {
        top_error(create, "queue", {"name"});
        if (accepted(v, AdminForm::queue)) v.ui.queue_new_name.clear();
        ImGui::SetNextItemWidth(260);
        const bool enter = text::input_text("##queue:new-name", &v.ui.queue_new_name,
                                            ImGuiInputTextFlags_EnterReturnsTrue, "New queue name");
        clear_on_edit(v, AdminForm::queue);
        ImGui::SameLine();
        ImGui::BeginDisabled(create.saving);
        if (green_button("+ Create##queue:create") || enter) {
            submitted(v, AdminForm::queue);
            v.console.create_queue(v.ui.queue_new_name);
        }
        ImGui::EndDisabled();
        field_error(create, "queue", "name");
    } else {
        ImGui::TextDisabled("Read-only: admins change queues and membership.");
    }
    if (accepted(v, AdminForm::queues)) v.ui.queue_rename_id = 0;
    const float table_h = std::max(120.0f, ImGui::GetContentRegionAvail().y * 0.45f);
    if (ImGui::BeginTable("##queue:table", may_change ? 4 : 3,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                              ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp,
                          ImVec2(0, table_h))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Queue", 0, 2.0f);
        ImGui::TableSetupColumn("Pending", 0, 0.7f);
        ImGui::TableSetupColumn("State", 0, 0.8f);
        if (may_change) ImGui::TableSetupColumn("", 0, 2.2f);
        headers_row();
        for (const auto& q : admin.queues) {
            const std::string id = std::to_string(q.id);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            const bool renaming = v.ui.queue_rename_id == q.id;
            if (renaming) {
                ImGui::SetNextItemWidth(-1);
                text::input_text("##queue:rename-input", &v.ui.queue_rename);
                clear_on_edit(v, AdminForm::queues);
                const std::string& e = rows.error_for("name");
                if (!e.empty()) error_text("queues:error:name", e);
            } else {
                text::text(q.name);
            }
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(q.pending));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(q.archived ? "archived" : "open");
            if (!may_change) continue;
            ImGui::TableNextColumn();
            ImGui::BeginDisabled(rows.saving);
            if (renaming) {
                if (green_button("Save##queue:rename-save")) {
                    submitted(v, AdminForm::queues);
                    sb::protocol::QueuePatchRequest patch;
                    patch.name = v.ui.queue_rename;
                    v.console.patch_queue(q.id, patch, AdminForm::queues);
                }
                ImGui::SameLine();
                if (ImGui::SmallButton("Cancel##queue:rename-cancel")) {
                    v.ui.queue_rename_id = 0;
                    v.console.clear_form_error(AdminForm::queues);
                }
            } else if (ImGui::SmallButton(
                           (std::string(kIconPencil) + " Rename##queue:rename#" + id).c_str())) {
                v.ui.queue_rename_id = q.id;
                v.ui.queue_rename = q.name;
                v.console.clear_form_error(AdminForm::queues);
            }
            ImGui::SameLine();
            sb::protocol::QueuePatchRequest archive;
            archive.archived = !q.archived;
            if (q.archived ? ImGui::SmallButton(("Unarchive##queue:unarchive#" + id).c_str())
                           : ImGui::SmallButton(("Archive##queue:archive#" + id).c_str()))
                v.console.patch_queue(q.id, archive, AdminForm::queues);
            ImGui::EndDisabled();
        }
        ImGui::EndTable();
    }
    if (admin.queues.empty()) ImGui::TextDisabled("No queues yet.");
    draw_membership(v);
}

// ---- Tokens --------------------------------------------------------------------------------

const char* kind_label(sb::protocol::TokenKind k) {
    return k == sb::protocol::TokenKind::display ? "Display (kiosk)" : "Integration";
}

// A read-only field holding a secret or a URL, with a Copy button (the platform's clipboard).
void copy_field(const char* id, const std::string& text, const char* copy_id) {
    std::string shown = text;  // InputText wants a mutable string; ReadOnly keeps it unchanged
    ImGui::SetNextItemWidth(std::min(560.0f, ImGui::GetContentRegionAvail().x - 90));
    ImGui::InputText(id, &shown, ImGuiInputTextFlags_ReadOnly);
    ImGui::SameLine();
    if (green_button(copy_id)) ImGui::SetClipboardText(text.c_str());
}

void draw_new_token(ViewContext& v) {
    const auto& t = v.console.admin().new_token;
    if (!t) return;
    ImGui::SeparatorText("New token");
    ImGui::PushStyleColor(ImGuiCol_Text, color::kAmber);
    ImGui::TextWrapped("%s Copy it now: it is shown only this once.", kIconWarning);
    ImGui::PopStyleColor();
    label("Token");
    copy_field("##token:secret", t->token, "Copy##token:copy");
    if (t->info.kind == sb::protocol::TokenKind::display) {
        const std::string url =
            v.platform.origin() + "/kiosk?token=" + sb::protocol::url_encode(t->token);
        label("Kiosk URL");
        copy_field("##token:kiosk-url", url, "Copy URL##token:copy-url");
        ImGui::SameLine();
        if (ImGui::Button("Open##token:open-url")) v.platform.open_url(url);
    }
    if (ImGui::Button("Done##token:dismiss")) v.console.dismiss_new_token();
    ImGui::Separator();
}

void draw_tokens_tab(ViewContext& v) {
    const auto& admin = v.console.admin();
    const FormState& f = admin.form(AdminForm::token);
    top_error(admin.form(AdminForm::tokens), "tokens", {});
    top_error(f, "token", {"kind", "label", "expires_at"});
    if (accepted(v, AdminForm::token)) {
        v.ui.token_label.clear();
        v.ui.token_expires_days = 0;
    }
    label("Kind");
    ImGui::SetNextItemWidth(200);
    if (begin_combo("##token:kind", kind_label(v.ui.token_kind))) {
        for (auto k : {sb::protocol::TokenKind::display, sb::protocol::TokenKind::integration}) {
            const std::string item =
                std::string(kind_label(k)) + "##token:kind:" + sb::protocol::to_string(k);
            if (ImGui::Selectable(item.c_str(), v.ui.token_kind == k)) v.ui.token_kind = k;
        }
        ImGui::EndCombo();
    }
    field_error(f, "token", "kind");
    label("Label");
    ImGui::SetNextItemWidth(260);
    text::input_text("##token:label", &v.ui.token_label, 0, "e.g. Wall screen, 2nd floor");
    clear_on_edit(v, AdminForm::token);
    field_error(f, "token", "label");
    label("Expires in days");
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("##token:expires-days", &v.ui.token_expires_days);
    v.ui.token_expires_days = std::clamp(v.ui.token_expires_days, 0, 3650);
    ImGui::SameLine();
    ImGui::TextDisabled(v.ui.token_expires_days == 0 ? "never expires" : "days from now");
    field_error(f, "token", "expires_at");
    ImGui::BeginDisabled(f.saving);
    if (green_button(f.saving ? "Making...###token:create" : "Make token###token:create")) {
        submitted(v, AdminForm::token);
        sb::protocol::TokenCreateRequest req;
        req.kind = v.ui.token_kind;
        req.label = v.ui.token_label;
        if (v.ui.token_expires_days > 0)
            req.expires_at = static_cast<sb::protocol::Time>(v.now * 1000.0) +
                             static_cast<sb::protocol::Time>(v.ui.token_expires_days) * 86'400'000;
        v.console.create_token(req);
    }
    ImGui::EndDisabled();
    draw_new_token(v);

    ImGui::SeparatorText("Tokens");
    if (admin.tokens.empty()) {
        ImGui::TextDisabled("No display or integration tokens.");
        return;
    }
    if (!ImGui::BeginTable("##token:table", 7,
                           ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                               ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* h : {"Kind", "Label", "Created", "Expires", "Last used", "Webhook", ""})
        ImGui::TableSetupColumn(h);
    headers_row();
    for (const auto& t : admin.tokens) {
        const std::string id = std::to_string(t.id);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(kind_label(t.kind));
        ImGui::TableNextColumn();
        text::text(t.label.empty() ? "-" : t.label);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(sb::client::format_date_time(t.created_at).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(sb::client::format_date_time(t.expires_at).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(sb::client::format_date_time(t.last_used_at).c_str());
        ImGui::TableNextColumn();
        if (t.webhook) {
            const auto& w = *t.webhook;
            const bool ok = w.last_status && *w.last_status >= 200 && *w.last_status < 300;
            if (!w.last_attempt_at) {
                ImGui::TextDisabled("no delivery yet");
            } else {
                ImGui::PushStyleColor(ImGuiCol_Text, ok ? color::kGreenText : color::kRedText);
                if (ok)
                    ImGui::Text("%lld", static_cast<long long>(*w.last_status));
                else
                    ImGui::TextUnformatted(w.last_error ? w.last_error->c_str() : "failed");
                ImGui::PopStyleColor();
            }
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s\nlast attempt %s", w.url.c_str(),
                                  sb::client::format_date_time(w.last_attempt_at).c_str());
        } else {
            ImGui::TextDisabled(t.kind == sb::protocol::TokenKind::integration ? "none" : "");
        }
        ImGui::TableNextColumn();
        if (t.kind == sb::protocol::TokenKind::integration) {
            if (ImGui::Button(("Webhook##token:webhook#" + id).c_str())) {
                v.ui.webhook_for = t.id;
                v.ui.webhook_url = t.webhook ? t.webhook->url : std::string();
                v.console.clear_form_error(AdminForm::webhook);
                v.console.dismiss_webhook_secret();
            }
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("Where this integration's staff replies are sent");
            ImGui::SameLine();
        }
        if (danger_button(("Revoke##token:revoke#" + id).c_str())) v.ui.confirm_revoke = t.id;
    }
    ImGui::EndTable();
}

void draw_revoke_confirm(ViewContext& v) {
    if (v.ui.confirm_revoke != 0 && !ImGui::IsPopupOpen(kRevokePopup))
        ImGui::OpenPopup(kRevokePopup);
    center_next_window(440);
    if (!ImGui::BeginPopupModal(kRevokePopup, nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    const sb::protocol::TokenInfo* t = nullptr;
    for (const auto& x : v.console.admin().tokens)
        if (x.id == v.ui.confirm_revoke) t = &x;
    if (v.ui.confirm_revoke == 0 || !t) {
        v.ui.confirm_revoke = 0;
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    ImGui::TextWrapped(
        "Revoke the %s token \"%s\"? It stops working at once%s.",
        t->kind == sb::protocol::TokenKind::display ? "display" : "integration", t->label.c_str(),
        t->kind == sb::protocol::TokenKind::display ? ": a kiosk using it shows \"not authorised\""
                                                    : "");
    ImGui::Spacing();
    if (danger_button("Revoke##revoke:confirm")) {
        v.console.revoke_token(t->id);
        v.ui.confirm_revoke = 0;
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel##revoke:cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
        v.ui.confirm_revoke = 0;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// An integration token's webhook: the URL its staff replies are POSTed to, set or removed; a
// new URL gets a new signing secret, shown here once.
void draw_webhook_dialog(ViewContext& v) {
    if (v.ui.webhook_for != 0 && !ImGui::IsPopupOpen(kWebhookPopup))
        ImGui::OpenPopup(kWebhookPopup);
    center_next_window(620);
    if (!ImGui::BeginPopupModal(kWebhookPopup, nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    const auto& admin = v.console.admin();
    const sb::protocol::TokenInfo* t = nullptr;
    for (const auto& x : admin.tokens)
        if (x.id == v.ui.webhook_for) t = &x;
    auto close = [&] {
        v.ui.webhook_for = 0;
        v.ui.webhook_confirm_remove = false;
        v.console.dismiss_webhook_secret();
        ImGui::CloseCurrentPopup();
    };
    if (v.ui.webhook_for == 0 || !t) {
        close();
        ImGui::EndPopup();
        return;
    }
    const FormState& f = admin.form(AdminForm::webhook);
    ImGui::TextWrapped(
        "Staff replies in the chats of \"%s\" are POSTed to this address, signed with its "
        "secret in the X-Switchboard-Signature header.",
        t->label.c_str());
    top_error(f, "webhook", {"url"});
    if (admin.new_webhook_secret && admin.webhook_token == t->id) {
        ImGui::PushStyleColor(ImGuiCol_Text, color::kAmber);
        ImGui::TextWrapped("%s The signing secret: copy it now, it is shown only this once.",
                           kIconWarning);
        ImGui::PopStyleColor();
        copy_field("##webhook:secret", *admin.new_webhook_secret, "Copy##webhook:copy");
        if (green_button("Done##webhook:done") || ImGui::IsKeyPressed(ImGuiKey_Escape)) close();
        ImGui::EndPopup();
        return;
    }
    label("URL");
    ImGui::SetNextItemWidth(-1);
    const bool enter =
        ImGui::InputTextWithHint("##webhook:url", "https://crm.example.com/hook", &v.ui.webhook_url,
                                 ImGuiInputTextFlags_EnterReturnsTrue);
    clear_on_edit(v, AdminForm::webhook);
    // The refusal right under the field (it takes the dialog's width; beside it, it would wrap).
    error_text("webhook:error:url", f.error_for("url"));
    ImGui::Spacing();
    ImGui::BeginDisabled(f.saving);
    if (green_button(f.saving ? "Saving...###webhook:save" : "Save###webhook:save") || enter)
        v.console.set_webhook(t->id, v.ui.webhook_url);
    if (t->webhook) {
        ImGui::SameLine();
        if (danger_button("Remove##webhook:remove")) v.ui.webhook_confirm_remove = true;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel##webhook:cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) close();
    if (v.ui.webhook_confirm_remove && t->webhook) {  // removing asks first
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, color::kAmber);
        ImGui::TextWrapped("%s Remove the webhook? Replies in these chats are no longer sent.",
                           kIconWarning);
        ImGui::PopStyleColor();
        if (danger_button("Remove##webhook:confirm-remove")) {
            v.console.remove_webhook(t->id);
            v.ui.webhook_url.clear();
            v.ui.webhook_confirm_remove = false;
        }
        ImGui::SameLine();
        if (ImGui::Button("Keep##webhook:keep")) v.ui.webhook_confirm_remove = false;
    }
    ImGui::EndPopup();
}

// ---- Settings ------------------------------------------------------------------------------

// A swatch as the kiosk would draw a value at this level.
void swatch(const std::string& text, sb::protocol::Level level) {
    const ImVec2 pad(8, 3);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + size.x + pad.x * 2, at.y + size.y + pad.y * 2),
                      level_color(level, IM_COL32(48, 52, 60, 255)), 4);
    dl->AddText(ImVec2(at.x + pad.x, at.y + pad.y), text_on(level), text.c_str());
    ImGui::Dummy(ImVec2(size.x + pad.x * 2, size.y + pad.y * 2));
}

void threshold_row(const char* what, const char* name_amber, const char* name_red,
                   std::int64_t& amber, std::int64_t& red, bool seconds) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(what);
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-1);
    ImGui::InputScalar((std::string("##settings:") + name_amber).c_str(), ImGuiDataType_S64,
                       &amber);
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-1);
    ImGui::InputScalar((std::string("##settings:") + name_red).c_str(), ImGuiDataType_S64, &red);
    ImGui::TableNextColumn();
    auto text = [seconds](std::int64_t v) {
        return seconds ? sb::client::format_wait(v) : std::to_string(v);
    };
    // Values just below amber, at amber and at red, coloured by the kiosk's own rule.
    const std::int64_t samples[] = {std::max<std::int64_t>(0, amber - 1), amber, red};
    for (int i = 0; i < 3; ++i) {
        if (i) ImGui::SameLine();
        swatch(text(samples[i]), sb::client::level_of(samples[i], amber, red));
    }
}

void draw_settings_tab(ViewContext& v) {
    const auto& admin = v.console.admin();
    const FormState& f = admin.form(AdminForm::settings);
    if (!admin.settings) {
        ImGui::TextDisabled(admin.load_error.empty() ? "Loading..." : "Not loaded (see above).");
        return;
    }
    if (!v.ui.settings_loaded || accepted(v, AdminForm::settings)) {
        v.ui.thresholds = admin.settings->thresholds;
        v.ui.time_zone = admin.settings->time_zone;
        v.ui.settings_loaded = true;
    }
    top_error(f, "settings", {"thresholds", "time_zone"});
    ImGui::SeparatorText("Kiosk thresholds");
    ImGui::TextDisabled(
        "A value at or above amber shows amber on the wall screen; at or above "
        "red, red.");
    auto& t = v.ui.thresholds;
    if (ImGui::BeginTable("##settings:table", 4,
                          ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("", 0, 1.6f);
        ImGui::TableSetupColumn("Amber from", 0, 0.8f);
        ImGui::TableSetupColumn("Red from", 0, 0.8f);
        ImGui::TableSetupColumn("Preview", 0, 2.0f);
        headers_row();
        threshold_row("Longest wait (seconds)", "wait_amber_seconds", "wait_red_seconds",
                      t.wait_amber_seconds, t.wait_red_seconds, true);
        threshold_row("Pending chats in a queue", "pending_amber", "pending_red", t.pending_amber,
                      t.pending_red, false);
        threshold_row("First response, median today (seconds)", "first_response_amber_seconds",
                      "first_response_red_seconds", t.first_response_amber_seconds,
                      t.first_response_red_seconds, true);
        ImGui::EndTable();
    }
    const std::string& te = f.error_for("thresholds");
    if (!te.empty()) error_text("settings:error:thresholds", te);
    ImGui::SeparatorText("Dashboard time zone");
    label("Time zone");
    ImGui::SetNextItemWidth(260);
    ImGui::InputTextWithHint("##settings:time_zone", "IANA name, e.g. Europe/Berlin",
                             &v.ui.time_zone);
    clear_on_edit(v, AdminForm::settings);
    field_error(f, "settings", "time_zone");
    ImGui::TextDisabled("\"Today\" on the kiosk starts at midnight in this zone.");
    ImGui::Spacing();
    ImGui::BeginDisabled(f.saving);
    if (green_button(f.saving ? "Saving...###settings:save" : "Save###settings:save",
                     ImVec2(110, 0))) {
        submitted(v, AdminForm::settings);
        sb::protocol::SettingsPatch patch;
        patch.thresholds = v.ui.thresholds;
        patch.time_zone = v.ui.time_zone;
        v.console.save_settings(patch);
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Revert##settings:revert")) {
        v.ui.settings_loaded = false;
        v.console.clear_form_error(AdminForm::settings);
    }
}

// ---- Audit ---------------------------------------------------------------------------------

void draw_audit_tab(ViewContext& v) {
    const auto& admin = v.console.admin();
    top_error(admin.form(AdminForm::audit), "audit", {});
    std::string who = "Anyone";
    if (const auto* s = admin.staff_by_id(v.ui.audit_staff)) who = s->name;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Staff");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(180);
    if (text::begin_combo("##audit:staff", who)) {
        if (ImGui::Selectable("Anyone##audit:staff#0", v.ui.audit_staff == 0)) v.ui.audit_staff = 0;
        for (const auto& s : admin.staff)
            if (text::selectable(s.name + "##audit:staff#" + std::to_string(s.id),
                                 v.ui.audit_staff == s.id))
                v.ui.audit_staff = s.id;
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::TextUnformatted("Chat #");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90);
    bool go = ImGui::InputTextWithHint(
        "##audit:chat", "any", &v.ui.audit_chat,
        ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    ImGui::TextUnformatted("Action");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(180);
    go |= ImGui::InputTextWithHint("##audit:action", "e.g. staff.deactivate", &v.ui.audit_action,
                                   ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (green_button("Apply##audit:apply") || go) {
        sb::client::AuditQuery q;
        if (v.ui.audit_staff) q.staff_id = v.ui.audit_staff;
        if (!v.ui.audit_chat.empty()) q.chat_id = std::atoll(v.ui.audit_chat.c_str());
        q.action = v.ui.audit_action;
        v.console.load_audit(q);
    }
    const float footer = ImGui::GetFrameHeightWithSpacing() + 4;
    if (ImGui::BeginTable("##audit:table", 5,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                              ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp,
                          ImVec2(0, std::max(80.0f, ImGui::GetContentRegionAvail().y - footer)))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("When", 0, 1.1f);
        ImGui::TableSetupColumn("Who", 0, 1.0f);
        ImGui::TableSetupColumn("Action", 0, 1.1f);
        ImGui::TableSetupColumn("Chat", 0, 0.5f);
        ImGui::TableSetupColumn("Detail", 0, 3.0f);
        headers_row();
        for (const auto& item : admin.audit) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(sb::client::format_date_time(item.at).c_str());
            ImGui::TableNextColumn();
            text::text(item.actor_name ? *item.actor_name : item.actor_type);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(item.action.c_str());
            ImGui::TableNextColumn();
            if (item.chat_id)
                ImGui::Text("#%lld", static_cast<long long>(*item.chat_id));
            else
                ImGui::TextDisabled("-");
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", item.detail.c_str());
        }
        ImGui::EndTable();
    }
    if (admin.audit.empty() && !admin.audit_loading) ImGui::TextDisabled("Nothing logged here.");
    if (admin.audit_loading) ImGui::TextDisabled("Loading...");
    if (admin.audit_next && !admin.audit_loading && ImGui::Button("Load more##audit:more"))
        v.console.load_more_audit();
}

// The tabs are buttons, as the inbox's are (inbox_view.cpp): a click shows its content in the
// same frame (ImGui's tab bar switches a frame later, which an on-demand frame may never draw).
struct AdminTab {
    const char* label;
    const char* id;
    void (*draw)(ViewContext&);
    bool admins_only;
};
constexpr AdminTab kTabs[] = {{"Staff", "staff", draw_staff_tab, false},
                              {"Queues", "queues", draw_queues_tab, false},
                              {"Tokens", "tokens", draw_tokens_tab, true},
                              {"Settings", "settings", draw_settings_tab, true},
                              {"Audit", "audit", draw_audit_tab, false}};

void select_tab(ViewContext& v, const char* id) {
    if (v.ui.admin_tab == id) return;
    v.ui.admin_tab = id;
    // The log grows with every change: read it again whenever its tab is opened.
    if (std::string_view(id) == "audit") v.console.load_audit(v.console.admin().audit_query);
}

void draw_tabs(ViewContext& v) {
    const AdminTab* shown = &kTabs[0];
    for (const AdminTab& t : kTabs)
        if (v.ui.admin_tab == t.id && (!t.admins_only || v.console.is_admin())) shown = &t;
    bool first = true;
    for (const AdminTab& t : kTabs) {
        if (t.admins_only && !v.console.is_admin()) continue;
        if (!first) ImGui::SameLine(0, 2);
        first = false;
        const bool selected = shown == &t;
        if (selected)
            ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetColorU32(ImGuiCol_TabActive));
        if (ImGui::Button((std::string(t.label) + "###admin:tab:" + t.id).c_str())) shown = &t;
        if (selected) ImGui::PopStyleColor();
    }
    select_tab(v, shown->id);
    ImGui::Separator();
    ImGui::BeginChild((std::string("##admin:") + shown->id).c_str(), ImVec2(0, 0));
    shown->draw(v);
    ImGui::EndChild();
}

// Accessible names of the rows' controls (issue 13's mirror): each says whom or what it acts on,
// "Deactivate Alice Martin" rather than one of many "Deactivate". Only items drawn this frame
// are in the tree; the others are skipped.
void name_row_controls(ViewContext& v) {
    const auto& admin = v.console.admin();
    auto name = [](const std::string& test_id, std::string text) {
        if (semantics::Node* n = semantics::item(test_id)) n->name = std::move(text);
    };
    for (const auto& s : admin.staff) {
        const std::string id = std::to_string(s.id);
        name("staff:row#" + id, s.name + " (" + s.login + ")");
        name("staff:edit#" + id, "Edit " + s.name);
        name("staff:reset#" + id, "Reset password of " + s.name);
        name("staff:deactivate#" + id, "Deactivate " + s.name);
        name("staff:reactivate#" + id, "Reactivate " + s.name);
        for (const auto& q : admin.queues)
            name("member#" + std::to_string(q.id) + ":" + id, s.name + " in " + q.name);
    }
    for (const auto& q : admin.queues) {
        const std::string id = std::to_string(q.id);
        name("queue:rename#" + id, "Rename " + q.name);
        name("queue:archive#" + id, "Archive " + q.name);
        name("queue:unarchive#" + id, "Unarchive " + q.name);
    }
    for (const auto& t : admin.tokens) {
        const std::string id = std::to_string(t.id);
        const std::string what =
            std::string(t.kind == sb::protocol::TokenKind::display ? "display token "
                                                                   : "integration token ") +
            (t.label.empty() ? "#" + id : t.label);
        name("token:webhook#" + id, "Webhook of " + what);
        name("token:revoke#" + id, "Revoke " + what);
    }
}

}  // namespace

void show_audit_of_chat(ViewContext& v, Id chat_id) {
    v.ui.audit_staff = 0;
    v.ui.audit_chat = std::to_string(chat_id);
    v.ui.audit_action.clear();
    v.ui.admin_tab = "audit";
    v.ui.admin_screen = true;
    v.console.open_audit_of_chat(chat_id);
}

void draw_admin(ViewContext& v) {
    const auto& admin = v.console.admin();
    ImGui::PushFont(font(kFontBold));
    ImGui::TextUnformatted("Administration");
    ImGui::PopFont();
    ImGui::SameLine();
    if (ImGui::SmallButton("Reload##admin:reload")) v.console.reload_admin();
    if (admin.loading) {
        ImGui::SameLine();
        ImGui::TextDisabled("Loading...");
    }
    if (!admin.load_error.empty()) error_text("admin:error", admin.load_error);
    draw_tabs(v);
    v.console.watch_pending_counts(v.ui.admin_tab == "queues");
    draw_deactivate_confirm(v);
    draw_reset_password(v);
    draw_revoke_confirm(v);
    draw_webhook_dialog(v);
    name_row_controls(v);
}

}  // namespace sb::ui
