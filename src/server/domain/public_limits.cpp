// The limits on the public side; see public_limits.h.
#include "server/domain/public_limits.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "server/hex.h"

namespace sb::server {

RateRule RateRule::parse(const std::string& text) {
    if (text == "off" || text == "0") return {};
    const auto slash = text.find('/');
    long n = 0, s = 0;
    auto whole = [](std::string_view v, long& out) {
        auto r = std::from_chars(v.data(), v.data() + v.size(), out);
        return !v.empty() && r.ec == std::errc() && r.ptr == v.data() + v.size();
    };
    if (slash == std::string::npos || !whole(std::string_view(text).substr(0, slash), n) ||
        !whole(std::string_view(text).substr(slash + 1), s) || n < 1 || n > 1'000'000 || s < 1 ||
        s > 86'400)
        throw std::invalid_argument(
            "a rate must be N/S (N requests per S seconds, e.g. 5/60) or "
            "off, not \"" +
            text + "\"");
    return RateRule{static_cast<int>(n), std::max<std::int64_t>(1, s * 1000 / n)};
}

std::string RateRule::to_string() const {
    if (unlimited()) return "off";
    return std::to_string(burst) + "/" + std::to_string(burst * interval_ms / 1000);
}

PublicLimits unlimited_public_side() {
    PublicLimits l;
    l.chat_starts_per_address = {};
    l.chat_starts = {};
    l.messages_per_token = {};
    l.typing_per_token = {};
    l.typing_coalesce_ms = 0;
    l.sockets_per_token = 0;
    l.sockets_total = 1'000'000;
    return l;
}

RateDecision rate_step(std::optional<protocol::Time> tat, protocol::Time now, const RateRule& r) {
    if (r.unlimited()) return {0, now};
    const protocol::Time t = std::max(tat.value_or(now), now);
    const std::int64_t tolerance = r.interval_ms * (r.burst - 1);
    if (t - now > tolerance) return {t - now - tolerance, t};
    return {0, t + r.interval_ms};
}

DomainError rate_limited(const std::string& what, std::int64_t wait_ms) {
    const std::int64_t seconds = std::max<std::int64_t>(1, (wait_ms + 999) / 1000);
    DomainError e(429, "rate_limited", what + "; try again in " + std::to_string(seconds) + " s");
    e.with_retry_after(seconds);
    return e;
}

void take_rate(store::WriteTx& tx, const std::string& key, const RateRule& rule, protocol::Time now,
               const std::string& what) {
    if (rule.unlimited()) return;
    auto c = tx.limit_counter(key);
    std::optional<protocol::Time> tat;
    if (c && c->expires_at >= now) tat = c->at;
    const auto d = rate_step(tat, now, rule);
    if (d.wait_ms > 0) throw rate_limited(what, d.wait_ms);
    // The bucket is full again once its arrival time has passed: then the row may go.
    tx.set_limit_counter(key, store::LimitCounter{0, d.tat, d.tat});
}

std::string key_text(const std::string& bytes) {
    for (unsigned char c : bytes)
        if (c < 0x20 || c > 0x7e)
            return to_hex(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return bytes;
}

std::int64_t MemoryRates::take(const std::string& key, const RateRule& rule, protocol::Time now) {
    if (rule.unlimited()) return 0;
    std::lock_guard lock(mu_);
    if (tat_.size() > 100'000)  // a spray of keys: forget the full buckets
        std::erase_if(tat_, [now](const auto& kv) { return kv.second <= now; });
    auto it = tat_.find(key);
    const auto d =
        rate_step(it == tat_.end() ? std::nullopt : std::optional(it->second), now, rule);
    if (d.wait_ms > 0) return d.wait_ms;
    tat_[key] = d.tat;
    return 0;
}

}  // namespace sb::server
