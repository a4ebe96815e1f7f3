// Setting up a Switchboard server for a benchmark: a fresh database made with the admin CLI, the
// server process started on it, logins, contact chats and hello frames, all through the real
// CLI and API (nothing is faked).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/bench_db.h"
#include "common/http_client.h"
#include "common/server_process.h"
#include "protocol/model.h"

namespace bench {
namespace protocol = sb::protocol;

struct StaffLogin {
    std::string login;
    std::string password;
};

// The database of one run, on the store bench_store() names (common/bench_db.h): queue
// "Support" plus the given staff (role agent|supervisor), all members of Support. Made with
// `switchboard-server admin`.
struct BenchDb {
    std::string dir;
    StoreKind store = StoreKind::sqlite;
    std::string database;  // the SQLite file, or a postgresql:// URL (--database of the server)
    std::string log;
    long long query_integer(const std::string& sql) const {
        return bench::query_integer(store, database, sql);
    }
};
BenchDb make_db(const std::string& name, const std::vector<StaffLogin>& staff,
                const std::string& role);
// Adds staff to an existing database.
void add_staff(const BenchDb& db, const std::vector<StaffLogin>& staff, const std::string& role);

// switchboard-server on the database, port 0, quiet, the contact side's rate limits off (a
// benchmark measures capacity), plus extra flags (e.g. --workers 16).
std::unique_ptr<ServerProcess> start_switchboard(const BenchDb& db,
                                                 const std::vector<std::string>& extra = {});
// n instances of switchboard-server on one database (--instance b1 … bn), each on its own port,
// as a cluster runs them (the benchmark's clients spread themselves over the ports; no balancer
// in the path). n > 1 needs PostgreSQL: throws on SQLite.
std::vector<std::unique_ptr<ServerProcess>> start_instances(
    const BenchDb& db, size_t n, const std::vector<std::string>& extra = {});

std::string login(HttpClient& http, const StaffLogin& who);

struct ContactChat {
    protocol::Id chat_id = 0;
    std::string token;
};
ContactChat start_contact_chat(HttpClient& http, const std::string& name, const std::string& body);

// The body of POST /contact/chats/{id}/messages and of POST /chats/{id}/messages.
std::string message_json(const std::string& body, const std::string& client_id);

// {"type":"hello","token":…,"since":since}
std::string hello_frame(const std::string& token, protocol::Seq since = 0);

// "<prefix>1" … "<prefix>n", password "bench-password".
std::vector<StaffLogin> numbered_staff(const std::string& prefix, size_t n);

}  // namespace bench
