// An in-process Platform for native tests and benchmarks: HTTP requests and WebSockets are
// recorded and answered by the test, time is set by the test, storage is a map. Header-only so
// unit tests, UI tests and benchmarks can share it without a library of their own.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "client/platform.h"

namespace sb::platform {

class FakeHttp : public sb::client::HttpClient {
  public:
    struct Request {
        std::string method, path, body, bearer;
        std::function<void(sb::client::HttpResult)> done;
    };

    void request(const std::string& method, const std::string& path, const std::string& body,
                 const std::string& bearer,
                 std::function<void(sb::client::HttpResult)> done) override {
        log.push_back(method + " " + path);
        pending.push_back({method, path, body, bearer, std::move(done)});
    }

    // Answers the oldest pending request whose "METHOD path" starts with prefix; false if none.
    bool respond(const std::string& prefix, int status, const std::string& body) {
        for (auto it = pending.begin(); it != pending.end(); ++it) {
            if ((it->method + " " + it->path).rfind(prefix, 0) != 0) continue;
            Request r = std::move(*it);
            pending.erase(it);
            r.done({status, body});
            return true;
        }
        return false;
    }
    // Finds a pending request by prefix (nullptr when none).
    const Request* find(const std::string& prefix) const {
        for (const Request& r : pending)
            if ((r.method + " " + r.path).rfind(prefix, 0) == 0) return &r;
        return nullptr;
    }
    bool was_requested(const std::string& method_and_path) const {
        for (const std::string& l : log)
            if (l == method_and_path) return true;
        return false;
    }

    std::deque<Request> pending;
    std::vector<std::string> log;  // "METHOD path" of every request, in order
};

class FakeWebSocket : public sb::client::WebSocket {
  public:
    struct Shared {
        Callbacks callbacks;
        std::vector<std::string> sent;
        bool open = false;
        bool closed_by_client = false;
    };
    explicit FakeWebSocket(std::shared_ptr<Shared> s) : s_(std::move(s)) {}
    ~FakeWebSocket() override { s_->closed_by_client = true; }
    void send(const std::string& text) override {
        if (s_->open) s_->sent.push_back(text);
    }
    void close() override {
        s_->closed_by_client = true;
        s_->open = false;
    }

  private:
    std::shared_ptr<Shared> s_;
};

class FakePlatform : public sb::client::Platform {
  public:
    sb::client::HttpClient& http() override { return http_fake; }
    std::unique_ptr<sb::client::WebSocket> open_websocket(
        const std::string& path, sb::client::WebSocket::Callbacks callbacks) override {
        auto s = std::make_shared<FakeWebSocket::Shared>();
        s->callbacks = std::move(callbacks);
        sockets.push_back(s);
        socket_paths.push_back(path);
        return std::make_unique<FakeWebSocket>(s);
    }
    double now_seconds() override { return now; }
    std::optional<std::string> load(const std::string& key) override {
        auto it = storage.find(key);
        if (it == storage.end()) return std::nullopt;
        return it->second;
    }
    void save(const std::string& key, const std::string& value) override { storage[key] = value; }
    void remove(const std::string& key) override { storage.erase(key); }
    void set_title(const std::string& t) override { title = t; }
    void play_sound() override { ++sounds; }
    void open_url(const std::string& url) override { opened_urls.push_back(url); }
    void request_frame() override { ++frames_requested; }
    void request_frame_after(double seconds) override { frame_after.push_back(seconds); }
    std::string location() override { return page_location; }
    std::string origin() override { return page_origin; }

    // The newest socket: the test opens it, feeds it and closes it.
    FakeWebSocket::Shared& socket() { return *sockets.back(); }
    void open_socket() {
        socket().open = true;
        if (socket().callbacks.on_open) socket().callbacks.on_open();
    }
    void server_sends(const std::string& text) {
        if (socket().callbacks.on_message) socket().callbacks.on_message(text);
    }
    void drop_socket(const std::string& reason = "") {
        socket().open = false;
        if (socket().callbacks.on_close) socket().callbacks.on_close(reason);
    }

    FakeHttp http_fake;
    std::vector<std::shared_ptr<FakeWebSocket::Shared>> sockets;
    std::vector<std::string> socket_paths;
    double now = 1'800'000'000.0;
    std::map<std::string, std::string> storage;
    std::string title;
    int sounds = 0;
    std::vector<std::string> opened_urls;
    int frames_requested = 0;
    std::vector<double> frame_after;
    std::string page_location = "/";
    std::string page_origin = "http://switchboard.test";
};

}  // namespace sb::platform
