// Webhook configuration in the settings table; see webhook_config.h.
#include "server/channel/webhook_config.h"

#include <stdexcept>

#include "protocol/validate.h"
#include "server/channel/http_post.h"
#include "server/hex.h"

namespace sb::server::channel {

namespace {

std::string key(const std::string& label, const char* field) {
    return "channel.webhook." + label + "." + field;
}

std::string random_secret() {
    return "whsec_" + random_hex(32);
}

}  // namespace

void check_label(const std::string& label) {
    if (auto e = protocol::check_name("label", label)) throw std::invalid_argument(*e);
    if (label.find(':') != std::string::npos)
        throw std::invalid_argument("label: an integration label may not contain ':'");
}

std::string configure_webhook(store::Store& store, const std::string& label, const std::string& url,
                              protocol::Time now) {
    check_label(label);
    parse_http_url(url);  // throws on a bad URL
    const std::string secret = random_secret();
    store.write([&](store::WriteTx& tx) {
        tx.set_setting(key(label, "url"), url);
        tx.set_setting(key(label, "secret"), secret);
        tx.insert_audit(
            {now, "admin-cli", std::nullopt, "set-webhook", std::nullopt, label + " " + url});
    });
    return secret;
}

std::optional<WebhookTarget> webhook_for(store::ReadTx& tx, const std::string& label) {
    auto url = tx.setting(key(label, "url"));
    auto secret = tx.setting(key(label, "secret"));
    if (!url || !secret || url->empty()) return std::nullopt;
    return WebhookTarget{*url, *secret};
}

// Stored as "<at>|<status>|<error>" (the error last: it may hold '|').
void record_attempt(store::WriteTx& tx, const std::string& label, const WebhookAttempt& a) {
    tx.set_setting(key(label, "last"),
                   std::to_string(a.at) + "|" + std::to_string(a.status) + "|" + a.error);
}

std::optional<WebhookAttempt> last_attempt(store::ReadTx& tx, const std::string& label) {
    auto v = tx.setting(key(label, "last"));
    if (!v) return std::nullopt;
    const auto a = v->find('|');
    const auto b = a == std::string::npos ? a : v->find('|', a + 1);
    if (b == std::string::npos) return std::nullopt;
    WebhookAttempt out;
    out.at = std::atoll(v->substr(0, a).c_str());
    out.status = std::atoi(v->substr(a + 1, b - a - 1).c_str());
    out.error = v->substr(b + 1);
    return out;
}

}  // namespace sb::server::channel
