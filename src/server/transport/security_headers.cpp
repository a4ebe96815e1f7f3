// Security headers; see security_headers.h.
#include "server/transport/security_headers.h"

#include <cctype>
#include <stdexcept>

namespace sb::server {

namespace {

// Everything the app loads comes from this server: its script, wasm (compiled with
// WebAssembly.instantiateStreaming, which needs 'wasm-unsafe-eval'), font data, styles; it
// talks to the API with fetch and to the event stream with a WebSocket.
constexpr const char* kBasePolicy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data: blob:; font-src 'self'; connect-src 'self' ws: wss:; "
    "worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; ";

}  // namespace

void check_embed_origin(const std::string& origin) {
    auto fail = [&] {
        throw std::invalid_argument(
            "--widget-embed-origins: not an origin (https://host[:port]): " + origin);
    };
    std::string rest;
    if (origin.rfind("https://", 0) == 0)
        rest = origin.substr(8);
    else if (origin.rfind("http://", 0) == 0)
        rest = origin.substr(7);
    else
        fail();
    if (rest.empty()) fail();
    if (rest.rfind("*.", 0) == 0) rest = rest.substr(2);
    for (unsigned char c : rest)
        if (!std::isalnum(c) && c != '.' && c != '-' && c != ':') fail();
    if (rest.empty() || rest.front() == '.' || rest.front() == ':') fail();
}

SecurityHeaders::SecurityHeaders(const std::vector<std::string>& widget_embed_origins, bool h)
    : hsts(h) {
    app_policy = std::string(kBasePolicy) + "frame-ancestors 'none'";
    std::string ancestors;
    for (const auto& o : widget_embed_origins) {
        check_embed_origin(o);
        ancestors += ' ';
        ancestors += o;
    }
    widget_policy = std::string(kBasePolicy) + "frame-ancestors" +
                    (ancestors.empty() ? std::string(" *") : " 'self'" + ancestors);
}

std::vector<std::pair<std::string, std::string>> SecurityHeaders::for_answer(
    const std::string& path, bool is_html) const {
    std::vector<std::pair<std::string, std::string>> out = {{"X-Content-Type-Options", "nosniff"},
                                                            {"Referrer-Policy", "no-referrer"}};
    if (hsts) out.emplace_back("Strict-Transport-Security", "max-age=31536000");
    if (!is_html) return out;
    if (path == "/widget" || path == "/widget.html") {
        out.emplace_back("Content-Security-Policy", widget_policy);
    } else {
        out.emplace_back("Content-Security-Policy", app_policy);
        out.emplace_back("X-Frame-Options", "DENY");
    }
    return out;
}

}  // namespace sb::server
