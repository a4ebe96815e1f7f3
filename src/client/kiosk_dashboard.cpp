// See kiosk_dashboard.h.
#include "client/kiosk_dashboard.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sb::client {

using protocol::Presence;

Level level_of(std::int64_t value, std::int64_t amber, std::int64_t red) {
    if (value >= red) return Level::red;
    if (value >= amber) return Level::amber;
    return Level::normal;
}

std::string format_wait(std::int64_t s) {
    s = std::max<std::int64_t>(0, s);
    char buf[48];
    if (s < 60)
        std::snprintf(buf, sizeof buf, "%lld s", static_cast<long long>(s));
    else if (s < 3600)
        std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(s / 60),
                      static_cast<long long>(s % 60));
    else
        std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                      static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
    return buf;
}

namespace {

std::string count_of(std::int64_t n, const char* unit) {
    return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
}

}  // namespace

std::string format_age(std::int64_t s) {
    s = std::max<std::int64_t>(0, s);
    if (s < 60) return count_of(s, "second");
    if (s < 3600) return count_of(s / 60, "minute");
    if (s < 86400) {
        std::string out = count_of(s / 3600, "hour");
        if (s / 60 % 60) out += " " + count_of(s / 60 % 60, "minute");
        return out;
    }
    std::string out = count_of(s / 86400, "day");
    if (s / 3600 % 24) out += " " + count_of(s / 3600 % 24, "hour");
    return out;
}

const KioskTile* KioskDashboard::tile(const std::string& id) const {
    for (const auto& t : tiles)
        if (t.id == id) return &t;
    return nullptr;
}

namespace {

void connection_of(const KioskSnapshot& s, KioskDashboard& d) {
    switch (s.connection) {
        case ConnectionState::live:
            d.connection = "Live";
            d.connection_level = Level::normal;
            return;
        case ConnectionState::connecting:
            d.connection = "Connecting\xE2\x80\xA6";
            d.connection_level = Level::amber;
            return;
        case ConnectionState::reconnecting:
            d.connection = "Reconnecting\xE2\x80\xA6";
            d.connection_level = Level::amber;
            return;
        case ConnectionState::offline:
            d.connection = "Offline";
            d.connection_level = Level::red;
            return;
        case ConnectionState::stopped:
            d.connection = "Stopped";
            d.connection_level = Level::red;
            return;
    }
}

// The banner for figures that may be old: after a lost connection, a failed refresh, or a
// refused token. age is how long ago the figures arrived.
std::optional<KioskBanner> banner_of(const KioskSnapshot& s, std::int64_t age) {
    const bool lost = s.connection == ConnectionState::reconnecting ||
                      s.connection == ConnectionState::offline ||
                      s.connection == ConnectionState::stopped;
    if (s.problem == KioskProblem::refused)
        return KioskBanner{s.problem_text + " These figures are " + format_age(age) + " old.",
                           Level::red};
    if (lost)
        return KioskBanner{"Connection to the server lost \xE2\x80\x94 these figures are " +
                               format_age(age) + " old. Reconnecting\xE2\x80\xA6",
                           age >= 60 ? Level::red : Level::amber};
    if (s.refresh_failing)
        return KioskBanner{"The figures could not be refreshed \xE2\x80\x94 they are " +
                               format_age(age) + " old. Retrying\xE2\x80\xA6",
                           age >= 60 ? Level::red : Level::amber};
    return std::nullopt;
}

int presence_rank(Presence p) {
    return p == Presence::online ? 0 : p == Presence::away ? 1 : 2;
}

void tiles_of(const protocol::Stats& st, std::int64_t tick, KioskDashboard& d) {
    const auto& th = st.thresholds;
    Level pending_level = Level::normal;
    for (const auto& q : st.queues)
        pending_level =
            std::max(pending_level, level_of(q.pending, th.pending_amber, th.pending_red));
    d.tiles.push_back({"pending", "Pending", std::to_string(st.pending_total), pending_level});

    const std::int64_t longest = st.pending_total > 0 ? st.longest_wait_seconds + tick : 0;
    d.tiles.push_back({"longest_wait", "Longest wait",
                       st.pending_total > 0 ? format_wait(longest) : "\xE2\x80\x93",
                       level_of(longest, th.wait_amber_seconds, th.wait_red_seconds)});
    d.tiles.push_back(
        {"resolved_today", "Resolved today", std::to_string(st.resolved_today), Level::normal});
    const auto& fr = st.median_first_response_seconds_today;
    d.tiles.push_back({"median_first_response", "Median first reply",
                       fr ? format_wait(*fr) : "\xE2\x80\x93",
                       fr ? st.first_response_level : Level::normal});
    const auto& mw = st.median_wait_seconds_today;
    d.tiles.push_back(
        {"median_wait", "Median wait", mw ? format_wait(*mw) : "\xE2\x80\x93", Level::normal});
    d.tiles.push_back(
        {"incoming_today", "Incoming today", std::to_string(st.incoming_today), Level::normal});
}

void rows_of(const protocol::Stats& st, std::int64_t tick, KioskDashboard& d) {
    const auto& th = st.thresholds;
    for (const auto& q : st.queues) {
        const std::int64_t wait = q.pending > 0 ? q.longest_wait_seconds + tick : 0;
        d.queues.push_back(
            {q.queue.name, q.pending, q.pending > 0 ? format_wait(wait) : "",
             std::max(level_of(q.pending, th.pending_amber, th.pending_red),
                      q.pending > 0 ? level_of(wait, th.wait_amber_seconds, th.wait_red_seconds)
                                    : Level::normal)});
    }
    for (const auto& w : st.longest_waiting) {
        const std::int64_t wait = w.wait_seconds + tick;
        d.waiting.push_back({"#" + std::to_string(w.chat_id), w.contact_name, w.queue.name,
                             format_wait(wait),
                             level_of(wait, th.wait_amber_seconds, th.wait_red_seconds)});
    }
    d.agents_online = st.agents_online;
    d.agents_away = st.agents_away;
    d.agents_offline = st.agents_offline;
    for (const auto& a : st.agents) d.agents.push_back({a.staff.name, a.presence, a.working});
    std::stable_sort(d.agents.begin(), d.agents.end(),
                     [](const KioskAgentRow& a, const KioskAgentRow& b) {
                         if (presence_rank(a.presence) != presence_rank(b.presence))
                             return presence_rank(a.presence) < presence_rank(b.presence);
                         if (a.working != b.working) return a.working > b.working;
                         return a.name < b.name;
                     });
    for (const auto& h : st.incoming_per_hour) {
        d.per_hour.push_back(h.count);
        d.per_hour_max = std::max(d.per_hour_max, h.count);
    }
}

}  // namespace

KioskDashboard make_kiosk_dashboard(const KioskSnapshot& s, double now) {
    KioskDashboard d;
    connection_of(s, d);
    if (!s.stats) {
        if (s.problem != KioskProblem::none || s.refresh_failing) {
            d.message = s.problem_text;
            d.message_level = s.problem != KioskProblem::none ? Level::red : Level::amber;
        } else {
            d.message = "Connecting to the server\xE2\x80\xA6";
        }
        return d;
    }
    const double elapsed = std::max(0.0, now - s.received_at);
    const auto tick = static_cast<std::int64_t>(std::floor(elapsed));
    const protocol::Stats& st = *s.stats;
    d.today = "Today in " + st.timezone;
    d.banner = banner_of(s, tick);
    tiles_of(st, tick, d);
    rows_of(st, tick, d);
    const bool ticking = st.pending_total > 0 || d.banner.has_value();
    if (ticking) d.next_change = std::max(0.001, 1.0 - (elapsed - std::floor(elapsed)));
    return d;
}

}  // namespace sb::client
