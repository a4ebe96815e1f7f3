// See fetch_http.h.
#include "platform/web/fetch_http.h"

#include <emscripten/fetch.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "platform/web/frame_scheduler.h"

namespace sb::web {
namespace {

// Everything a request needs until its callback: owned by the fetch's userData.
struct InFlight {
    std::string body;
    std::string authorization;
    std::vector<const char*> headers;  // name, value, …, nullptr (pointing into this object)
    std::function<void(sb::client::HttpResult)> done;
    FrameScheduler* frames = nullptr;
};

void finish(emscripten_fetch_t* fetch) {
    std::unique_ptr<InFlight> req(static_cast<InFlight*>(fetch->userData));
    sb::client::HttpResult result;
    // 0 = never reached the server (refused, offline, timed out); 65535 = aborted.
    result.status = fetch->status >= 100 && fetch->status < 600 ? fetch->status : 0;
    if (fetch->data != nullptr && fetch->numBytes > 0)
        result.body.assign(fetch->data, static_cast<size_t>(fetch->numBytes));
    emscripten_fetch_close(fetch);  // inside the callback: the only safe place
    req->done(std::move(result));
    req->frames->request();
}

}  // namespace

void FetchHttp::request(const std::string& method, const std::string& path, const std::string& body,
                        const std::string& bearer,
                        std::function<void(sb::client::HttpResult)> done) {
    auto req = std::make_unique<InFlight>();
    req->body = body;
    req->done = std::move(done);
    req->frames = &frames_;
    req->headers = {"Accept", "application/json"};
    if (!req->body.empty()) {
        req->headers.push_back("Content-Type");
        req->headers.push_back("application/json");
    }
    if (!bearer.empty()) {
        req->authorization = "Bearer " + bearer;
        req->headers.push_back("Authorization");
        req->headers.push_back(req->authorization.c_str());
    }
    req->headers.push_back(nullptr);

    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::snprintf(attr.requestMethod, sizeof attr.requestMethod, "%s", method.c_str());
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
    attr.timeoutMSecs = kTimeoutMs;
    attr.requestHeaders = req->headers.data();
    if (!req->body.empty()) {
        attr.requestData = req->body.data();
        attr.requestDataSize = req->body.size();
    }
    attr.onsuccess = &finish;
    attr.onerror = &finish;
    attr.userData = req.release();  // finish() takes it back
    emscripten_fetch(&attr, path.c_str());
}

}  // namespace sb::web
