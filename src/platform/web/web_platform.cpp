// See web_platform.h. The browser calls themselves are in web_platform.js.
#include "platform/web/web_platform.h"

#include <emscripten/emscripten.h>

#include <cstdlib>

#include "platform/web/browser_websocket.h"
#include "platform/web/frame_scheduler.h"

// web_platform.js (returned strings are malloc'ed there: see take_string)
extern "C" char* sb_platform_websocket_url(const char* path);
extern "C" char* sb_platform_location();
extern "C" char* sb_platform_origin();
extern "C" double sb_platform_date_now();
extern "C" char* sb_platform_storage_get(const char* key);
extern "C" void sb_platform_storage_set(const char* key, const char* value);
extern "C" void sb_platform_storage_remove(const char* key);
extern "C" void sb_platform_set_title(const char* title);
extern "C" void sb_platform_prepare_audio();
extern "C" void sb_platform_beep();
extern "C" void sb_platform_open_url(const char* url);

namespace sb::web {
namespace {

std::string take_string(char* s) {
    std::string out = s ? s : "";
    std::free(s);
    return out;
}

}  // namespace

WebPlatform::WebPlatform(FrameScheduler& frames) : frames_(frames), http_(frames) {
    sb_platform_prepare_audio();
}

std::unique_ptr<sb::client::WebSocket> WebPlatform::open_websocket(
    const std::string& path, sb::client::WebSocket::Callbacks callbacks) {
    const std::string url = take_string(sb_platform_websocket_url(path.c_str()));
    return std::make_unique<BrowserWebSocket>(url, std::move(callbacks), frames_);
}

double WebPlatform::now_seconds() {
    return sb_platform_date_now() / 1000.0;
}

std::optional<std::string> WebPlatform::load(const std::string& key) {
    char* v = sb_platform_storage_get(key.c_str());
    if (v == nullptr) return std::nullopt;
    return take_string(v);
}

void WebPlatform::save(const std::string& key, const std::string& value) {
    sb_platform_storage_set(key.c_str(), value.c_str());
}

void WebPlatform::remove(const std::string& key) {
    sb_platform_storage_remove(key.c_str());
}

void WebPlatform::set_title(const std::string& title) {
    sb_platform_set_title(title.c_str());
}

void WebPlatform::play_sound() {
    sb_platform_beep();
}

void WebPlatform::open_url(const std::string& url) {
    sb_platform_open_url(url.c_str());
}

void WebPlatform::request_frame() {
    frames_.request();
}

void WebPlatform::request_frame_after(double seconds) {
    frames_.wake_after(seconds);
}

std::string WebPlatform::location() {
    return take_string(sb_platform_location());
}

std::string WebPlatform::origin() {
    return take_string(sb_platform_origin());
}

}  // namespace sb::web
