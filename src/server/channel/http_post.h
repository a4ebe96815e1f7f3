// A small blocking HTTP/1.1 client for outbound webhooks: one POST to an http:// URL, with a
// deadline on the whole exchange. Only the dispatcher thread calls it, never a request handler.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace sb::server::channel {

struct HttpUrl {
    std::string host;
    std::string port = "80";
    std::string target = "/";
};

// Parses "http://host[:port][/path]". Throws std::invalid_argument otherwise (https is not
// supported here: put a TLS-terminating proxy in front of an https receiver).
HttpUrl parse_http_url(const std::string& url);

struct PostResult {
    int status = 0;     // 0: no HTTP answer (connect, write or read failed, or timed out)
    std::string error;  // why, when status is 0
};

PostResult http_post(const HttpUrl& url, const std::string& body,
                     const std::vector<std::pair<std::string, std::string>>& headers,
                     std::chrono::milliseconds timeout);

}  // namespace sb::server::channel
