// Latency samples and their percentiles, and the one result-line format every benchmark prints
// (scripts/bench collects the RESULT lines into its table).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace bench {

using Clock = std::chrono::steady_clock;

inline double ms_between(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

class Latencies {
  public:
    void add(double ms) { samples_.push_back(ms); }
    void merge(const Latencies& other);
    size_t count() const { return samples_.size(); }
    // p in [0, 100]; nearest-rank on the sorted samples; 0 when empty.
    double percentile(double p) const;
    double max() const { return percentile(100); }
    // "n=… p50=… p95=… p99=… max=… ms"
    std::string summary() const;

  private:
    mutable std::vector<double> samples_;
    mutable bool sorted_ = false;
};

// Prints "RESULT | <benchmark> | <measure> | <value> | <target> | <met|MISSED|info>".
// An empty target means the line is information only.
void print_result(const std::string& benchmark, const std::string& measure,
                  const std::string& value, const std::string& target = {}, bool met = true);

std::string fixed(double v, int decimals = 1);

}  // namespace bench
