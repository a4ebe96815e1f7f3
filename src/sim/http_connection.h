// One keep-alive HTTP/1.1 connection for the simulator: blocking calls with a deadline, and one
// reconnect when the server has closed the idle connection. Each simulator worker owns one.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <optional>
#include <string>

namespace sb::sim {

struct Endpoint {
    std::string host;
    std::string port;
};

// "http://host[:port]" (a trailing '/' allowed). Throws std::invalid_argument otherwise.
Endpoint parse_base_url(const std::string& url);
// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback(const std::string& host);

struct HttpAnswer {
    int status = 0;  // 0: no answer (error says why)
    std::string body;
    std::string error;
};

class HttpConnection {
  public:
    explicit HttpConnection(Endpoint endpoint,
                            std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // forwarded_for: sent as X-Forwarded-For when not empty (a server that trusts this machine
    // as its proxy then counts that address).
    HttpAnswer post(const std::string& target, const std::string& json_body,
                    const std::string& bearer = {}, const std::string& forwarded_for = {});
    HttpAnswer get(const std::string& target);

  private:
    HttpAnswer exchange(bool post, const std::string& target, const std::string& body,
                        const std::string& bearer, const std::string& forwarded_for);
    void connect();

    Endpoint endpoint_;
    std::chrono::milliseconds timeout_;
    boost::asio::io_context ioc_;
    std::optional<boost::beast::tcp_stream> stream_;
    boost::beast::flat_buffer buffer_;
};

}  // namespace sb::sim
