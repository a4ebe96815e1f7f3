#include "server/transport/server_state.h"

#include <chrono>
#include <cstdio>
#include <ctime>

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

void ServerState::log_request(const HttpRequest& req, int status, double seconds, size_t bytes) {
    metrics.request_done(status, seconds);
    if (!config.log_requests) return;
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
    char tail[96];
    std::snprintf(tail, sizeof tail, ",\"status\":%d,\"ms\":%.3f,\"bytes\":%zu}\n", status,
                  seconds * 1000.0, bytes);
    line += tail;
    std::lock_guard lock(log_mu_);
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
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
