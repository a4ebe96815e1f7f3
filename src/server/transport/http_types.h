// The transport's view of HTTP, free of Beast types, so that handlers (src/server/api) and their
// tests do not depend on the network layer.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sb::server {

struct HttpRequest {
    std::string method;                          // "GET", "POST", ...
    std::string target;                          // as sent: path + query
    std::string path;                            // percent-decoded path without the query
    std::map<std::string, std::string> query;    // percent-decoded query parameters
    std::map<std::string, std::string> headers;  // names lower-cased
    std::map<std::string, std::string> params;   // path parameters filled by the router ({id})
    std::string body;
    // The client's address, for rate limits and logs: the TCP peer, or, from a trusted proxy,
    // what its X-Forwarded-For says (transport/trusted_proxies.h).
    std::string remote;
    // 16 hex digits naming this request in the JSON log line, in X-Request-Id and in the body
    // of a 500 (docs/api.md, "Request ids").
    std::string request_id;

    const std::string* header(std::string_view lower_name) const {
        auto it = headers.find(std::string(lower_name));
        return it == headers.end() ? nullptr : &it->second;
    }
    const std::string* param(std::string_view name) const {
        auto it = params.find(std::string(name));
        return it == params.end() ? nullptr : &it->second;
    }
    const std::string* query_param(std::string_view name) const {
        auto it = query.find(std::string(name));
        return it == query.end() ? nullptr : &it->second;
    }
};

struct HttpResponse {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    // Never sent: what went wrong inside, for the request's log line (a 500's exception text).
    std::string log_note;
    // Answer no sooner than this after the handler returns (a tarpit): the connection waits on
    // a timer of its I/O thread, holding no worker, so a client that ignores Retry-After and
    // loops on a refusal costs the server one answer per hold instead of a busy core. A server
    // that stops answers held responses at once.
    std::chrono::milliseconds hold{0};
};

// The answer for an unexpected failure: 500 "internal" with only the request id for the client;
// `what` goes to the log line (log_note), never to the client.
HttpResponse internal_error(const HttpRequest& req, std::string_view what);

// Makes the error body of shared/API.md: {"error":{"code":..,"message":..}}.
HttpResponse json_error(int status, std::string_view code, std::string_view message);

// Handlers are called on a worker pool, never on an I/O thread, so they may block on the
// database or on password hashing.
using Handler = std::function<HttpResponse(const HttpRequest&)>;

// Routes "/api/v1/chats/{id}/accept" style patterns. {name} matches one path segment.
class Router {
  public:
    void add(std::string method, std::string pattern, Handler handler);
    enum class Match { found, wrong_method, none };
    // On found, fills req.params and returns the handler.
    Match match(HttpRequest& req, const Handler** out) const;

  private:
    struct Route {
        std::string method;
        std::vector<std::string> segments;
        Handler handler;
    };
    std::vector<Route> routes_;
};

// A live WebSocket connection as the event hub sees it. Thread-safe. Sends are queued (bounded);
// a connection whose queue overflows is closed and the client resumes by seq.
class WsConnection {
  public:
    virtual ~WsConnection() = default;
    virtual void send(std::shared_ptr<const std::string> text) = 0;
    virtual void close(std::string reason) = 0;
    virtual const std::string& remote() const = 0;
    // Frames sent but not yet written to the socket (0 if unknown), so a producer can pace a
    // long replay instead of overflowing the bounded queue.
    virtual std::size_t backlog() const { return 0; }
};

// Whoever serves a WebSocket path (the event hub). Callbacks arrive on the connection's strand.
class WsEndpoint {
  public:
    virtual ~WsEndpoint() = default;
    virtual void on_open(const std::shared_ptr<WsConnection>& conn, const HttpRequest& upgrade) = 0;
    virtual void on_text(const std::shared_ptr<WsConnection>& conn, std::string text) = 0;
    virtual void on_close(const std::shared_ptr<WsConnection>& conn) = 0;
};

}  // namespace sb::server
