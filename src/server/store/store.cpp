// Store helpers shared by every implementation; see store.h.
#include "server/store/store.h"

#include <algorithm>
#include <charconv>

namespace sb::server::store {

std::int64_t unread_count(std::int64_t contact_msg_count, const std::vector<ReadState>& reads,
                          Id viewer) {
    if (viewer == 0) return 0;
    std::int64_t read_count = 0;
    bool marked = false;
    for (const auto& r : reads) {
        if (r.staff_id == viewer) {
            read_count = r.read_count;
            marked = r.marked_unread;
        }
    }
    const std::int64_t n = std::max<std::int64_t>(0, contact_msg_count - read_count);
    return (marked && n == 0) ? 1 : n;
}

void apply_read_state(protocol::Chat& chat, std::int64_t contact_msg_count,
                      const std::vector<ReadState>& reads, Id viewer) {
    chat.unread_count = unread_count(contact_msg_count, reads, viewer);
    chat.unread = chat.unread_count > 0;
}

protocol::Viewer viewer_of(const Audience& a) {
    return {a.staff_id, a.everything ? protocol::Role::supervisor : protocol::Role::agent,
            a.queue_ids};
}

protocol::ListView list_view(View v) {
    switch (v) {
        case View::working:
            return protocol::ListView::working;
        case View::pending:
            return protocol::ListView::pending;
        case View::resolved:
            return protocol::ListView::resolved;
        case View::deleted:
            return protocol::ListView::deleted;
    }
    return protocol::ListView::pending;
}

std::string encode_reads(std::int64_t count, const std::vector<ReadState>& reads) {
    std::string out = std::to_string(count) + "|";
    for (std::size_t i = 0; i < reads.size(); ++i) {
        if (i) out += ',';
        out += std::to_string(reads[i].staff_id) + ":" + std::to_string(reads[i].read_count) + ":" +
               (reads[i].marked_unread ? "1" : "0");
    }
    return out;
}

void decode_reads(const std::string& text, std::int64_t& count, std::vector<ReadState>& reads) {
    count = 0;
    reads.clear();
    const char* p = text.data();
    const char* end = p + text.size();
    auto num = [&](std::int64_t& v) {
        auto r = std::from_chars(p, end, v);
        p = r.ptr;
    };
    num(count);
    if (p < end && *p == '|') ++p;
    while (p < end) {
        ReadState r;
        std::int64_t marked = 0;
        num(r.staff_id);
        if (p < end && *p == ':') ++p;
        num(r.read_count);
        if (p < end && *p == ':') ++p;
        num(marked);
        r.marked_unread = marked != 0;
        reads.push_back(r);
        if (p < end && *p == ',')
            ++p;
        else
            break;
    }
}

const char* to_string(TokenRecord::Kind k) {
    switch (k) {
        case TokenRecord::Kind::staff:
            return "staff";
        case TokenRecord::Kind::display:
            return "display";
        case TokenRecord::Kind::contact:
            return "contact";
        case TokenRecord::Kind::integration:
            return "integration";
    }
    return "staff";
}

std::vector<Id> parse_id_list(const std::string& ids) {
    std::vector<Id> out;
    std::size_t pos = 0;
    while (pos < ids.size()) {
        std::size_t end = ids.find(',', pos);
        if (end == std::string::npos) end = ids.size();
        Id v = 0;
        std::from_chars(ids.data() + pos, ids.data() + end, v);
        out.push_back(v);
        pos = end + 1;
    }
    return out;
}

TokenRecord::Kind parse_token_kind(std::string_view s) {
    using K = TokenRecord::Kind;
    return s == "display"       ? K::display
           : s == "contact"     ? K::contact
           : s == "integration" ? K::integration
                                : K::staff;
}

void Store::set_relay(Relay relay) {
    std::lock_guard lock(relay_mutex_);
    relay_ = std::move(relay);
}

void Store::hand_ephemeral(StoredEvent e) {
    std::lock_guard lock(relay_mutex_);
    if (relay_.ephemeral) relay_.ephemeral(std::move(e));
}

void Store::hand_session_end(const std::string& token_hash, const std::string& reason) {
    std::lock_guard lock(relay_mutex_);
    if (relay_.session_ended) relay_.session_ended(token_hash, reason);
}

}  // namespace sb::server::store
