// See browser_websocket.h.
#include "platform/web/browser_websocket.h"

#include <emscripten/emscripten.h>
#include <emscripten/eventloop.h>

#include <cstring>
#include <memory>
#include <string>
#include <utility>

#include "platform/web/frame_scheduler.h"

extern "C" void sb_websocket_forget(int id);  // browser_websocket.js

namespace sb::web {

BrowserWebSocket::BrowserWebSocket(const std::string& url, Callbacks callbacks,
                                   FrameScheduler& frames)
    : callbacks_(std::move(callbacks)), frames_(frames) {
    EmscriptenWebSocketCreateAttributes attrs;
    emscripten_websocket_init_create_attributes(&attrs);
    attrs.url = url.c_str();
    attrs.createOnMainThread = true;
    const EMSCRIPTEN_WEBSOCKET_T s = emscripten_websocket_new(&attrs);
    if (s <= 0) {
        // The browser refused outright: report a failed connect, asynchronously like any other
        // failure, and only if this object still exists then.
        struct Deferred {
            BrowserWebSocket* self;
            std::weak_ptr<int> alive;
        };
        auto report = [](void* p) {
            std::unique_ptr<Deferred> d(static_cast<Deferred*>(p));
            if (!d->alive.expired()) d->self->finish();
        };
        emscripten_set_timeout(report, 0, new Deferred{this, alive_});
        return;
    }
    socket_ = s;
    emscripten_websocket_set_onopen_callback(socket_, this, &BrowserWebSocket::on_open);
    emscripten_websocket_set_onmessage_callback(socket_, this, &BrowserWebSocket::on_message);
    emscripten_websocket_set_onerror_callback(socket_, this, &BrowserWebSocket::on_error);
    emscripten_websocket_set_onclose_callback(socket_, this, &BrowserWebSocket::on_close);
}

BrowserWebSocket::~BrowserWebSocket() {
    close();
}

void BrowserWebSocket::send(const std::string& text) {
    if (!open_ || done_) return;
    emscripten_websocket_send_utf8_text(socket_, text.c_str());
}

void BrowserWebSocket::close() {
    if (done_) return;
    done_ = true;
    if (socket_ > 0) {
        unsigned short state = 0;
        emscripten_websocket_get_ready_state(socket_, &state);
        if (state <= 1) emscripten_websocket_close(socket_, 1000, "client closed");
    }
    detach();
}

void BrowserWebSocket::detach() {
    open_ = false;
    if (socket_ <= 0) return;
    emscripten_websocket_delete(socket_);
    sb_websocket_forget(socket_);
    socket_ = 0;
}

void BrowserWebSocket::finish(const std::string& reason) {
    if (done_) return;
    done_ = true;
    detach();
    auto on_close = std::move(callbacks_.on_close);
    frames_.request();
    if (on_close) on_close(reason);  // may destroy this object: nothing after it
}

EM_BOOL BrowserWebSocket::on_open(int, const EmscriptenWebSocketOpenEvent*, void* user) {
    auto* self = static_cast<BrowserWebSocket*>(user);
    if (self->done_) return true;
    self->open_ = true;
    self->frames_.request();
    if (self->callbacks_.on_open) self->callbacks_.on_open();
    return true;
}

EM_BOOL BrowserWebSocket::on_message(int, const EmscriptenWebSocketMessageEvent* e, void* user) {
    auto* self = static_cast<BrowserWebSocket*>(user);
    if (self->done_ || !e->isText) return true;  // the API speaks JSON text frames only
    const uint32_t n = e->numBytes > 0 ? e->numBytes - 1 : 0;  // text counts a trailing NUL
    std::string text(reinterpret_cast<const char*>(e->data), n);
    // No frame of its own: the client asks for one when the message changed something (a ping
    // or a replayed event changes nothing on screen and costs no frame).
    if (self->callbacks_.on_message) self->callbacks_.on_message(std::move(text));
    return true;
}

EM_BOOL BrowserWebSocket::on_error(int, const EmscriptenWebSocketErrorEvent*, void* user) {
    static_cast<BrowserWebSocket*>(user)->finish();
    return true;
}

EM_BOOL BrowserWebSocket::on_close(int, const EmscriptenWebSocketCloseEvent* e, void* user) {
    // The server's reason ("deactivated", "revoked", ...): the client may end the session on it.
    std::string reason;
    if (e != nullptr) reason.assign(e->reason, strnlen(e->reason, sizeof e->reason));
    static_cast<BrowserWebSocket*>(user)->finish(reason);
    return true;
}

}  // namespace sb::web
