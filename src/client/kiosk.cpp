// See kiosk.h.
#include "client/kiosk.h"

#include <algorithm>

#include "protocol/json.h"
#include "protocol/names.h"
#include "protocol/url.h"

namespace sb::client {

namespace {
constexpr protocol::Names<KioskProblem, 3> kProblemNames{{{KioskProblem::none, "none"},
                                                          {KioskProblem::no_token, "no_token"},
                                                          {KioskProblem::refused, "refused"}}};
}  // namespace

const char* to_string(KioskProblem problem) {
    return protocol::name_of(kProblemNames, problem);
}

std::optional<std::string> Kiosk::query_value(const std::string& location,
                                              const std::string& name) {
    const auto q = location.find('?');
    if (q == std::string::npos) return std::nullopt;
    std::string query = location.substr(q + 1);
    if (const auto hash = query.find('#'); hash != std::string::npos) query.resize(hash);
    std::size_t start = 0;
    while (start <= query.size()) {
        std::size_t end = query.find('&', start);
        if (end == std::string::npos) end = query.size();
        const std::string pair = query.substr(start, end - start);
        const auto eq = pair.find('=');
        if (protocol::url_decode(pair.substr(0, eq), true) == name)
            return eq == std::string::npos ? std::string()
                                           : protocol::url_decode(pair.substr(eq + 1), true);
        start = end + 1;
    }
    return std::nullopt;
}

Kiosk::Kiosk(Platform& platform, std::function<void()> on_change)
    : platform_(platform),
      on_change_(std::move(on_change)),
      api_(platform.http()),
      stream_(platform, EventStream::Listener{[this](const std::string& f) { on_frame(f); },
                                              [this] { changed(); }}) {}

Kiosk::~Kiosk() = default;

void Kiosk::changed() {
    if (on_change_) on_change_();
}

void Kiosk::start() {
    platform_.set_title("Switchboard kiosk");
    auto token = query_value(platform_.location(), "token");
    if (!token || token->empty()) {
        problem_ = KioskProblem::no_token;
        problem_text_ =
            "This screen needs a display token: open /kiosk?token=<token>. An admin makes one "
            "with: switchboard-server admin make-display-token";
        changed();
        return;
    }
    token_ = *token;
    api_.set_token(token_);
    fetch();  // figures at once; the stream's ready asks again once the replay is through
    stream_.start(token_, [this] { return last_seq_; });
    changed();
}

// ---- refreshing /stats ---------------------------------------------------------------------

void Kiosk::due_at(double t) {
    if (due_ == 0 || t < due_) due_ = t;
}

void Kiosk::request_refresh() {
    due_at(std::max(now(), last_request_at_ + kMinGap));
}

void Kiosk::fetch() {
    in_flight_ = true;
    due_ = 0;
    last_request_at_ = now();
    ++stats_requests_;
    api_.stats([this](ApiResult<protocol::Stats> r) { on_stats(std::move(r)); });
}

void Kiosk::on_stats(ApiResult<protocol::Stats> result) {
    in_flight_ = false;
    if (auto* e = std::get_if<ApiError>(&result)) {
        if (e->status == 401 || e->status == 403) {
            refuse(e->message);
        } else {
            refresh_failing_ = true;
            problem_text_ = "Cannot load the figures: " + e->message;
            due_at(now() + kRetryAfterFailure);
        }
        changed();
        return;
    }
    stats_ = std::move(std::get<protocol::Stats>(result));
    received_at_ = now();
    refresh_failing_ = false;
    if (problem_ == KioskProblem::refused) {
        // The token works again (e.g. the database was restored): follow events again.
        problem_ = KioskProblem::none;
        stream_.start(token_, [this] { return last_seq_; });
    }
    problem_text_.clear();
    due_at(now() + kRefreshEvery);
    changed();
}

void Kiosk::refuse(const std::string& why) {
    problem_ = KioskProblem::refused;
    problem_text_ = "The server refused this display token (" + why +
                    "). Make a new one with: switchboard-server admin make-display-token";
    // Retrying the socket at backoff speed would hammer the server with a dead token; /stats
    // is asked again now and then instead, and the stream restarts when it answers.
    stream_.stop();
    due_ = now() + kRetryRefused;
}

// ---- the event stream ----------------------------------------------------------------------

void Kiosk::on_frame(const std::string& text) {
    protocol::ServerFrame frame;
    try {
        frame = protocol::decode_server_frame(text);
    } catch (const std::exception&) {
        return;  // a frame we do not understand changes nothing
    }
    if (auto* ev = std::get_if<protocol::Event>(&frame)) {
        if (ev->seq != 0) {
            if (ev->seq <= last_seq_) return;
            last_seq_ = ev->seq;
        }
        request_refresh();
    } else if (auto* ready = std::get_if<protocol::Ready>(&frame)) {
        last_seq_ = std::max(last_seq_, ready->seq);
        request_refresh();  // after a reconnect the figures may have moved while we were away
    } else if (auto* resync = std::get_if<protocol::Resync>(&frame)) {
        last_seq_ = resync->seq;
        request_refresh();
    } else if (auto* err = std::get_if<protocol::Error>(&frame)) {
        if (err->code == "unauthorized" || err->code == "forbidden") refuse(err->message);
    }
    changed();
}

// ---- timers ----------------------------------------------------------------------------------

void Kiosk::tick() {
    stream_.tick();
    if (!in_flight_ && due_ != 0 && now() >= due_) fetch();
}

double Kiosk::next_deadline() const {
    double next = stream_.next_deadline();
    if (!in_flight_ && due_ != 0 && (next == 0 || due_ < next)) next = due_;
    return next;
}

KioskSnapshot Kiosk::snapshot() const {
    KioskSnapshot s;
    s.stats = stats_ ? &*stats_ : nullptr;
    s.received_at = received_at_;
    s.connection = stream_.state();
    s.refresh_failing = refresh_failing_;
    s.problem = problem_;
    s.problem_text = problem_text_;
    return s;
}

}  // namespace sb::client
