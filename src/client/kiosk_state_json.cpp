// Kiosk::state_json(): window.switchboard.state() on /kiosk, for browser tests and the soak
// benchmark (documented in docs/testing.md): the connection, the newest /stats answer as the API
// sends it, how old it is, and the tiles and banner exactly as the screen shows them now.
#include <cmath>
#include <cstdio>

#include "client/kiosk.h"
#include "client/kiosk_dashboard.h"
#include "protocol/json.h"

namespace sb::client {
namespace {

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

}  // namespace

std::string Kiosk::state_json() const {
    const double t = now();
    const KioskSnapshot snap = snapshot();
    const KioskDashboard d = make_kiosk_dashboard(snap, t);
    std::string j = "{\"mode\":\"kiosk\"";
    j += ",\"connection\":" + quoted(to_string(snap.connection));
    j += ",\"problem\":" + quoted(to_string(snap.problem));
    j += ",\"problem_text\":" + quoted(snap.problem_text);
    j += ",\"refresh_failing\":" + std::string(snap.refresh_failing ? "true" : "false");
    j += ",\"stats_age_seconds\":" +
         (stats_ ? std::to_string(static_cast<long long>(std::floor(t - received_at_))) : "null");
    j += ",\"last_seq\":" + std::to_string(last_seq_);
    j += ",\"stats_requests\":" + std::to_string(stats_requests_);
    j += ",\"banner\":" + (d.banner ? quoted(d.banner->text) : std::string("null"));
    j += ",\"tiles\":{";
    for (std::size_t i = 0; i < d.tiles.size(); ++i) {
        if (i) j += ',';
        j += quoted(d.tiles[i].id) + ":{\"value\":" + quoted(d.tiles[i].value) +
             ",\"level\":" + quoted(protocol::to_string(d.tiles[i].level)) + "}";
    }
    j += "}";
    j += ",\"stats\":" + (stats_ ? protocol::encode(*stats_) : std::string("null"));
    return j + "}";
}

}  // namespace sb::client
