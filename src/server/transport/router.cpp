// Router: matches a method and a path against "/api/v1/chats/{id}/accept" style patterns.
#include <sstream>

#include "protocol/json.h"
#include "server/transport/http_types.h"

namespace sb::server {
namespace {

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '/') {
            ++i;
            continue;
        }
        size_t j = path.find('/', i);
        if (j == std::string_view::npos) j = path.size();
        out.emplace_back(path.substr(i, j - i));
        i = j;
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
