// What the client and UI layers need from the platform (browser or native), as interfaces.
// src/platform/web implements them with Emscripten fetch/WebSocket/html5; tests implement them
// with in-process fakes. Everything runs on one thread: callbacks arrive between frames.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace sb::client {

struct HttpResult {
    int status = 0;  // 0: the request never reached the server (network down, aborted)
    std::string body;
};

class HttpClient {
  public:
    virtual ~HttpClient() = default;
    // path is relative to the origin, e.g. "/api/v1/chats?view=pending". bearer may be empty.
    // body is sent as application/json when not empty. done is called exactly once.
    virtual void request(const std::string& method, const std::string& path,
                         const std::string& body, const std::string& bearer,
                         std::function<void(HttpResult)> done) = 0;
};

// One WebSocket connection to the server's origin. No reconnect here: src/client decides that.
class WebSocket {
  public:
    struct Callbacks {
        std::function<void()> on_open;
        std::function<void(std::string text)> on_message;
        // Also on error or failed connect; called once. reason: the server's close frame's
        // reason ("deactivated", "revoked", ...), empty when there was none.
        std::function<void(const std::string& reason)> on_close;
    };
    virtual ~WebSocket() = default;
    virtual void send(const std::string& text) = 0;  // ignored unless open
    virtual void close() = 0;                        // no callback after close()
};

class Platform {
  public:
    virtual ~Platform() = default;
    virtual HttpClient& http() = 0;
    // path like "/api/v1/events"; the platform turns it into ws(s)://<origin>/...
    virtual std::unique_ptr<WebSocket> open_websocket(const std::string& path,
                                                      WebSocket::Callbacks callbacks) = 0;
    virtual double now_seconds() = 0;  // wall clock, Unix epoch seconds
    // localStorage (web) or an in-memory map (native).
    virtual std::optional<std::string> load(const std::string& key) = 0;
    virtual void save(const std::string& key, const std::string& value) = 0;
    virtual void remove(const std::string& key) = 0;
    virtual void set_title(const std::string& title) = 0;
    virtual void play_sound() = 0;                      // new pending chat, new message
    virtual void open_url(const std::string& url) = 0;  // from a real mouse event
    virtual void request_frame() = 0;                   // something changed: draw again
    // The next timed frame (ticking clocks, timers), asked for while drawing a frame; it replaces
    // the one asked for at the previous frame (a frame that asks for none cancels it).
    virtual void request_frame_after(double seconds) = 0;
    // The page URL's path and query (e.g. "/kiosk?token=..."), to pick console or kiosk.
    virtual std::string location() = 0;
    // The page's origin ("https://support.example.com"), for links to this server that people
    // copy (the kiosk URL of a display token).
    virtual std::string origin() = 0;
};

}  // namespace sb::client
