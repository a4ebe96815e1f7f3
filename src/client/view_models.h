// What the UI draws, computed from the store: one chat row of a tab list, one line of a chat's
// history, waiting times, link spans. Plain data; no ImGui here, so it is unit-tested directly.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "client/console_store.h"
#include "client/outbox.h"
#include "protocol/model.h"

namespace sb::client {

// "45 s", "3 min", "1 h 05 min", "2 d 3 h".
std::string format_duration(double seconds);
// "14:05" (UTC) for a protocol time.
std::string format_clock(protocol::Time t);
const char* status_label(protocol::ChatStatus status);    // "Pending", "Working", "Resolved"
const char* presence_label(protocol::Presence presence);  // "online", "away", "offline"

struct ChatRow {
    Id id = 0;
    std::string title;       // "#22 Maria Lopez"
    std::string preview;     // last message preview
    std::string detail;      // "Support" (pending) / "Support · Alice" / "Support · resolved"
    std::string wait;        // pending: how long it has waited, "3 min"; else empty
    std::string status;      // "Pending" ...
    bool bold = false;       // unread
    std::int64_t badge = 0;  // unread count (0: no badge; an unread chat has at least 1)
    bool can_accept = false;
    bool ticking = false;   // shows a waiting time that changes with the clock
    double changes_in = 0;  // seconds until that text changes (when ticking)
};
ChatRow chat_row(const protocol::Chat& chat, double now_seconds);

enum class LineKind { contact, reply, note, system, outgoing };

struct HistoryLine {
    LineKind kind = LineKind::contact;
    Id message_id = 0;   // 0 for outgoing (not yet confirmed)
    std::string author;  // who, as shown: contact name, staff name on signed replies, ...
    std::string time;    // "14:05"
    std::string body;
};
HistoryLine history_line(const protocol::Message& message);
HistoryLine outgoing_line(const OutgoingMessage& message);
// A run of text in a message body; links are http(s):// URLs up to the next space.
struct TextSpan {
    std::string_view text;
    bool link = false;
};
std::vector<TextSpan> split_links(std::string_view body);

// The "/" picker of canned replies (E12). A composer holding "/" and a query on one line asks
// for it. Replies whose shortcut starts with the query come first, then those whose body has
// every word of the query as the start of one of its words (case-insensitive for ASCII); each
// group keeps the list's order (by shortcut, personal before shared). nullopt: no picker.
std::optional<std::string_view> canned_query(std::string_view composer_text);
std::vector<const protocol::CannedReply*> matching_canned(
    const std::vector<protocol::CannedReply>& replies, std::string_view composer_text);
// A body's first line, at most max_chars characters ("…" marks a cut).
std::string first_line(std::string_view body, size_t max_chars);

// ---- the Admin screen ----
// "2026-12-03 14:05" (UTC); "never" for nullopt.
std::string format_date_time(std::optional<protocol::Time> t);
// The names of a person's queues, by name, comma-separated ("Sales, Support").
std::string queue_names(const protocol::Staff& s, const std::vector<protocol::QueueInfo>& queues);
enum class StaffColumn { name, login, role, queues, presence, active };
// The staff table's rows: those whose name, login, role or queue names contain every word of
// the filter (ASCII case-insensitive), sorted by the column (ties by name, then id).
std::vector<const protocol::Staff*> staff_rows(const std::vector<protocol::Staff>& staff,
                                               const std::vector<protocol::QueueInfo>& queues,
                                               std::string_view filter, StaffColumn column,
                                               bool descending);

}  // namespace sb::client
