// The security headers of every answer, in one place (docs/api.md, "Security").
//  - every answer: X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer, and
//    Strict-Transport-Security when --hsts is on;
//  - the console and kiosk page (/, /kiosk, /index.html): a Content-Security-Policy for the wasm
//    app with frame-ancestors 'none', and X-Frame-Options: DENY for older browsers;
//  - the widget page (/widget, /widget.html): the same policy, but frame-ancestors lists the sites
//    that may embed it (--widget-embed-origins; none given: any site, as the embed snippet is
//    meant to be pasted anywhere).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace sb::server {

struct SecurityHeaders {
    // origins: --widget-embed-origins ("https://shop.example", ...); hsts: --hsts.
    SecurityHeaders(const std::vector<std::string>& widget_embed_origins, bool hsts);

    // The headers for an answer to `path`; is_html: the answer is a page (text/html).
    std::vector<std::pair<std::string, std::string>> for_answer(const std::string& path,
                                                                bool is_html) const;

    std::string app_policy;     // console and kiosk
    std::string widget_policy;  // the widget
    bool hsts = false;
};

// Checks one --widget-embed-origins entry: "https://host[:port]", "http://...", or a CSP host
// source with a wildcard ("https://*.shop.example"). Throws std::invalid_argument if not.
void check_embed_origin(const std::string& origin);

}  // namespace sb::server
