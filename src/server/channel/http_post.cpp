// The webhook's HTTP client on Boost.Beast; see http_post.h.
#include "server/channel/http_post.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <stdexcept>

namespace sb::server::channel {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

HttpUrl parse_http_url(const std::string& url) {
    const std::string scheme = "http://";
    if (url.rfind(scheme, 0) != 0)
        throw std::invalid_argument("url: only http:// webhook URLs are supported");
    const std::string rest = url.substr(scheme.size());
    const auto slash = rest.find('/');
    const std::string authority = rest.substr(0, slash);
    HttpUrl u;
    u.target = slash == std::string::npos ? "/" : rest.substr(slash);
    if (authority.empty() || authority.find('@') != std::string::npos)
        throw std::invalid_argument("url: expected http://host[:port]/path");
    const auto colon = authority.rfind(':');
    if (colon != std::string::npos && authority.find(']') == std::string::npos) {
        u.host = authority.substr(0, colon);
        u.port = authority.substr(colon + 1);
        if (u.port.empty() || u.port.size() > 5 ||
            u.port.find_first_not_of("0123456789") != std::string::npos)
            throw std::invalid_argument("url: the port must be a number");
    } else {
        u.host = authority;
    }
    if (u.host.empty()) throw std::invalid_argument("url: the host is missing");
    for (char c : u.target)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
            throw std::invalid_argument("url: the path may not contain spaces or control bytes");
    return u;
}

PostResult http_post(const HttpUrl& url, const std::string& body,
                     const std::vector<std::pair<std::string, std::string>>& headers,
                     std::chrono::milliseconds timeout) {
    PostResult out;
    try {
        net::io_context ioc;
        tcp::resolver resolver(ioc);
        beast::tcp_stream stream(ioc);
        http::request<http::string_body> req{http::verb::post, url.target, 11};
        req.set(http::field::host, url.host + ":" + url.port);
        req.set(http::field::user_agent, "switchboard-webhook/1");
        req.set(http::field::content_type, "application/json");
        req.set(http::field::connection, "close");
        for (const auto& [k, v] : headers) req.set(k, v);
        req.body() = body;
        req.prepare_payload();

        beast::flat_buffer buffer;
        http::response_parser<http::string_body> parser;
        parser.body_limit(64 * 1024);
        beast::error_code failure;
        // One deadline over resolve, connect, write and read: the async calls honour it.
        stream.expires_after(timeout);
        resolver.async_resolve(url.host, url.port, [&](beast::error_code ec, auto results) {
            if (ec) return void(failure = ec);
            stream.async_connect(results, [&](beast::error_code ec, const auto&) {
                if (ec) return void(failure = ec);
                http::async_write(stream, req, [&](beast::error_code ec, std::size_t) {
                    if (ec) return void(failure = ec);
                    http::async_read(stream, buffer, parser,
                                     [&](beast::error_code ec, std::size_t) { failure = ec; });
                });
            });
        });
        // The resolver has no deadline of its own: bound the whole run as well.
        ioc.run_for(timeout + std::chrono::milliseconds(100));
        if (!ioc.stopped()) {
            stream.cancel();
            resolver.cancel();
            ioc.run();
            out.error = "timed out";
            return out;
        }
        if (failure) {
            out.error = failure.message();
            return out;
        }
        out.status = static_cast<int>(parser.get().result_int());
    } catch (const std::exception& e) {
        out.status = 0;
        out.error = e.what();
    }
    return out;
}

}  // namespace sb::server::channel
