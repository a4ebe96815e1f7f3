#include "common/latency.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace bench {

void Latencies::merge(const Latencies& other) {
    samples_.insert(samples_.end(), other.samples_.begin(), other.samples_.end());
    sorted_ = false;
}

double Latencies::percentile(double p) const {
    if (samples_.empty()) return 0;
    if (!sorted_) {
        std::sort(samples_.begin(), samples_.end());
        sorted_ = true;
    }
    const double rank = std::ceil(p / 100.0 * static_cast<double>(samples_.size()));
    const size_t i = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
    return samples_[std::min(i, samples_.size() - 1)];
}

std::string Latencies::summary() const {
    std::ostringstream out;
    out << "n=" << count() << " p50=" << fixed(percentile(50), 2)
        << " p95=" << fixed(percentile(95), 2) << " p99=" << fixed(percentile(99), 2)
        << " max=" << fixed(max(), 2) << " ms";
    return out.str();
}

void print_result(const std::string& benchmark, const std::string& measure,
                  const std::string& value, const std::string& target, bool met) {
    std::printf("RESULT | %s | %s | %s | %s | %s\n", benchmark.c_str(), measure.c_str(),
                value.c_str(), target.empty() ? "-" : target.c_str(),
                target.empty() ? "info" : (met ? "met" : "MISSED"));
    std::fflush(stdout);
}

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

}  // namespace bench
