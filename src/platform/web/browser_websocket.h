// sb::client::WebSocket over emscripten/websocket.h. What 3.1.6 leaves to us: a message's bytes
// are freed when its callback returns (copied here; text frames count a trailing NUL); sending
// while CONNECTING throws in the browser (send() waits for open); error and close both fire on a
// failure, and on_close must be reported exactly once; no callback may reach a closed or
// destroyed object (the handlers are detached on close). Open and close ask for a frame; a message
// does not (the client asks when it changed something: pings must cost nothing while idle).
#pragma once

#include <emscripten/websocket.h>

#include <memory>

#include "client/platform.h"

namespace sb::web {

class FrameScheduler;

class BrowserWebSocket : public sb::client::WebSocket {
  public:
    // url: a full ws:// or wss:// URL.
    BrowserWebSocket(const std::string& url, Callbacks callbacks, FrameScheduler& frames);
    ~BrowserWebSocket() override;
    void send(const std::string& text) override;
    void close() override;

  private:
    static EM_BOOL on_open(int, const EmscriptenWebSocketOpenEvent*, void* self);
    static EM_BOOL on_message(int, const EmscriptenWebSocketMessageEvent*, void* self);
    static EM_BOOL on_error(int, const EmscriptenWebSocketErrorEvent*, void* self);
    static EM_BOOL on_close(int, const EmscriptenWebSocketCloseEvent*, void* self);
    void finish(const std::string& reason = "");  // reports on_close once, then detaches
    void detach();

    EMSCRIPTEN_WEBSOCKET_T socket_ = 0;
    Callbacks callbacks_;
    FrameScheduler& frames_;
    bool open_ = false;
    bool done_ = false;  // closed by us or reported closed: no more callbacks
    std::shared_ptr<int> alive_ = std::make_shared<int>(0);  // for deferred reports
};

}  // namespace sb::web
