// The simulator's pacer, workers and report; see simulator.h.
#include "sim/simulator.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <iomanip>
#include <iostream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "protocol/json.h"
#include "sim/http_connection.h"
#include "sim/script.h"

namespace sb::sim {

namespace {

using Clock = std::chrono::steady_clock;
constexpr double kMaxRate = 5000;
constexpr int kMaxConnections = 64;

struct Conversation {
    protocol::Id chat_id = 0;
    std::string token;
    int next_message = 1;
    std::string address;  // X-Forwarded-For of this contact (SimOptions::forwarded_for)
};

// The n-th simulated contact's address in 198.18.0.0/15.
std::string contact_address(std::uint64_t n) {
    n %= 2u * 65536u - 2u;
    ++n;
    return "198." + std::to_string(18 + n / 65536) + "." + std::to_string((n / 256) % 256) + "." +
           std::to_string(n % 256);
}

enum class Job { start_chat, follow_up };

// What the workers share: the job queue, the conversations and the figures.
struct Shared {
    std::mutex mutex;
    std::condition_variable cv;
    std::deque<Job> jobs;
    bool done = false;
    int idle_workers = 0;

    std::vector<Conversation> conversations;
    std::int64_t started = 0, sent = 0, errors = 0;
    std::vector<double> latencies_ms;
    std::string last_error;
    bool forwarded_for = false;  // SimOptions::forwarded_for
    std::atomic<std::uint64_t> next_address{0};
};

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    const auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

std::string unique_id(std::uint64_t worker, std::uint64_t n) {
    return "sim-" + std::to_string(worker) + "-" + std::to_string(n) + "-" +
           std::to_string(Clock::now().time_since_epoch().count());
}

class Worker {
  public:
    Worker(Shared& shared, const Endpoint& endpoint, std::uint64_t seed, int index)
        : shared_(shared), http_(endpoint), script_(seed), index_(index) {}

    void run() {
        for (;;) {
            Job job;
            {
                std::unique_lock lock(shared_.mutex);
                ++shared_.idle_workers;
                shared_.cv.wait(lock, [&] { return shared_.done || !shared_.jobs.empty(); });
                --shared_.idle_workers;
                if (shared_.jobs.empty()) return;  // done
                job = shared_.jobs.front();
                shared_.jobs.pop_front();
            }
            if (job == Job::start_chat)
                start_chat();
            else
                follow_up();
        }
    }

  private:
    void start_chat() {
        protocol::ContactStartRequest r;
        r.name = script_.name();
        if (script_.chance(0.6)) r.email = script_.email_for(r.name);
        r.body = script_.opening();
        r.client_id = unique_id(static_cast<std::uint64_t>(index_), ++n_);
        const std::string address =
            shared_.forwarded_for ? contact_address(shared_.next_address++) : std::string();
        const auto t0 = Clock::now();
        auto a = http_.post("/api/v1/contact/chats", protocol::encode(r), {}, address);
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        std::lock_guard lock(shared_.mutex);
        if (a.status != 201) return fail(a);
        try {
            auto started = protocol::decode<protocol::ContactStartResponse>(a.body);
            shared_.conversations.push_back({started.chat_id, started.contact_token, 1, address});
            ++shared_.started;
            shared_.latencies_ms.push_back(ms);
        } catch (const std::exception& e) {
            ++shared_.errors;
            shared_.last_error = std::string("bad answer to a chat start: ") + e.what();
        }
    }

    void follow_up() {
        Conversation c;
        {
            std::lock_guard lock(shared_.mutex);
            if (shared_.conversations.empty()) return;
            c = shared_.conversations[script_.pick(shared_.conversations.size())];
        }
        protocol::SendMessageRequest r{script_.follow_up(),
                                       unique_id(static_cast<std::uint64_t>(index_), ++n_),
                                       protocol::MessageKind::text};
        const auto t0 = Clock::now();
        auto a = http_.post("/api/v1/contact/chats/" + std::to_string(c.chat_id) + "/messages",
                            protocol::encode(r), c.token, c.address);
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        std::lock_guard lock(shared_.mutex);
        if (a.status != 201 && a.status != 200) {
            // A chat deleted by staff is closed to its contact: forget it.
            if (a.status == 409)
                std::erase_if(shared_.conversations,
                              [&](const Conversation& x) { return x.chat_id == c.chat_id; });
            return fail(a);
        }
        ++shared_.sent;
        shared_.latencies_ms.push_back(ms);
    }

    void fail(const HttpAnswer& a) {  // with shared_.mutex held
        ++shared_.errors;
        shared_.last_error =
            a.status ? "HTTP " + std::to_string(a.status) + " " + a.body.substr(0, 200) : a.error;
    }

    Shared& shared_;
    HttpConnection http_;
    Script script_;
    int index_;
    std::uint64_t n_ = 0;
};

}  // namespace

void check(const SimOptions& o) {
    if (!(o.rate > 0) || o.rate > kMaxRate)
        throw std::invalid_argument("--rate must be above 0 and at most 5000 messages per second");
    if (o.duration < 0) throw std::invalid_argument("--duration must be 0 (until Ctrl-C) or more");
    if (o.chats < 0) throw std::invalid_argument("--chats must be 0 (no limit) or more");
    if (o.connections < 1 || o.connections > kMaxConnections)
        throw std::invalid_argument("--connections must be 1 to 64");
    const auto e = parse_base_url(o.url);
    if (!o.allow_remote && !is_loopback(e.host))
        throw std::invalid_argument("--url " + o.url +
                                    " is not on this machine; pass --allow-remote to load it");
}

std::string SimReport::summary() const {
    std::ostringstream out;
    out << std::fixed << std::setprecision(1) << "switchboard-sim: " << seconds << " s, "
        << chats_started << " chats started, " << messages_sent << " follow-ups, "
        << (seconds > 0 ? static_cast<double>(chats_started + messages_sent) / seconds : 0)
        << " msg/s, latency p50 " << p50_ms << " ms p99 " << p99_ms << " ms max " << max_ms
        << " ms, " << errors << " errors, " << behind << " ticks behind";
    if (!last_error.empty()) out << " (last error: " << last_error << ")";
    return out.str();
}

Simulator::Simulator(SimOptions options) : options_(std::move(options)) {
    check(options_);
}

SimReport Simulator::run() {
    const Endpoint endpoint = parse_base_url(options_.url);
    const std::uint64_t seed =
        options_.seed ? options_.seed
                      : static_cast<std::uint64_t>(Clock::now().time_since_epoch().count());
    Shared shared;
    shared.forwarded_for = options_.forwarded_for;
    std::vector<std::thread> threads;
    for (int i = 0; i < options_.connections; ++i)
        threads.emplace_back([&, i] {
            Worker(shared, endpoint, seed + static_cast<std::uint64_t>(i) * 7919, i).run();
        });

    Script pacer_dice(seed ^ 0x5eed);
    SimReport report;
    const auto interval = std::chrono::duration<double>(1.0 / options_.rate);
    const auto start = Clock::now();
    auto next = start;
    auto next_report = start + std::chrono::duration<double>(options_.report_every);
    std::int64_t planned_starts = 0;
    for (std::int64_t tick = 0; !stop_; ++tick) {
        next = start + std::chrono::duration_cast<Clock::duration>(interval * tick);
        if (options_.duration > 0 &&
            next - start >= std::chrono::duration<double>(options_.duration))
            break;
        std::this_thread::sleep_until(next);
        std::lock_guard lock(shared.mutex);
        if (shared.idle_workers == 0 || !shared.jobs.empty()) {
            ++report.behind;  // every connection busy: skip, never pile up
        } else {
            const bool room = options_.chats == 0 || planned_starts < options_.chats;
            const bool start_one = room && (shared.conversations.empty() || options_.chats > 0 ||
                                            pacer_dice.chance(0.25));
            if (start_one) ++planned_starts;
            shared.jobs.push_back(start_one ? Job::start_chat : Job::follow_up);
            shared.cv.notify_one();
        }
        if (options_.report_every > 0 && Clock::now() >= next_report) {
            next_report += std::chrono::duration_cast<Clock::duration>(
                std::chrono::duration<double>(options_.report_every));
            std::cerr << "switchboard-sim: " << shared.started << " chats, " << shared.sent
                      << " follow-ups, " << shared.errors << " errors" << std::endl;
        }
    }
    {
        std::lock_guard lock(shared.mutex);
        shared.done = true;
    }
    shared.cv.notify_all();
    for (auto& t : threads) t.join();

    report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    report.chats_started = shared.started;
    report.messages_sent = shared.sent;
    report.errors = shared.errors;
    report.last_error = shared.last_error;
    report.p50_ms = percentile(shared.latencies_ms, 0.50);
    report.p99_ms = percentile(shared.latencies_ms, 0.99);
    report.max_ms = shared.latencies_ms.empty()
                        ? 0
                        : *std::max_element(shared.latencies_ms.begin(), shared.latencies_ms.end());
    return report;
}

}  // namespace sb::sim
