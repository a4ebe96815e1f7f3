// GET /stats (K2, K3): the dashboard's figures, with amber/red levels from thresholds kept as
// server settings ("threshold.<name>" in the settings table) and "today" in the dashboard's time
// zone (the "time_zone" setting, else --timezone); administration sets both.
#pragma once

#include <functional>
#include <mutex>
#include <optional>

#include "protocol/model.h"
#include "server/stats/timezone.h"
#include "server/store/store.h"

namespace sb::server {

class StatsService {
  public:
    StatsService(store::Store& store, std::function<protocol::Time()> clock, TimeZone tz);
    protocol::Stats compute();

    // Names of the thresholds the settings table may override.
    static bool set_threshold(protocol::Thresholds& t, const std::string& name, std::int64_t v);
    // The thresholds as stored (defaults where none is), and storing all six.
    static protocol::Thresholds thresholds(store::ReadTx& tx);
    static void store_thresholds(store::WriteTx& tx, const protocol::Thresholds& t);
    // The dashboard's time zone: the admin's setting ("time_zone"), else the server's
    // --timezone. Throws std::runtime_error for a stored name the system does not know.
    std::string time_zone_name(store::ReadTx& tx) const;
    static constexpr const char* kTimeZoneSetting = "time_zone";

  private:
    TimeZone zone(const std::string& name);  // the last one named is kept

    store::Store& store_;
    std::function<protocol::Time()> clock_;
    TimeZone tz_;  // the server's default
    std::mutex zone_mutex_;
    std::optional<TimeZone> chosen_;  // the last zone the setting named
};

}  // namespace sb::server
