// Console, the session: start (resume a saved token), login, begin and end of a session,
// logout, my Sign and presence. See console.cpp for the index.
#include "client/console.h"

#include "client/console_internal.h"

namespace sb::client {

using namespace console_detail;
using protocol::Chat;

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
                login_error_ = kSessionEndedText;
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
    admin_ = AdminState{};
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
    patch_me(patch, "Sign was not changed");
}

void Console::set_presence(protocol::Presence presence) {
    protocol::MePatch patch;
    patch.presence = presence;
    patch_me(patch, "Presence was not changed");
}

void Console::patch_me(const protocol::MePatch& patch, const char* failed) {
    api_.patch_me(patch, [this, failed](ApiResult<protocol::Staff> r) {
        if (auto* e = error_of(r)) return fail(*e, failed);
        store_.set_me(std::get<protocol::Staff>(r));
        changed();
    });
}

}  // namespace sb::client
