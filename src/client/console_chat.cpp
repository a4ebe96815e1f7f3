// Console, one chat: open, history pages, read state, the contact's earlier chats, and the
// actions (accept, return, resolve, mark unread, delete with Undo, restore, typing). See
// console.cpp for the index.
#include "client/console.h"

#include <algorithm>

#include "client/console_internal.h"

namespace sb::client {

using namespace console_detail;
using protocol::Chat;

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

}  // namespace sb::client
