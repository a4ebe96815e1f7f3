// See console.h. Console is one class in several files, one per section (Tracy-style):
//
// [SECTION] index
//   console.cpp           this file: construction, change notification and the title, notices,
//                         events from the stream, timers
//   console_session.cpp   start, login, begin/end of a session, logout, Sign and presence
//   console_lists.cpp     tab lists and counts, Working On scope, search, the deleted list
//   console_chat.cpp      one chat: open, history, read state, contact panel, chat actions
//   console_transfer.cpp  the transfer dialog
//   console_outbox.cpp    replies not yet confirmed: queue, storage, send, retry
//   console_canned.cpp    canned replies: list, create, edit, delete
//   console_admin.cpp     the Admin screen: staff, queues, membership, tokens, settings, audit;
//                         sessions the server ends (deactivated, password changed, revoked)
//   console_state_json.cpp  state() for the automation bridge
#include "client/console.h"

#include <algorithm>

#include "client/console_internal.h"
#include "protocol/json.h"
#include "protocol/names.h"

namespace sb::client {

using namespace console_detail;
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

Console::Console(Platform& platform, std::function<void()> on_change)
    : platform_(platform),
      on_change_(std::move(on_change)),
      api_(platform.http()),
      health_(platform.http(), [this] { changed(); }),
      stream_(platform,
              EventStream::Listener{[this](const std::string& f) { on_frame(f); },
                                    [this] { on_stream_state(); },
                                    [this](const std::string& why) { on_server_close(why); }}) {}

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
        end_session(kSessionEndedText);
        return;
    }
    notify(what + ": " + e.message, true);
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
            end_session(kSessionEndedText);
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
    const bool fresh = event.seq == 0 || event.seq > store_.last_seq();
    const EventEffects fx = store_.apply_event(event, now());
    // Deactivated: the server also closes the socket ("deactivated"); whichever comes first.
    if (fresh && event.type == protocol::EventType::staff_updated && me && event.staff &&
        event.staff->id == me->id && !event.staff->active)
        return end_session("Your session has ended: your account was deactivated.");
    if (fresh) admin_event(event);
    if (my_queues_changed) reload_lists();
    if ((fx.new_pending_chat || fx.contact_wrote_to_me) && replayed_once_) sound_due_ = true;
    // What the contact writes in the chat I have open is read (the title does not count it).
    if (fx.contact_wrote_to_me && open_chat_ == event.message->chat_id)
        if (const Chat* c = store_.chat(*open_chat_); c && (c->unread || c->unread_count > 0))
            mark_read(*c);
    if (fx.counts_unknown) refresh_counts();
    if (fx.changed) changed();
}

// ---- timers --------------------------------------------------------------------------------

void Console::tick() {
    stream_.tick();
    admin_tick();
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
    if (admin_.open) consider(admin_.queues_reload_at);
    return next;
}

}  // namespace sb::client
