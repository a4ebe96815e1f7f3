// The /stats figures; see stats_service.h.
#include "server/stats/stats_service.h"

#include <algorithm>
#include <map>

namespace sb::server {

using protocol::Level;

namespace {

Level level_of(std::int64_t v, std::int64_t amber, std::int64_t red) {
    if (v >= red) return Level::red;
    if (v >= amber) return Level::amber;
    return Level::normal;
}

std::optional<std::int64_t> median_seconds(std::vector<std::int64_t> ms) {
    if (ms.empty()) return std::nullopt;
    std::sort(ms.begin(), ms.end());
    const std::size_t n = ms.size();
    const std::int64_t m = n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
    return m / 1000;
}

struct ThresholdField {
    const char* name;
    std::int64_t protocol::Thresholds::*field;
};
constexpr ThresholdField kThresholds[] = {
    {"wait_amber_seconds", &protocol::Thresholds::wait_amber_seconds},
    {"wait_red_seconds", &protocol::Thresholds::wait_red_seconds},
    {"pending_amber", &protocol::Thresholds::pending_amber},
    {"pending_red", &protocol::Thresholds::pending_red},
    {"first_response_amber_seconds", &protocol::Thresholds::first_response_amber_seconds},
    {"first_response_red_seconds", &protocol::Thresholds::first_response_red_seconds},
};

}  // namespace

StatsService::StatsService(store::Store& store, std::function<protocol::Time()> clock, TimeZone tz)
    : store_(store), clock_(std::move(clock)), tz_(std::move(tz)) {}

bool StatsService::set_threshold(protocol::Thresholds& t, const std::string& name, std::int64_t v) {
    for (const auto& f : kThresholds) {
        if (name == f.name) {
            t.*(f.field) = v;
            return true;
        }
    }
    return false;
}

protocol::Thresholds StatsService::thresholds(store::ReadTx& tx) {
    protocol::Thresholds t;
    for (const auto& f : kThresholds)
        if (auto v = tx.setting(std::string("threshold.") + f.name))
            t.*(f.field) = std::atoll(v->c_str());
    return t;
}

void StatsService::store_thresholds(store::WriteTx& tx, const protocol::Thresholds& t) {
    for (const auto& f : kThresholds)
        tx.set_setting(std::string("threshold.") + f.name, std::to_string(t.*(f.field)));
}

std::string StatsService::time_zone_name(store::ReadTx& tx) const {
    return tx.setting(kTimeZoneSetting).value_or(tz_.name());
}

TimeZone StatsService::zone(const std::string& name) {
    if (name == tz_.name()) return tz_;
    std::lock_guard lock(zone_mutex_);
    if (!chosen_ || chosen_->name() != name) chosen_.emplace(name);
    return *chosen_;
}

protocol::Stats StatsService::compute() {
    const protocol::Time now = clock_();
    protocol::Stats st;
    st.at = now;
    store::StatsInputs in;
    std::vector<protocol::Queue> queues;
    std::vector<protocol::Staff> staff;
    store_.read([&](store::ReadTx& tx) {
        st.timezone = time_zone_name(tx);
        try {
            zone(st.timezone);
        } catch (const std::exception&) {
            st.timezone = tz_.name();  // a name this system does not know: the server's own
        }
        in = tx.stats_inputs(zone(st.timezone).start_of_day(now), now);
        queues = tx.queues();
        staff = tx.staff_search("", 10'000);
        st.thresholds = thresholds(tx);
    });
    const protocol::Time today = zone(st.timezone).start_of_day(now);
    const auto& th = st.thresholds;

    std::map<protocol::Id, protocol::QueueStats> per_queue;
    for (const auto& q : queues) per_queue[q.id].queue = q;
    for (const auto& p : in.pending) {
        auto& qs = per_queue[p.queue_id];
        const std::int64_t wait = std::max<std::int64_t>(0, (now - p.waiting_since) / 1000);
        ++qs.pending;
        qs.longest_wait_seconds = std::max(qs.longest_wait_seconds, wait);
        st.longest_wait_seconds = std::max(st.longest_wait_seconds, wait);
        if (st.longest_waiting.size() < 10) {
            protocol::WaitingChat w;
            w.chat_id = p.chat_id;
            w.contact_name = p.contact_name;
            w.queue = per_queue[p.queue_id].queue;
            w.waiting_since = p.waiting_since;
            w.wait_seconds = wait;
            w.level = level_of(wait, th.wait_amber_seconds, th.wait_red_seconds);
            st.longest_waiting.push_back(std::move(w));
        }
    }
    for (auto& [id, qs] : per_queue) {
        qs.level =
            std::max(level_of(qs.pending, th.pending_amber, th.pending_red),
                     level_of(qs.longest_wait_seconds, th.wait_amber_seconds, th.wait_red_seconds));
        st.pending_total += qs.pending;
        st.queues.push_back(qs);
    }
    st.longest_wait_level =
        level_of(st.longest_wait_seconds, th.wait_amber_seconds, th.wait_red_seconds);

    std::map<protocol::Id, std::int64_t> working(in.working_per_staff.begin(),
                                                 in.working_per_staff.end());
    for (const auto& s : staff) {
        if (s.role == protocol::Role::admin) continue;
        st.agents.push_back({{s.id, s.name}, s.role, s.presence, working[s.id]});
        switch (s.presence) {
            case protocol::Presence::online:
                ++st.agents_online;
                break;
            case protocol::Presence::away:
                ++st.agents_away;
                break;
            case protocol::Presence::offline:
                ++st.agents_offline;
                break;
        }
    }
    st.resolved_today = in.resolved_since;
    st.median_first_response_seconds_today = median_seconds(in.first_response_ms);
    if (st.median_first_response_seconds_today)
        st.first_response_level =
            level_of(*st.median_first_response_seconds_today, th.first_response_amber_seconds,
                     th.first_response_red_seconds);
    st.median_wait_seconds_today = median_seconds(in.wait_ms);

    // 24 hourly buckets ending with the current hour.
    const protocol::Time hour_ms = 3'600'000;
    const protocol::Time first_hour = (now / hour_ms - 23) * hour_ms;
    for (int i = 0; i < 24; ++i) st.incoming_per_hour.push_back({first_hour + i * hour_ms, 0});
    for (protocol::Time t : in.created_times) {
        if (t >= today) ++st.incoming_today;
        if (t < first_hour) continue;
        const auto i = static_cast<std::size_t>((t - first_hour) / hour_ms);
        if (i < 24) ++st.incoming_per_hour[i].count;
    }
    return st;
}

}  // namespace sb::server
