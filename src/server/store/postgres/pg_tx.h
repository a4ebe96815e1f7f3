// The PostgreSQL implementation of store::ReadTx and store::WriteTx: every query of the server in
// PostgreSQL's dialect, on one pooled connection inside a transaction that PgStore opened.
#pragma once

#include "server/store/postgres/pg_conn.h"
#include "server/store/store.h"

namespace sb::server::postgres {

using protocol::Id;
using protocol::Seq;
using protocol::Time;

// The columns read_token reads, in its order.
inline constexpr const char* kTokenColumns =
    "SELECT kind, staff_id, chat_id, contact_id, label, created_at, expires_at, id, last_used_at "
    "FROM tokens ";
store::TokenRecord read_token(const Result& r, int row);

// Search's candidates: the chats of the newest `wanted` messages matching a tsquery, newest
// first, reading the messages in three steps whose sizes these are (pg_tx.cpp says why).
struct SearchWalk {
    Id window = 20'000;     // the newest messages, walked by id first
    Id max_walk = 250'000;  // the farthest a term is walked on, judged by the window's density
};
std::vector<Id> newest_matching_messages(Connection& db, const std::string& tsquery, int wanted,
                                         const SearchWalk& walk = {});

class PgTx final : public store::WriteTx {
  public:
    explicit PgTx(Connection& db) : db_(db) {}

    // ReadTx
    std::optional<store::StaffRecord> staff_by_login(const std::string& login) override;
    std::optional<protocol::Staff> staff(Id id) override;
    std::vector<protocol::Staff> staff_search(const std::string& q, int limit) override;
    std::vector<protocol::Queue> queues() override;
    std::optional<protocol::Queue> queue(Id id) override;
    std::optional<store::ChatRecord> chat(Id id) override;
    std::optional<store::ChatRecord> chat_by_start_key(const std::string& key) override;
    store::ChatList list_chats(const store::ListQuery& q) override;
    protocol::Counts counts(const store::Audience& a, bool all_working) override;
    std::vector<store::ChatRecord> search(const std::string& q, const store::Audience& a,
                                          bool include_deleted, int limit) override;
    std::vector<store::ChatRecord> contact_chats(Id contact_id, int limit) override;
    protocol::MessagePage messages(const store::MessageQuery& q) override;
    std::optional<protocol::Message> message_by_client_id(Id chat_id, protocol::AuthorType type,
                                                          std::optional<Id> author_id,
                                                          const std::string& client_id) override;
    std::optional<store::TokenRecord> token(const std::string& hash) override;
    // Administration (pg_admin.cpp).
    std::vector<protocol::Staff> all_staff() override;
    std::vector<protocol::QueueInfo> queue_infos() override;
    std::vector<store::TokenRecord> listed_tokens() override;
    std::optional<store::TokenRecord> token_by_id(Id id) override;
    std::vector<store::AuditEntry> audit(const store::AuditQuery& q) override;
    std::vector<store::StoredEvent> events_after(Seq after, int limit) override;
    Seq first_event_seq() override;
    Seq last_event_seq() override;
    store::StatsInputs stats_inputs(Time since, Time now) override;
    std::optional<std::string> setting(const std::string& key) override;
    std::int64_t count_staff() override;
    std::vector<protocol::CannedReply> canned_replies_for(Id staff_id) override;
    std::optional<store::CannedRecord> canned_reply(Id id) override;
    std::optional<Id> canned_by_shortcut(const std::string& shortcut,
                                         std::optional<Id> owner_staff_id) override;

    // WriteTx
    Id insert_queue(const std::string& name) override;
    Id insert_staff(const std::string& login, const std::string& name, protocol::Role role,
                    const std::string& password_hash, Time at) override;
    void set_password(Id staff_id, const std::string& password_hash) override;
    void add_member(Id queue_id, Id staff_id) override;
    void update_staff(Id staff_id, const protocol::MePatch& patch) override;
    void set_setting(const std::string& key, const std::string& value) override;
    Id insert_contact(const protocol::Contact& c, Time at) override;
    Id insert_chat(Id queue_id, Id contact_id, Time at,
                   const std::optional<std::string>& start_key) override;
    bool try_accept(Id chat_id, Id staff_id, Time at) override;
    void change_chat(Id chat_id, const store::ChatChange& change) override;
    protocol::Message insert_message(const store::NewMessage& m) override;
    void mark_read(Id chat_id, Id staff_id) override;
    void mark_unread(Id chat_id, Id staff_id) override;
    void bump_version(Id chat_id) override;
    void insert_audit(const store::AuditEntry& a) override;
    using WriteTx::append_event;
    store::StoredEvent append_event(protocol::Event e,
                                    const std::vector<Id>& notify_staff) override;
    Id insert_token(const std::string& hash, const store::TokenRecord& t) override;
    // Administration (pg_admin.cpp).
    void set_staff_role(Id staff_id, protocol::Role role) override;
    void set_staff_active(Id staff_id, bool active) override;
    void rename_queue(Id queue_id, const std::string& name) override;
    void set_queue_archived(Id queue_id, bool archived) override;
    void remove_member(Id queue_id, Id staff_id) override;
    bool delete_token_by_id(Id id) override;
    std::int64_t delete_staff_sessions(Id staff_id, const std::string& except_hash) override;
    void touch_token(const std::string& hash, Time at) override;
    void delete_token(const std::string& hash) override;
    void delete_expired_tokens(Time now) override;
    std::optional<store::LimitCounter> limit_counter(const std::string& key) override;
    void set_limit_counter(const std::string& key, const store::LimitCounter& c) override;
    void delete_limit_counter(const std::string& key) override;
    void delete_expired_limit_counters(Time now) override;
    void hold_presence(const std::string& instance, const std::vector<Id>& staff_ids,
                       std::chrono::milliseconds ttl) override;
    std::vector<protocol::Staff> lapsed_presence() override;
    bool hold_lease(const std::string& name, const std::string& holder,
                    std::chrono::milliseconds ttl) override;
    Id insert_canned(const store::NewCanned& c) override;
    void update_canned(Id id, const std::string& shortcut, const std::string& body,
                       Time at) override;
    void delete_canned(Id id) override;

    // The newest seq this transaction appended (0: none).
    Seq last_appended() const { return last_appended_; }

  private:
    std::vector<store::ChatRecord> load_chats(const std::vector<Id>& ids);
    std::vector<Id> staff_queue_ids(Id staff_id);

    Connection& db_;
    Seq last_appended_ = 0;
};

}  // namespace sb::server::postgres
