// sb::client::Platform for the browser: HTTP and WebSocket to the page's own origin,
// localStorage, document.title, a short WebAudio beep, window.open, the page's location, and
// frame requests (the app's way of saying "something changed, draw again").
#pragma once

#include "client/platform.h"
#include "platform/web/fetch_http.h"

namespace sb::web {

class FrameScheduler;

class WebPlatform : public sb::client::Platform {
  public:
    explicit WebPlatform(FrameScheduler& frames);

    sb::client::HttpClient& http() override { return http_; }
    std::unique_ptr<sb::client::WebSocket> open_websocket(
        const std::string& path, sb::client::WebSocket::Callbacks callbacks) override;
    double now_seconds() override;
    std::optional<std::string> load(const std::string& key) override;
    void save(const std::string& key, const std::string& value) override;
    void remove(const std::string& key) override;
    void set_title(const std::string& title) override;
    void play_sound() override;
    void open_url(const std::string& url) override;
    void request_frame() override;
    void request_frame_after(double seconds) override;
    std::string location() override;
    std::string origin() override;

  private:
    FrameScheduler& frames_;
    FetchHttp http_;
};

}  // namespace sb::web
