// GET /stats (K2, K3): the dashboard's figures, with amber/red levels from thresholds kept as
// server settings ("threshold.<name>" in the settings table, set by the admin CLI).
#pragma once

#include <functional>

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

  private:
    store::Store& store_;
    std::function<protocol::Time()> clock_;
    TimeZone tz_;
};

}  // namespace sb::server
