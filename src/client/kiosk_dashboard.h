// The kiosk dashboard's view model: turns the newest /stats answer plus the connection state into
// exactly the texts, levels and rows the wall screen shows at one instant, so the drawing code
// (src/ui/kiosk_view.cpp) only lays them out and the tests can check every figure without ImGui.
//
// Waits tick between /stats answers: a wait shown is the server's figure plus the seconds since
// it arrived, and its amber/red level is recomputed against the server's thresholds (the same
// rule as the server's: at or above amber is amber, at or above red is red), so a chat crosses
// into red on the second it should, not at the next refresh.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "client/kiosk.h"
#include "protocol/model.h"

namespace sb::client {

using protocol::Level;

struct KioskTile {
    std::string id;     // stable name for tests: "pending", "longest_wait", ...
    std::string label;  // "Pending"
    std::string value;  // "12", "4:07", "–"
    Level level = Level::normal;
};

struct KioskQueueRow {
    std::string name;
    std::int64_t pending = 0;
    std::string longest_wait;  // empty when nothing waits
    Level level = Level::normal;
};

struct KioskAgentRow {
    std::string name;
    protocol::Presence presence = protocol::Presence::offline;
    std::int64_t working = 0;
};

struct KioskWaitingRow {
    std::string chat;  // "#12"
    std::string contact;
    std::string queue;
    std::string wait;  // ticking
    Level level = Level::normal;
};

struct KioskBanner {
    std::string text;
    Level level = Level::amber;
};

struct KioskDashboard {
    // No figures to show yet (or ever, with a bad token): a full-screen message instead.
    std::optional<std::string> message;
    Level message_level = Level::normal;

    std::string connection;  // "Live", "Connecting…", "Reconnecting…", "Offline", "Stopped"
    Level connection_level = Level::normal;
    std::optional<KioskBanner> banner;  // the figures may be stale: says how old they are
    std::string today;                  // "Today in Europe/Berlin"

    std::vector<KioskTile> tiles;  // pending, longest_wait, resolved_today, median_first_response,
                                   // median_wait, incoming_today
    std::vector<KioskQueueRow> queues;
    std::int64_t agents_online = 0, agents_away = 0, agents_offline = 0;
    std::vector<KioskAgentRow> agents;   // online first, then away, offline; busiest first
    std::vector<std::int64_t> per_hour;  // 24 counts, oldest first; the last is this hour
    std::int64_t per_hour_max = 0;
    std::vector<KioskWaitingRow> waiting;  // longest first

    // Seconds until a text above changes by itself (a ticking wait or data age); 0: never.
    double next_change = 0;

    const KioskTile* tile(const std::string& id) const;
};

KioskDashboard make_kiosk_dashboard(const KioskSnapshot& snapshot, double now);

// "45 s", "3:07" (minutes:seconds), "1:02:03" (hours:minutes:seconds).
std::string format_wait(std::int64_t seconds);
// "12 seconds", "3 minutes", "2 hours 5 minutes", "3 days 4 hours": how old the figures are.
std::string format_age(std::int64_t seconds);
// The same level rule as the server's StatsService.
Level level_of(std::int64_t value, std::int64_t amber, std::int64_t red);

}  // namespace sb::client
