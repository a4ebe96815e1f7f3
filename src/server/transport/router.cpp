// Router: matches a method and a path against "/api/v1/chats/{id}/accept" style patterns.
#include <sstream>

#include "protocol/json.h"
#include "server/transport/http_types.h"

namespace sb::server {
namespace {

// "/a/b" -> {"a", "b"}. Empty segments are kept ("/a//b" -> {"a", "", "b"}; "/a/" -> {"a", ""}),
// so that such paths match no route instead of being read as "/a/b" or "/a".
std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> out;
    if (!path.empty() && path.front() == '/') path.remove_prefix(1);
    if (path.empty()) return out;
    for (;;) {
        const size_t j = path.find('/');
        out.emplace_back(path.substr(0, j));
        if (j == std::string_view::npos) break;
        path.remove_prefix(j + 1);
    }
    return out;
}

}  // namespace

HttpResponse json_error(int status, std::string_view code, std::string_view message) {
    HttpResponse res;
    res.status = status;
    res.body = "{\"error\":{\"code\":";
    protocol::append_json_string(res.body, code);
    res.body += ",\"message\":";
    protocol::append_json_string(res.body, message);
    res.body += "}}";
    return res;
}

HttpResponse internal_error(const HttpRequest& req, std::string_view what) {
    HttpResponse res;
    res.status = 500;
    res.body = "{\"error\":{\"code\":\"internal\",\"message\":";
    protocol::append_json_string(res.body, "internal error (request " + req.request_id + ")");
    res.body += ",\"request_id\":";
    protocol::append_json_string(res.body, req.request_id);
    res.body += "}}";
    res.log_note = std::string(what);
    return res;
}

void Router::add(std::string method, std::string pattern, Handler handler) {
    routes_.push_back(Route{std::move(method), split_path(pattern), std::move(handler)});
}

Router::Match Router::match(HttpRequest& req, const Handler** out) const {
    const auto segments = split_path(req.path);
    bool path_matched = false;
    for (const auto& route : routes_) {
        if (route.segments.size() != segments.size()) continue;
        std::map<std::string, std::string> params;
        bool ok = true;
        for (size_t i = 0; i < segments.size() && ok; ++i) {
            const auto& pat = route.segments[i];
            if (pat.size() > 2 && pat.front() == '{' && pat.back() == '}') {
                ok = !segments[i].empty();
                params[pat.substr(1, pat.size() - 2)] = segments[i];
            } else {
                ok = pat == segments[i];
            }
        }
        if (!ok) continue;
        path_matched = true;
        if (route.method != req.method) continue;
        req.params = std::move(params);
        *out = &route.handler;
        return Match::found;
    }
    return path_matched ? Match::wrong_method : Match::none;
}

}  // namespace sb::server
