// Fan-out benchmark: one message to N connected WebSocket clients (default 1,000), measured on
// switchboard-server and, in the same run with the same client, on the bare Beast broadcast
// server (bare_server.cpp). Two phases per server:
//   paced:  one probe message at a time; each waits until every client has it. Gives the
//           delivery latency (send time -> each client's receipt), p50/p99.
//   burst:  S sender threads (16) send probes back to back; deliveries per second = deliveries /
//           (first send -> last receipt).
// Switchboard: 20 supervisors (made with the admin CLI), each logged in once, N sockets spread
// over them; the probe is a contact's message (POST /contact/chats/{id}/messages), which every
// supervisor may see. Bare: POST /broadcast with a frame as long as Switchboard's.
//
// With --instances N (PostgreSQL: scripts/bench --store postgres) Switchboard runs as N instances
// on one database, the sockets and the senders spread over them round-robin: a probe sent to one
// instance reaches most receivers through another (the events table + NOTIFY). "Last receipt" is,
// per probe, the time from its send to the moment the last of the N clients had it.
//
// Usage: fanout_bench [--clients N] [--paced N] [--burst N] [--senders N] [--instances N]
#include <atomic>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "common/api_setup.h"
#include "common/args.h"
#include "common/latency.h"
#include "common/ws_fleet.h"

namespace bench {
namespace {

struct Settings {
    size_t clients = 1000;
    int paced = 200;
    int burst = 400;
    int senders = 16;  // enough POSTs in flight that the server, not the senders, is the limit
    size_t staff = 20;
    size_t instances = 1;  // Switchboard instances (more than one needs PostgreSQL)
};

constexpr std::string_view kMarker = "fanout probe #";
constexpr std::string_view kPadding =
    " Hello, I ordered a blue kettle last week and it has not arrived yet; the tracking page "
    "says it left the depot on Monday. Could you check where it is? Thanks a lot.";

std::string probe_body(int n) {
    return std::string(kMarker) + std::to_string(n) + std::string(kPadding);
}

// Which probe a frame carries, or -1. Switchboard also sends chat.updated frames whose preview
// holds the body: only message.created counts as the delivery.
int probe_of(std::string_view text) {
    if (text.find("message.created") == std::string_view::npos) return -1;
    const auto at = text.find(kMarker);
    if (at == std::string_view::npos) return -1;
    return std::atoi(std::string(text.substr(at + kMarker.size(), 12)).c_str());
}

// One server under test: its process, its sockets' hellos, and how to send a probe.
class Target {
  public:
    virtual ~Target() = default;
    virtual std::string name() const = 0;
    virtual std::vector<uint16_t> ports() const = 0;
    virtual double cpu_seconds() const = 0;  // every process of the target
    virtual long rss_kib() const = 0;
    virtual std::string ws_path() const = 0;
    virtual std::vector<std::string> hellos(size_t n) = 0;
    // A sender for one thread: sends probe n and returns when the server answered.
    virtual std::function<void(int)> make_sender() = 0;
};

class SwitchboardTarget : public Target {
  public:
    explicit SwitchboardTarget(const Settings& s) {
        staff_ = numbered_staff("super", s.staff);
        db_ = make_db("fanout", staff_, "supervisor");
        servers_ = start_instances(db_, s.instances);
        HttpClient http(servers_.front()->port());
        for (const auto& who : staff_) tokens_.push_back(login(http, who));
    }
    std::string name() const override {
        return servers_.size() > 1
                   ? "switchboard x" + std::to_string(servers_.size()) + " instances"
                   : "switchboard";
    }
    std::vector<uint16_t> ports() const override {
        std::vector<uint16_t> out;
        for (const auto& p : servers_) out.push_back(p->port());
        return out;
    }
    double cpu_seconds() const override {
        double sum = 0;
        for (const auto& p : servers_) sum += p->cpu_seconds();
        return sum;
    }
    long rss_kib() const override {
        long sum = 0;
        for (const auto& p : servers_) sum += p->rss_kib();
        return sum;
    }
    std::string ws_path() const override { return "/api/v1/events"; }
    std::vector<std::string> hellos(size_t n) override {
        std::vector<std::string> out;
        for (size_t i = 0; i < n; ++i) out.push_back(hello_frame(tokens_[i % tokens_.size()]));
        return out;
    }
    std::function<void(int)> make_sender() override {
        // Senders spread over the instances like the sockets.
        auto http = std::make_shared<HttpClient>(servers_[senders_++ % servers_.size()]->port());
        const auto chat = start_contact_chat(*http, "Fanout Sender", "opening line");
        const std::string target =
            "/api/v1/contact/chats/" + std::to_string(chat.chat_id) + "/messages";
        return [http, chat, target](int n) {
            const auto r = http->post(
                target, message_json(probe_body(n), "probe-" + std::to_string(n)), chat.token);
            expect_status(r, 201, "probe " + std::to_string(n));
        };
    }

  private:
    std::vector<StaffLogin> staff_;
    BenchDb db_;
    std::vector<std::unique_ptr<ServerProcess>> servers_;
    std::vector<std::string> tokens_;
    size_t senders_ = 0;
};

class BareTarget : public Target {
  public:
    explicit BareTarget(size_t frame_bytes) : frame_bytes_(frame_bytes) {
        const std::string dir = fresh_dir("fanout-bare");
        server_ = std::make_unique<ServerProcess>(
            std::vector<std::string>{BARE_SERVER_BIN, "--port", "0", "--threads", "2"},
            dir + "/bare.log");
    }
    std::string name() const override { return "bare"; }
    std::vector<uint16_t> ports() const override { return {server_->port()}; }
    double cpu_seconds() const override { return server_->cpu_seconds(); }
    long rss_kib() const override { return server_->rss_kib(); }
    std::string ws_path() const override { return "/"; }
    std::vector<std::string> hellos(size_t n) override { return std::vector<std::string>(n); }
    std::function<void(int)> make_sender() override {
        auto http = std::make_shared<HttpClient>(server_->port());
        const size_t bytes = frame_bytes_;
        return [http, bytes](int n) {
            std::string frame = "{\"type\":\"message.created\",\"message\":{\"body\":\"" +
                                probe_body(n) + "\"},\"pad\":\"";
            if (frame.size() + 3 < bytes) frame.append(bytes - frame.size() - 3, 'x');
            frame += "\"}";
            expect_status(http->post("/broadcast", frame), 200, "broadcast");
        };
    }

  private:
    size_t frame_bytes_;
    std::unique_ptr<ServerProcess> server_;
};

// Receipts of every probe by every client, filled on the fleet's thread.
class Recorder {
  public:
    Recorder(int probes, size_t clients)
        : clients_(clients), sent_(static_cast<size_t>(probes)), got_(static_cast<size_t>(probes)) {
        for (auto& g : got_) g = 0;
    }
    void sent(int n, Clock::time_point t) {
        sent_[static_cast<size_t>(n)] = t.time_since_epoch().count();
    }
    void on_frame(std::string_view text, Clock::time_point at) {
        frames_++;
        const int n = probe_of(text);
        if (n < 0 || static_cast<size_t>(n) >= got_.size()) return;
        probe_frame_bytes_ = text.size();
        const Clock::time_point sent_at{Clock::duration{sent_[static_cast<size_t>(n)].load()}};
        latencies_.add(ms_between(sent_at, at));
        last_receipt_ = at;
        if (++got_[static_cast<size_t>(n)] == clients_)
            last_latencies_.add(ms_between(sent_at, at));
        delivered_++;
    }
    // Waits until probes [from, to) reached every client; false on the timeout.
    bool wait_all(int from, int to, std::chrono::milliseconds timeout) const {
        const auto deadline = Clock::now() + timeout;
        for (int n = from; n < to; ++n)
            while (got_[static_cast<size_t>(n)].load() < clients_) {
                if (Clock::now() > deadline) return false;
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
        return true;
    }
    // Read only once the fleet is quiet (after wait_all).
    Latencies take_latencies() { return std::exchange(latencies_, {}); }
    // Per probe: send -> the last client's receipt.
    Latencies take_last_latencies() { return std::exchange(last_latencies_, {}); }
    Clock::time_point last_receipt() const { return last_receipt_; }
    size_t delivered() const { return delivered_; }
    size_t frames() const { return frames_; }
    size_t probe_frame_bytes() const { return probe_frame_bytes_; }

  private:
    size_t clients_;
    std::vector<std::atomic<Clock::rep>> sent_;  // written by senders, read by the fleet
    std::vector<std::atomic<size_t>> got_;
    Latencies latencies_, last_latencies_;
    Clock::time_point last_receipt_;
    std::atomic<size_t> delivered_{0}, frames_{0};
    size_t probe_frame_bytes_ = 0;
};

struct Outcome {
    Latencies paced, paced_last, burst;
    double deliveries_per_s = 0;
    double frames_per_s = 0;
    double cpu_ms_per_1k_deliveries = 0;
    size_t frame_bytes = 0;
    long rss_kib = 0;
    size_t dropped = 0;
    bool complete = true;
};

Outcome measure(Target& target, const Settings& s) {
    Outcome out;
    const int probes = s.paced + s.burst;
    Recorder rec(probes, s.clients);
    std::vector<std::function<void(int)>> senders;
    for (int i = 0; i < s.senders; ++i) senders.push_back(target.make_sender());

    WsFleet::Options options{0, target.ws_path(), target.hellos(s.clients)};
    options.ports = target.ports();
    WsFleet fleet(std::move(options), [&rec](size_t, std::string_view text, Clock::time_point at) {
        rec.on_frame(text, at);
    });
    const auto t_open = Clock::now();
    fleet.open(std::chrono::seconds(120));
    std::cerr << target.name() << ": " << s.clients << " sockets ready in "
              << fixed(ms_between(t_open, Clock::now()), 0) << " ms\n";

    // Paced: one probe at a time.
    for (int n = 0; n < s.paced; ++n) {
        rec.sent(n, Clock::now());
        senders[0](n);
        if (!rec.wait_all(n, n + 1, std::chrono::seconds(5))) out.complete = false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    out.paced = rec.take_latencies();
    out.paced_last = rec.take_last_latencies();

    // Burst: every sender back to back.
    const size_t delivered_before = rec.delivered(), frames_before = rec.frames();
    const double cpu_before = target.cpu_seconds();
    const auto t0 = Clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < s.senders; ++t)
        threads.emplace_back([&, t] {
            for (int n = s.paced + t; n < probes; n += s.senders) {
                rec.sent(n, Clock::now());
                senders[static_cast<size_t>(t)](n);
            }
        });
    for (auto& th : threads) th.join();
    if (!rec.wait_all(s.paced, probes, std::chrono::seconds(60))) out.complete = false;
    const double seconds = ms_between(t0, rec.last_receipt()) / 1000.0;
    const double deliveries = static_cast<double>(rec.delivered() - delivered_before);
    out.burst = rec.take_latencies();
    out.deliveries_per_s = deliveries / seconds;
    out.frames_per_s = static_cast<double>(rec.frames() - frames_before) / seconds;
    out.cpu_ms_per_1k_deliveries =
        (target.cpu_seconds() - cpu_before) * 1000.0 / (deliveries / 1000.0);
    out.frame_bytes = rec.probe_frame_bytes();
    out.rss_kib = target.rss_kib();
    out.dropped = fleet.dropped();
    fleet.close_all();
    return out;
}

void report(const std::string& who, const Outcome& o) {
    const std::string b = "fanout/" + who;
    print_result(b, "paced delivery latency", o.paced.summary());
    print_result(b, "paced send -> last receipt", o.paced_last.summary());
    print_result(b, "burst delivery latency", o.burst.summary());
    print_result(b, "deliveries/s (burst)", fixed(o.deliveries_per_s, 0));
    print_result(b, "frames/s incl. other events", fixed(o.frames_per_s, 0));
    print_result(b, "server CPU ms per 1,000 deliveries", fixed(o.cpu_ms_per_1k_deliveries, 1));
    print_result(
        b, "probe frame bytes / server RSS MiB",
        std::to_string(o.frame_bytes) + " / " + fixed(static_cast<double>(o.rss_kib) / 1024.0));
    if (o.dropped || !o.complete)
        print_result(b, "WARNING",
                     std::to_string(o.dropped) +
                         " sockets dropped, complete=" + (o.complete ? "yes" : "no"));
}

int run(const Settings& s) {
    Outcome sb, bare;
    {
        SwitchboardTarget target(s);
        sb = measure(target, s);
    }
    {
        BareTarget target(sb.frame_bytes ? sb.frame_bytes : 700);
        bare = measure(target, s);
    }
    const std::string who =
        std::string("switchboard/") + store_name(bench_store()) +
        (s.instances > 1 ? "/" + std::to_string(s.instances) + " instances" : "");
    report(who, sb);
    report("bare", bare);
    const double p99 = sb.paced.percentile(99);
    const double ratio = sb.deliveries_per_s / bare.deliveries_per_s;
    const std::string n = std::to_string(s.clients);
    const std::string b = "fanout/" + who;
    print_result(b, "p99 latency, " + n + " clients (paced)", fixed(p99, 2) + " ms", "<= 15 ms",
                 p99 <= 15.0);
    print_result(b, "p99 send -> last receipt (paced)",
                 fixed(sb.paced_last.percentile(99), 2) + " ms");
    print_result(b, "throughput vs bare server", fixed(ratio, 2) + "x", ">= 0.6x", ratio >= 0.6);
    return 0;
}

}  // namespace
}  // namespace bench

int main(int argc, char** argv) {
    bench::Settings s;
    auto as_int = [](int& field) {
        return [&field](const char* v) { field = static_cast<int>(std::atol(v)); };
    };
    if (!bench::parse_options(
            argc, argv,
            "fanout_bench [--clients N] [--paced N] [--burst N] [--senders N] [--instances N]",
            {{"--clients", [&](const char* v) { s.clients = static_cast<size_t>(std::atol(v)); }},
             {"--paced", as_int(s.paced)},
             {"--burst", as_int(s.burst)},
             {"--senders", as_int(s.senders)},
             {"--instances", [&](const char* v) {
                  s.instances = static_cast<size_t>(std::max(1L, std::atol(v)));
              }}}))
        return 2;
    return bench::run_reporting("fanout_bench", [&] { return bench::run(s); });
}
