// See console.h. Sections: session (login, logout, resume), lists and search, chat intents,
// events, outbox, timers.
#include "client/console.h"

#include <algorithm>
#include <cstdio>
#include <random>

#include "protocol/json.h"
#include "protocol/names.h"

namespace sb::client {

using protocol::Chat;

namespace {
constexpr protocol::Names<Session, 4> kSessionNames{{{Session::checking, "checking"},
                                                     {Session::logged_out, "logged_out"},
                                                     {Session::logging_in, "logging_in"},
                                                     {Session::logged_in, "logged_in"}}};
}  // namespace

const char* to_string(Session session) {
    return protocol::name_of(kSessionNames, session);
}

namespace {
template <class T>
const ApiError* error_of(const ApiResult<T>& r) {
    return std::get_if<ApiError>(&r);
}
bool transient(const ApiError& e) {
    return e.status == 0 || e.status >= 500;
}
std::string chat_name(Id id) {
    return "Chat #" + std::to_string(id);
}
}  // namespace

Console::Console(Platform& platform, std::function<void()> on_change)
    : platform_(platform),
      on_change_(std::move(on_change)),
      api_(platform.http()),
      health_(platform.http(), [this] { changed(); }),
      stream_(platform, EventStream::Listener{[this](const std::string& f) { on_frame(f); },
                                              [this] { on_stream_state(); }}) {}

Console::~Console() = default;

void Console::changed() {
    // Pending chats and my chats with unread messages: "(3) Switchboard".
    const std::int64_t waiting = session_ == Session::logged_in ? store_.attention_count() : 0;
    std::string title = "Switchboard";
    if (waiting > 0) title = "(" + std::to_string(waiting) + ") Switchboard";
    if (title != title_) {
        title_ = title;
        platform_.set_title(title);
    }
    if (on_change_) on_change_();
}

void Console::notify(std::string text, bool error) {
    notices_.push_back(Notice{next_notice_id_++, std::move(text), error, now() + kNoticeSeconds});
    changed();
}

void Console::fail(const ApiError& e, const std::string& what) {
    if (e.status == 401 && session_ == Session::logged_in) {
        end_session("Your session has expired. Please log in again.");
        return;
    }
    notify(what + ": " + e.message, true);
}

// ---- session -------------------------------------------------------------------------------

void Console::start() {
    health_.check();
    auto token = platform_.load(kTokenKey);
    if (!token || token->empty()) {
        session_ = Session::logged_out;
        changed();
        return;
    }
    api_.set_token(*token);
    api_.me([this, t = *token](ApiResult<protocol::Staff> r) {
        if (auto* e = error_of(r)) {
            if (e->status == 401) {
                platform_.remove(kTokenKey);
                session_ = Session::logged_out;
                login_error_ = "Your session has expired. Please log in again.";
            } else {
                session_ = Session::logged_out;
                login_error_ = e->message;
            }
            changed();
            return;
        }
        store_.set_me(std::get<protocol::Staff>(r));
        begin_session(t);
    });
}

void Console::login(const std::string& user, const std::string& password) {
    if (session_ == Session::logging_in) return;
    if (user.empty() || password.empty()) {
        login_error_ = "Enter your login and password.";
        changed();
        return;
    }
    session_ = Session::logging_in;
    login_error_.clear();
    changed();
    api_.login(user, password, [this](ApiResult<protocol::LoginResponse> r) {
        if (auto* e = error_of(r)) {
            session_ = Session::logged_out;
            login_error_ = e->status == 401 ? "Wrong login or password." : e->message;
            changed();
            return;
        }
        const auto& ok = std::get<protocol::LoginResponse>(r);
        platform_.save(kTokenKey, ok.token);
        api_.set_token(ok.token);
        store_.set_me(ok.staff);
        begin_session(ok.token);
    });
}

std::string Console::outbox_key() const {
    return std::string(kOutboxKey) + "." + std::to_string(store_.me() ? store_.me()->id : 0);
}

// The outbox survives a reload (kept per staff member; sent at their next session).
void Console::save_outbox() {
    if (!store_.me()) return;
    if (outbox_.empty())
        platform_.remove(outbox_key());
    else
        platform_.save(outbox_key(), outbox_.serialize());
}

void Console::begin_session(const std::string& token) {
    session_ = Session::logged_in;
    login_error_.clear();
    if (auto saved = platform_.load(outbox_key())) outbox_.restore(*saved, now());
    api_.queues([this](ApiResult<protocol::QueueList> r) {
        if (auto* q = std::get_if<protocol::QueueList>(&r)) store_.set_queues(q->queues);
        changed();
    });
    // Logging in means being at the desk: an offline profile comes online (away stays away).
    if (store_.me() && store_.me()->presence == protocol::Presence::offline)
        set_presence(protocol::Presence::online);
    // Lists load when the stream says it is ready (see on_frame), so no event falls in between.
    stream_.start(token, [this] { return store_.last_seq(); });
    changed();
}

void Console::end_session(const std::string& why) {
    stream_.stop();
    platform_.remove(kTokenKey);
    api_.set_token("");
    store_.reset();
    outbox_.clear();
    open_chat_.reset();
    search_ = SearchState{};
    transfer_ = TransferState{};
    undo_ = UndoOffer{};
    canned_ = CannedState{};
    notices_.clear();
    contact_chats_.clear();
    session_ = Session::logged_out;
    replayed_once_ = false;
    sound_due_ = false;
    login_error_ = why;
    changed();
}

void Console::logout() {
    if (session_ != Session::logged_in) return;
    // Leaving the desk: offline first, then end the session (both carry the token).
    protocol::MePatch offline;
    offline.presence = protocol::Presence::offline;
    api_.patch_me(offline, [](ApiResult<protocol::Staff>) {});
    api_.logout([](ApiResult<Ok>) {});  // the local session ends either way
    end_session("");
}

void Console::set_sign(bool sign) {
    protocol::MePatch patch;
    patch.sign = sign;
    api_.patch_me(patch, [this](ApiResult<protocol::Staff> r) {
        if (auto* e = error_of(r)) return fail(*e, "Sign was not changed");
        store_.set_me(std::get<protocol::Staff>(r));
        changed();
    });
}

void Console::set_presence(protocol::Presence presence) {
    protocol::MePatch patch;
    patch.presence = presence;
    api_.patch_me(patch, [this](ApiResult<protocol::Staff> r) {
        if (auto* e = error_of(r)) return fail(*e, "Presence was not changed");
        store_.set_me(std::get<protocol::Staff>(r));
        changed();
    });
}

// ---- lists and search ----------------------------------------------------------------------

void Console::reload_lists() {
    store_.clear_lists();
    for (Tab tab : kAllTabs) load_page(tab, true);
    if (open_chat_) {
        store_.history_mut(*open_chat_) = ChatHistory{};
        refresh_chat(*open_chat_);
        load_history(*open_chat_);
    }
    changed();
}

void Console::load_page(Tab tab, bool first) {
    ChatList& list = store_.list_mut(tab);
    if (list.loading || (!first && !list.next_cursor)) return;
    list.loading = true;
    const Scope scope = tab == Tab::working ? store_.working_scope()
                                            : (store_.is_supervisor() ? Scope::all : Scope::mine);
    const std::optional<std::string> cursor = first ? std::nullopt : list.next_cursor;
    api_.chats(tab, scope, cursor, kPageSize, [this, tab, scope](ApiResult<protocol::ChatPage> r) {
        store_.list_mut(tab).loading = false;
        if (auto* e = error_of(r)) return fail(*e, "The list was not loaded");
        if (tab == Tab::working && scope != store_.working_scope()) return;  // stale
        store_.apply_page(tab, std::get<protocol::ChatPage>(r));
        changed();
    });
}

void Console::load_more(Tab tab) {
    load_page(tab, false);
}

void Console::refresh_counts() {
    if (counts_refresh_pending_) return;
    counts_refresh_pending_ = true;
    api_.chats(Tab::pending, store_.working_scope(), std::nullopt, 1,
               [this](ApiResult<protocol::ChatPage> r) {
                   counts_refresh_pending_ = false;
                   if (auto* p = std::get_if<protocol::ChatPage>(&r)) {
                       store_.set_counts(p->counts);
                       changed();
                   }
               });
}

void Console::set_working_scope(Scope scope) {
    if (scope == store_.working_scope()) return;
    if (scope == Scope::all && !store_.is_supervisor()) return;
    store_.set_working_scope(scope);
    load_page(Tab::working, true);
    changed();
}

// "#22" opens chat 22 (or says it does not exist); anything else is a keyword search.
void Console::search(const std::string& raw) {
    std::string query = raw;
    while (!query.empty() && query.back() == ' ') query.pop_back();
    while (!query.empty() && query.front() == ' ') query.erase(query.begin());
    search_ = SearchState{};
    search_.query = query;
    if (query.empty()) return changed();
    if (query[0] == '#' && query.size() > 1 &&
        std::all_of(query.begin() + 1, query.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        query.size() < 19) {
        const Id id = std::stoll(query.substr(1));
        search_.loading = true;
        api_.chat(id, [this, id, query](ApiResult<Chat> r) {
            if (search_.query != query) return;
            search_.loading = false;
            if (auto* e = error_of(r)) {
                search_.active = true;
                search_.message = e->status == 404 || e->status == 403
                                      ? "Chat #" + std::to_string(id) + " does not exist."
                                      : e->message;
                return changed();
            }
            store_.upsert_chat(std::get<Chat>(r));
            open(id);
        });
        return changed();
    }
    search_.active = true;
    search_.loading = true;
    api_.search(query, [this, query](ApiResult<protocol::ChatPage> r) {
        if (search_.query != query) return;
        search_.loading = false;
        if (auto* e = error_of(r)) {
            search_.message = e->message;
            return changed();
        }
        for (const Chat& c : std::get<protocol::ChatPage>(r).chats) {
            if (!store_.chat(c.id)) store_.upsert_chat(c);
            search_.results.push_back(c.id);
        }
        if (search_.results.empty()) search_.message = "No chats match \"" + query + "\".";
        changed();
    });
    changed();
}

void Console::show_deleted() {
    if (!store_.is_supervisor()) return;
    search_ = SearchState{};
    search_.active = true;
    search_.loading = true;
    search_.deleted_view = true;
    api_.deleted_chats(kPageSize, [this](ApiResult<protocol::ChatPage> r) {
        if (!search_.deleted_view) return;  // closed meanwhile
        search_.loading = false;
        if (auto* e = error_of(r)) {
            search_.message = e->message;
            return changed();
        }
        for (const Chat& c : std::get<protocol::ChatPage>(r).chats) {
            store_.upsert_chat(c);
            search_.results.push_back(c.id);
        }
        if (search_.results.empty()) search_.message = "No deleted chats.";
        changed();
    });
    changed();
}

void Console::clear_search() {
    search_ = SearchState{};
    changed();
}

// ---- one chat ------------------------------------------------------------------------------

void Console::open(Id chat_id) {
    open_chat_ = chat_id;
    const Chat* c = store_.chat(chat_id);
    if (!c) refresh_chat(chat_id);
    const ChatHistory* h = store_.history(chat_id);
    if (!h || (!h->loaded && !h->loading)) load_history(chat_id);
    if (c && (c->unread || c->unread_count > 0)) mark_read(*c);
    if (c) load_contact_chats(*c);
    changed();
}

void Console::mark_read(const Chat& chat) {
    api_.chat_action(chat.id, "read", [this](ApiResult<Chat> r) { apply_answer(r); });
    Chat read = chat;  // shown read at once; the answer brings the new version
    read.unread = false;
    read.unread_count = 0;
    store_.upsert_chat(read);
}

void Console::close_chat() {
    open_chat_.reset();
    changed();
}

void Console::refresh_chat(Id chat_id) {
    api_.chat(chat_id, [this](ApiResult<Chat> r) {
        if (auto* c = std::get_if<Chat>(&r)) {
            store_.upsert_chat(*c);
            if (open_chat_ == c->id) load_contact_chats(*c);
            changed();
        }
    });
}

bool Console::apply_answer(const ApiResult<Chat>& r) {
    const Chat* c = std::get_if<Chat>(&r);
    if (!c) return false;
    store_.upsert_chat(*c);
    changed();
    return true;
}

void Console::load_history(Id chat_id) {
    ChatHistory& h = store_.history_mut(chat_id);
    if (h.loading) return;
    h.loading = true;
    api_.messages(chat_id, std::nullopt, kPageSize,
                  [this, chat_id](ApiResult<protocol::MessagePage> r) {
                      store_.history_mut(chat_id).loading = false;
                      if (auto* e = error_of(r)) return fail(*e, "The history was not loaded");
                      store_.apply_messages(chat_id, std::get<protocol::MessagePage>(r), false);
                      changed();
                  });
}

void Console::load_older(Id chat_id) {
    ChatHistory& h = store_.history_mut(chat_id);
    if (h.loading || !h.loaded || !h.next_before) return;
    h.loading = true;
    api_.messages(chat_id, h.next_before, kPageSize,
                  [this, chat_id](ApiResult<protocol::MessagePage> r) {
                      store_.history_mut(chat_id).loading = false;
                      if (auto* e = error_of(r)) return fail(*e, "Older messages were not loaded");
                      store_.apply_messages(chat_id, std::get<protocol::MessagePage>(r), true);
                      changed();
                  });
}

// The contact panel's earlier chats, fetched again at every open (the old list stays meanwhile).
void Console::load_contact_chats(const Chat& chat) {
    const Id contact = chat.contact.id;
    api_.contact_chats(contact, 20, [this, contact](ApiResult<protocol::ChatPage> r) {
        auto* page = std::get_if<protocol::ChatPage>(&r);
        if (!page) return;
        std::vector<Id> ids;
        for (const Chat& c : page->chats) {
            if (!store_.chat(c.id)) store_.upsert_chat(c);
            ids.push_back(c.id);
        }
        contact_chats_[contact] = std::move(ids);
        changed();
    });
}

const std::vector<Id>* Console::contact_chats(Id contact_id) const {
    auto it = contact_chats_.find(contact_id);
    return it == contact_chats_.end() ? nullptr : &it->second;
}

std::optional<Tab> Console::take_tab_request() {
    auto t = tab_request_;
    tab_request_.reset();
    return t;
}

void Console::accept(Id chat_id) {
    api_.chat_action(chat_id, "accept", [this, chat_id](ApiResult<Chat> r) {
        if (auto* e = error_of(r)) {
            if (e->status == 409 && e->assignee) {
                notify(chat_name(chat_id) + " was taken by " + e->assignee->name + ".", true);
            } else {
                fail(*e, chat_name(chat_id) + " was not accepted");
            }
            refresh_chat(chat_id);  // the list shows what really happened
            return;
        }
        apply_answer(r);
        tab_request_ = Tab::working;
        open(chat_id);
    });
}

void Console::simple_action(Id chat_id, const std::string& action, const std::string& done_text) {
    api_.chat_action(chat_id, action, [this, chat_id, action, done_text](ApiResult<Chat> r) {
        if (auto* e = error_of(r)) {
            refresh_chat(chat_id);
            return fail(*e, chat_name(chat_id) + ": " + action + " failed");
        }
        apply_answer(r);
        if (!done_text.empty()) notify(done_text, false);
    });
}

void Console::return_chat(Id chat_id) {
    simple_action(chat_id, "return", chat_name(chat_id) + " is back in Pending.");
    if (open_chat_ == chat_id) close_chat();
}

void Console::resolve(Id chat_id) {
    simple_action(chat_id, "resolve", chat_name(chat_id) + " is resolved.");
    if (open_chat_ == chat_id) close_chat();
}

void Console::mark_unread(Id chat_id) {
    if (const Chat* c = store_.chat(chat_id)) {
        Chat unread = *c;
        unread.unread = true;
        store_.upsert_chat(unread);
    }
    simple_action(chat_id, "unread", "");
    if (open_chat_ == chat_id) open_chat_.reset();
    changed();  // bold in the list and counted in the title at once
}

void Console::delete_chat(Id chat_id) {
    api_.remove(chat_id, [this, chat_id](ApiResult<Chat> r) {
        if (auto* e = error_of(r)) return fail(*e, chat_name(chat_id) + " was not deleted");
        apply_answer(r);  // deleted: it leaves the lists, the counts follow
        if (open_chat_ == chat_id) open_chat_.reset();
        undo_ = UndoOffer{chat_id, now() + kUndoSeconds};
        changed();
    });
}

void Console::undo_delete() {
    if (undo_.chat_id == 0) return;
    const Id chat_id = undo_.chat_id;
    undo_ = UndoOffer{};
    restore(chat_id);
}

void Console::restore(Id chat_id) {
    api_.chat_action(chat_id, "restore", [this, chat_id](ApiResult<Chat> r) {
        if (auto* e = error_of(r)) return fail(*e, chat_name(chat_id) + " was not restored");
        apply_answer(r);
        if (search_.deleted_view) std::erase(search_.results, chat_id);
        notify(chat_name(chat_id) + " is restored.", false);
    });
    changed();
}

void Console::typing(Id chat_id) {
    double& last = typing_sent_[chat_id];
    if (now() - last < kTypingEvery) return;
    last = now();
    api_.typing(chat_id, [](ApiResult<Ok>) {});
}

// ---- transfer ------------------------------------------------------------------------------

void Console::open_transfer(Id chat_id) {
    transfer_ = TransferState{};
    transfer_.chat_id = chat_id;
    if (store_.queues().empty())
        api_.queues([this](ApiResult<protocol::QueueList> r) {
            if (auto* q = std::get_if<protocol::QueueList>(&r)) store_.set_queues(q->queues);
            changed();
        });
    find_staff("");
}

void Console::find_staff(const std::string& query) {
    transfer_.query = query;
    transfer_.searching = true;
    api_.staff(query, [this, query](ApiResult<protocol::StaffList> r) {
        if (transfer_.query != query) return;  // a newer query is on its way
        transfer_.searching = false;
        if (auto* e = error_of(r)) {
            transfer_.error = e->message;
            return changed();
        }
        auto staff = std::get<protocol::StaffList>(r).staff;
        std::stable_sort(staff.begin(), staff.end(), [](const auto& a, const auto& b) {
            return static_cast<int>(a.presence) < static_cast<int>(b.presence);
        });
        transfer_.staff = std::move(staff);
        changed();
    });
    changed();
}

void Console::transfer(std::optional<Id> staff_id, std::optional<Id> queue_id) {
    if (transfer_.chat_id == 0 || transfer_.submitting) return;
    if (!staff_id && !queue_id) {
        transfer_.error = "Pick a staff member or a queue.";
        return changed();
    }
    transfer_.submitting = true;
    transfer_.error.clear();
    const Id chat_id = transfer_.chat_id;
    api_.transfer(chat_id, protocol::TransferRequest{staff_id, queue_id},
                  [this, chat_id](ApiResult<Chat> r) {
                      transfer_.submitting = false;
                      if (auto* e = error_of(r)) {
                          transfer_.error = e->message;
                          return changed();
                      }
                      transfer_ = TransferState{};
                      if (open_chat_ == chat_id) open_chat_.reset();
                      apply_answer(r);
                      notify(chat_name(chat_id) + " is transferred.", false);
                  });
    changed();
}

void Console::close_transfer() {
    transfer_ = TransferState{};
    changed();
}

void Console::dismiss_notice(int id) {
    std::erase_if(notices_, [id](const Notice& n) { return n.id == id; });
    changed();
}

void Console::dismiss_failed() {
    outbox_.dismiss_failed();
    changed();
}

// ---- events --------------------------------------------------------------------------------

void Console::on_stream_state() {
    changed();
}

void Console::on_frame(const std::string& text) {
    protocol::ServerFrame frame;
    try {
        frame = protocol::decode_server_frame(text);
    } catch (const std::exception&) {
        return;  // a frame we do not understand changes nothing
    }
    if (auto* ev = std::get_if<protocol::Event>(&frame)) return on_event(*ev);
    if (auto* ready = std::get_if<protocol::Ready>(&frame)) {
        const bool first = !store_.list(Tab::pending).loaded && !store_.list(Tab::pending).loading;
        if (ready->seq > store_.last_seq()) store_.set_last_seq(ready->seq);
        replayed_once_ = true;
        if (first) reload_lists();
        // Canned replies: after login and on every resume.
        refresh_canned(false);
        flush_outbox();  // back online: send what waited
        return;
    }
    if (auto* resync = std::get_if<protocol::Resync>(&frame)) {
        store_.set_last_seq(resync->seq);
        reload_lists();
        return;
    }
    if (auto* err = std::get_if<protocol::Error>(&frame)) {
        if (err->code == "unauthorized")
            end_session("Your session has expired. Please log in again.");
        else
            notify("Live updates: " + err->message, true);
    }
}

void Console::on_event(const protocol::Event& event) {
    // An admin put me into a queue (or took me out): that queue's waiting chats are mine to see
    // now, which no event brings; the lists are read again.
    const auto& me = store_.me();
    const bool my_queues_changed =
        event.staff && me && event.staff->id == me->id && event.staff->queues != me->queues;
    const EventEffects fx = store_.apply_event(event, now());
    if (my_queues_changed) reload_lists();
    if ((fx.new_pending_chat || fx.contact_wrote_to_me) && replayed_once_) sound_due_ = true;
    // What the contact writes in the chat I have open is read (the title does not count it).
    if (fx.contact_wrote_to_me && open_chat_ == event.message->chat_id)
        if (const Chat* c = store_.chat(*open_chat_); c && (c->unread || c->unread_count > 0))
            mark_read(*c);
    if (fx.counts_unknown) refresh_counts();
    if (fx.changed) changed();
}

// ---- outbox --------------------------------------------------------------------------------

std::string Console::make_client_id() {
    static std::random_device device;
    char buf[48];
    std::snprintf(buf, sizeof buf, "c-%08x%08x-%llu", device(), device(), ++client_counter_);
    return buf;
}

void Console::send(Id chat_id, const std::string& body, protocol::MessageKind kind) {
    if (body.find_first_not_of(" \t\r\n") == std::string::npos) return;
    outbox_.add(chat_id, body, kind, now(), make_client_id());
    save_outbox();
    flush_outbox();
    changed();
}

void Console::flush_outbox() {
    const OutgoingMessage* m = outbox_.take_next();
    if (!m) return;
    protocol::SendMessageRequest req{m->body, m->client_id, m->kind};
    const std::string client_id = m->client_id;
    const Id chat_id = m->chat_id;
    api_.send(chat_id, req, [this, client_id, chat_id](ApiResult<Ok> r) {
        if (auto* e = error_of(r)) {
            if (transient(*e)) {
                outbox_.retry_later(client_id);
                ++outbox_failures_;
                outbox_retry_at_ = now() + EventStream::backoff_base(outbox_failures_ - 1);
            } else if (e->status == 401) {
                outbox_.retry_later(client_id);
                fail(*e, "Not sent");
            } else {
                outbox_.refused(client_id, e->message);
                save_outbox();
                notify("A message to " + chat_name(chat_id) + " was not sent: " + e->message, true);
                flush_outbox();
            }
            return changed();
        }
        outbox_failures_ = 0;
        outbox_retry_at_ = 0;
        outbox_.confirmed(client_id);
        save_outbox();
        flush_outbox();
        changed();
    });
}

// ---- timers --------------------------------------------------------------------------------

void Console::tick() {
    stream_.tick();
    if (sound_due_) {
        sound_due_ = false;
        platform_.play_sound();
    }
    const double t = now();
    if (outbox_retry_at_ != 0 && t >= outbox_retry_at_) {
        outbox_retry_at_ = 0;
        flush_outbox();
    }
    const size_t before = notices_.size();
    std::erase_if(notices_, [t](const Notice& n) { return n.until <= t; });
    bool expired = notices_.size() != before;
    if (undo_.chat_id != 0 && undo_.until <= t) {
        undo_ = UndoOffer{};
        expired = true;
    }
    if (expired) changed();
}

double Console::next_deadline() const {
    double next = stream_.next_deadline();
    auto consider = [&next](double t) {
        if (t != 0 && (next == 0 || t < next)) next = t;
    };
    consider(outbox_retry_at_);
    for (const Notice& n : notices_) consider(n.until);
    if (undo_.chat_id != 0) consider(undo_.until);
    return next;
}

}  // namespace sb::client
