// Durable message ingest: T client threads, each a contact with its own chat and keep-alive
// connection, send messages back to back through the API (POST /contact/chats/{id}/messages)
// for a fixed time. Counts the acknowledged (201) messages per second, with the latency of each
// request. Afterwards the server is stopped and the database is read directly to check that
// every acknowledged message is there (durable: committed before the 201).
//
// On PostgreSQL (scripts/bench --store postgres) the same run is repeated, in the same process,
// by a bare libpq writer: T threads, one connection each, one transaction per message doing what
// the server's transaction writes (the message, the chat's counters, the seq from the one-row
// counter, the event row, NOTIFY) and nothing else: no HTTP, no JSON, no reads, no fan-out.
// The ratio API / bare is what the server adds on top of PostgreSQL's own commit cost.
//
// Usage: ingest_bench [--threads N] [--seconds S] [--server-workers N]
#include <atomic>
#include <functional>
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

std::string message_body(size_t i, int thread) {
    return "Ingest message " + std::to_string(i) + " from thread " + std::to_string(thread) +
           ": where is my parcel? It was due on Tuesday.";
}

// Runs body(thread, stop) on `threads` threads for `seconds`; returns the elapsed seconds.
double run_for(int threads, double seconds,
               const std::function<void(int, const std::atomic<bool>&)>& body) {
    std::atomic<bool> go{false}, stop{false};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            while (!go) std::this_thread::yield();
            body(t, stop);
        });
    const auto t0 = Clock::now();
    go = true;
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& th : pool) th.join();
    return ms_between(t0, Clock::now()) / 1000.0;
}

ThreadResult total_of(const std::vector<ThreadResult>& results) {
    ThreadResult total;
    for (const auto& r : results) {
        total.acked += r.acked;
        total.failed += r.failed;
        total.latency.merge(r.latency);
    }
    return total;
}

// The bare reference on PostgreSQL: the writes of one contact message, one transaction each.
double bare_libpq_rate(const BenchDb& db, const std::vector<ContactChat>& chats, const Settings& s,
                       Latencies& latency) {
    std::vector<ThreadResult> results(static_cast<size_t>(s.threads));
    std::vector<std::unique_ptr<PgConnection>> conns;
    for (int t = 0; t < s.threads; ++t)
        conns.push_back(std::make_unique<PgConnection>(db.database));
    const double elapsed = run_for(s.threads, s.seconds, [&](int t, const std::atomic<bool>& stop) {
        auto& out = results[static_cast<size_t>(t)];
        auto& pg = *conns[static_cast<size_t>(t)];
        const std::string chat = std::to_string(chats[static_cast<size_t>(t)].chat_id);
        for (size_t i = 0; !stop; ++i) {
            const std::string body = message_body(i, t);  // plain ASCII: no quoting needed
            const std::string now =
                std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count());
            const auto t0 = Clock::now();
            pg.exec("BEGIN");
            pg.exec(
                "INSERT INTO messages(chat_id, kind, author_type, body, client_id, created_at) "
                "VALUES (" +
                chat + ", 'text', 'contact', '" + body + "', 'bare" + std::to_string(t) + "-" +
                std::to_string(i) + "', " + now + ")");
            pg.exec("UPDATE chats SET last_message_at = " + now + ", last_message_preview = '" +
                    body.substr(0, 80) +
                    "', contact_msg_count = contact_msg_count + 1, version = version + 1 "
                    "WHERE id = " +
                    chat);
            const std::string seq =
                pg.exec("UPDATE event_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq");
            pg.exec("INSERT INTO events(seq, type, at, chat_id, payload) VALUES (" + seq +
                    ", 'message.created', " + now + ", " + chat + ", '{\"body\":\"" + body +
                    "\"}')");
            pg.exec("NOTIFY switchboard_bench_bare");
            pg.exec("COMMIT");
            out.latency.add(ms_between(t0, Clock::now()));
            ++out.acked;
        }
    });
    const auto total = total_of(results);
    latency = total.latency;
    return static_cast<double>(total.acked) / elapsed;
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

    std::vector<ThreadResult> results(static_cast<size_t>(s.threads));
    std::vector<std::unique_ptr<HttpClient>> clients;
    for (int t = 0; t < s.threads; ++t)
        clients.push_back(std::make_unique<HttpClient>(server->port()));
    const double cpu0 = server->cpu_seconds();
    const double elapsed = run_for(s.threads, s.seconds, [&](int t, const std::atomic<bool>& stop) {
        const auto& chat = chats[static_cast<size_t>(t)];
        auto& out = results[static_cast<size_t>(t)];
        auto& http = *clients[static_cast<size_t>(t)];
        const std::string target =
            "/api/v1/contact/chats/" + std::to_string(chat.chat_id) + "/messages";
        for (size_t i = 0; !stop; ++i) {
            const auto t0 = Clock::now();
            const auto r = http.post(
                target, message_json(message_body(i, t), "m" + std::to_string(i)), chat.token);
            out.latency.add(ms_between(t0, Clock::now()));
            r.status == 201 ? ++out.acked : ++out.failed;
        }
    });
    const double cpu = server->cpu_seconds() - cpu0;
    const long rss = server->rss_kib();
    const int exit_status = server->stop();

    const ThreadResult total = total_of(results);
    const double rate = static_cast<double>(total.acked) / elapsed;
    const long long stored =
        db.query_integer("SELECT count(*) FROM messages WHERE author_type = 'contact'");
    const long long expected = static_cast<long long>(total.acked) + s.threads;
    const std::string b = std::string("ingest/") + store_name(db.store);
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
    if (db.store == StoreKind::postgres) {
        Latencies bare_latency;
        const double bare = bare_libpq_rate(db, chats, s, bare_latency);
        print_result(b, "bare libpq writer: transaction latency", bare_latency.summary());
        print_result(b, "bare libpq writer: messages/s", fixed(bare, 0));
        print_result(b, "messages/s (acknowledged) vs bare libpq",
                     fixed(rate, 0) + " = " + fixed(rate / bare, 2) + "x", ">= 0.5x",
                     rate / bare >= 0.5);
        return stored == expected ? 0 : 1;
    }
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
