// See view_models.h.
#include "client/view_models.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "protocol/names.h"
#include "protocol/time.h"
#include "protocol/validate.h"

namespace sb::client {

using protocol::ChatStatus;
using protocol::lower_ascii;

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

namespace {
constexpr protocol::Names<ChatStatus, 3> kStatusLabels{{{ChatStatus::pending, "Pending"},
                                                        {ChatStatus::working, "Working"},
                                                        {ChatStatus::resolved, "Resolved"}}};
}  // namespace

const char* status_label(ChatStatus status) {
    return protocol::name_of(kStatusLabels, status);
}

const char* presence_label(protocol::Presence presence) {
    return protocol::to_string(presence);  // the wire names are the labels
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

std::optional<std::string_view> canned_query(std::string_view text) {
    if (text.empty() || text[0] != '/' || text.find('\n') != std::string_view::npos)
        return std::nullopt;
    return text.substr(1);
}

namespace {

char fold(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           static_cast<unsigned char>(c) >= 0x80;
}

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> out;
    std::string word;
    for (char c : text) {
        if (word_char(c)) {
            word += fold(c);
        } else if (!word.empty()) {
            out.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

bool has_all_words(std::string_view body, const std::vector<std::string>& wanted) {
    const auto words = words_of(body);
    return std::all_of(wanted.begin(), wanted.end(), [&](const std::string& w) {
        return std::any_of(words.begin(), words.end(),
                           [&](const std::string& b) { return b.compare(0, w.size(), w) == 0; });
    });
}

}  // namespace

std::vector<const protocol::CannedReply*> matching_canned(
    const std::vector<protocol::CannedReply>& replies, std::string_view text) {
    std::vector<const protocol::CannedReply*> out;
    const auto query = canned_query(text);
    if (!query) return out;
    std::string prefix;
    for (char c : *query) prefix += fold(c);
    const bool one_word = prefix.find_first_of(" \t") == std::string::npos;
    for (const auto& r : replies)
        if (one_word && r.shortcut.compare(0, prefix.size(), prefix) == 0) out.push_back(&r);
    const auto words = words_of(prefix);
    if (words.empty()) return out;
    for (const auto& r : replies)
        if (std::find(out.begin(), out.end(), &r) == out.end() && has_all_words(r.body, words))
            out.push_back(&r);
    return out;
}

std::string first_line(std::string_view body, size_t max_chars) {
    const size_t end = body.find_first_of("\r\n");
    const std::string_view line = body.substr(0, end);
    std::string out = protocol::utf8_preview(line, max_chars);
    if (out.size() < line.size() || end != std::string_view::npos) out += "…";
    return out;
}

// ---- the Admin screen ------------------------------------------------------------------------

std::string format_date_time(std::optional<protocol::Time> t) {
    if (!t) return "never";
    std::string s = protocol::format_time(*t);  // 2026-12-03T14:05:00.000Z
    if (s.size() < 16) return s;
    s.resize(16);
    s[10] = ' ';
    return s;
}

std::string queue_names(const protocol::Staff& s, const std::vector<protocol::QueueInfo>& queues) {
    std::vector<std::string> names;
    for (const auto& q : queues)
        if (std::find(s.queues.begin(), s.queues.end(), q.id) != s.queues.end())
            names.push_back(q.name);
    std::sort(names.begin(), names.end());
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

std::vector<const protocol::Staff*> staff_rows(const std::vector<protocol::Staff>& staff,
                                               const std::vector<protocol::QueueInfo>& queues,
                                               std::string_view filter, StaffColumn column,
                                               bool descending) {
    std::vector<std::string> words;
    const std::string f = lower_ascii(filter);
    for (size_t i = 0; i < f.size();) {
        const size_t j = std::min(f.find(' ', i), f.size());
        if (j > i) words.push_back(f.substr(i, j - i));
        i = j + 1;
    }
    std::vector<const protocol::Staff*> rows;
    std::vector<std::string> qnames(staff.size());
    for (size_t k = 0; k < staff.size(); ++k) {
        const protocol::Staff& s = staff[k];
        qnames[k] = queue_names(s, queues);
        const std::string hay = lower_ascii(s.name + " " + s.login + " " +
                                            protocol::to_string(s.role) + " " + qnames[k]);
        bool all = true;
        for (const auto& w : words) all = all && hay.find(w) != std::string::npos;
        if (all) rows.push_back(&s);
    }
    auto names_of = [&](const protocol::Staff* s) -> const std::string& {
        return qnames[static_cast<size_t>(s - staff.data())];
    };
    auto key_less = [&](const protocol::Staff* a, const protocol::Staff* b) -> int {
        switch (column) {
            case StaffColumn::login:
                return a->login.compare(b->login);
            case StaffColumn::role:
                return static_cast<int>(a->role) - static_cast<int>(b->role);
            case StaffColumn::queues:
                return names_of(a).compare(names_of(b));
            case StaffColumn::presence:
                return static_cast<int>(a->presence) - static_cast<int>(b->presence);
            case StaffColumn::active:
                return static_cast<int>(b->active) - static_cast<int>(a->active);
            case StaffColumn::name:
                break;
        }
        return 0;
    };
    std::stable_sort(rows.begin(), rows.end(),
                     [&](const protocol::Staff* a, const protocol::Staff* b) {
                         int c = key_less(a, b);
                         if (c == 0) c = lower_ascii(a->name).compare(lower_ascii(b->name));
                         if (c == 0) c = a->id < b->id ? -1 : (a->id > b->id ? 1 : 0);
                         return descending ? c > 0 : c < 0;
                     });
    return rows;
}

}  // namespace sb::client
