#include "common/http_client.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <stdexcept>

namespace bench {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

HttpClient::HttpClient(uint16_t port) : port_(port) {
    connect();
}

void HttpClient::connect() {
    stream_.emplace(ioc_);
    stream_->connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
    stream_->socket().set_option(net::ip::tcp::no_delay(true));
}

HttpResult HttpClient::request(http::verb method, const std::string& target,
                               const std::string& body, const std::string& token) {
    try {
        return exchange(method, target, body, token);
    } catch (const beast::system_error&) {
        connect();  // the server may close an idle keep-alive connection
        return exchange(method, target, body, token);
    }
}

HttpResult HttpClient::exchange(http::verb method, const std::string& target,
                                const std::string& body, const std::string& token) {
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
    req.keep_alive(true);
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    for (const auto& [name, value] : extra_headers_) req.set(name, value);
    if (!body.empty()) {
        req.set(http::field::content_type, "application/json");
        req.body() = body;
    }
    req.prepare_payload();
    http::write(*stream_, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(*stream_, buffer, res);
    HttpResult out{static_cast<int>(res.result_int()), std::move(res.body())};
    if (!res.keep_alive()) connect();
    return out;
}

const HttpResult& expect_status(const HttpResult& r, int status, const std::string& what) {
    if (r.status != status)
        throw std::runtime_error(what + ": expected HTTP " + std::to_string(status) + ", got " +
                                 std::to_string(r.status) + " " + r.body);
    return r;
}

}  // namespace bench
