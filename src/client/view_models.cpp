// See view_models.h.
#include "client/view_models.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sb::client {

using protocol::ChatStatus;

std::string format_duration(double seconds) {
    if (seconds < 0) seconds = 0;
    const long long s = static_cast<long long>(seconds);
    char buf[32];
    if (s < 60)
        std::snprintf(buf, sizeof buf, "%lld s", s);
    else if (s < 3600)
        std::snprintf(buf, sizeof buf, "%lld min", s / 60);
    else if (s < 86400)
        std::snprintf(buf, sizeof buf, "%lld h %02lld min", s / 3600, (s % 3600) / 60);
    else
        std::snprintf(buf, sizeof buf, "%lld d %lld h", s / 86400, (s % 86400) / 3600);
    return buf;
}

std::string format_clock(protocol::Time t) {
    const long long minutes = (t / 60000) % (24 * 60);
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld", minutes / 60, minutes % 60);
    return buf;
}

const char* status_label(ChatStatus status) {
    switch (status) {
        case ChatStatus::pending:
            return "Pending";
        case ChatStatus::working:
            return "Working";
        case ChatStatus::resolved:
            return "Resolved";
    }
    return "";
}

const char* presence_label(protocol::Presence presence) {
    switch (presence) {
        case protocol::Presence::online:
            return "online";
        case protocol::Presence::away:
            return "away";
        case protocol::Presence::offline:
            return "offline";
    }
    return "";
}

ChatRow chat_row(const protocol::Chat& chat, double now_seconds) {
    ChatRow row;
    row.id = chat.id;
    row.title = "#" + std::to_string(chat.id) + " " + chat.contact.name;
    row.preview = chat.last_message_preview;
    row.status = status_label(chat.status);
    row.bold = chat.unread || chat.unread_count > 0;
    row.badge = row.bold ? std::max<std::int64_t>(1, chat.unread_count) : 0;
    row.detail = chat.queue.name;
    if (chat.deleted) {
        row.detail += " · deleted";
        return row;
    }
    switch (chat.status) {
        case ChatStatus::pending: {
            const double since = static_cast<double>(chat.waiting_since.value_or(chat.created_at));
            const double waited = std::max(0.0, now_seconds - since / 1000.0);
            row.wait = format_duration(waited);
            row.can_accept = true;
            row.ticking = true;
            // Seconds tick under a minute; after that the text changes once a minute.
            const double step = waited < 60 ? 1.0 : 60.0;
            row.changes_in = step - std::fmod(waited, step);
            break;
        }
        case ChatStatus::working:
            row.detail += " · " + (chat.assignee ? chat.assignee->name : std::string("?"));
            break;
        case ChatStatus::resolved:
            row.detail += " · resolved";
            break;
    }
    return row;
}

HistoryLine history_line(const protocol::Message& m) {
    HistoryLine line;
    line.message_id = m.id;
    line.time = format_clock(m.created_at);
    line.body = m.body;
    if (m.kind == protocol::MessageKind::system || m.author.type == protocol::AuthorType::system) {
        line.kind = LineKind::system;
        return line;
    }
    if (m.author.type == protocol::AuthorType::contact) {
        line.kind = LineKind::contact;
        line.author = m.author.name.value_or("Contact");
        return line;
    }
    const std::string name = m.author.name.value_or("Staff");
    if (m.kind == protocol::MessageKind::note) {
        line.kind = LineKind::note;
        line.author = "Note · " + name;
        return line;
    }
    line.kind = LineKind::reply;
    line.author = m.signed_ ? name : "Reply (unsigned, " + name + ")";
    return line;
}

HistoryLine outgoing_line(const OutgoingMessage& m) {
    HistoryLine line;
    line.kind = LineKind::outgoing;
    line.author = m.kind == protocol::MessageKind::note ? "Note · sending…" : "Sending…";
    line.body = m.body;
    return line;
}

std::vector<TextSpan> split_links(std::string_view body) {
    std::vector<TextSpan> spans;
    size_t pos = 0;
    while (pos < body.size()) {
        size_t a = body.find("http://", pos);
        size_t b = body.find("https://", pos);
        size_t start = std::min(a, b);
        if (start == std::string_view::npos) {
            spans.push_back({body.substr(pos), false});
            break;
        }
        if (start > pos) spans.push_back({body.substr(pos, start - pos), false});
        size_t end = body.find_first_of(" \t\r\n", start);
        if (end == std::string_view::npos) end = body.size();
        // A sentence's final punctuation is not part of the link.
        while (end > start &&
               std::string_view(".,;:!?)").find(body[end - 1]) != std::string_view::npos)
            --end;
        spans.push_back({body.substr(start, end - start), true});
        pos = end;
    }
    return spans;
}

const std::vector<CannedReply>& canned_replies() {
    static const std::vector<CannedReply> replies = {
        {"hello", "Hello! Thanks for reaching out. How can I help you today?"},
        {"thanks", "Thank you for your patience. Is there anything else I can help with?"},
        {"moment", "Let me check that for you — one moment, please."},
        {"refund", "I have started your refund. You will see it on your statement in 3–5 days."},
        {"bye", "Thanks for chatting with us. Have a great day!"},
    };
    return replies;
}

std::vector<const CannedReply*> matching_canned(std::string_view text) {
    std::vector<const CannedReply*> out;
    if (text.empty() || text[0] != '/') return out;
    const std::string_view prefix = text.substr(1);
    if (prefix.find_first_of(" \n") != std::string_view::npos) return out;
    for (const CannedReply& r : canned_replies())
        if (r.shortcut.compare(0, prefix.size(), prefix) == 0) out.push_back(&r);
    return out;
}

}  // namespace sb::client
