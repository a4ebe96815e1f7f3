// Console, lists and search: the tabs' first and further pages, counts, Working On scope,
// keyword and "#id" search, the deleted list. See console.cpp for the index.
#include "client/console.h"

#include <algorithm>

#include "client/console_internal.h"

namespace sb::client {

using namespace console_detail;
using protocol::Chat;

void Console::reload_lists() {
    if (!handles_chats()) return;  // admins see no chats (protocol/visibility.h): no inbox
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
    if (counts_refresh_pending_ || !handles_chats()) return;
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

}  // namespace sb::client
