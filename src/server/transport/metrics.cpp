#include "server/transport/metrics.h"

#include <cstdio>

namespace sb::server {

void TransportMetrics::request_done(int status, double seconds) {
    for (size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i]) bucket_counts_[i].fetch_add(1, std::memory_order_relaxed);
    count_.fetch_add(1, std::memory_order_relaxed);
    sum_micros_.fetch_add(static_cast<int64_t>(seconds * 1e6), std::memory_order_relaxed);
    int cls = status / 100;
    if (cls >= 1 && cls <= 5) by_class_[cls].fetch_add(1, std::memory_order_relaxed);
}

std::string TransportMetrics::text() const {
    std::string out;
    char line[160];
    auto add = [&](const char* fmt, auto... args) {
        std::snprintf(line, sizeof line, fmt, args...);
        out += line;
    };
    out += "# HELP switchboard_http_connections Open HTTP connections.\n";
    out += "# TYPE switchboard_http_connections gauge\n";
    add("switchboard_http_connections %lld\n", static_cast<long long>(http_connections.load()));
    out += "# HELP switchboard_ws_connections Open WebSocket connections.\n";
    out += "# TYPE switchboard_ws_connections gauge\n";
    add("switchboard_ws_connections %lld\n", static_cast<long long>(ws_connections.load()));
    out += "# HELP switchboard_ws_dropped_slow_total WebSockets closed for falling behind.\n";
    out += "# TYPE switchboard_ws_dropped_slow_total counter\n";
    add("switchboard_ws_dropped_slow_total %lld\n", static_cast<long long>(ws_dropped_slow.load()));
    out += "# HELP switchboard_ws_messages_sent_total WebSocket frames written.\n";
    out += "# TYPE switchboard_ws_messages_sent_total counter\n";
    add("switchboard_ws_messages_sent_total %lld\n",
        static_cast<long long>(ws_messages_sent.load()));
    out += "# HELP switchboard_http_responses_total HTTP responses by status class.\n";
    out += "# TYPE switchboard_http_responses_total counter\n";
    for (int c = 1; c <= 5; ++c)
        add("switchboard_http_responses_total{class=\"%dxx\"} %lld\n", c,
            static_cast<long long>(by_class_[c].load()));
    out += "# HELP switchboard_http_request_duration_seconds Time to answer a request.\n";
    out += "# TYPE switchboard_http_request_duration_seconds histogram\n";
    for (size_t i = 0; i < kBuckets.size(); ++i)
        add("switchboard_http_request_duration_seconds_bucket{le=\"%g\"} %lld\n", kBuckets[i],
            static_cast<long long>(bucket_counts_[i].load()));
    add("switchboard_http_request_duration_seconds_bucket{le=\"+Inf\"} %lld\n",
        static_cast<long long>(count_.load()));
    add("switchboard_http_request_duration_seconds_sum %.6f\n", sum_micros_.load() / 1e6);
    add("switchboard_http_request_duration_seconds_count %lld\n",
        static_cast<long long>(count_.load()));
    return out;
}

}  // namespace sb::server
