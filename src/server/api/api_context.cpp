// Shared handler helpers; see api_context.h.
#include "server/api/api_context.h"

#include <charconv>

#include "protocol/validate.h"
#include "server/store/store.h"

namespace sb::server::api {

Principal require(ApiContext& ctx, const HttpRequest& req, unsigned allow) {
    auto p = ctx.auth.authenticate_header(req.header("authorization"));
    if (!p) throw DomainError::unauthorized("a valid Authorization: Bearer token is required");
    unsigned bit = 0;
    switch (p->kind) {
        case Principal::Kind::staff:
            bit = p->staff.role == protocol::Role::agent        ? kAgent
                  : p->staff.role == protocol::Role::supervisor ? kSupervisor
                                                                : kAdmin;
            break;
        case Principal::Kind::display:
            bit = kDisplay;
            break;
        case Principal::Kind::contact:
            bit = kContact;
            break;
        case Principal::Kind::integration:
            bit = 0;
            break;
    }
    if (!(bit & allow)) throw DomainError::forbidden("your role may not call this endpoint");
    return *p;
}

HttpResponse error_response(const DomainError& e) {
    HttpResponse r;
    r.status = e.status();
    r.body = protocol::encode(protocol::Error{e.code(), e.what(), e.assignee(), e.field()});
    if (e.retry_after() > 0)
        r.headers.emplace_back("Retry-After", std::to_string(e.retry_after()));
    else if (e.status() == 429 || e.status() == 503)
        r.headers.emplace_back("Retry-After", e.status() == 429 ? "60" : "1");
    return r;
}

Handler guarded(std::function<HttpResponse(const HttpRequest&)> fn) {
    return [fn = std::move(fn)](const HttpRequest& req) -> HttpResponse {
        try {
            return fn(req);
        } catch (const DomainError& e) {
            return error_response(e);
        } catch (const protocol::DecodeError& e) {
            return error_response(DomainError::bad_field(e.field(), e.what()));
        } catch (const std::invalid_argument& e) {
            return error_response(DomainError::bad_request(e.what()));
        } catch (const store::Unavailable&) {
            return error_response(
                DomainError(503, "unavailable",
                            "the database cannot take this now (busy or out of space); retry"));
        } catch (const store::StorageError& e) {
            return internal_error(req, std::string("storage: ") + e.what());
        } catch (const std::exception& e) {
            return internal_error(req, e.what());
        }
    };
}

void check_json_body(const HttpRequest& req) {
    const std::string* ct = req.header("content-type");
    std::string type = ct ? ct->substr(0, ct->find(';')) : "";
    for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    while (!type.empty() && type.back() == ' ') type.pop_back();
    if (type != "application/json")
        throw DomainError(415, "unsupported_media_type", "send the body as application/json");
    if (req.body.size() > protocol::kMaxRequestBytes)
        throw DomainError::bad_request("the request body is over the 64 KiB limit");
    if (!protocol::valid_utf8(req.body))
        throw DomainError::bad_request("the request body is not valid UTF-8");
}

namespace {

std::optional<std::int64_t> parse_int(std::string_view s) {
    std::int64_t v = 0;
    if (s.empty()) return std::nullopt;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
    return v;
}

}  // namespace

protocol::Id path_id(const HttpRequest& req, const char* name) {
    const std::string* v = req.param(name);
    auto id = v ? parse_int(*v) : std::nullopt;
    if (!id || *id <= 0)
        throw DomainError::bad_request(std::string(name) + " must be a positive integer");
    return *id;
}

std::optional<std::int64_t> if_match(const HttpRequest& req) {
    const std::string* v = req.header("if-match");
    if (!v) return std::nullopt;
    std::string_view s = *v;
    if (s.substr(0, 2) == "W/") s.remove_prefix(2);
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    auto n = parse_int(s);
    if (!n) throw DomainError::bad_request("If-Match must be a chat version (an integer)");
    return n;
}

std::int64_t query_int(const HttpRequest& req, const char* name, std::int64_t def, std::int64_t min,
                       std::int64_t max) {
    const std::string* v = req.query_param(name);
    if (!v) return def;
    auto n = parse_int(*v);
    if (!n || *n < min || *n > max)
        throw DomainError::bad_request(std::string(name) + " must be an integer from " +
                                       std::to_string(min) + " to " + std::to_string(max));
    return *n;
}

HttpResponse no_content() {
    HttpResponse r;
    r.status = 204;
    return r;
}

protocol::Chat for_viewer(const store::ChatRecord& r, protocol::Id viewer) {
    protocol::Chat c = r.chat;
    store::apply_read_state(c, r.contact_msg_count, r.reads, viewer);
    return c;
}

}  // namespace sb::server::api
