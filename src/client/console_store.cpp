// See console_store.h. The tab membership rule (belongs) and the tab order (tab_sorts_before)
// are the two rules everything else here follows.
#include "client/console_store.h"

#include <algorithm>
#include <utility>

#include "protocol/names.h"
#include "protocol/visibility.h"

namespace sb::client {

using protocol::Chat;
using protocol::ChatStatus;

namespace {
constexpr protocol::Names<Tab, 3> kTabNames{
    {{Tab::working, "working"}, {Tab::pending, "pending"}, {Tab::resolved, "resolved"}}};
}  // namespace

const char* to_string(Tab tab) {
    return protocol::name_of(kTabNames, tab);
}

namespace {

// The field of a Counts that counts this tab's chats (const or not, as `counts` is).
template <class C>
auto& count_of(C& counts, Tab tab) {
    switch (tab) {
        case Tab::pending:
            return counts.pending;
        case Tab::resolved:
            return counts.resolved;
        case Tab::working:
            break;
    }
    return counts.working;
}

}  // namespace

bool tab_sorts_before(Tab tab, const Chat& a, const Chat& b) {
    switch (tab) {
        case Tab::working:
            if (a.last_message_at != b.last_message_at)
                return a.last_message_at > b.last_message_at;
            return a.id > b.id;
        case Tab::pending: {
            const auto wa = a.waiting_since.value_or(a.created_at);
            const auto wb = b.waiting_since.value_or(b.created_at);
            if (wa != wb) return wa < wb;
            return a.id < b.id;
        }
        case Tab::resolved: {
            const auto ra = a.resolved_at.value_or(0);
            const auto rb = b.resolved_at.value_or(0);
            if (ra != rb) return ra > rb;
            return a.id > b.id;
        }
    }
    return a.id < b.id;
}

// ---- identity ------------------------------------------------------------------------------

void ConsoleStore::set_me(const protocol::Staff& me) {
    const bool someone_else = !me_ || me_->id != me.id;
    me_ = me;
    staff_[me.id] = me;
    if (!someone_else) return;
    unread_mine_.clear();
    for (const auto& [id, chat] : chats_)
        if (wants_my_attention(chat)) unread_mine_.insert(id);
}

bool ConsoleStore::is_supervisor() const {
    return me_ && (me_->role == protocol::Role::supervisor || me_->role == protocol::Role::admin);
}

bool ConsoleStore::may_restore(const protocol::Chat& chat) const {
    return chat.deleted && is_supervisor();
}

bool ConsoleStore::may_change(const protocol::CannedReply& reply) const {
    return !reply.shared || is_supervisor();  // the personal ones listed are mine
}

void ConsoleStore::set_working_scope(Scope scope) {
    if (scope == Scope::all && !is_supervisor()) return;
    working_scope_ = scope;
    lists_[index(Tab::working)] = ChatList{};
}

// ---- chats and lists ---------------------------------------------------------------------

const Chat* ConsoleStore::chat(Id id) const {
    auto it = chats_.find(id);
    return it == chats_.end() ? nullptr : &it->second;
}

bool ConsoleStore::belongs(Tab tab, const Chat& chat) const {
    // The server's list rule (protocol/visibility.h), so a tab holds what GET /chats would list.
    if (!me_) return false;
    const auto view = tab == Tab::working   ? protocol::ListView::working
                      : tab == Tab::pending ? protocol::ListView::pending
                                            : protocol::ListView::resolved;
    return protocol::in_list(protocol::viewer_of(*me_), view, chat, working_scope_ == Scope::all);
}

std::int64_t& ConsoleStore::count_mut(Tab tab) {
    return count_of(counts_, tab);
}

std::int64_t ConsoleStore::attention_count() const {
    return counts_.pending + static_cast<std::int64_t>(unread_mine_.size());
}

bool ConsoleStore::wants_my_attention(const Chat& chat) const {
    return me_ && chat.status == ChatStatus::working && !chat.deleted && chat.assignee &&
           chat.assignee->id == me_->id && (chat.unread || chat.unread_count > 0);
}

void ConsoleStore::store_chat(const Chat& chat) {
    chats_[chat.id] = chat;
    if (wants_my_attention(chat))
        unread_mine_.insert(chat.id);
    else
        unread_mine_.erase(chat.id);
}

std::int64_t ConsoleStore::count(Tab tab) const {
    return count_of(counts_, tab);
}

bool ConsoleStore::sorts_before(Tab tab, Id a, Id b) const {
    return tab_sorts_before(tab, chats_.at(a), chats_.at(b));
}

void ConsoleStore::remove_from(Tab tab, Id id) {
    ChatList& list = lists_[index(tab)];
    if (list.members.erase(id) == 0) return;
    list.ids.erase(std::find(list.ids.begin(), list.ids.end(), id));
}

// Puts the chat at its place in the tab's order. An event about a chat that sorts after the
// loaded prefix (more pages on the server) is left out: that page will bring it. One that comes
// while the first page is on its way is kept aside: that page may have been read before it.
void ConsoleStore::place(Tab tab, Id id, bool from_page) {
    ChatList& list = lists_[index(tab)];
    remove_from(tab, id);
    if (!from_page) {
        if (!list.loaded) {
            if (list.loading) list.raced.push_back(id);
            return;
        }
        if (list.next_cursor && !list.ids.empty() && sorts_before(tab, list.ids.back(), id)) return;
    }
    auto at = std::lower_bound(list.ids.begin(), list.ids.end(), id,
                               [&](Id x, Id y) { return sorts_before(tab, x, y); });
    list.ids.insert(at, id);
    list.members.insert(id);
}

bool ConsoleStore::upsert_chat(const Chat& chat) {
    auto known = chats_.find(chat.id);
    if (known != chats_.end()) {
        if (known->second.version > chat.version) return false;  // older news than we have
        adjust_counts(known->second, chat);
    }
    store_chat(chat);
    for (Tab tab : kAllTabs) {
        if (belongs(tab, chat))
            place(tab, chat.id, false);
        else
            remove_from(tab, chat.id);
    }
    return true;
}

// The first page also sets the tab's count: the one it carries, corrected for the events that
// overtook the page (chats that left the tab since it was read, chats that came after). Each tab
// takes its count from its own page, read together with its chats: the three pages are read at
// different moments and may arrive in any order. Later pages leave the counts to events.
void ConsoleStore::apply_page(Tab tab, const protocol::ChatPage& page) {
    ChatList& list = lists_[index(tab)];
    const bool first = !list.loaded;
    std::int64_t count = count_of(page.counts, tab);
    list.loaded = true;
    list.loading = false;
    list.next_cursor = page.next_cursor;
    for (const Chat& page_chat : page.chats) {
        // An event may have brought a newer version while the page was on its way.
        auto known = chats_.find(page_chat.id);
        const Chat c = (known != chats_.end() && known->second.version > page_chat.version)
                           ? known->second
                           : page_chat;
        store_chat(c);
        for (Tab other : kAllTabs)
            if (other != tab && !belongs(other, c)) remove_from(other, c.id);
        if (belongs(tab, c)) {
            place(tab, c.id, true);
        } else {
            remove_from(tab, c.id);
            if (belongs(tab, page_chat)) --count;  // left the tab after the page was read
        }
    }
    for (Id id : std::exchange(list.raced, {})) {
        auto it = chats_.find(id);
        if (it == chats_.end() || !belongs(tab, it->second) || list.members.contains(id)) continue;
        place(tab, id, false);
        if (list.members.contains(id)) ++count;  // came after the page was read
    }
    if (first) count_mut(tab) = count;
}

void ConsoleStore::clear_lists() {
    for (ChatList& l : lists_) l = ChatList{};
}

void ConsoleStore::adjust_counts(const Chat& before, const Chat& after) {
    auto delta = [&](Tab tab) {
        return static_cast<int>(belongs(tab, after)) - static_cast<int>(belongs(tab, before));
    };
    counts_.working += delta(Tab::working);
    counts_.pending += delta(Tab::pending);
    counts_.resolved += delta(Tab::resolved);
}

// ---- messages ------------------------------------------------------------------------------

const ChatHistory* ConsoleStore::history(Id chat_id) const {
    auto it = histories_.find(chat_id);
    return it == histories_.end() ? nullptr : &it->second;
}

void ConsoleStore::apply_messages(Id chat_id, const protocol::MessagePage& page, bool older) {
    ChatHistory& h = histories_[chat_id];
    h.loading = false;
    h.next_before = page.next_before;
    if (!older) {
        // A fresh newest page: keep any live message newer than the page (arrived meanwhile).
        std::vector<protocol::Message> merged = page.messages;
        const Id newest = merged.empty() ? 0 : merged.back().id;
        for (const auto& m : h.messages)
            if (m.id > newest) merged.push_back(m);
        h.messages = std::move(merged);
        h.client_ids.clear();
        for (const auto& m : h.messages)
            if (m.client_id) h.client_ids.insert(*m.client_id);
        h.loaded = true;
        return;
    }
    std::vector<protocol::Message> merged;
    merged.reserve(page.messages.size() + h.messages.size());
    const Id oldest = h.messages.empty() ? INT64_MAX : h.messages.front().id;
    for (const auto& m : page.messages) {
        if (m.id >= oldest) continue;
        merged.push_back(m);
        if (m.client_id) h.client_ids.insert(*m.client_id);
    }
    merged.insert(merged.end(), h.messages.begin(), h.messages.end());
    h.messages = std::move(merged);
}

void ConsoleStore::add_message(const protocol::Message& message) {
    auto it = histories_.find(message.chat_id);
    if (it == histories_.end() || !it->second.loaded) return;  // loaded when opened
    auto& msgs = it->second.messages;
    if (!msgs.empty() && msgs.back().id >= message.id) {
        for (const auto& m : msgs)
            if (m.id == message.id) return;
        auto at = std::lower_bound(msgs.begin(), msgs.end(), message.id,
                                   [](const protocol::Message& m, Id id) { return m.id < id; });
        msgs.insert(at, message);
    } else {
        msgs.push_back(message);
    }
    if (message.client_id) it->second.client_ids.insert(*message.client_id);
}

// ---- staff, typing -------------------------------------------------------------------------

void ConsoleStore::upsert_staff(const protocol::Staff& staff) {
    staff_[staff.id] = staff;
    if (me_ && me_->id == staff.id) me_ = staff;
}

void ConsoleStore::apply_queue(const protocol::QueueInfo& queue) {
    auto it = std::find_if(queues_.begin(), queues_.end(),
                           [&](const protocol::Queue& q) { return q.id == queue.id; });
    if (queue.archived) {
        if (it != queues_.end()) queues_.erase(it);
    } else if (it != queues_.end()) {
        it->name = queue.name;
    } else {
        queues_.push_back({queue.id, queue.name});
    }
    for (auto& [id, chat] : chats_)
        if (chat.queue.id == queue.id) chat.queue.name = queue.name;
}

void ConsoleStore::set_typing(const protocol::Typing& typing, double until) {
    typing_[typing.chat_id] = TypingState{typing.author, until};
}

const TypingState* ConsoleStore::typing(Id chat_id, double now) const {
    auto it = typing_.find(chat_id);
    if (it == typing_.end() || it->second.until <= now) return nullptr;
    if (me_ && it->second.author.type == protocol::AuthorType::staff &&
        it->second.author.id == me_->id)
        return nullptr;
    return &it->second;
}

// ---- events --------------------------------------------------------------------------------

EventEffects ConsoleStore::apply_event(const protocol::Event& event, double now) {
    EventEffects fx;
    if (event.type == protocol::EventType::typing) {
        if (event.typing) set_typing(*event.typing, now + 6.0);
        fx.changed = event.typing.has_value();
        return fx;
    }
    if (event.seq != 0 && event.seq <= last_seq_) return fx;  // already applied
    if (event.seq != 0) last_seq_ = event.seq;
    fx.changed = true;

    if (event.chat) {
        const Chat* known = chat(event.chat->id);
        const bool created = event.type == protocol::EventType::chat_created;
        const bool was_pending = known && belongs(Tab::pending, *known);
        if (!known) {
            // Counts move with every known chat (upsert_chat); a new one simply adds.
            if (created)
                for (Tab tab : kAllTabs)
                    if (belongs(tab, *event.chat)) ++count_mut(tab);
            if (!created) fx.counts_unknown = true;
        }
        const bool applied = upsert_chat(*event.chat);
        if (applied && belongs(Tab::pending, *event.chat) && !was_pending)
            fx.new_pending_chat = true;
    }
    if (event.message) {
        add_message(*event.message);
        const Chat* c = chat(event.message->chat_id);
        if (event.message->author.type == protocol::AuthorType::contact && c && me_ &&
            c->assignee && c->assignee->id == me_->id && c->status == ChatStatus::working)
            fx.contact_wrote_to_me = true;
        // A message ends the author's typing.
        auto t = typing_.find(event.message->chat_id);
        if (t != typing_.end() && t->second.author.id == event.message->author.id) typing_.erase(t);
    }
    if (event.staff) upsert_staff(*event.staff);
    if (event.queue_info) apply_queue(*event.queue_info);
    return fx;
}

void ConsoleStore::reset() {
    *this = ConsoleStore{};
}

}  // namespace sb::client
