#include "common/api_setup.h"

#include <nlohmann/json.hpp>

#include "protocol/json.h"

namespace bench {

BenchDb make_db(const std::string& name, const std::vector<StaffLogin>& staff,
                const std::string& role) {
    BenchDb db;
    db.dir = fresh_dir(name);
    db.store = bench_store();
    db.database = new_database(db.store, db.dir);
    db.log = db.dir + "/server.log";
    run_command(
        {server_binary(), "admin", "add-queue", "--database", db.database, "--name", "Support"},
        db.log);
    add_staff(db, staff, role);
    return db;
}

void add_staff(const BenchDb& db, const std::vector<StaffLogin>& staff, const std::string& role) {
    for (const auto& s : staff)
        run_command({server_binary(), "admin", "add-staff", "--database", db.database, "--login",
                     s.login, "--name", "Bench " + s.login, "--role", role, "--password",
                     s.password, "--queue", "Support"},
                    db.log);
}

std::unique_ptr<ServerProcess> start_switchboard(const BenchDb& db,
                                                 const std::vector<std::string>& extra) {
    // Benchmarks measure capacity, not the public side's rate limits: they start many chats and
    // send many messages from one address and token, so they lift those limits by name (the
    // limits themselves: tests/server/abuse_test.cpp, bench/login_storm). The same for the
    // connection cap per address: the fan-out opens 1,000 sockets from loopback.
    std::vector<std::string> argv{server_binary(),
                                  "--database",
                                  db.database,
                                  "--port",
                                  "0",
                                  "--quiet",
                                  "--limit-chat-starts-per-address",
                                  "off",
                                  "--limit-chat-starts",
                                  "off",
                                  "--limit-messages-per-token",
                                  "off",
                                  "--max-connections-per-address",
                                  "100000"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return std::make_unique<ServerProcess>(argv, db.log);
}

std::vector<std::unique_ptr<ServerProcess>> start_instances(const BenchDb& db, size_t n,
                                                            const std::vector<std::string>& extra) {
    if (n > 1 && db.store != StoreKind::postgres)
        throw std::runtime_error(
            "several instances need PostgreSQL (scripts/bench --store postgres)");
    std::vector<std::unique_ptr<ServerProcess>> out;
    for (size_t i = 1; i <= n; ++i) {
        auto flags = extra;
        flags.insert(flags.end(), {"--instance", "b" + std::to_string(i)});
        out.push_back(start_switchboard(db, flags));
    }
    return out;
}

std::string login(HttpClient& http, const StaffLogin& who) {
    protocol::LoginRequest req{who.login, who.password};
    const auto r = http.post("/api/v1/auth/login", protocol::encode(req));
    expect_status(r, 200, "login " + who.login);
    return protocol::decode<protocol::LoginResponse>(r.body).token;
}

ContactChat start_contact_chat(HttpClient& http, const std::string& name, const std::string& body) {
    protocol::ContactStartRequest req;
    req.name = name;
    req.body = body;
    const auto r = http.post("/api/v1/contact/chats", protocol::encode(req));
    expect_status(r, 201, "start a contact chat");
    const auto res = protocol::decode<protocol::ContactStartResponse>(r.body);
    return {res.chat_id, res.contact_token};
}

std::string message_json(const std::string& body, const std::string& client_id) {
    return nlohmann::json{{"body", body}, {"client_id", client_id}}.dump();
}

std::string hello_frame(const std::string& token, protocol::Seq since) {
    return nlohmann::json{{"type", "hello"}, {"token", token}, {"since", since}}.dump();
}

std::vector<StaffLogin> numbered_staff(const std::string& prefix, size_t n) {
    std::vector<StaffLogin> out;
    for (size_t i = 1; i <= n; ++i) out.push_back({prefix + std::to_string(i), "bench-password"});
    return out;
}

}  // namespace bench
