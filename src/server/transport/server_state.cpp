#include "server/transport/server_state.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>

#include "protocol/json.h"

namespace sb::server {

void ServerState::track(const std::shared_ptr<Closable>& session) {
    std::lock_guard lock(sessions_mu_);
    if (sessions_.size() > 64 && sessions_.size() % 64 == 0) {
        std::erase_if(sessions_, [](const auto& w) { return w.expired(); });
    }
    sessions_.push_back(session);
}

void ServerState::shutdown_sessions() {
    for (auto& s : live_sessions()) s->shutdown();
}

void ServerState::abort_sessions() {
    for (auto& s : live_sessions()) s->abort();
}

std::vector<std::shared_ptr<Closable>> ServerState::live_sessions() {
    std::vector<std::shared_ptr<Closable>> live;
    std::lock_guard lock(sessions_mu_);
    for (auto& w : sessions_)
        if (auto s = w.lock()) live.push_back(std::move(s));
    return live;
}

std::string ServerState::next_request_id() {
    // The prefix tells the processes of a cluster apart; the counter, the requests of one.
    static const std::uint32_t prefix = [] {
        std::random_device rd;
        return static_cast<std::uint32_t>(rd());
    }();
    char buf[20];
    std::snprintf(buf, sizeof buf, "%08x%08x", prefix,
                  static_cast<std::uint32_t>(request_counter_.fetch_add(1) + 1));
    return buf;
}

std::string ServerState::metrics_text() const {
    std::string out = metrics.text();
    append_metric(out, "switchboard_connections_open", "gauge",
                  "Open connections counted against --max-connections.", limits->open());
    append_metric_header(out, "switchboard_connections_refused_total", "counter",
                         "Connections closed at accept for being over a cap.");
    out += "switchboard_connections_refused_total{reason=\"total\"} " +
           std::to_string(limits->refused_total()) + "\n";
    out += "switchboard_connections_refused_total{reason=\"per_address\"} " +
           std::to_string(limits->refused_per_address()) + "\n";
    append_metric(out, "switchboard_accept_errors_total", "counter",
                  "Failed accepts (such as EMFILE), each followed by a back-off.",
                  metrics.accept_errors.load());
    append_metric(out, "switchboard_log_lines_dropped_total", "counter",
                  "Request log lines dropped because the log queue was full.",
                  log ? log->dropped() : 0);
    return out;
}

void ServerState::log_request(const HttpRequest& req, int status, double seconds, size_t bytes,
                              const std::string& note) {
    metrics.request_done(status, seconds);
    if (!log) return;
    auto now = std::chrono::system_clock::now();
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char ts[96];
    std::snprintf(ts, sizeof ts, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms.count()));
    std::string line = "{\"ts\":\"";
    line += ts;
    line += "\",\"remote\":";
    protocol::append_json_string(line, req.remote);
    line += ",\"method\":";
    protocol::append_json_string(line, req.method);
    line += ",\"path\":";
    protocol::append_json_string(line, req.path);
    line += ",\"id\":";
    protocol::append_json_string(line, req.request_id);
    char tail[96];
    std::snprintf(tail, sizeof tail, ",\"status\":%d,\"ms\":%.3f,\"bytes\":%zu", status,
                  seconds * 1000.0, bytes);
    line += tail;
    if (!note.empty()) {
        line += ",\"error\":";
        protocol::append_json_string(line, note);
    }
    line += "}\n";
    log->push(std::move(line));
}

std::map<std::string, std::string> parse_query(std::string_view q) {
    std::map<std::string, std::string> out;
    size_t i = 0;
    while (i <= q.size()) {
        size_t amp = q.find('&', i);
        if (amp == std::string_view::npos) amp = q.size();
        auto part = q.substr(i, amp - i);
        if (!part.empty()) {
            size_t eq = part.find('=');
            auto key = protocol::url_decode(part.substr(0, eq), true);
            auto val = eq == std::string_view::npos
                           ? std::string()
                           : protocol::url_decode(part.substr(eq + 1), true);
            out.emplace(std::move(key), std::move(val));
        }
        i = amp + 1;
    }
    return out;
}

}  // namespace sb::server
