// Login storm: does password hashing stall the API? An agent, logged in on its own keep-alive
// connection, sends GET /queues back to back: first for --seconds with nothing else happening
// (the reference, same server, same run), then as long again while 40 attackers each send wrong
// passwords as fast as they are answered, each from its own address (X-Forwarded-For, the server
// trusting 127.0.0.1 as its proxy) and for its own login, so that the failed-login delays do not
// stop them and every attempt reaches Argon2id. Argon2id runs on its own bounded queue
// (auth/passwords.h): the target is the agent's p99 during the storm within 2x its idle p99.
// Also reports how the attempts were answered (401 checked, 503 hashing queue full, 429 delayed).
//
// A refused login is held back before it is answered (--login-refusal-hold, default 1 s): run
// with --refusal-hold 0 for the same storm without that tarpit.
//
// Usage: login_storm_bench [--attackers N] [--seconds S] [--refusal-hold MS]
#include <atomic>
#include <iostream>
#include <thread>

#include "common/api_setup.h"
#include "common/args.h"
#include "common/latency.h"

namespace bench {
namespace {

struct Settings {
    size_t attackers = 40;
    double seconds = 10;       // each phase: long enough for many holds to run out
    std::string refusal_hold;  // the server's --login-refusal-hold (ms); empty: its default
};

// GET /queues back to back for `seconds`.
Latencies measure(HttpClient& http, const std::string& token, double seconds) {
    Latencies out;
    const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                        std::chrono::duration<double>(seconds));
    while (Clock::now() < end) {
        const auto t0 = Clock::now();
        expect_status(http.get("/api/v1/queues", token), 200, "GET /queues");
        out.add(ms_between(t0, Clock::now()));
    }
    return out;
}

int run(const Settings& s) {
    const StaffLogin agent{"agent1", "bench-password"};
    const auto db = make_db("login-storm", {agent}, "agent");
    std::vector<std::string> flags{"--trusted-proxy", "127.0.0.1"};
    if (!s.refusal_hold.empty())
        flags.insert(flags.end(), {"--login-refusal-hold", s.refusal_hold});
    const auto server = start_switchboard(db, flags);
    HttpClient http(server->port());
    http.set_header("X-Forwarded-For", "192.0.2.1");
    const std::string token = login(http, agent);
    measure(http, token, 0.2);  // warm up
    const Latencies idle = measure(http, token, s.seconds);

    std::atomic<bool> stop{false};
    std::atomic<long> checked{0}, busy{0}, delayed{0}, other{0};
    std::vector<std::thread> attackers;
    for (size_t i = 0; i < s.attackers; ++i)
        attackers.emplace_back([&, i] {
            HttpClient a(server->port());
            a.set_header("X-Forwarded-For",
                         "198.18." + std::to_string(i / 250) + "." + std::to_string(i % 250 + 1));
            const std::string body =
                R"({"login":"attacked)" + std::to_string(i) + R"(","password":"guess"})";
            while (!stop) {
                const int st = a.post("/api/v1/auth/login", body).status;
                (st == 401 ? checked : st == 503 ? busy : st == 429 ? delayed : other)++;
            }
        });
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // let the storm build
    const Latencies storm = measure(http, token, s.seconds);
    stop = true;
    for (auto& t : attackers) t.join();

    const std::string b = "login_storm";
    print_result(b, "agent GET /queues, idle", idle.summary());
    print_result(b, "agent GET /queues, " + std::to_string(s.attackers) + " bad logins at once",
                 storm.summary());
    print_result(b, "bad logins answered",
                 std::to_string(checked) + " x 401 (hashed), " + std::to_string(busy) +
                     " x 503 (queue full), " + std::to_string(delayed) + " x 429, " +
                     std::to_string(other) + " other");
    const double ratio = storm.percentile(99) / std::max(0.001, idle.percentile(99));
    print_result(b, "storm p99 / idle p99", fixed(ratio, 2) + "x", "<= 2x", ratio <= 2.0);
    return other == 0 ? 0 : 1;
}

}  // namespace
}  // namespace bench

int main(int argc, char** argv) {
    bench::Settings s;
    if (!bench::parse_options(argc, argv,
                              "login_storm_bench [--attackers N] [--seconds S] [--refusal-hold MS]",
                              {{"--attackers", [&](const char* v) { s.attackers = std::stoul(v); }},
                               {"--seconds", [&](const char* v) { s.seconds = std::stod(v); }},
                               {"--refusal-hold", [&](const char* v) { s.refusal_hold = v; }}}))
        return 2;
    return bench::run_reporting("login_storm_bench", [&] { return bench::run(s); });
}
