// `switchboard-server admin <command> [--db FILE] [--name value ...]`: staff, queues, membership,
// passwords, display and integration tokens and /stats thresholds, on whatever database the
// server uses (a SQLite file or PostgreSQL; store/open_store.h). Safe while the server runs:
// writes wait their turn, and the running server(s) hear of its events (store.h's commit seam).
#include <chrono>
#include <iostream>
#include <map>

#include "protocol/validate.h"
#include "server/auth/passwords.h"
#include "server/auth/tokens.h"
#include "server/channel/webhook_config.h"
#include "server/core.h"
#include "server/stats/stats_service.h"
#include "server/store/open_store.h"

namespace sb::server {

namespace {

constexpr const char* kUsage = R"(usage: switchboard-server admin <command> [--db FILE] [options]

commands:
  add-staff --login L --name N [--role agent|supervisor|admin] [--password P] [--queue Q]...
  set-password --login L [--password P]
  add-queue --name N
  add-member --login L --queue Q            (Q: a queue name or id)
  make-display-token [--label TEXT]         (read-only: /stats and the event stream)
  make-integration-token [--label TEXT]
  set-webhook --label TEXT --url http://HOST[:PORT]/PATH
                                            (staff replies to that integration's contacts are
                                             POSTed there; prints the new signing secret)
  set-threshold --name NAME --value N       (wait_amber_seconds, wait_red_seconds, pending_amber,
                                             pending_red, first_response_amber_seconds,
                                             first_response_red_seconds)
  list                                      (staff and queues)

--db (or --database) is a SQLite file or a postgresql:// URL; it defaults to $SWITCHBOARD_DATABASE,
else $SWITCHBOARD_DB, else var/switchboard.db. A password not given with --password
is read from $SWITCHBOARD_PASSWORD, else from the first line of standard input.
)";

struct Args {
    std::string command;
    std::multimap<std::string, std::string> options;

    std::optional<std::string> get(const std::string& k) const {
        auto it = options.find(k);
        if (it == options.end()) return std::nullopt;
        return it->second;
    }
    std::string need(const std::string& k) const {
        auto v = get(k);
        if (!v) throw std::invalid_argument("--" + k + " is required");
        return *v;
    }
};

Args parse(int argc, char** argv) {
    Args a;
    if (argc < 2) throw std::invalid_argument("a command is required");
    a.command = argv[1];
    for (int i = 2; i < argc; ++i) {
        std::string k = argv[i];
        if (k.rfind("--", 0) != 0 || i + 1 >= argc)
            throw std::invalid_argument("expected --option value, got " + k);
        a.options.emplace(k.substr(2), argv[++i]);
    }
    return a;
}

protocol::Time now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string password_of(const Args& a) {
    if (auto p = a.get("password")) return *p;
    if (const char* env = std::getenv("SWITCHBOARD_PASSWORD")) return env;
    std::string line;
    std::getline(std::cin, line);
    if (line.empty()) throw std::invalid_argument("no password given");
    return line;
}

void check_name(const char* field, const std::string& v) {
    if (auto e = protocol::check_name(field, v)) throw std::invalid_argument(*e);
}

protocol::Queue find_queue(store::WriteTx& tx, const std::string& q) {
    for (const auto& queue : tx.queues())
        if (queue.name == q || std::to_string(queue.id) == q) return queue;
    throw std::invalid_argument("no queue " + q);
}

protocol::Staff find_staff(store::WriteTx& tx, const std::string& login) {
    auto s = tx.staff_by_login(login);
    if (!s) throw std::invalid_argument("no staff member with login " + login);
    return s->staff;
}

void audit(store::WriteTx& tx, const std::string& action, const std::string& detail) {
    tx.insert_audit({now_ms(), "admin-cli", std::nullopt, action, std::nullopt, detail});
}

// A staff.updated event, so a running server (which hears of events other processes commit)
// tells connected consoles, and applies the new queues to that staff member's own sockets.
void announce_staff(store::WriteTx& tx, protocol::Id staff_id) {
    protocol::Event e;
    e.type = protocol::EventType::staff_updated;
    e.at = now_ms();
    e.staff = tx.staff(staff_id);
    tx.append_event(std::move(e));
}

std::string make_token(store::Store& store, store::TokenRecord::Kind kind, const Args& a) {
    const auto token = auth::make_token(kind);
    store::TokenRecord t;
    t.kind = kind;
    t.label = a.get("label").value_or("");
    t.created_at = now_ms();
    store.write([&](store::WriteTx& tx) {
        tx.insert_token(token.hash, t);
        audit(tx, std::string("make-") + store::to_string(kind) + "-token", t.label);
    });
    return token.text;
}

int run(const Args& a) {
    const char* env_database = std::getenv("SWITCHBOARD_DATABASE");
    const char* env_db = std::getenv("SWITCHBOARD_DB");
    const std::string db = a.get("database")
                               .value_or(a.get("db").value_or(env_database ? env_database
                                                              : env_db     ? env_db
                                                                           : "var/switchboard.db"));
    auto opened = store::open_store(db, {1});
    store::Store& store = *opened;
    const std::string& c = a.command;
    if (c == "add-staff") {
        const std::string login = a.need("login"), name = a.need("name");
        check_name("login", login);
        check_name("name", name);
        const auto role = protocol::parse_role(a.get("role").value_or("agent"));
        if (!role) throw std::invalid_argument("--role must be agent, supervisor or admin");
        const std::string hash = auth::hash_password(password_of(a));
        store.write([&](store::WriteTx& tx) {
            if (tx.staff_by_login(login)) throw std::invalid_argument("login " + login + " exists");
            const auto id = tx.insert_staff(login, name, *role, hash, now_ms());
            for (auto [it, end] = a.options.equal_range("queue"); it != end; ++it)
                tx.add_member(find_queue(tx, it->second).id, id);
            audit(tx, "add-staff", login);
            announce_staff(tx, id);
            std::cout << "staff #" << id << " " << login << " (" << protocol::to_string(*role)
                      << ")\n";
        });
    } else if (c == "set-password") {
        const std::string login = a.need("login");
        const std::string hash = auth::hash_password(password_of(a));
        store.write([&](store::WriteTx& tx) {
            tx.set_password(find_staff(tx, login).id, hash);
            audit(tx, "set-password", login);
        });
        std::cout << "password set for " << login << "\n";
    } else if (c == "add-queue") {
        const std::string name = a.need("name");
        check_name("name", name);
        store.write([&](store::WriteTx& tx) {
            for (const auto& q : tx.queues())
                if (q.name == name) throw std::invalid_argument("queue " + name + " exists");
            std::cout << "queue #" << tx.insert_queue(name) << " " << name << "\n";
            audit(tx, "add-queue", name);
        });
    } else if (c == "add-member") {
        store.write([&](store::WriteTx& tx) {
            const auto s = find_staff(tx, a.need("login"));
            const auto q = find_queue(tx, a.need("queue"));
            tx.add_member(q.id, s.id);
            audit(tx, "add-member", s.login + " " + q.name);
            announce_staff(tx, s.id);
            std::cout << s.login << " is in queue " << q.name << "\n";
        });
    } else if (c == "make-display-token") {
        std::cout << make_token(store, store::TokenRecord::Kind::display, a) << "\n";
    } else if (c == "make-integration-token") {
        std::cout << make_token(store, store::TokenRecord::Kind::integration, a) << "\n";
    } else if (c == "set-webhook") {
        std::cout << channel::configure_webhook(store, a.need("label"), a.need("url"), now_ms())
                  << "\n";
    } else if (c == "set-threshold") {
        const std::string name = a.need("name");
        const std::int64_t value = std::stoll(a.need("value"));
        protocol::Thresholds probe;
        if (!StatsService::set_threshold(probe, name, value) || value < 0)
            throw std::invalid_argument("unknown threshold " + name + " or negative value");
        store.write([&](store::WriteTx& tx) {
            tx.set_setting("threshold." + name, std::to_string(value));
            audit(tx, "set-threshold", name + "=" + std::to_string(value));
        });
        std::cout << name << " = " << value << "\n";
    } else if (c == "list") {
        store.read([&](store::ReadTx& tx) {
            for (const auto& q : tx.queues())
                std::cout << "queue #" << q.id << " " << q.name << "\n";
            for (const auto& s : tx.staff_search("", 100000)) {
                std::cout << "staff #" << s.id << " " << s.login << " \"" << s.name << "\" "
                          << protocol::to_string(s.role) << " queues:";
                for (auto q : s.queues) std::cout << " " << q;
                std::cout << "\n";
            }
        });
    } else {
        throw std::invalid_argument("unknown command " + c);
    }
    return 0;
}

}  // namespace

int run_admin_cli(int argc, char** argv) {
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
        std::cout << kUsage;
        return argc < 2 ? 2 : 0;
    }
    try {
        return run(parse(argc, argv));
    } catch (const std::invalid_argument& e) {
        std::cerr << "switchboard-server admin: " << e.what() << "\n\n" << kUsage;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "switchboard-server admin: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace sb::server
