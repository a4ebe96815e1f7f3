// HttpClient: one keep-alive HTTP/1.1 connection to the server on loopback, blocking calls. Load
// generators give each thread its own client, so a request's latency is its own round trip.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/verb.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bench {

struct HttpResult {
    int status = 0;
    std::string body;
};

class HttpClient {
  public:
    explicit HttpClient(uint16_t port);
    // Sends a request (JSON body when not empty, Bearer token when not empty) and reads the
    // answer. Reconnects once when the server closed the kept-alive connection.
    HttpResult request(boost::beast::http::verb method, const std::string& target,
                       const std::string& body = {}, const std::string& token = {});
    HttpResult get(const std::string& target, const std::string& token = {}) {
        return request(boost::beast::http::verb::get, target, {}, token);
    }
    HttpResult post(const std::string& target, const std::string& body,
                    const std::string& token = {}) {
        return request(boost::beast::http::verb::post, target, body, token);
    }
    // Sent with every request from now on, e.g. X-Forwarded-For to a server started with
    // --trusted-proxy 127.0.0.1, so that one machine can stand in for many addresses.
    void set_header(const std::string& name, const std::string& value) {
        extra_headers_.emplace_back(name, value);
    }

  private:
    void connect();
    HttpResult exchange(boost::beast::http::verb method, const std::string& target,
                        const std::string& body, const std::string& token);

    uint16_t port_;
    std::vector<std::pair<std::string, std::string>> extra_headers_;
    boost::asio::io_context ioc_;
    std::optional<boost::beast::tcp_stream> stream_;
};

// Throws with the status and body when `r` does not have the expected status.
const HttpResult& expect_status(const HttpResult& r, int status, const std::string& what);

}  // namespace bench
