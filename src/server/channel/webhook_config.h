// Where each integration's outbound webhook is configured: a URL and a shared secret per
// integration label, kept in the settings table ("channel.webhook.<label>.url" / ".secret"), so
// the admin CLI and the running server see the same configuration without a schema change.
#pragma once

#include <optional>
#include <string>

#include "server/store/store.h"

namespace sb::server::channel {

struct WebhookTarget {
    std::string url;     // http://host[:port]/path
    std::string secret;  // the HMAC-SHA256 key, as text
};

// Throws std::invalid_argument when the label is not a valid integration label (a name of up to
// 200 characters without ':', since contacts' channel field is "<label>:<external id>").
void check_label(const std::string& label);

// Makes a new secret, stores URL and secret for the label, writes an audit row, and returns the
// secret (shown once to the admin). Throws std::invalid_argument on a bad label or URL.
std::string configure_webhook(store::Store& store, const std::string& label, const std::string& url,
                              protocol::Time now);

// nullopt when the label has no webhook.
std::optional<WebhookTarget> webhook_for(store::ReadTx& tx, const std::string& label);

// The outcome of the label's last delivery attempt ("channel.webhook.<label>.last"), kept for
// administration's token list.
struct WebhookAttempt {
    protocol::Time at = 0;
    int status = 0;     // the HTTP status; 0 when no answer came
    std::string error;  // why, when it failed ("" on a 2xx)
};
void record_attempt(store::WriteTx& tx, const std::string& label, const WebhookAttempt& a);
std::optional<WebhookAttempt> last_attempt(store::ReadTx& tx, const std::string& label);

}  // namespace sb::server::channel
