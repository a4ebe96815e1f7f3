// Administration; see admin_service.h.
#include "server/domain/admin_service.h"

#include <algorithm>
#include <charconv>
#include <unordered_map>

#include "protocol/json.h"

#include "protocol/validate.h"
#include "server/auth/tokens.h"
#include "server/channel/webhook_config.h"
#include "server/domain/domain_error.h"
#include "server/domain/permissions.h"
#include "server/stats/timezone.h"

namespace sb::server {

using protocol::Id;
using protocol::lower_ascii;

namespace {

int active_admins(store::ReadTx& tx) {
    int n = 0;
    for (const auto& s : tx.all_staff())
        if (s.active && s.role == protocol::Role::admin) ++n;
    return n;
}

protocol::TokenKind wire_kind(store::TokenRecord::Kind k) {
    return k == store::TokenRecord::Kind::integration ? protocol::TokenKind::integration
                                                      : protocol::TokenKind::display;
}

protocol::TokenInfo token_info(store::ReadTx& tx, const store::TokenRecord& t) {
    protocol::TokenInfo out;
    out.id = t.id;
    out.kind = wire_kind(t.kind);
    out.label = t.label;
    out.created_at = t.created_at;
    out.expires_at = t.expires_at;
    out.last_used_at = t.last_used_at;
    if (t.kind == store::TokenRecord::Kind::integration && !t.label.empty())
        if (auto w = channel::webhook_for(tx, t.label)) {
            out.webhook = protocol::WebhookInfo{w->url};
            if (auto last = channel::last_attempt(tx, t.label)) {
                out.webhook->last_attempt_at = last->at;
                if (last->status) out.webhook->last_status = last->status;
                if (!last->error.empty()) out.webhook->last_error = last->error;
            }
        }
    return out;
}

}  // namespace

AdminService::AdminService(store::Store& store, Clock clock, ChatService& chats,
                           StatsService& stats,
                           std::function<std::string(const std::string&)> password_hasher)
    : store_(store),
      clock_(std::move(clock)),
      chats_(chats),
      stats_(stats),
      hash_password_(std::move(password_hasher)) {}

// ---- shared steps ------------------------------------------------------------------------------

protocol::Staff AdminService::load_staff(store::WriteTx& tx, Id id) {
    auto s = tx.staff(id);
    if (!s) throw DomainError::not_found("there is no staff member #" + std::to_string(id));
    return *s;
}

protocol::QueueInfo AdminService::load_queue(store::ReadTx& tx, Id id) {
    for (auto& q : tx.queue_infos())
        if (q.id == id) return q;
    throw DomainError::not_found("there is no queue #" + std::to_string(id));
}

void AdminService::audit_row(store::WriteTx& tx, const AdminActor& a, const std::string& action,
                             const std::string& detail) {
    tx.insert_audit({clock_(), a.type, a.staff_id, action, std::nullopt, detail});
}

void AdminService::announce_staff(store::WriteTx& tx, Id staff_id) {
    protocol::Event e;
    e.type = protocol::EventType::staff_updated;
    e.at = clock_();
    e.staff = tx.staff(staff_id);
    tx.append_event(std::move(e));
}

void AdminService::announce_queue(store::WriteTx& tx, Id queue_id) {
    protocol::Event e;
    e.type = protocol::EventType::queue_updated;
    e.at = clock_();
    e.queue_info = load_queue(tx, queue_id);
    tx.append_event(std::move(e));
}

void AdminService::announce_revoked(store::WriteTx& tx, const std::optional<protocol::Staff>& s) {
    protocol::Event e;
    e.type = protocol::EventType::token_revoked;
    e.at = clock_();
    e.staff = s;
    tx.append_event(std::move(e));
}

// ---- staff -------------------------------------------------------------------------------------

std::vector<protocol::Staff> AdminService::list_staff() {
    return store_.read_value([](store::ReadTx& tx) { return tx.all_staff(); });
}

protocol::Staff AdminService::create_staff(const AdminActor& a,
                                           const protocol::StaffCreateRequest& r) {
    // Checked before the (slow) hash, and again inside the transaction.
    auto check = [&](store::ReadTx& tx) {
        if (tx.staff_by_login(r.login))
            throw DomainError::bad_field("login", "login " + r.login + " is taken");
        for (Id q : r.queues)
            if (!tx.queue(q))
                throw DomainError::bad_field("queues", "there is no queue #" + std::to_string(q));
        if (r.role == protocol::Role::admin && !r.queues.empty())
            throw DomainError::bad_field("queues", "admins take no chats: give them no queues");
    };
    store_.read(check);
    const std::string hash = hash_password_(r.password);
    return store_.write_value([&](store::WriteTx& tx) {
        check(tx);
        const Id id = tx.insert_staff(r.login, r.name, r.role, hash, clock_());
        for (Id q : r.queues) tx.add_member(q, id);
        audit_row(tx, a, "add-staff", r.login + " (" + protocol::to_string(r.role) + ")");
        announce_staff(tx, id);
        for (Id q : r.queues) announce_queue(tx, q);
        return *tx.staff(id);
    });
}

void AdminService::deactivate(store::WriteTx& tx, const AdminActor& a, const protocol::Staff& s) {
    tx.set_staff_active(s.id, false);
    tx.delete_staff_sessions(s.id, "");
    protocol::MePatch offline;
    offline.presence = protocol::Presence::offline;
    tx.update_staff(s.id, offline);
    const int returned = chats_.return_chats_of(
        tx, s, s.name + " was deactivated; the chat is back in the queue", a.type, a.staff_id);
    audit_row(tx, a, "deactivate-staff",
              s.login + ": " + std::to_string(returned) + " working chats returned to Pending");
}

protocol::Staff AdminService::update_staff(const AdminActor& a, Id id,
                                           const protocol::StaffPatchRequest& r) {
    std::optional<std::string> hash;
    if (r.password) {
        store_.read([&](store::ReadTx& tx) {
            if (!tx.staff(id))
                throw DomainError::not_found("there is no staff member #" + std::to_string(id));
        });
        hash = hash_password_(*r.password);
    }
    return store_.write_value([&](store::WriteTx& tx) {
        const protocol::Staff before = load_staff(tx, id);
        const bool admin_now = before.active && before.role == protocol::Role::admin;
        if (admin_now && active_admins(tx) <= 1) {
            if (r.role && *r.role != protocol::Role::admin)
                throw DomainError::bad_field("role", before.name +
                                                         " is the last active admin: make another "
                                                         "admin first");
            if (r.active && !*r.active)
                throw DomainError::bad_field("active", before.name +
                                                           " is the last active admin: make "
                                                           "another admin first");
        }
        bool sessions_ended = false;
        if (r.name && *r.name != before.name) {
            protocol::MePatch p;
            p.name = r.name;
            tx.update_staff(id, p);
            audit_row(tx, a, "rename-staff", before.login + ": " + *r.name);
        }
        if (r.role && *r.role != before.role) {
            // Admins take no chats: their working chats go back to Pending (read with the
            // audience they had) and they leave their queues.
            int returned = 0;
            if (*r.role == protocol::Role::admin) {
                returned = chats_.return_chats_of(
                    tx, before, before.name + " became an admin; the chat is back in the queue",
                    a.type, a.staff_id);
                for (Id q : before.queues) tx.remove_member(q, id);
            }
            tx.set_staff_role(id, *r.role);
            audit_row(tx, a, "set-role",
                      before.login + ": " + protocol::to_string(*r.role) +
                          (returned ? ", " + std::to_string(returned) +
                                          " working chats returned to Pending"
                                    : std::string()));
        }
        if (hash) {
            tx.set_password(id, *hash);
            const bool own = a.staff_id && *a.staff_id == id;
            tx.delete_staff_sessions(id, own ? a.session_hash : std::string());
            audit_row(tx, a, "set-password", before.login);
            sessions_ended = true;
        }
        if (r.active && *r.active != before.active) {
            if (*r.active) {
                tx.set_staff_active(id, true);
                audit_row(tx, a, "reactivate-staff", before.login);
            } else {
                deactivate(tx, a, *tx.staff(id));
                sessions_ended = false;  // the staff.updated with active false closes them
            }
        }
        announce_staff(tx, id);
        if (r.role && *r.role == protocol::Role::admin)
            for (Id q : before.queues) announce_queue(tx, q);
        if (sessions_ended) announce_revoked(tx, tx.staff(id));
        return *tx.staff(id);
    });
}

// ---- queues ------------------------------------------------------------------------------------

std::vector<protocol::QueueInfo> AdminService::list_queues() {
    return store_.read_value([](store::ReadTx& tx) { return tx.queue_infos(); });
}

namespace {

void check_queue_name_free(store::ReadTx& tx, const std::string& name, Id except) {
    const std::string wanted = lower_ascii(name);
    for (const auto& q : tx.queue_infos())
        if (q.id != except && lower_ascii(q.name) == wanted)
            throw DomainError::bad_field("name", "there is a queue named " + q.name + " already");
}

}  // namespace

protocol::QueueInfo AdminService::create_queue(const AdminActor& a, const std::string& name) {
    if (auto e = protocol::check_name("name", name)) throw DomainError::bad_field("name", *e);
    return store_.write_value([&](store::WriteTx& tx) {
        check_queue_name_free(tx, name, 0);
        const Id id = tx.insert_queue(name);
        audit_row(tx, a, "add-queue", name);
        announce_queue(tx, id);
        return load_queue(tx, id);
    });
}

protocol::QueueInfo AdminService::update_queue(const AdminActor& a, Id id,
                                               const protocol::QueuePatchRequest& r) {
    return store_.write_value([&](store::WriteTx& tx) {
        const auto before = load_queue(tx, id);
        if (r.name && *r.name != before.name) {
            check_queue_name_free(tx, *r.name, id);
            tx.rename_queue(id, *r.name);
            audit_row(tx, a, "rename-queue", before.name + " -> " + *r.name);
        }
        if (r.archived && *r.archived != before.archived) {
            if (*r.archived && before.pending > 0)
                throw std::move(
                    DomainError::conflict(std::to_string(before.pending) +
                                          (before.pending == 1 ? " chat waits" : " chats wait") +
                                          " in " + before.name + "; move them first")
                        .with_field("archived"));
            tx.set_queue_archived(id, *r.archived);
            audit_row(tx, a, *r.archived ? "archive-queue" : "unarchive-queue", before.name);
        }
        announce_queue(tx, id);
        return load_queue(tx, id);
    });
}

void AdminService::set_member(const AdminActor& a, Id queue_id, Id staff_id, bool member) {
    store_.write([&](store::WriteTx& tx) {
        const auto q = load_queue(tx, queue_id);
        const auto s = load_staff(tx, staff_id);
        const bool is = std::find(q.members.begin(), q.members.end(), staff_id) != q.members.end();
        if (is == member) return;
        if (member && s.role == protocol::Role::admin)
            throw DomainError::bad_field("staff_id", s.name + " is an admin and takes no chats");
        if (member)
            tx.add_member(queue_id, staff_id);
        else
            tx.remove_member(queue_id, staff_id);
        audit_row(tx, a, member ? "add-member" : "remove-member", s.login + " " + q.name);
        announce_staff(tx, staff_id);  // their sockets follow the new queues at once
        announce_queue(tx, queue_id);
    });
}

// ---- tokens ------------------------------------------------------------------------------------

std::vector<protocol::TokenInfo> AdminService::list_tokens() {
    return store_.read_value([](store::ReadTx& tx) {
        std::vector<protocol::TokenInfo> out;
        for (const auto& t : tx.listed_tokens()) out.push_back(token_info(tx, t));
        return out;
    });
}

protocol::TokenCreated AdminService::create_token(const AdminActor& a,
                                                  const protocol::TokenCreateRequest& r) {
    const protocol::Time now = clock_();
    if (r.expires_at && *r.expires_at <= now)
        throw DomainError::bad_field("expires_at", "expires_at must be in the future");
    const bool integration = r.kind == protocol::TokenKind::integration;
    if (integration) {
        // An integration's label names its contacts' channel and its webhook.
        try {
            channel::check_label(r.label);
        } catch (const std::invalid_argument& e) {
            throw DomainError::bad_field("label", e.what());
        }
    } else if (!r.label.empty()) {
        if (auto e = protocol::check_name("label", r.label))
            throw DomainError::bad_field("label", *e);
    }
    using K = store::TokenRecord::Kind;
    const auto token = auth::make_token(integration ? K::integration : K::display);
    store::TokenRecord t;
    t.kind = integration ? K::integration : K::display;
    t.label = r.label;
    t.created_at = now;
    t.expires_at = r.expires_at;
    return store_.write_value([&](store::WriteTx& tx) {
        if (integration)
            for (const auto& other : tx.listed_tokens())
                if (other.kind == K::integration && other.label == r.label)
                    throw DomainError::bad_field(
                        "label", "an integration named " + r.label + " exists; revoke it first");
        t.id = tx.insert_token(token.hash, t);
        audit_row(tx, a, std::string("make-") + store::to_string(t.kind) + "-token",
                  "#" + std::to_string(t.id) + " " + t.label);
        return protocol::TokenCreated{token_info(tx, t), token.text};
    });
}

void AdminService::revoke_token(const AdminActor& a, Id id) {
    store_.write([&](store::WriteTx& tx) {
        auto t = tx.token_by_id(id);
        using K = store::TokenRecord::Kind;
        if (!t || (t->kind != K::display && t->kind != K::integration))
            throw DomainError::not_found("there is no display or integration token #" +
                                         std::to_string(id));
        tx.delete_token_by_id(id);
        if (t->kind == K::integration && !t->label.empty()) channel::remove_webhook(tx, t->label);
        audit_row(tx, a, "revoke-token",
                  "#" + std::to_string(id) + " " + store::to_string(t->kind) + " " + t->label);
        announce_revoked(tx, std::nullopt);
    });
}

std::optional<std::string> AdminService::set_webhook(const AdminActor& a, Id token_id,
                                                     const std::optional<std::string>& url) {
    return store_.write_value([&](store::WriteTx& tx) -> std::optional<std::string> {
        auto t = tx.token_by_id(token_id);
        if (!t || t->kind != store::TokenRecord::Kind::integration)
            throw DomainError::not_found("there is no integration token #" +
                                         std::to_string(token_id));
        if (!url) {
            channel::remove_webhook(tx, t->label);
            audit_row(tx, a, "remove-webhook", t->label);
            return std::nullopt;
        }
        std::string secret;
        try {
            secret = channel::configure_webhook(tx, t->label, *url);
        } catch (const std::invalid_argument& e) {
            throw DomainError::bad_field("url", e.what());
        }
        audit_row(tx, a, "set-webhook", t->label + " " + *url);
        return secret;
    });
}

// ---- settings ----------------------------------------------------------------------------------

protocol::AdminSettings AdminService::settings() {
    return store_.read_value([&](store::ReadTx& tx) {
        return protocol::AdminSettings{StatsService::thresholds(tx), stats_.time_zone_name(tx)};
    });
}

protocol::AdminSettings AdminService::update_settings(const AdminActor& a,
                                                      const protocol::SettingsPatch& p) {
    if (p.thresholds) {
        const auto& t = *p.thresholds;
        const struct {
            const char* amber_name;
            std::int64_t amber;
            const char* red_name;
            std::int64_t red;
        } pairs[] = {
            {"wait_amber_seconds", t.wait_amber_seconds, "wait_red_seconds", t.wait_red_seconds},
            {"pending_amber", t.pending_amber, "pending_red", t.pending_red},
            {"first_response_amber_seconds", t.first_response_amber_seconds,
             "first_response_red_seconds", t.first_response_red_seconds},
        };
        for (const auto& pr : pairs) {
            for (auto [name, v] : {std::pair{pr.amber_name, pr.amber}, {pr.red_name, pr.red}})
                if (v < 0 || v > 1'000'000'000)
                    throw DomainError::bad_field(
                        std::string("thresholds.") + name,
                        std::string(name) + " must be from 0 to 1000000000");
            if (pr.amber > pr.red)
                throw DomainError::bad_field(std::string("thresholds.") + pr.amber_name,
                                             std::string(pr.amber_name) + " is above " +
                                                 pr.red_name + ": amber comes before red");
        }
    }
    if (p.time_zone) {
        try {
            TimeZone probe(*p.time_zone);
        } catch (const std::exception&) {
            throw DomainError::bad_field("time_zone", "time_zone " + *p.time_zone +
                                                          " is not an IANA time zone this "
                                                          "server knows (e.g. Europe/Prague)");
        }
    }
    store_.write([&](store::WriteTx& tx) {
        if (p.thresholds) {
            StatsService::store_thresholds(tx, *p.thresholds);
            audit_row(tx, a, "set-thresholds", protocol::encode(*p.thresholds));
        }
        if (p.time_zone) {
            tx.set_setting(StatsService::kTimeZoneSetting, *p.time_zone);
            audit_row(tx, a, "set-time-zone", *p.time_zone);
        }
    });
    return settings();
}

// ---- audit -------------------------------------------------------------------------------------

protocol::AuditPage AdminService::audit(std::optional<Id> staff_id, std::optional<Id> chat_id,
                                        const std::optional<std::string>& action,
                                        const std::optional<std::string>& cursor, int limit) {
    store::AuditQuery q;
    q.actor_id = staff_id;
    q.chat_id = chat_id;
    q.action = action;
    q.limit = limit + 1;  // one more tells whether a next page exists
    if (cursor) {
        Id before = 0;
        auto res = std::from_chars(cursor->data(), cursor->data() + cursor->size(), before);
        if (res.ec != std::errc() || res.ptr != cursor->data() + cursor->size() || before <= 0)
            throw DomainError::bad_field("cursor", "cursor is not one this server made");
        q.before_id = before;
    }
    return store_.read_value([&](store::ReadTx& tx) {
        protocol::AuditPage page;
        auto rows = tx.audit(q);
        const bool more = static_cast<int>(rows.size()) > limit;
        if (more) rows.resize(static_cast<std::size_t>(limit));
        std::unordered_map<Id, std::string> names;
        for (const auto& r : rows) {
            protocol::AuditItem item{r.id,         r.at,     r.actor_type, r.actor_id,
                                     std::nullopt, r.action, r.chat_id,    r.detail};
            if (r.actor_type == "staff" && r.actor_id) {
                auto [it, fresh] = names.try_emplace(*r.actor_id);
                if (fresh)
                    if (auto s = tx.staff(*r.actor_id)) it->second = s->name;
                if (!it->second.empty()) item.actor_name = it->second;
            }
            page.items.push_back(std::move(item));
        }
        if (more) page.next_cursor = std::to_string(rows.back().id);
        return page;
    });
}

}  // namespace sb::server
