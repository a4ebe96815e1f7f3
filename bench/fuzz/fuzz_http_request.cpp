// libFuzzer target: what the server does with the bytes of a request before a handler runs.
// Boost.Beast's request_parser with the server's limits (16 KiB of header, 64 KiB of body),
// then, as HttpSession::handle does, the percent-decoding of the path (url_decode) and of the
// query (parse_query), and Router::match against the API's route patterns. Nothing may crash,
// hang or read out of bounds; the router's answer must be consistent with the path.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "server/transport/http_types.h"
#include "server/transport/server_state.h"

namespace {

namespace http = boost::beast::http;
using sb::server::HttpRequest;
using sb::server::HttpResponse;
using sb::server::Router;

// The route patterns of src/server/api (shared/API.md), with handlers that are never run.
const Router& api_router() {
    static const Router router = [] {
        Router r;
        const auto none = [](const HttpRequest&) { return HttpResponse{}; };
        const char* routes[][2] = {{"POST", "/api/v1/auth/login"},
                                   {"POST", "/api/v1/auth/logout"},
                                   {"GET", "/api/v1/me"},
                                   {"PATCH", "/api/v1/me"},
                                   {"GET", "/api/v1/staff"},
                                   {"GET", "/api/v1/queues"},
                                   {"GET", "/api/v1/stats"},
                                   {"GET", "/api/v1/chats"},
                                   {"GET", "/api/v1/chats/search"},
                                   {"GET", "/api/v1/chats/{id}"},
                                   {"GET", "/api/v1/chats/{id}/messages"},
                                   {"POST", "/api/v1/chats/{id}/messages"},
                                   {"POST", "/api/v1/chats/{id}/accept"},
                                   {"POST", "/api/v1/chats/{id}/return"},
                                   {"POST", "/api/v1/chats/{id}/resolve"},
                                   {"DELETE", "/api/v1/chats/{id}"},
                                   {"POST", "/api/v1/chats/{id}/restore"},
                                   {"POST", "/api/v1/chats/{id}/transfer"},
                                   {"POST", "/api/v1/chats/{id}/read"},
                                   {"POST", "/api/v1/chats/{id}/unread"},
                                   {"POST", "/api/v1/chats/{id}/typing"},
                                   {"GET", "/api/v1/contacts/{id}/chats"},
                                   {"POST", "/api/v1/contact/chats"},
                                   {"GET", "/api/v1/contact/chats/{id}"},
                                   {"POST", "/api/v1/contact/chats/{id}/messages"},
                                   {"GET", "/api/v1/contact/chats/{id}/messages"},
                                   {"POST", "/api/v1/contact/chats/{id}/typing"}};
        for (auto& [method, pattern] : routes) r.add(method, pattern, none);
        return r;
    }();
    return router;
}

void route(const http::request<http::string_body>& req) {
    HttpRequest r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    const auto qpos = r.target.find('?');
    r.path = sb::protocol::url_decode(std::string_view(r.target).substr(0, qpos), false);
    // As HttpSession::handle: only /api paths reach the router.
    if (r.path != "/api" && r.path.rfind("/api/", 0) != 0) return;
    if (qpos != std::string::npos)
        r.query = sb::server::parse_query(std::string_view(r.target).substr(qpos + 1));
    const sb::server::Handler* handler = nullptr;
    const auto match = api_router().match(r, &handler);
    if (match == Router::Match::found) {
        if (handler == nullptr) std::abort();
        // Every route is under /api/v1/, and empty segments match nothing ("//", a trailing "/").
        if (r.path.rfind("/api/v1/", 0) != 0) std::abort();
        if (r.path.find("//") != std::string::npos || r.path.back() == '/') std::abort();
        if (auto* id = r.param("id"); id && id->empty()) std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(64 * 1024);
    parser.eager(true);
    boost::beast::error_code ec;
    size_t used = 0;
    while (used < size && !parser.is_done()) {
        const size_t n = parser.put(boost::asio::buffer(data + used, size - used), ec);
        if (ec || n == 0) break;
        used += n;
    }
    if (!ec && parser.is_header_done()) route(parser.get());
    // The path and query decoders on the raw bytes too (any target the parser might pass).
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)sb::protocol::url_decode(text, false);
    (void)sb::server::parse_query(text);
    return 0;
}
