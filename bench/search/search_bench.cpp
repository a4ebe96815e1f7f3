// Search and memory benchmark. Generates 1,000,000 messages (20,000 chats of 50) into a fresh
// database (SQLite, or PostgreSQL with scripts/bench --store postgres: the same generated data),
// starts switchboard-server on it and times GET /api/v1/chats/search for several kinds of query as
// a supervisor (one client, one query at a time, after a warm-up). Then opens 1,000 event sockets
// and reads the server's resident memory (VmRSS, /proc) at each step.
//
// Usage: search_bench [--messages N] [--queries-per-kind N] [--sockets N]
#include <iostream>
#include <random>

#include "common/api_setup.h"
#include "common/args.h"
#include "common/latency.h"
#include "common/ws_fleet.h"
#include "protocol/url.h"
#include "search/message_generator.h"

namespace bench {
namespace {

struct Settings {
    long long messages = 1'000'000;
    int per_kind = 60;
    size_t sockets = 1000;
    int concurrent_logins = 8;
};

// Query texts by kind, drawn from the generated data.
std::vector<std::pair<std::string, std::vector<std::string>>> query_plan(const GeneratedData& d,
                                                                         int per_kind) {
    std::mt19937 rng(7);
    const auto& common = common_words();
    auto pick = [&rng](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
    std::vector<std::pair<std::string, std::vector<std::string>>> plan = {
        {"one common word", {}},         {"two common words", {}}, {"rare word", {}},
        {"word prefix (3 letters)", {}}, {"contact name", {}},     {"#N exact", {}}};
    for (int i = 0; i < per_kind; ++i) {
        plan[0].second.push_back(pick(common));
        plan[1].second.push_back(pick(common) + " " + pick(common));
        plan[2].second.push_back(pick(d.rare_words));
        plan[3].second.push_back(pick(common).substr(0, 3));
        const std::string name = pick(d.contact_names);
        plan[4].second.push_back(name.substr(0, name.rfind(' ')));  // first and last name
        plan[5].second.push_back("#" + std::to_string(1 + rng() % d.chats));
    }
    return plan;
}

double mib(long kib) {
    return static_cast<double>(kib) / 1024.0;
}

int run(const Settings& s) {
    const StaffLogin sup{"searcher", "bench-password"};
    const auto db = make_db("search", {sup}, "supervisor");
    const std::string b = std::string("search/") + store_name(db.store);
    const std::string m = std::string("memory/") + store_name(db.store);
    const long long staff_id = db.query_integer("SELECT id FROM staff WHERE login = 'searcher'");
    const long long queue_id = db.query_integer("SELECT id FROM queues WHERE name = 'Support'");
    const auto g0 = Clock::now();
    const auto data = generate_messages(db, s.messages, 50, staff_id, queue_id);
    const double gen_s = ms_between(g0, Clock::now()) / 1000.0;
    std::cerr << "generated " << data.messages << " messages in " << fixed(gen_s, 1) << " s\n";

    auto server = start_switchboard(db);
    const long rss_start = server->rss_kib();
    HttpClient http(server->port());
    const std::string token = login(http, sup);

    const auto plan = query_plan(data, s.per_kind);
    // Warm-up: one of each kind (first touches of the FTS index pages).
    for (const auto& [kind, queries] : plan)
        expect_status(
            http.get("/api/v1/chats/search?q=" + sb::protocol::url_encode(queries[0]), token), 200,
            "search " + queries[0]);
    Latencies all;
    for (const auto& [kind, queries] : plan) {
        Latencies lat;
        size_t empty = 0, bytes = 0;
        for (const auto& q : queries) {
            const auto t0 = Clock::now();
            const auto r = http.get("/api/v1/chats/search?q=" + sb::protocol::url_encode(q), token);
            lat.add(ms_between(t0, Clock::now()));
            expect_status(r, 200, "search " + q);
            if (r.body.find("\"chats\":[]") != std::string::npos) ++empty;
            bytes += r.body.size();
        }
        print_result(b, kind,
                     lat.summary() + ", answer " + std::to_string(bytes / queries.size()) +
                         " bytes avg" + (empty ? ", " + std::to_string(empty) + " empty" : ""));
        all.merge(lat);
    }
    const long rss_searched = server->rss_kib();

    std::vector<std::string> hellos(s.sockets, hello_frame(token));
    WsFleet fleet({server->port(), "/api/v1/events", hellos},
                  [](size_t, std::string_view, Clock::time_point) {});
    fleet.open(std::chrono::seconds(120));
    std::this_thread::sleep_for(std::chrono::seconds(1));
    const long rss_sockets = server->rss_kib();
    const long peak = server->peak_rss_kib();
    fleet.close_all();

    // Logins at once: each Argon2id verification holds its own 64 MiB (MEMLIMIT_INTERACTIVE).
    {
        std::vector<std::thread> logins;
        for (int i = 0; i < s.concurrent_logins; ++i)
            logins.emplace_back([&] {
                HttpClient h(server->port());
                (void)login(h, sup);
            });
        for (auto& t : logins) t.join();
    }
    const long peak_logins = server->peak_rss_kib();

    const std::string n = std::to_string(data.messages);
    print_result(b, "data",
                 n + " messages, " + std::to_string(data.chats) + " chats, generated in " +
                     fixed(gen_s, 1) + " s");
    print_result(b, "all kinds", all.summary());
    print_result(b, "p95 over " + n + " messages", fixed(all.percentile(95), 2) + " ms", "<= 20 ms",
                 all.percentile(95) <= 20.0);
    print_result(m, "RSS after start / after searches",
                 fixed(mib(rss_start)) + " / " + fixed(mib(rss_searched)) + " MiB");
    print_result(m, "RSS, " + n + " messages + " + std::to_string(s.sockets) + " sockets",
                 fixed(mib(rss_sockets)) + " MiB (peak " + fixed(mib(peak)) + ")", "<= 150 MB",
                 static_cast<double>(rss_sockets) * 1024.0 <= 150e6);
    print_result(m, "peak RSS after " + std::to_string(s.concurrent_logins) + " logins at once",
                 fixed(mib(peak_logins)) + " MiB", "<= 150 MB",
                 static_cast<double>(peak_logins) * 1024.0 <= 150e6);
    return 0;
}

}  // namespace
}  // namespace bench

int main(int argc, char** argv) {
    bench::Settings s;
    if (!bench::parse_options(
            argc, argv, "search_bench [--messages N] [--queries-per-kind N] [--sockets N]",
            {{"--messages", [&](const char* v) { s.messages = std::atoll(v); }},
             {"--queries-per-kind", [&](const char* v) { s.per_kind = std::max(1, std::atoi(v)); }},
             {"--sockets", [&](const char* v) { s.sockets = static_cast<size_t>(std::atol(v)); }}}))
        return 2;
    return bench::run_reporting("search_bench", [&] { return bench::run(s); });
}
