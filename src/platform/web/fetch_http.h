// sb::client::HttpClient over emscripten_fetch (XMLHttpRequest underneath), same origin only.
// The traps of Emscripten 3.1.6 it handles: a request's body, headers and callback stay alive
// until the fetch's own callback; non-2xx answers arrive in onerror and are still delivered with
// their status and body; emscripten_fetch_close is called only inside the callbacks (closing an
// in-flight fetch frees memory the XHR writes later). Every answer asks for a frame.
#pragma once

#include "client/platform.h"

namespace sb::web {

class FrameScheduler;

class FetchHttp : public sb::client::HttpClient {
  public:
    explicit FetchHttp(FrameScheduler& frames) : frames_(frames) {}
    void request(const std::string& method, const std::string& path, const std::string& body,
                 const std::string& bearer,
                 std::function<void(sb::client::HttpResult)> done) override;

    static constexpr unsigned kTimeoutMs = 30000;

  private:
    FrameScheduler& frames_;
};

}  // namespace sb::web
