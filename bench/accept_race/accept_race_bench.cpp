// Accept race: N agents of one queue (made with the admin CLI, each logged in on its own
// keep-alive connection) send POST /chats/{id}/accept for the same new pending chat at the same
// moment, for R rounds. Measures each request's latency (p50/p99) and each round's time until the
// last answer, and checks the rule of issue 3: exactly one 200 per round, every other answer a
// 409 naming the winner.
//
// With --instances N (PostgreSQL: scripts/bench --store postgres) the agents' connections are
// spread over N instances on one database: the one conditional UPDATE still has one winner.
//
// Usage: accept_race_bench [--agents N] [--rounds R] [--instances N]
#include <barrier>
#include <iostream>
#include <thread>

#include "common/api_setup.h"
#include "common/args.h"
#include "common/latency.h"

namespace bench {
namespace {

struct Settings {
    size_t agents = 100;
    int rounds = 30;
    size_t instances = 1;
};

struct Answer {
    int status = 0;
    double ms = 0;       // own send -> answer
    double from_go = 0;  // the common start (barrier release) -> answer
    bool names_winner = false;
};

int run(const Settings& s) {
    const auto staff = numbered_staff("agent", s.agents);
    const auto db = make_db("accept-race", staff, "agent");
    const auto servers = start_instances(db, s.instances);

    std::vector<std::unique_ptr<HttpClient>> clients(s.agents);
    std::vector<std::string> tokens(s.agents);
    {
        std::vector<std::thread> logins;
        for (size_t i = 0; i < s.agents; ++i)
            logins.emplace_back([&, i] {
                clients[i] = std::make_unique<HttpClient>(servers[i % servers.size()]->port());
                tokens[i] = login(*clients[i], staff[i]);
            });
        for (auto& t : logins) t.join();
    }

    HttpClient contact_http(servers.front()->port());
    std::vector<Answer> answers(s.agents);
    std::string target;
    Latencies requests, from_go, rounds;
    int bad_rounds = 0;
    Clock::time_point go;
    auto stamp_go = [&go]() noexcept { go = Clock::now(); };
    std::barrier start(static_cast<std::ptrdiff_t>(s.agents + 1), stamp_go);
    std::barrier done(static_cast<std::ptrdiff_t>(s.agents + 1));
    std::vector<std::thread> racers;
    for (size_t i = 0; i < s.agents; ++i)
        racers.emplace_back([&, i] {
            for (int r = 0; r < s.rounds; ++r) {
                start.arrive_and_wait();
                const auto t0 = Clock::now();
                const auto res = clients[i]->post(target, "", tokens[i]);
                const auto t1 = Clock::now();
                answers[i] = {res.status, ms_between(t0, t1), ms_between(go, t1),
                              res.body.find("\"assignee\"") != std::string::npos};
                done.arrive_and_wait();
            }
        });
    for (int r = 0; r < s.rounds; ++r) {
        const auto chat = start_contact_chat(contact_http, "Race Contact " + std::to_string(r),
                                             "Who will take this chat?");
        target = "/api/v1/chats/" + std::to_string(chat.chat_id) + "/accept";
        start.arrive_and_wait();
        done.arrive_and_wait();
        int wins = 0, conflicts = 0;
        double slowest = 0;
        for (const auto& a : answers) {
            requests.add(a.ms);
            from_go.add(a.from_go);
            slowest = std::max(slowest, a.from_go);
            if (a.status == 200) ++wins;
            if (a.status == 409 && a.names_winner) ++conflicts;
        }
        rounds.add(slowest);
        if (wins != 1 || static_cast<size_t>(conflicts) != s.agents - 1) {
            ++bad_rounds;
            std::cerr << "round " << r << ": " << wins << " x 200, " << conflicts
                      << " x 409 naming the winner\n";
        }
    }
    for (auto& t : racers) t.join();

    const std::string b = std::string("accept_race/") + store_name(db.store) +
                          (s.instances > 1 ? "/" + std::to_string(s.instances) + " instances" : "");
    const std::string n = std::to_string(s.agents);
    print_result(b, "request latency, " + n + "-way x " + std::to_string(s.rounds) + " rounds",
                 requests.summary());
    print_result(b, "latency from the common start", from_go.summary());
    print_result(b, "round (common start -> last answer)", rounds.summary());
    print_result(b, "rounds with exactly one 200 and " + std::to_string(s.agents - 1) + " x 409",
                 std::to_string(s.rounds - bad_rounds) + " of " + std::to_string(s.rounds), "all",
                 bad_rounds == 0);
    const double p99 = from_go.percentile(99);
    print_result(b, "p99 latency from the common start, " + n + "-way", fixed(p99, 2) + " ms",
                 "<= 20 ms", p99 <= 20.0);
    return bad_rounds == 0 ? 0 : 1;
}

}  // namespace
}  // namespace bench

int main(int argc, char** argv) {
    bench::Settings s;
    if (!bench::parse_options(
            argc, argv, "accept_race_bench [--agents N] [--rounds R] [--instances N]",
            {{"--agents",
              [&](const char* v) { s.agents = static_cast<size_t>(std::max(2, std::atoi(v))); }},
             {"--rounds", [&](const char* v) { s.rounds = std::max(1, std::atoi(v)); }},
             {"--instances", [&](const char* v) {
                  s.instances = static_cast<size_t>(std::max(1L, std::atol(v)));
              }}}))
        return 2;
    return bench::run_reporting("accept_race_bench", [&] { return bench::run(s); });
}
