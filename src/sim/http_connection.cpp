// The simulator's HTTP connection; see http_connection.h.
#include "sim/http_connection.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http.hpp>
#include <stdexcept>

namespace sb::sim {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

Endpoint parse_base_url(const std::string& url) {
    const std::string scheme = "http://";
    if (url.rfind(scheme, 0) != 0)
        throw std::invalid_argument("--url must start with http:// (got " + url + ")");
    std::string authority = url.substr(scheme.size());
    while (!authority.empty() && authority.back() == '/') authority.pop_back();
    if (authority.empty() || authority.find('/') != std::string::npos)
        throw std::invalid_argument("--url must be http://host[:port], without a path");
    Endpoint e{authority, "80"};
    const auto colon = authority.rfind(':');
    if (colon != std::string::npos && authority.find(']') == std::string::npos) {
        e.host = authority.substr(0, colon);
        e.port = authority.substr(colon + 1);
        if (e.port.empty() || e.port.find_first_not_of("0123456789") != std::string::npos)
            throw std::invalid_argument("--url: the port must be a number");
    }
    if (e.host.size() > 2 && e.host.front() == '[') e.host = e.host.substr(1, e.host.size() - 2);
    if (e.host.empty()) throw std::invalid_argument("--url: the host is missing");
    return e;
}

bool is_loopback(const std::string& host) {
    if (host == "localhost" || host == "::1") return true;
    boost::system::error_code ec;
    const auto a = boost::asio::ip::make_address(host, ec);
    return !ec && a.is_loopback();
}

HttpConnection::HttpConnection(Endpoint endpoint, std::chrono::milliseconds timeout)
    : endpoint_(std::move(endpoint)), timeout_(timeout) {}

void HttpConnection::connect() {
    stream_.reset();
    buffer_.clear();
    tcp::resolver resolver(ioc_);
    stream_.emplace(ioc_);
    stream_->expires_after(timeout_);
    stream_->connect(resolver.resolve(endpoint_.host, endpoint_.port));
    stream_->socket().set_option(tcp::no_delay(true));
}

HttpAnswer HttpConnection::post(const std::string& target, const std::string& json_body,
                                const std::string& bearer, const std::string& forwarded_for) {
    return exchange(true, target, json_body, bearer, forwarded_for);
}

HttpAnswer HttpConnection::get(const std::string& target) {
    return exchange(false, target, {}, {}, {});
}

HttpAnswer HttpConnection::exchange(bool post, const std::string& target, const std::string& body,
                                    const std::string& bearer, const std::string& forwarded_for) {
    http::request<http::string_body> req{post ? http::verb::post : http::verb::get, target, 11};
    req.set(http::field::host, endpoint_.host + ":" + endpoint_.port);
    req.set(http::field::user_agent, "switchboard-sim");
    req.set(http::field::accept, "application/json");
    if (!bearer.empty()) req.set(http::field::authorization, "Bearer " + bearer);
    if (!forwarded_for.empty()) req.set("X-Forwarded-For", forwarded_for);
    if (post) {
        req.set(http::field::content_type, "application/json");
        req.body() = body;
    }
    req.keep_alive(true);
    req.prepare_payload();

    HttpAnswer out;
    for (int attempt = 0; attempt < 2; ++attempt) {
        const bool reused = stream_.has_value();
        try {
            if (!reused) connect();
            stream_->expires_after(timeout_);
            http::write(*stream_, req);
            http::response<http::string_body> res;
            http::read(*stream_, buffer_, res);
            out.status = static_cast<int>(res.result_int());
            out.body = std::move(res.body());
            out.error.clear();
            if (!res.keep_alive()) stream_.reset();
            return out;
        } catch (const boost::system::system_error& e) {
            // A kept-alive connection the server closed fails on first use: try once more anew.
            stream_.reset();
            out.error = e.code().message();
            if (!reused) break;
        }
    }
    return out;
}

}  // namespace sb::sim
