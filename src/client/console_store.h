// The store of what the console knows: chats by id, the three tab lists (loaded by cursor pages,
// kept in the order the tabs show them), counts, message histories, staff, queues, me, and the
// last event seq. Pure data + rules: it never does I/O. The Console feeds it REST answers and
// events; the UI's view models read it.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "protocol/model.h"

namespace sb::client {

using protocol::Id;

enum class Tab { working = 0, pending = 1, resolved = 2 };
constexpr std::array<Tab, 3> kAllTabs = {Tab::working, Tab::pending, Tab::resolved};
const char* to_string(Tab tab);  // "working", "pending", "resolved" (the API's view names)

enum class Scope { mine, all };  // Working On: my chats or every staff member's (supervisors)

// One tab's list: the prefix of the server's order that has been loaded so far.
struct ChatList {
    std::vector<Id> ids;                     // in tab order (see tab_sorts_before)
    std::unordered_set<Id> members;          // the same ids, for lookups
    std::optional<std::string> next_cursor;  // more on the server after the loaded prefix
    bool loaded = false;                     // the first page arrived
    bool loading = false;                    // a page request is in flight
    std::vector<Id> raced;                   // chats events placed here before the first page
};

// A chat's messages: the newest pages loaded so far, oldest first.
struct ChatHistory {
    std::vector<protocol::Message> messages;
    std::unordered_set<std::string> client_ids;  // of `messages`: replies the server sent back
    std::optional<Id> next_before;               // older messages exist before this id
    bool loaded = false;
    bool loading = false;
};

// What applying an event did, for the Console to react (sound, title, frame).
struct EventEffects {
    bool changed = false;              // anything visible may differ
    bool new_pending_chat = false;     // a chat entered my Pending tab as new
    bool contact_wrote_to_me = false;  // a contact message in a chat assigned to me
    bool counts_unknown = false;       // counts could not be adjusted: ask the server
};

struct TypingState {
    protocol::Author author;
    double until = 0;  // seconds (platform clock)
};

class ConsoleStore {
  public:
    // ---- identity and scope ----
    void set_me(const protocol::Staff& me);
    const std::optional<protocol::Staff>& me() const { return me_; }
    bool is_supervisor() const;
    // The Restore button (list row, chat toolbar): a deleted chat, for supervisors. (The server
    // also lets the deleter restore within the Undo time; the console offers that as Undo.)
    bool may_restore(const protocol::Chat& chat) const;
    // Edit and Delete in the Canned replies dialog: my personal replies (the only personal ones
    // listed), and shared ones for supervisors and admins.
    bool may_change(const protocol::CannedReply& reply) const;
    void set_working_scope(Scope scope);  // clears the Working On list (it must be reloaded)
    Scope working_scope() const { return working_scope_; }

    // ---- chats and lists ----
    const protocol::Chat* chat(Id id) const;
    // Stores a chat as the server says it is now: moves it between lists and moves the counts
    // with it. An older version than the one known is ignored (false).
    bool upsert_chat(const protocol::Chat& chat);
    const ChatList& list(Tab tab) const { return lists_[index(tab)]; }
    ChatList& list_mut(Tab tab) { return lists_[index(tab)]; }
    // A page of GET /chats for this tab: merges chats and sets the cursor; the first page sets the
    // tab's count (later ones leave it to events).
    void apply_page(Tab tab, const protocol::ChatPage& page);
    void clear_lists();  // before a reload (resync): nothing stale stays on screen
    const protocol::Counts& counts() const { return counts_; }
    void set_counts(const protocol::Counts& counts) { counts_ = counts; }

    std::int64_t count(Tab tab) const;
    // Would this chat be in this tab for me (membership rule of the tabs)?
    bool belongs(Tab tab, const protocol::Chat& chat) const;
    // What the page title counts (E2): the pending chats plus my own chats (Working On, assigned
    // to me) with unread messages, among the chats loaded.
    std::int64_t attention_count() const;

    // ---- messages ----
    const ChatHistory* history(Id chat_id) const;
    ChatHistory& history_mut(Id chat_id) { return histories_[chat_id]; }
    // The newest page replaces a fresh history; older pages go in front (GET /messages?before=).
    void apply_messages(Id chat_id, const protocol::MessagePage& page, bool older);
    void add_message(const protocol::Message& message);  // ignores duplicates by id
    void clear_histories() { histories_.clear(); }

    // ---- staff, queues, typing ----
    void upsert_staff(const protocol::Staff& staff);
    const std::unordered_map<Id, protocol::Staff>& staff() const { return staff_; }
    void set_queues(std::vector<protocol::Queue> queues) { queues_ = std::move(queues); }
    const std::vector<protocol::Queue>& queues() const { return queues_; }
    // A queue as queue.updated (or an admin's call) says it is now: renamed everywhere (the
    // queue list of the transfer dialog, every chat in it); archived, it leaves the list.
    void apply_queue(const protocol::QueueInfo& queue);
    void set_typing(const protocol::Typing& typing, double until);
    // Who is typing in this chat now (other than me), if anybody.
    const TypingState* typing(Id chat_id, double now) const;

    // ---- canned replies (E12): my personal ones and the shared ones, as GET /canned lists them
    void set_canned(std::vector<protocol::CannedReply> replies, double now) {
        canned_ = std::move(replies);
        canned_loaded_at_ = now;
    }
    const std::vector<protocol::CannedReply>& canned() const { return canned_; }
    double canned_loaded_at() const { return canned_loaded_at_; }  // platform seconds; 0: never

    // ---- events ----
    protocol::Seq last_seq() const { return last_seq_; }
    void set_last_seq(protocol::Seq seq) { last_seq_ = seq; }
    // Applies one event (events at or below last_seq are ignored: replays are idempotent).
    EventEffects apply_event(const protocol::Event& event, double now);

    // Everything, e.g. on logout.
    void reset();

  private:
    static size_t index(Tab tab) { return static_cast<size_t>(tab); }
    bool sorts_before(Tab tab, Id a, Id b) const;
    void place(Tab tab, Id id, bool from_page);
    void store_chat(const protocol::Chat& chat);  // chats_[id] = chat, and unread_mine_
    bool wants_my_attention(const protocol::Chat& chat) const;  // mine, working, unread
    void remove_from(Tab tab, Id id);
    // Moves the counts for a known chat changing from `before` to `after`.
    void adjust_counts(const protocol::Chat& before, const protocol::Chat& after);
    std::int64_t& count_mut(Tab tab);

    std::optional<protocol::Staff> me_;
    Scope working_scope_ = Scope::mine;
    std::unordered_map<Id, protocol::Chat> chats_;
    std::unordered_set<Id> unread_mine_;  // my chats in Working On with unread messages
    std::array<ChatList, 3> lists_;
    protocol::Counts counts_;
    std::unordered_map<Id, ChatHistory> histories_;
    std::unordered_map<Id, protocol::Staff> staff_;
    std::vector<protocol::Queue> queues_;
    std::unordered_map<Id, TypingState> typing_;
    std::vector<protocol::CannedReply> canned_;
    double canned_loaded_at_ = 0;
    protocol::Seq last_seq_ = 0;
};

// The order each tab shows: Working On most recent activity first, Pending oldest wait first,
// Resolved most recently resolved first; ties by id. Used for lists and for paging boundaries.
bool tab_sorts_before(Tab tab, const protocol::Chat& a, const protocol::Chat& b);

}  // namespace sb::client
