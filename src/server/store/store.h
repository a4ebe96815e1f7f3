// The storage interface the domain, auth and API layers use, as behaviour: what each call
// guarantees, whatever the database. Implementations: store/sqlite/ (the default, one file) and
// store/postgres/ (several instances on one PostgreSQL); store/open_store.h picks one from the
// configuration. tests/store/store_contract_test.cpp checks every implementation against this.
//
// Transactions:
//   read(fn)   fn sees one consistent snapshot for all its queries, and cannot write.
//   write(fn)  fn's changes are atomic and isolated from every other write, in this process and
//              in any other process or instance on the same database: all of them or none.
//              An exception from fn undoes all of fn's changes and reaches the caller. write()
//              returns only once the changes are durable (an acknowledged write is committed).
//              fn may run more than once (a store may retry after losing a race with another
//              instance); it must not act outside the transaction except to keep its results.
//   Either call throws Unavailable when the database cannot serve it now (busy, restarting,
//   unreachable: the caller answers 503 and the client retries); nothing was changed then, or
//   the write committed exactly as if it had succeeded (idempotency keys make a retry safe).
//   Other storage failures throw StorageError.
//
// Events: append_event gives each event the next seq of one sequence for the whole database:
// strictly increasing, no gaps, and in commit order (a write that is undone uses no seq). The
// commit listener receives every committed event of every writer of the database (this
// process, the admin CLI, other instances), exactly once and in seq order; the events of a
// write made through this Store reach it before write() returns.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "protocol/model.h"
#include "protocol/visibility.h"

namespace sb::server::store {

// The database cannot serve the call now (busy, restarting, unreachable): answer 503, retry.
class Unavailable : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Any other failure of the database (a broken invariant, a full disk): answer 500.
class StorageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

using protocol::Id;
using protocol::Seq;
using protocol::Time;

struct StaffRecord {
    protocol::Staff staff;
    std::string password_hash;
};

// One staff member's read state of one chat.
struct ReadState {
    Id staff_id = 0;
    std::int64_t read_count = 0;  // the chat's contact message count when last read
    bool marked_unread = false;
    bool operator==(const ReadState&) const = default;
};

// A chat as the server keeps it: the protocol chat (unread not filled: it is per viewer), the
// count of contact messages and every staff member's read state.
struct ChatRecord {
    protocol::Chat chat;
    std::int64_t contact_msg_count = 0;
    std::vector<ReadState> reads;
    std::optional<Time> accepted_at;
    std::optional<Id> deleted_by;    // who deleted the chat (set while deleted)
    std::optional<Time> deleted_at;  // when (set while deleted)
};

// Contact messages `viewer` has not read (at least 1 when they marked the chat unread).
std::int64_t unread_count(std::int64_t contact_msg_count, const std::vector<ReadState>& reads,
                          Id viewer);
// Fills chat.unread and chat.unread_count for one staff member (0: nobody; both false/0).
void apply_read_state(protocol::Chat& chat, std::int64_t contact_msg_count,
                      const std::vector<ReadState>& reads, Id viewer);

// A stored event: the protocol event plus the chat's read state at that moment.
struct StoredEvent {
    protocol::Event event;
    std::int64_t contact_msg_count = 0;
    std::vector<ReadState> reads;
    bool author_signs = false;  // typing events: the typist signs replies (contacts see the name)
    std::vector<Id> notify_staff;  // staff told of this chat event even if they no longer see it
};

// A chat's read state as one text ("count|staff:read:marked,..."), as events store it.
std::string encode_reads(std::int64_t contact_msg_count, const std::vector<ReadState>& reads);
void decode_reads(const std::string& text, std::int64_t& contact_msg_count,
                  std::vector<ReadState>& reads);

struct TokenRecord {
    Id id = 0;  // filled when read
    enum class Kind { staff, display, contact, integration } kind = Kind::staff;
    std::optional<Id> staff_id;
    std::optional<Id> chat_id;
    std::optional<Id> contact_id;
    std::string label;
    Time created_at = 0;
    std::optional<Time> expires_at;
    std::optional<Time> last_used_at;  // display and integration tokens (WriteTx::touch_token)
};
const char* to_string(TokenRecord::Kind k);
TokenRecord::Kind parse_token_kind(std::string_view s);  // what to_string wrote

// "1,4,7" (what SQL's group_concat / string_agg make of an id column) as ids; "" is none.
std::vector<Id> parse_id_list(const std::string& ids);

enum class View { working, pending, resolved, deleted };

// Which chats a list or search may return: a supervisor (everything) or an agent. The rule is
// protocol/visibility.h's; a store's queries follow it with the queue memberships it stores.
struct Audience {
    bool everything = false;  // supervisors
    Id staff_id = 0;
    std::vector<Id> queue_ids;  // the agent's queues
};
protocol::Viewer viewer_of(const Audience& a);
protocol::ListView list_view(View v);

struct ListQuery {
    View view = View::pending;
    bool all_staff = false;  // working: everybody's (supervisors), else the viewer's own
    Audience audience;
    std::optional<std::string> cursor;  // from a previous page
    int limit = 50;
};

struct ChatList {
    std::vector<ChatRecord> chats;
    std::optional<std::string> next_cursor;
};

struct MessageQuery {
    Id chat_id = 0;
    std::optional<Id> before;
    int limit = 50;
    bool include_notes = true;
};

// Raw figures for /stats; the stats module turns them into levels and medians.
struct StatsInputs {
    struct PendingChat {
        Id chat_id;
        std::string contact_name;
        Id queue_id;
        Time waiting_since;
    };
    std::vector<PendingChat> pending;  // every pending, not deleted chat
    std::vector<std::pair<Id, std::int64_t>> working_per_staff;
    std::int64_t resolved_since = 0;              // resolved at or after `since`
    std::vector<std::int64_t> first_response_ms;  // created → first reply, chats created since
    std::vector<std::int64_t> wait_ms;            // created → accepted, chats accepted since
    std::vector<Time> created_times;              // chats created since min(since, now - 24 h)
};

// A canned reply as the server keeps it (E12): the wire object plus who made it and when.
struct CannedRecord {
    protocol::CannedReply reply;
    Id created_by = 0;
    Time created_at = 0;
};

struct NewCanned {
    std::string shortcut;
    std::string body;
    std::optional<Id> owner_staff_id;  // nullopt: shared with the whole team
    Id created_by = 0;
    Time at = 0;
};

// One limit counter (WriteTx::limit_counter): what it means belongs to its user. A rate limit
// keeps its theoretical arrival time in `at`; a failed-login delay keeps the failures in
// `count` and the last one in `at`. A counter past expires_at counts as absent.
struct LimitCounter {
    std::int64_t count = 0;
    Time at = 0;
    Time expires_at = 0;
};

struct AuditEntry {
    Time at = 0;
    std::string actor_type;  // staff, contact, system, admin-cli
    std::optional<Id> actor_id;
    std::string action;
    std::optional<Id> chat_id;
    std::string detail;
    Id id = 0;  // filled when read
};

// Which audit rows to read (ReadTx::audit), newest first.
struct AuditQuery {
    std::optional<Id> actor_id;  // rows whose actor is this staff member
    std::optional<Id> chat_id;
    std::optional<std::string> action;
    std::optional<Id> before_id;  // the page after this row
    int limit = 50;
};

class ReadTx {
  public:
    virtual ~ReadTx() = default;

    virtual std::optional<StaffRecord> staff_by_login(const std::string& login) = 0;
    virtual std::optional<protocol::Staff> staff(Id id) = 0;
    // Active staff whose name or login contains q (case-insensitive), online first, then by
    // name. Deactivated staff are not listed.
    virtual std::vector<protocol::Staff> staff_search(const std::string& q, int limit) = 0;
    // Every staff member, deactivated too, by name then id (administration).
    virtual std::vector<protocol::Staff> all_staff() = 0;
    // The queues that take chats (not archived), by id.
    virtual std::vector<protocol::Queue> queues() = 0;
    // Any queue, archived too.
    virtual std::optional<protocol::Queue> queue(Id id) = 0;
    // Every queue with its archived flag, pending (not deleted) chat count and members, by name
    // then id (administration).
    virtual std::vector<protocol::QueueInfo> queue_infos() = 0;

    virtual std::optional<ChatRecord> chat(Id id) = 0;
    // The chat started with this key (see WriteTx::insert_chat), if any.
    virtual std::optional<ChatRecord> chat_by_start_key(const std::string& key) = 0;
    virtual ChatList list_chats(const ListQuery& q) = 0;
    virtual protocol::Counts counts(const Audience& a, bool all_working) = 0;
    // Pages of a list (ListQuery.view) in the tab's order: pending by waiting time, oldest first;
    // working and deleted by last message, resolved by resolution, newest first. The cursor
    // resumes after the previous page's last chat; a cursor this store did not make throws
    // std::invalid_argument. Membership follows protocol::in_list.
    // counts: the three lists' lengths for the audience, kept as chats change (never a scan).
    // Chats whose contact (name, e-mail) or messages contain every word of q as a word prefix
    // (case-insensitive), visible to the audience (protocol::sees_chat), most recent first.
    virtual std::vector<ChatRecord> search(const std::string& q, const Audience& a,
                                           bool include_deleted, int limit) = 0;
    // Earlier chats of a contact (the contact panel), newest first.
    virtual std::vector<ChatRecord> contact_chats(Id contact_id, int limit) = 0;

    virtual protocol::MessagePage messages(const MessageQuery& q) = 0;
    virtual std::optional<protocol::Message> message_by_client_id(Id chat_id,
                                                                  protocol::AuthorType type,
                                                                  std::optional<Id> author_id,
                                                                  const std::string& client_id) = 0;

    virtual std::optional<TokenRecord> token(const std::string& hash) = 0;
    // Display and integration tokens (never sessions or contact tokens), newest first.
    virtual std::vector<TokenRecord> listed_tokens() = 0;
    virtual std::optional<TokenRecord> token_by_id(Id id) = 0;

    // The audit log, newest first.
    virtual std::vector<AuditEntry> audit(const AuditQuery& q) = 0;

    // Events with seq > after, up to limit, in order.
    virtual std::vector<StoredEvent> events_after(Seq after, int limit) = 0;
    virtual Seq first_event_seq() = 0;  // 0 when none
    virtual Seq last_event_seq() = 0;   // 0 when none

    virtual StatsInputs stats_inputs(Time since, Time now) = 0;
    virtual std::optional<std::string> setting(const std::string& key) = 0;
    virtual std::int64_t count_staff() = 0;

    // Canned replies (E12): staff_id's personal replies and every shared one, by shortcut,
    // personal before shared on the same shortcut.
    virtual std::vector<protocol::CannedReply> canned_replies_for(Id staff_id) = 0;
    virtual std::optional<CannedRecord> canned_reply(Id id) = 0;
    // The id of the reply with this shortcut in one scope (owner nullopt: the shared ones).
    virtual std::optional<Id> canned_by_shortcut(const std::string& shortcut,
                                                 std::optional<Id> owner_staff_id) = 0;
};

struct NewMessage {
    Id chat_id = 0;
    protocol::MessageKind kind = protocol::MessageKind::text;
    protocol::Author author;
    bool signed_ = false;
    std::string body;
    std::optional<std::string> client_id;
    Time at = 0;
};

// Who deleted a chat and when.
struct Deletion {
    Id by = 0;
    Time at = 0;
};

// A change of a chat's lifecycle fields; unset fields stay. The version grows by one.
struct ChatChange {
    std::optional<protocol::ChatStatus> status;
    std::optional<std::optional<Id>> assignee_id;
    std::optional<Id> queue_id;
    std::optional<std::optional<Time>> waiting_since;
    std::optional<std::optional<Time>> resolved_at;
    // Set: deleted (with who and when); set to nullopt: restored (not deleted, both cleared).
    std::optional<std::optional<Deletion>> deletion;
};

class WriteTx : public ReadTx {
  public:
    // Admin.
    virtual Id insert_queue(const std::string& name) = 0;
    virtual Id insert_staff(const std::string& login, const std::string& name, protocol::Role role,
                            const std::string& password_hash, Time at) = 0;
    virtual void set_password(Id staff_id, const std::string& password_hash) = 0;
    virtual void set_staff_role(Id staff_id, protocol::Role role) = 0;
    virtual void set_staff_active(Id staff_id, bool active) = 0;
    virtual void rename_queue(Id queue_id, const std::string& name) = 0;
    virtual void set_queue_archived(Id queue_id, bool archived) = 0;
    // Both do nothing when already so.
    virtual void add_member(Id queue_id, Id staff_id) = 0;
    virtual void remove_member(Id queue_id, Id staff_id) = 0;
    virtual void update_staff(Id staff_id, const protocol::MePatch& patch) = 0;
    virtual void set_setting(const std::string& key, const std::string& value) = 0;

    // Chats.
    virtual Id insert_contact(const protocol::Contact& c, Time at) = 0;
    // start_key: set when a retried start must find this chat again (unique).
    virtual Id insert_chat(Id queue_id, Id contact_id, Time at,
                           const std::optional<std::string>& start_key) = 0;
    // The race-free accept: true when this call made the pending, not deleted chat working for
    // staff_id; false when it was not pending. Of any number of concurrent accepts of one chat,
    // from any process or instance, exactly one returns true.
    virtual bool try_accept(Id chat_id, Id staff_id, Time at) = 0;
    virtual void change_chat(Id chat_id, const ChatChange& change) = 0;
    // Inserts and updates the chat (last message, preview, contact message count, participants,
    // first response, the author's read state). A second message with the same (chat, author,
    // client_id) is refused with an exception (callers look it up first: message_by_client_id).
    virtual protocol::Message insert_message(const NewMessage& m) = 0;
    virtual void mark_read(Id chat_id, Id staff_id) = 0;
    virtual void mark_unread(Id chat_id, Id staff_id) = 0;
    virtual void bump_version(Id chat_id) = 0;

    virtual void insert_audit(const AuditEntry& a) = 0;
    // Appends to the outbox; the store fills seq (and, for chat events, the chat's read state).
    // notify_staff: staff to tell although they may no longer see the chat (a previous assignee).
    virtual StoredEvent append_event(protocol::Event e, const std::vector<Id>& notify_staff) = 0;
    StoredEvent append_event(protocol::Event e) { return append_event(std::move(e), {}); }

    // Returns the token's id.
    virtual Id insert_token(const std::string& hash, const TokenRecord& t) = 0;
    virtual void delete_token(const std::string& hash) = 0;
    // False when no token has this id.
    virtual bool delete_token_by_id(Id id) = 0;
    // Deletes every session of a staff member but the one with except_hash (empty: all).
    // Returns how many were deleted.
    virtual std::int64_t delete_staff_sessions(Id staff_id, const std::string& except_hash) = 0;
    virtual void touch_token(const std::string& hash, Time at) = 0;  // its last_used_at
    virtual void delete_expired_tokens(Time now) = 0;

    // Limit counters: the shared state of rate limits and failed-login delays (domain/
    // rate_limit.h, auth/login_limiter.h), so that every instance of a cluster counts the same.
    // limit_counter reads a counter *for update*: a set_limit_counter or delete_limit_counter of
    // the same key later in this transaction is atomic with the read, whatever other
    // transactions, processes or instances do meanwhile (they wait for this one).
    virtual std::optional<LimitCounter> limit_counter(const std::string& key) = 0;
    virtual void set_limit_counter(const std::string& key, const LimitCounter& c) = 0;
    virtual void delete_limit_counter(const std::string& key) = 0;
    // Removes counters whose expires_at is before `now` (they count as absent anyway).
    virtual void delete_expired_limit_counters(Time now) = 0;

    // Presence leases: how presence follows sockets on every instance of a cluster. An instance
    // holds a staff member's presence while it has a socket of theirs (renewed, short), and for
    // the grace period after the last one closes; staff shown online or away whom no instance
    // holds any more go offline (events/event_hub.cpp). Times are the store's own clock (the
    // database server's with PostgreSQL), so instances on machines whose clocks differ agree.
    // This instance holds each of `staff_ids` for `ttl` from now (replacing its earlier lease).
    virtual void hold_presence(const std::string& instance, const std::vector<Id>& staff_ids,
                               std::chrono::milliseconds ttl) = 0;
    // Removes leases that have ended; returns staff shown online or away whom no lease holds.
    virtual std::vector<protocol::Staff> lapsed_presence() = 0;
    // A named lease with one holder at a time (work exactly one instance does, e.g. webhooks):
    // takes it when it is free or has ended, renews it when `holder` has it, for `ttl` from now.
    // True when `holder` holds it now.
    virtual bool hold_lease(const std::string& name, const std::string& holder,
                            std::chrono::milliseconds ttl) = 0;

    // Canned replies.
    virtual Id insert_canned(const NewCanned& c) = 0;
    virtual void update_canned(Id id, const std::string& shortcut, const std::string& body,
                               Time at) = 0;
    virtual void delete_canned(Id id) = 0;
};

class Store {
  public:
    virtual ~Store() = default;
    virtual void read(const std::function<void(ReadTx&)>& fn) = 0;
    virtual void write(const std::function<void(WriteTx&)>& fn) = 0;
    // The commit-notification seam: fn receives every committed event of every writer of the
    // database, exactly once, in seq order (see the top of this file). Each store fills it its
    // own way: SQLite hands over its own commits and looks for other processes' (the admin CLI)
    // every second; PostgreSQL reads the events table on LISTEN/NOTIFY wake-ups, after every
    // (re)LISTEN and on a timer. Set nullptr before destroying what fn uses: the call returns
    // once no delivery is running.
    virtual void set_commit_listener(std::function<void(std::vector<StoredEvent>)> fn) = 0;
    // Deletes stored events older than the newest `keep` (resume before that gets a resync).
    virtual void prune_events(std::int64_t keep) = 0;

    // The relay: what every server on this database hears besides committed events, this one
    // included, once each and best effort (lost while the database is away). The default hands
    // it over in this process (a lone SQLite server); PostgreSQL relays it to every instance
    // with NOTIFY on the channel switchboard_relay.
    struct Relay {
        std::function<void(StoredEvent)> ephemeral;  // events that are not stored (typing)
        // A session ended (logout): close the sockets opened with this token.
        std::function<void(const std::string& token_hash, const std::string& reason)> session_ended;
    };
    virtual void broadcast_ephemeral(const StoredEvent& e) { hand_ephemeral(e); }
    virtual void broadcast_session_end(const std::string& token_hash, const std::string& reason) {
        hand_session_end(token_hash, reason);
    }
    // Set {} before destroying what the relay uses: the call returns once no delivery is running.
    void set_relay(Relay relay);

    template <class F>
    auto read_value(F&& f) {
        std::optional<decltype(f(std::declval<ReadTx&>()))> out;
        read([&](ReadTx& tx) { out.emplace(f(tx)); });
        return std::move(*out);
    }
    template <class F>
    auto write_value(F&& f) {
        std::optional<decltype(f(std::declval<WriteTx&>()))> out;
        write([&](WriteTx& tx) { out.emplace(f(tx)); });
        return std::move(*out);
    }

  protected:
    void hand_ephemeral(StoredEvent e);  // to the relay, if one is set
    void hand_session_end(const std::string& token_hash, const std::string& reason);

  private:
    std::mutex relay_mutex_;
    Relay relay_;
};

}  // namespace sb::server::store
