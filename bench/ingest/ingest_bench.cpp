// Durable message ingest: T client threads, each a contact with its own chat and keep-alive
// connection, send messages back to back through the API (POST /contact/chats/{id}/messages)
// for a fixed time. Counts the acknowledged (201) messages per second, with the latency of each
// request. Afterwards the server is stopped and the database file is opened directly to check
// that every acknowledged message is there (durable: committed before the 201).
//
// Usage: ingest_bench [--threads N] [--seconds S] [--server-workers N]
#include <sqlite3.h>

#include <atomic>
#include <iostream>
#include <thread>

#include "common/api_setup.h"
#include "common/args.h"
#include "common/latency.h"

namespace bench {
namespace {

struct Settings {
    int threads = 32;
    double seconds = 10;
    int server_workers = 0;  // 0: the server's default
};

struct ThreadResult {
    size_t acked = 0;
    size_t failed = 0;
    Latencies latency;
};

long long count_contact_messages(const std::string& db_path) {
    sqlite3* db = nullptr;
    // Read-write, so that SQLite can recover a WAL the server left behind (after a crash).
    if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
        throw std::runtime_error("cannot open " + db_path);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM messages WHERE author_type = 'contact'", -1, &st,
                       nullptr);
    long long n = -1;
    if (st && sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
    if (n < 0) std::cerr << "ingest_bench: counting messages: " << sqlite3_errmsg(db) << "\n";
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

int run(const Settings& s) {
    const auto db = make_db("ingest", {}, "agent");
    std::vector<std::string> flags;
    if (s.server_workers > 0) flags = {"--workers", std::to_string(s.server_workers)};
    auto server = start_switchboard(db, flags);

    std::vector<ContactChat> chats;
    {
        HttpClient http(server->port());
        for (int t = 0; t < s.threads; ++t)
            chats.push_back(
                start_contact_chat(http, "Ingest Contact " + std::to_string(t), "first message"));
    }

    std::atomic<bool> go{false}, stop{false};
    std::vector<ThreadResult> results(static_cast<size_t>(s.threads));
    std::vector<std::thread> threads;
    for (int t = 0; t < s.threads; ++t)
        threads.emplace_back([&, t] {
            auto& chat = chats[static_cast<size_t>(t)];
            auto& out = results[static_cast<size_t>(t)];
            HttpClient http(server->port());
            const std::string target =
                "/api/v1/contact/chats/" + std::to_string(chat.chat_id) + "/messages";
            while (!go) std::this_thread::yield();
            for (size_t i = 0; !stop; ++i) {
                const std::string body = "Ingest message " + std::to_string(i) + " from thread " +
                                         std::to_string(t) +
                                         ": where is my parcel? It was due on Tuesday.";
                const auto t0 = Clock::now();
                const auto r =
                    http.post(target, message_json(body, "m" + std::to_string(i)), chat.token);
                out.latency.add(ms_between(t0, Clock::now()));
                r.status == 201 ? ++out.acked : ++out.failed;
            }
        });
    const double cpu0 = server->cpu_seconds();
    const auto t0 = Clock::now();
    go = true;
    std::this_thread::sleep_for(std::chrono::duration<double>(s.seconds));
    stop = true;
    for (auto& th : threads) th.join();
    const double elapsed = ms_between(t0, Clock::now()) / 1000.0;
    const double cpu = server->cpu_seconds() - cpu0;
    const long rss = server->rss_kib();
    const int exit_status = server->stop();

    ThreadResult total;
    for (auto& r : results) {
        total.acked += r.acked;
        total.failed += r.failed;
        total.latency.merge(r.latency);
    }
    const double rate = static_cast<double>(total.acked) / elapsed;
    const long long stored = count_contact_messages(db.path);
    const long long expected = static_cast<long long>(total.acked) + s.threads;
    const std::string b = "ingest";
    print_result(b, "clients x seconds", std::to_string(s.threads) + " x " + fixed(elapsed, 1));
    print_result(b, "request latency", total.latency.summary());
    print_result(b, "server CPU ms per message",
                 fixed(cpu * 1000.0 / static_cast<double>(total.acked), 3));
    print_result(b, "server RSS MiB", fixed(static_cast<double>(rss) / 1024.0));
    print_result(b, "server exit status after SIGTERM", std::to_string(exit_status));
    print_result(b, "acknowledged / failed",
                 std::to_string(total.acked) + " / " + std::to_string(total.failed));
    print_result(b, "durable: stored after stop = acked + opening",
                 std::to_string(stored) + " vs " + std::to_string(expected), "equal",
                 stored == expected);
    print_result(b, "messages/s (acknowledged)", fixed(rate, 0), ">= 10000", rate >= 10000);
    return stored == expected ? 0 : 1;
}

}  // namespace
}  // namespace bench

int main(int argc, char** argv) {
    bench::Settings s;
    if (!bench::parse_options(
            argc, argv, "ingest_bench [--threads N] [--seconds S] [--server-workers N]",
            {{"--threads", [&](const char* v) { s.threads = std::max(1, std::atoi(v)); }},
             {"--seconds", [&](const char* v) { s.seconds = std::atof(v); }},
             {"--server-workers", [&](const char* v) { s.server_workers = std::atoi(v); }}}))
        return 2;
    return bench::run_reporting("ingest_bench", [&] { return bench::run(s); });
}
