// Administration (issue 14, and issue 11's token lifetimes): staff, queues, membership, display
// and integration tokens, the kiosk's settings and the audit log. The REST endpoints
// (api/admin_api.cpp) and the admin CLI (admin/admin_cli.cpp) both call this, so the two cannot
// disagree. Each change runs in one write transaction that checks it, makes it, writes an audit
// row and appends the events open consoles follow (staff.updated, queue.updated) and the ones
// the event hubs act on (token.revoked; a deactivated member's staff.updated), so that ended
// sessions close their sockets on every instance. A refused change throws DomainError (400 with
// the field, 404, 409) and changes nothing. Who may call what is the API's business.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "protocol/model.h"
#include "server/domain/chat_service.h"
#include "server/stats/stats_service.h"
#include "server/store/store.h"

namespace sb::server {

// Who makes a change, for the audit log.
struct AdminActor {
    std::string type = "staff";            // "staff" or "admin-cli"
    std::optional<protocol::Id> staff_id;  // type staff
    std::string session_hash;  // the caller's own session: kept when they change their password
    static AdminActor cli() { return {"admin-cli", std::nullopt, {}}; }
};

class AdminService {
  public:
    using Clock = std::function<protocol::Time()>;
    // password_hasher: auth::hash_password in the server (tests may pass a cheaper one).
    AdminService(store::Store& store, Clock clock, ChatService& chats, StatsService& stats,
                 std::function<std::string(const std::string&)> password_hasher);

    // Staff. A deactivated member cannot log in, their sessions end (sockets close), their
    // presence becomes offline and their working chats return to Pending with a system line.
    // A new password ends their sessions (but the actor's own). The last active admin cannot be
    // demoted or deactivated.
    std::vector<protocol::Staff> list_staff();
    protocol::Staff create_staff(const AdminActor& a, const protocol::StaffCreateRequest& r);
    protocol::Staff update_staff(const AdminActor& a, protocol::Id id,
                                 const protocol::StaffPatchRequest& r);

    // Queues. An archived queue takes no new chats; one with pending chats cannot be archived.
    std::vector<protocol::QueueInfo> list_queues();
    protocol::QueueInfo create_queue(const AdminActor& a, const std::string& name);
    protocol::QueueInfo update_queue(const AdminActor& a, protocol::Id id,
                                     const protocol::QueuePatchRequest& r);
    // Adds or removes a member (nothing happens when it is already so). Admins take no chats.
    void set_member(const AdminActor& a, protocol::Id queue_id, protocol::Id staff_id, bool member);

    // Display and integration tokens. The secret is returned once, by create_token.
    std::vector<protocol::TokenInfo> list_tokens();
    protocol::TokenCreated create_token(const AdminActor& a, const protocol::TokenCreateRequest& r);
    void revoke_token(const AdminActor& a, protocol::Id id);

    // The kiosk's thresholds (each >= 0, amber <= red) and time zone (an IANA name).
    protocol::AdminSettings settings();
    protocol::AdminSettings update_settings(const AdminActor& a, const protocol::SettingsPatch& p);

    // The audit log, newest first; cursor: a previous page's next_cursor.
    protocol::AuditPage audit(std::optional<protocol::Id> staff_id,
                              std::optional<protocol::Id> chat_id,
                              const std::optional<std::string>& action,
                              const std::optional<std::string>& cursor, int limit);

  private:
    protocol::Staff load_staff(store::WriteTx& tx, protocol::Id id);
    protocol::QueueInfo load_queue(store::ReadTx& tx, protocol::Id id);
    void audit_row(store::WriteTx& tx, const AdminActor& a, const std::string& action,
                   const std::string& detail);
    void announce_staff(store::WriteTx& tx, protocol::Id staff_id);
    void announce_queue(store::WriteTx& tx, protocol::Id queue_id);
    // Sessions of a member ended (token.revoked with the member), or a display token (none).
    void announce_revoked(store::WriteTx& tx, const std::optional<protocol::Staff>& staff);
    void deactivate(store::WriteTx& tx, const AdminActor& a, const protocol::Staff& s);

    store::Store& store_;
    Clock clock_;
    ChatService& chats_;
    StatsService& stats_;
    std::function<std::string(const std::string&)> hash_password_;
};

}  // namespace sb::server
