// The console's client side in one object: the store, the REST API, the event stream and the
// outbox, wired together, plus every intent the UI can emit (login, accept, send, transfer, ...).
// The UI reads state from here and calls intents; it never sees HTTP or WebSockets. Everything
// runs on the platform's one thread; on_change is called whenever something visible changed.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "client/admin_state.h"
#include "client/api.h"
#include "client/console_store.h"
#include "client/event_stream.h"
#include "client/outbox.h"
#include "client/platform.h"
#include "client/server_health.h"

namespace sb::client {

enum class Session { checking, logged_out, logging_in, logged_in };
const char* to_string(Session session);

struct Notice {
    int id = 0;
    std::string text;
    bool error = false;
    double until = 0;  // platform seconds
};

struct SearchState {
    std::string query;
    bool active = false;  // results are shown instead of the tabs
    bool loading = false;
    std::vector<Id> results;
    std::string message;        // e.g. "Chat #22 does not exist."
    bool deleted_view = false;  // the results are the deleted chats (supervisors), not a search
};

struct TransferState {
    Id chat_id = 0;  // 0: no dialog
    std::string query;
    bool searching = false;
    std::vector<protocol::Staff> staff;  // online first
    bool submitting = false;
    std::string error;
};

// The "Canned replies" dialog (E12) and the fetching of the list.
struct CannedState {
    bool dialog_open = false;
    bool loading = false;  // GET /canned on its way
    bool refetch = false;  // a change landed while it was: fetch again when it answers
    bool saving = false;   // a create, edit or delete on its way
    std::string error;     // the server's refusal (400, 403, 404, 409), shown in the dialog
    int changes = 0;       // grows with every change the server accepted (the UI closes its form)
};

struct UndoOffer {
    Id chat_id = 0;
    double until = 0;
};

class Console {
  public:
    static constexpr int kPageSize = 50;
    static constexpr double kUndoSeconds = 8.0;
    static constexpr double kNoticeSeconds = 6.0;
    static constexpr double kTypingEvery = 3.0;
    static constexpr double kCannedMaxAge = 30.0;  // "/" refetches a list older than this
    static constexpr const char* kTokenKey = "switchboard.token";
    static constexpr const char* kOutboxKey = "switchboard.outbox";  // + ".<staff id>"

    Console(Platform& platform, std::function<void()> on_change);
    ~Console();
    Console(const Console&) = delete;
    Console& operator=(const Console&) = delete;

    // Checks the server and resumes a saved session, if any.
    void start();
    // Runs timers (reconnects, outbox retries, notices, undo); call on every frame.
    void tick();
    // The earliest time (platform seconds) at which tick() has work; 0 when none.
    double next_deadline() const;

    // ---- what the UI reads ----
    const ConsoleStore& store() const { return store_; }
    Session session() const { return session_; }
    const std::string& login_error() const { return login_error_; }
    ConnectionState connection() const { return stream_.state(); }
    Reachability reachability() const { return health_.reachability(); }
    std::optional<Id> open_chat() const { return open_chat_; }
    const SearchState& search_state() const { return search_; }
    const TransferState& transfer_state() const { return transfer_; }
    const UndoOffer& undo_offer() const { return undo_; }
    const CannedState& canned_state() const { return canned_; }
    const AdminState& admin() const { return admin_; }
    // The Admin entry: admins, and supervisors (staff and queues read-only, the audit log).
    bool may_open_admin() const { return store_.is_supervisor(); }
    bool is_admin() const { return store_.me() && store_.me()->role == protocol::Role::admin; }
    // Admins see no chats (protocol/visibility.h): they have no inbox, only the Admin screen.
    bool handles_chats() const { return !is_admin(); }
    const std::vector<Notice>& notices() const { return notices_; }
    const Outbox& outbox() const { return outbox_; }
    // The replies to show after the open chat's history: the outbox's for this chat, minus those
    // the server has already sent back (their client_id is in the history), so each shows once.
    std::vector<const OutgoingMessage*> unsent_for(Id chat_id) const;
    // Earlier chats of a contact (loaded when one of their chats is opened).
    const std::vector<Id>* contact_chats(Id contact_id) const;
    // A tab the UI should switch to (after accept: Working On); taken once.
    std::optional<Tab> take_tab_request();
    double now() const { return platform_.now_seconds(); }
    std::string state_json(const std::string& ui_json) const;

    // ---- intents ----
    void login(const std::string& user, const std::string& password);
    void logout();
    void set_sign(bool sign);
    void set_presence(protocol::Presence presence);
    void set_working_scope(Scope scope);
    void load_more(Tab tab);
    void search(const std::string& query);
    void clear_search();
    void show_deleted();  // supervisors: list deleted chats (in the results panel) to restore
    void open(Id chat_id);
    void close_chat();
    void load_older(Id chat_id);
    void accept(Id chat_id);
    void send(Id chat_id, const std::string& body, protocol::MessageKind kind);
    void typing(Id chat_id);
    void return_chat(Id chat_id);
    void resolve(Id chat_id);
    void mark_unread(Id chat_id);
    void delete_chat(Id chat_id);
    void undo_delete();
    void restore(Id chat_id);  // supervisors: bring a deleted chat back
    void open_transfer(Id chat_id);
    void find_staff(const std::string& query);
    void transfer(std::optional<Id> staff_id, std::optional<Id> queue_id);
    void close_transfer();
    void dismiss_notice(int id);
    void dismiss_failed();  // the list of refused messages was read
    // Canned replies (console_canned.cpp). refresh_canned(true) fetches only when the list is
    // older than kCannedMaxAge (the "/" picker calls it, so new shared replies arrive).
    void refresh_canned(bool only_if_stale);
    void open_canned_dialog();
    void close_canned_dialog();
    void create_canned(const protocol::CannedCreateRequest& request);
    void update_canned(Id id, const protocol::CannedPatchRequest& request);
    void delete_canned(Id id);
    // The Admin screen (console_admin.cpp). Every change answers into its form's FormState.
    void open_admin();  // shown: loads what my role may read, and follows events
    void close_admin();
    void open_audit_of_chat(Id chat_id);  // the Admin screen's audit log of one chat
    void reload_admin();
    void create_staff(const protocol::StaffCreateRequest& request);
    void patch_staff(Id id, const protocol::StaffPatchRequest& patch, AdminForm form);
    void create_queue(const std::string& name);
    void patch_queue(Id id, const protocol::QueuePatchRequest& patch, AdminForm form);
    void set_member(Id queue_id, Id staff_id, bool member);
    void create_token(const protocol::TokenCreateRequest& request);
    void dismiss_new_token();
    void revoke_token(Id id);
    // An integration token's webhook: set (the new secret is shown once) or removed.
    void set_webhook(Id token_id, const std::string& url);
    void remove_webhook(Id token_id);
    void dismiss_webhook_secret();
    void save_settings(const protocol::SettingsPatch& patch);
    void load_audit(const AuditQuery& query);  // the first page for these filters
    void load_more_audit();
    void clear_form_error(AdminForm form);
    // The Queues tab is shown: its pending counts are read every kPendingPollSeconds (admins
    // hear no chat events; supervisors' are followed sooner, see admin_event).
    void watch_pending_counts(bool on);
    static constexpr double kPendingPollSeconds = 5.0;

  private:
    void changed();
    void notify(std::string text, bool error);
    void fail(const ApiError& e, const std::string& what);
    void begin_session(const std::string& token);
    void end_session(const std::string& why);
    void reload_lists();
    void load_page(Tab tab, bool first);
    void refresh_counts();
    void load_history(Id chat_id);
    void load_contact_chats(const protocol::Chat& chat);
    void refresh_chat(Id chat_id);
    void mark_read(const protocol::Chat& chat);
    bool apply_answer(const ApiResult<protocol::Chat>& answer);  // a chat a call answered
    void simple_action(Id chat_id, const std::string& action, const std::string& done_text);
    void on_stream_state();
    void on_frame(const std::string& text);
    void on_event(const protocol::Event& event);
    // PATCH /me; the answer becomes me, a refusal a notice "<failed>: why".
    void patch_me(const protocol::MePatch& patch, const char* failed);
    void flush_outbox();
    void save_outbox();
    // A create/edit/delete answered: errors stay in the dialog, success reloads the list.
    void canned_answered(const ApiError* error);
    std::string outbox_key() const;
    // Admin (console_admin.cpp): events the Admin screen follows, a form's answer, the reload
    // of pending counts after chats moved.
    void admin_event(const protocol::Event& event);
    void admin_answered(AdminForm form, const ApiError* error);
    void admin_tick();
    void reload_admin_queues();
    void on_server_close(const std::string& reason);
    std::string make_client_id();

    Platform& platform_;
    std::function<void()> on_change_;
    Api api_;
    ServerHealth health_;
    EventStream stream_;
    ConsoleStore store_;
    Outbox outbox_;
    Session session_ = Session::checking;
    std::string login_error_;
    std::optional<Id> open_chat_;
    SearchState search_;
    TransferState transfer_;
    UndoOffer undo_;
    CannedState canned_;
    AdminState admin_;
    std::vector<Notice> notices_;
    int next_notice_id_ = 1;
    std::optional<Tab> tab_request_;
    std::unordered_map<Id, std::vector<Id>> contact_chats_;
    std::unordered_map<Id, double> typing_sent_;
    double outbox_retry_at_ = 0;
    int outbox_failures_ = 0;
    bool counts_refresh_pending_ = false;
    bool replayed_once_ = false;  // the first replay after login is history, not news
    bool sound_due_ = false;      // played once per tick, however many events asked
    unsigned long long client_counter_ = 0;
    std::string title_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace sb::client
