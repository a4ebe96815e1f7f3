// Console::state_json(): the JSON snapshot behind window.switchboard.state(), for browser tests
// (documented in docs/testing.md). Objects use the protocol codec so they read like the API.
#include <cstdio>

#include "client/console.h"
#include "protocol/json.h"

namespace sb::client {
namespace {

std::string quoted(const std::string& s) {
    std::string out;
    protocol::append_json_string(out, s);
    return out;
}

std::string ids(const std::vector<Id>& v, size_t limit) {
    std::string out = "[";
    for (size_t i = 0; i < v.size() && i < limit; ++i) {
        if (i) out += ',';
        out += std::to_string(v[i]);
    }
    return out + "]";
}

}  // namespace

std::string Console::state_json(const std::string& ui_json) const {
    constexpr size_t kListLimit = 200;  // the first rows of each list are enough for a test
    std::string j = "{";
    j += "\"session\":" + quoted(to_string(session_));
    j += ",\"connection\":" + quoted(to_string(connection()));
    j += ",\"server\":" + quoted(reachability() == Reachability::Reachable     ? "reachable"
                                 : reachability() == Reachability::Unreachable ? "unreachable"
                                                                               : "unknown");
    j += ",\"login_error\":" + quoted(login_error_);
    j += ",\"me\":" + (store_.me() ? protocol::encode(*store_.me()) : std::string("null"));
    j += ",\"last_seq\":" + std::to_string(store_.last_seq());
    j += ",\"counts\":" + protocol::encode(store_.counts());
    j += ",\"working_scope\":" + quoted(store_.working_scope() == Scope::all ? "all" : "mine");
    j += ",\"lists\":{";
    std::vector<Id> listed;
    for (Tab tab : kAllTabs) {
        const ChatList& l = store_.list(tab);
        if (tab != Tab::working) j += ',';
        j += quoted(to_string(tab)) + ":{\"ids\":" + ids(l.ids, kListLimit) +
             ",\"loaded\":" + (l.loaded ? "true" : "false") +
             ",\"more\":" + (l.next_cursor ? "true" : "false") + "}";
        for (size_t i = 0; i < l.ids.size() && i < kListLimit; ++i) listed.push_back(l.ids[i]);
    }
    j += "}";
    for (Id id : search_.results) listed.push_back(id);
    if (open_chat_) listed.push_back(*open_chat_);
    j += ",\"chats\":{";
    bool first = true;
    for (Id id : listed) {
        const protocol::Chat* c = store_.chat(id);
        if (!c) continue;
        if (!first) j += ',';
        first = false;
        j += quoted(std::to_string(id)) + ":" + protocol::encode(*c);
    }
    j += "}";
    j += ",\"open_chat\":" + (open_chat_ ? std::to_string(*open_chat_) : std::string("null"));
    j += ",\"messages\":[";
    if (open_chat_) {
        if (const ChatHistory* h = store_.history(*open_chat_)) {
            for (size_t i = 0; i < h->messages.size(); ++i) {
                if (i) j += ',';
                j += protocol::encode(h->messages[i]);
            }
        }
    }
    j += "]";
    j += ",\"search\":{\"query\":" + quoted(search_.query) +
         ",\"active\":" + (search_.active ? "true" : "false") +
         ",\"loading\":" + (search_.loading ? "true" : "false") +
         ",\"results\":" + ids(search_.results, kListLimit) +
         ",\"message\":" + quoted(search_.message) + "}";
    j += ",\"transfer\":{\"chat_id\":" + std::to_string(transfer_.chat_id) +
         ",\"error\":" + quoted(transfer_.error) + "}";
    j += ",\"canned\":{\"items\":[";
    for (size_t i = 0; i < store_.canned().size(); ++i) {
        if (i) j += ',';
        j += protocol::encode(store_.canned()[i]);
    }
    j += std::string("],\"loading\":") + (canned_.loading ? "true" : "false") +
         ",\"dialog_open\":" + (canned_.dialog_open ? "true" : "false") +
         ",\"error\":" + quoted(canned_.error) + "}";
    j += ",\"admin\":{\"open\":" + std::string(admin_.open ? "true" : "false") + ",\"staff\":[";
    for (size_t i = 0; i < admin_.staff.size(); ++i)
        j += (i ? "," : "") + protocol::encode(admin_.staff[i]);
    j += "],\"queues\":[";
    for (size_t i = 0; i < admin_.queues.size(); ++i)
        j += (i ? "," : "") + protocol::encode(admin_.queues[i]);
    j += "],\"tokens\":[";
    for (size_t i = 0; i < admin_.tokens.size(); ++i)
        j += (i ? "," : "") + protocol::encode(admin_.tokens[i]);
    j += "],\"new_token\":" +
         (admin_.new_token ? protocol::encode(*admin_.new_token) : std::string("null"));
    j += ",\"settings\":" +
         (admin_.settings ? protocol::encode(*admin_.settings) : std::string("null"));
    j += ",\"audit\":" + std::to_string(admin_.audit.size());
    const AuditQuery& aq = admin_.audit_query;
    auto id_or_null = [](const std::optional<Id>& id) {
        return id ? std::to_string(*id) : std::string("null");
    };
    j += ",\"audit_filter\":{\"staff_id\":" + id_or_null(aq.staff_id) +
         ",\"chat_id\":" + id_or_null(aq.chat_id) + ",\"action\":" + quoted(aq.action) + "}";
    j += ",\"webhook_secret\":" +
         (admin_.new_webhook_secret ? quoted(*admin_.new_webhook_secret) : std::string("null"));
    j += ",\"forms\":{";
    static constexpr const char* kFormNames[sb::client::kAdminFormCount] = {
        "staff", "account", "queue", "queues", "token", "tokens", "settings", "audit", "webhook"};
    for (int i = 0; i < kAdminFormCount; ++i) {
        const FormState& f = admin_.forms[i];
        j += std::string(i ? "," : "") + quoted(kFormNames[i]) +
             ":{\"saving\":" + (f.saving ? "true" : "false") + ",\"error\":" + quoted(f.error) +
             ",\"field\":" + quoted(f.field) + ",\"field_error\":" + quoted(f.field_error) +
             ",\"changes\":" + std::to_string(f.changes) + "}";
    }
    j += "}}";
    j += ",\"undo\":" + (undo_.chat_id ? std::to_string(undo_.chat_id) : std::string("null"));
    j += ",\"outbox\":[";
    for (size_t i = 0; i < outbox_.pending().size(); ++i) {
        const OutgoingMessage& m = outbox_.pending()[i];
        if (i) j += ',';
        j += "{\"chat_id\":" + std::to_string(m.chat_id) + ",\"client_id\":" + quoted(m.client_id) +
             ",\"body\":" + quoted(m.body) + "}";
    }
    j += "]";
    j += ",\"notices\":[";
    for (size_t i = 0; i < notices_.size(); ++i) {
        if (i) j += ',';
        j += "{\"text\":" + quoted(notices_[i].text) +
             ",\"error\":" + (notices_[i].error ? "true" : "false") + "}";
    }
    j += "]";
    j += ",\"title\":" + quoted(title_);
    j += ",\"ui\":" + (ui_json.empty() ? std::string("{}") : ui_json);
    return j + "}";
}

}  // namespace sb::client
