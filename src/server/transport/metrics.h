// Request and connection metrics for /metrics (Prometheus text format).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace sb::server {

// The Prometheus text format, in one place for every part of /metrics: a metric's HELP and TYPE
// lines (type "counter", "gauge" or "histogram"), then, for append_metric, its one sample.
void append_metric_header(std::string& out, const char* name, const char* type, const char* help);
void append_metric(std::string& out, const char* name, const char* type, const char* help,
                   std::int64_t value);

class TransportMetrics {
  public:
    void request_done(int status, double seconds);
    std::atomic<int64_t> http_connections{0};
    std::atomic<int64_t> ws_connections{0};
    std::atomic<int64_t> ws_dropped_slow{0};
    std::atomic<int64_t> ws_messages_sent{0};
    std::atomic<int64_t> accept_errors{0};
    std::string text() const;

  private:
    static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                        0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
    std::array<std::atomic<int64_t>, kBuckets.size()> bucket_counts_{};
    std::atomic<int64_t> count_{0};
    std::atomic<int64_t> sum_micros_{0};
    std::array<std::atomic<int64_t>, 6> by_class_{};  // 1xx..5xx
};

}  // namespace sb::server
