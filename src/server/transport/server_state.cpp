#include "server/transport/server_state.h"

#include <chrono>
#include <cstdio>
#include <ctime>

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

namespace {
void append_escaped(std::string& out, std::string_view s) {
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20) {
            out += ' ';
        } else {
            out += static_cast<char>(c);
        }
    }
}
}  // namespace

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
    line += "\",\"remote\":\"";
    append_escaped(line, req.remote);
    line += "\",\"method\":\"";
    append_escaped(line, req.method);
    line += "\",\"path\":\"";
    append_escaped(line, req.path);
    char tail[96];
    std::snprintf(tail, sizeof tail, "\",\"status\":%d,\"ms\":%.3f,\"bytes\":%zu}\n", status,
                  seconds * 1000.0, bytes);
    line += tail;
    std::lock_guard lock(log_mu_);
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
}

std::string url_decode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += (plus_is_space && s[i] == '+') ? ' ' : s[i];
    }
    return out;
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
            auto key = url_decode(part.substr(0, eq), true);
            auto val = eq == std::string_view::npos ? std::string()
                                                    : url_decode(part.substr(eq + 1), true);
            out.emplace(std::move(key), std::move(val));
        }
        i = amp + 1;
    }
    return out;
}

}  // namespace sb::server
