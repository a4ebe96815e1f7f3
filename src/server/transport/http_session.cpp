#include "server/transport/http_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/websocket.hpp>

#include "server/transport/websocket_session.h"

namespace sb::server {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

HttpSession::HttpSession(net::ip::tcp::socket&& socket, std::shared_ptr<ServerState> state,
                         std::shared_ptr<void> slot, bool metrics_only)
    : stream_(std::move(socket)),
      hold_timer_(stream_.get_executor()),
      state_(std::move(state)),
      slot_(std::move(slot)),
      metrics_only_(metrics_only) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = canonical_address(ep.address().to_string());
    state_->metrics.http_connections++;
}

HttpSession::~HttpSession() {
    state_->metrics.http_connections--;
}

void HttpSession::run() {
    state_->track(shared_from_this());
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&HttpSession::do_read, shared_from_this()));
}

void HttpSession::shutdown() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
        if (self->busy_) {
            self->close_after_ = true;  // answer the request in flight, then close
            self->hold_timer_.cancel();
        } else {
            self->do_close();
        }
    });
}

void HttpSession::abort() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
        self->hold_timer_.cancel();
        self->do_close();
    });
}

void HttpSession::do_read() {
    if (state_->stopping) {
        do_close();
        return;
    }
    parser_.emplace();
    parser_->body_limit(state_->config.max_body_bytes);
    parser_->header_limit(16 * 1024);
    // Near the connection cap, idle keep-alive connections make room sooner.
    stream_.expires_after(std::chrono::seconds(state_->limits->near_cap()
                                                   ? state_->config.idle_seconds_near_cap
                                                   : state_->config.idle_seconds));
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
}

void HttpSession::on_read(beast::error_code ec, size_t) {
    if (ec == http::error::body_limit) {
        HttpRequest r;
        r.remote = remote_;
        r.request_id = state_->next_request_id();
        r.method = std::string(parser_->get().method_string());
        r.path = std::string(parser_->get().target());
        busy_ = true;
        close_after_ = true;  // the rest of the body is still on the wire
        started_ = std::chrono::steady_clock::now();
        state_->in_flight++;
        send(std::move(r),
             json_error(400, "bad_request", "The request body is over the 64 KiB limit."));
        return;
    }
    if (ec) {
        do_close();
        return;
    }
    busy_ = true;
    started_ = std::chrono::steady_clock::now();
    state_->in_flight++;
    handle(parser_->release());
}

void HttpSession::handle(BeastRequest&& req) {
    HttpRequest r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    auto qpos = r.target.find('?');
    r.path = protocol::url_decode(std::string_view(r.target).substr(0, qpos), false);
    if (qpos != std::string::npos)
        r.query = parse_query(std::string_view(r.target).substr(qpos + 1));
    for (const auto& field : req) {
        std::string name(field.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto [it, added] = r.headers.try_emplace(name, std::string(field.value()));
        // Repeated X-Forwarded-For fields are one list (RFC 9110 5.3); other repeats: the last.
        if (!added)
            it->second = name == "x-forwarded-for" ? it->second + ", " + std::string(field.value())
                                                   : std::string(field.value());
    }
    r.request_id = state_->next_request_id();
    r.remote = state_->proxies.client_address(remote_, r.header("x-forwarded-for"));
    if (!req.keep_alive()) close_after_ = true;

    if (metrics_only_ && r.path != "/healthz") {
        if (r.path == "/metrics" && r.method == "GET")
            serve_metrics(std::move(r));
        else
            send(std::move(r), json_error(404, "not_found", "This address serves /metrics only."));
        return;
    }
    if (beast::websocket::is_upgrade(req)) {
        upgrade(std::move(req), std::move(r));
        return;
    }
    if (r.path == "/healthz" && (r.method == "GET" || r.method == "HEAD")) {
        const bool head = r.method == "HEAD";
        // The instance name is checked at start-up (main.cpp: letters, digits, . _ : -), so it
        // needs no escaping.
        const std::string& name = state_->config.instance;
        std::string body = name.empty() ? std::string("{\"status\":\"ok\"}")
                                        : "{\"status\":\"ok\",\"instance\":\"" + name + "\"}";
        send(std::move(r), HttpResponse{200, "application/json", std::move(body), {}}, head);
        return;
    }
    if (r.path == "/metrics") {
        // On the main port only with the metrics token; without one configured it is not here.
        const std::string& token = state_->config.metrics_token;
        if (token.empty()) {
            send(std::move(r), json_error(404, "not_found", "There is no /metrics here."));
            return;
        }
        const std::string* auth = r.header("authorization");
        const std::string expected = "Bearer " + token;
        bool ok = auth && auth->size() == expected.size();
        unsigned char diff = 0;  // compared in constant time
        if (ok)
            for (size_t i = 0; i < expected.size(); ++i)
                diff |= static_cast<unsigned char>((*auth)[i] ^ expected[i]);
        if (!ok || diff != 0) {
            auto res = json_error(401, "unauthorized", "/metrics needs the metrics token.");
            res.headers.emplace_back("WWW-Authenticate", "Bearer");
            send(std::move(r), std::move(res));
            return;
        }
        serve_metrics(std::move(r));
        return;
    }
    const bool is_api = r.path == "/api" || r.path.rfind("/api/", 0) == 0;
    if (is_api) {
        r.body = std::move(req.body());
        // The handler may block (SQLite, Argon2id): run it on the worker pool.
        net::post(state_->workers, [self = shared_from_this(), r = std::move(r)]() mutable {
            HttpResponse res;
            try {
                {
                    const Handler* handler = nullptr;
                    switch (self->state_->router.match(r, &handler)) {
                        case Router::Match::found:
                            res = (*handler)(r);
                            break;
                        case Router::Match::wrong_method:
                            res = json_error(405, "method_not_allowed",
                                             "This path does not accept " + r.method + ".");
                            break;
                        case Router::Match::none:
                            res = json_error(404, "not_found",
                                             "There is no API endpoint " + r.path + ".");
                            break;
                    }
                }
            } catch (const std::exception& e) {
                res = internal_error(r, e.what());
            } catch (...) {
                res = internal_error(r, "unknown exception");
            }
            net::post(self->stream_.get_executor(),
                      [self, r = std::move(r), res = std::move(res)]() mutable {
                          self->send_after_hold(std::move(r), std::move(res));
                      });
        });
        return;
    }
    serve_static(r, req);
}

void HttpSession::serve_metrics(HttpRequest&& r) {
    // Core's part may take locks: the worker pool, as for the API.
    net::post(state_->workers, [self = shared_from_this(), r = std::move(r)]() mutable {
        HttpResponse res;
        try {
            res.content_type = "text/plain; version=0.0.4";
            res.body = self->state_->metrics_text();
            if (self->state_->config.extra_metrics)
                res.body += self->state_->config.extra_metrics();
        } catch (const std::exception& e) {
            res = internal_error(r, e.what());
        }
        net::post(self->stream_.get_executor(),
                  [self, r = std::move(r), res = std::move(res)]() mutable {
                      self->send(std::move(r), std::move(res));
                  });
    });
}

void HttpSession::upgrade(BeastRequest&& req, HttpRequest&& r) {
    auto it = state_->websockets.find(r.path);
    if (it == state_->websockets.end()) {
        close_after_ = true;
        send(std::move(r),
             json_error(404, "not_found", "There is no WebSocket at " + r.path + "."));
        return;
    }
    // Browsers send Origin: only the server's own origin (or the configured one) may connect.
    if (auto* origin = r.header("origin")) {
        const std::string* host = r.header("host");
        bool ok = host && (*origin == "http://" + *host || *origin == "https://" + *host);
        ok = ok ||
             (!state_->config.allowed_origin.empty() && *origin == state_->config.allowed_origin);
        if (!ok) {
            close_after_ = true;
            send(std::move(r),
                 json_error(403, "forbidden", "This Origin may not open the event stream."));
            return;
        }
    }
    state_->in_flight--;
    state_->log_request(
        r, 101, std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count(),
        0);
    auto ws = std::make_shared<WebSocketSession>(stream_.release_socket(), state_, it->second,
                                                 std::move(r), slot_);
    ws->run(std::move(req));
}

void HttpSession::serve_static(const HttpRequest& r, const BeastRequest& req) {
    if (r.method != "GET" && r.method != "HEAD") {
        send(r, json_error(405, "method_not_allowed", "Static files accept GET and HEAD only."));
        return;
    }
    const StaticFile* f = state_->files.find(r.path);
    if (!f) {
        send(r, HttpResponse{404, "text/plain; charset=utf-8", "Not found\n", {}});
        return;
    }
    HttpResponse res;
    res.content_type = f->content_type;
    res.headers = {
        {"ETag", f->etag}, {"Cache-Control", f->cache_control}, {"Vary", "Accept-Encoding"}};
    auto inm = req.find(http::field::if_none_match);
    if (inm != req.end() && inm->value() == f->etag) {
        res.status = 304;
        send(r, std::move(res), true);
        return;
    }
    auto ae = req.find(http::field::accept_encoding);
    if (!f->gzip_body.empty() && ae != req.end() &&
        ae->value().find("gzip") != beast::string_view::npos) {
        res.body = f->gzip_body;
        res.headers.emplace_back("Content-Encoding", "gzip");
    } else {
        res.body = f->body;
    }
    send(r, std::move(res), r.method == "HEAD");
}

void HttpSession::send_after_hold(HttpRequest r, HttpResponse res) {
    if (res.hold.count() <= 0 || state_->stopping || close_after_) {
        send(std::move(r), std::move(res));
        return;
    }
    hold_timer_.expires_after(res.hold);
    // Cancelled by shutdown()/abort(): answered at once either way.
    hold_timer_.async_wait([self = shared_from_this(), r = std::move(r),
                            res = std::move(res)](beast::error_code) mutable {
        self->send(std::move(r), std::move(res));
    });
}

void HttpSession::send(HttpRequest r, HttpResponse res, bool head) {
    auto msg = std::make_shared<http::response<http::string_body>>();
    msg->version(11);
    msg->result(static_cast<unsigned>(res.status));
    msg->set(http::field::server, "switchboard");
    if (res.status != 304) msg->set(http::field::content_type, res.content_type);
    bool has_cache_control = false;
    for (auto& [k, v] : res.headers) {
        if (beast::iequals(k, "Cache-Control")) has_cache_control = true;
        msg->set(k, v);
    }
    if (!has_cache_control) msg->set(http::field::cache_control, "no-store");
    const bool is_html = res.content_type.rfind("text/html", 0) == 0;
    for (auto& [k, v] : state_->security.for_answer(r.path, is_html)) msg->set(k, v);
    if (!r.request_id.empty()) msg->set("X-Request-Id", r.request_id);
    const size_t bytes = res.body.size();
    if (head || res.status == 304) {
        msg->content_length(res.status == 304 ? 0 : bytes);
    } else {
        msg->body() = std::move(res.body);
        msg->prepare_payload();
    }
    const bool close = close_after_ || state_->stopping;
    msg->keep_alive(!close);
    state_->log_request(
        r, res.status,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count(), bytes,
        res.log_note);
    response_ = msg;
    stream_.expires_after(std::chrono::seconds(30));
    http::async_write(stream_, *msg,
                      beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), close));
}

void HttpSession::on_write(bool close, beast::error_code ec, size_t) {
    response_.reset();
    busy_ = false;
    state_->in_flight--;
    if (ec || close || close_after_) {
        do_close();
        return;
    }
    do_read();
}

void HttpSession::do_close() {
    beast::error_code ec;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
}

}  // namespace sb::server
