#include "server/transport/metrics.h"

#include <cstdio>

namespace sb::server {

void append_metric_header(std::string& out, const char* name, const char* type, const char* help) {
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

void append_metric(std::string& out, const char* name, const char* type, const char* help,
                   std::int64_t value) {
    append_metric_header(out, name, type, help);
    out += name;
    out += ' ';
    out += std::to_string(value);
    out += '\n';
}

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
    append_metric(out, "switchboard_http_connections", "gauge", "Open HTTP connections.",
                  http_connections.load());
    append_metric(out, "switchboard_ws_connections", "gauge", "Open WebSocket connections.",
                  ws_connections.load());
    append_metric(out, "switchboard_ws_dropped_slow_total", "counter",
                  "WebSockets closed for falling behind.", ws_dropped_slow.load());
    append_metric(out, "switchboard_ws_messages_sent_total", "counter", "WebSocket frames written.",
                  ws_messages_sent.load());
    append_metric_header(out, "switchboard_http_responses_total", "counter",
                         "HTTP responses by status class.");
    for (int c = 1; c <= 5; ++c)
        add("switchboard_http_responses_total{class=\"%dxx\"} %lld\n", c,
            static_cast<long long>(by_class_[c].load()));
    append_metric_header(out, "switchboard_http_request_duration_seconds", "histogram",
                         "Time to answer a request.");
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
