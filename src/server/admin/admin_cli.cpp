// `switchboard-server admin <command> [--db FILE] [--name value ...]`: staff, queues, membership,
// passwords, display and integration tokens and /stats thresholds, on whatever database the
// server uses (a SQLite file or PostgreSQL; store/open_store.h). Safe while the server runs:
// writes wait their turn, and the running server(s) hear of its events (store.h's commit seam).
#include <charconv>
#include <chrono>
#include <iostream>
#include <map>

#include "protocol/time.h"
#include "protocol/validate.h"
#include "server/auth/passwords.h"
#include "server/auth/tokens.h"
#include "server/channel/webhook_config.h"
#include "server/core.h"
#include "server/domain/admin_service.h"
#include "server/domain/domain_error.h"
#include "server/stats/stats_service.h"
#include "server/store/open_store.h"

namespace sb::server {

namespace {

constexpr const char* kUsage = R"(usage: switchboard-server admin <command> [--db FILE] [options]

commands:
  add-staff --login L --name N [--role agent|supervisor|admin] [--password P] [--queue Q]...
  set-password --login L [--password P]     (ends that person's sessions; sockets close)
  deactivate-staff --login L                (cannot log in; sessions end; working chats go
                                             back to Pending)
  reactivate-staff --login L
  add-queue --name N
  add-member --login L --queue Q            (Q: a queue name or id)
  remove-member --login L --queue Q
  make-display-token [--label TEXT] [--expires-at TIME | --expires-in N(d|h|m)]
                                            (read-only: /stats and the event stream; prints
                                             the token, and its id on standard error)
  make-integration-token --label TEXT [--expires-at TIME | --expires-in N(d|h|m)]
  list-tokens                               (display and integration tokens)
  revoke-token --id N                       (the token stops working; its sockets close)
  set-webhook --label TEXT --url http://HOST[:PORT]/PATH
                                            (staff replies to that integration's contacts are
                                             POSTed there; prints the new signing secret)
  set-threshold --name NAME --value N       (wait_amber_seconds, wait_red_seconds, pending_amber,
                                             pending_red, first_response_amber_seconds,
                                             first_response_red_seconds)
  set-time-zone --name IANA                 (the dashboard's "today", e.g. Europe/Prague)
  list                                      (staff and queues)

--db (or --database) is a SQLite file or a postgresql:// URL; it defaults to $SWITCHBOARD_DATABASE,
else $SWITCHBOARD_DB, else var/switchboard.db. A password (at least 8 characters) not given with
--password is read from $SWITCHBOARD_PASSWORD, else from the first line of standard input.
Every command does what the console's Admin screen does (domain/admin_service.h), audited as
admin-cli. Exit status: 0 done, 2 bad usage or refused, 1 failure.
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

protocol::Id find_queue(store::Store& store, const std::string& q) {
    return store.read_value([&](store::ReadTx& tx) {
        for (const auto& queue : tx.queue_infos())
            if (queue.name == q || std::to_string(queue.id) == q) return queue.id;
        throw std::invalid_argument("no queue " + q);
    });
}

protocol::Staff find_staff(store::Store& store, const std::string& login) {
    auto s = store.read_value([&](store::ReadTx& tx) { return tx.staff_by_login(login); });
    if (!s) throw std::invalid_argument("no staff member with login " + login);
    return s->staff;
}

std::optional<protocol::Time> expiry_of(const Args& a) {
    const auto at = a.get("expires-at");
    const auto in = a.get("expires-in");
    if (at && in) throw std::invalid_argument("give --expires-at or --expires-in, not both");
    if (at) {
        auto t = protocol::parse_time(*at);
        if (!t) throw std::invalid_argument("--expires-at must be an RFC 3339 time");
        return t;
    }
    if (!in) return std::nullopt;
    std::int64_t n = 0;
    const char unit = in->empty() ? '?' : in->back();
    auto r = std::from_chars(in->data(), in->data() + in->size() - 1, n);
    const std::int64_t ms = unit == 'd'   ? 86'400'000
                            : unit == 'h' ? 3'600'000
                            : unit == 'm' ? 60'000
                                          : 0;
    if (in->size() < 2 || r.ec != std::errc() || r.ptr != in->data() + in->size() - 1 || n <= 0 ||
        ms == 0 || n > 36'500)
        throw std::invalid_argument(
            "--expires-in must be a count of days, hours or minutes: "
            "30d, 12h, 90m");
    return now_ms() + n * ms;
}

std::string time_or_dash(const std::optional<protocol::Time>& t) {
    return t ? protocol::format_time(*t) : "-";
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
    ChatService chats(store, now_ms, nullptr);
    StatsService stats(store, now_ms, TimeZone("UTC"));
    AdminService admin(store, now_ms, chats, stats, auth::hash_password);
    const AdminActor cli = AdminActor::cli();
    const std::string& c = a.command;
    if (c == "add-staff") {
        protocol::StaffCreateRequest r;
        r.login = a.need("login");
        r.name = a.need("name");
        check_name("login", r.login);
        check_name("name", r.name);
        const auto role = protocol::parse_role(a.get("role").value_or("agent"));
        if (!role) throw std::invalid_argument("--role must be agent, supervisor or admin");
        r.role = *role;
        for (auto [it, end] = a.options.equal_range("queue"); it != end; ++it)
            r.queues.push_back(find_queue(store, it->second));
        r.password = password_of(a);
        if (auto e = protocol::check_new_password(r.password)) throw std::invalid_argument(*e);
        const auto s = admin.create_staff(cli, r);
        std::cout << "staff #" << s.id << " " << s.login << " (" << protocol::to_string(s.role)
                  << ")\n";
    } else if (c == "set-password") {
        const auto s = find_staff(store, a.need("login"));
        protocol::StaffPatchRequest r;
        r.password = password_of(a);
        if (auto e = protocol::check_new_password(*r.password)) throw std::invalid_argument(*e);
        admin.update_staff(cli, s.id, r);
        std::cout << "password set for " << s.login << "; their sessions have ended\n";
    } else if (c == "deactivate-staff" || c == "reactivate-staff") {
        const auto s = find_staff(store, a.need("login"));
        protocol::StaffPatchRequest r;
        r.active = c == "reactivate-staff";
        admin.update_staff(cli, s.id, r);
        std::cout << s.login << (*r.active ? " is active again\n" : " is deactivated\n");
    } else if (c == "add-queue") {
        const std::string name = a.need("name");
        check_name("name", name);
        const auto q = admin.create_queue(cli, name);
        std::cout << "queue #" << q.id << " " << q.name << "\n";
    } else if (c == "add-member" || c == "remove-member") {
        const auto s = find_staff(store, a.need("login"));
        const auto q = find_queue(store, a.need("queue"));
        const bool member = c == "add-member";
        admin.set_member(cli, q, s.id, member);
        std::cout << s.login << (member ? " is in queue " : " is not in queue ") << a.need("queue")
                  << "\n";
    } else if (c == "make-display-token" || c == "make-integration-token") {
        protocol::TokenCreateRequest r;
        r.kind = c == "make-display-token" ? protocol::TokenKind::display
                                           : protocol::TokenKind::integration;
        r.label = a.get("label").value_or("");
        r.expires_at = expiry_of(a);
        const auto made = admin.create_token(cli, r);
        std::cout << made.token << "\n";
        std::cerr << protocol::to_string(r.kind) << " token #" << made.info.id
                  << (r.expires_at ? ", expires " + protocol::format_time(*r.expires_at) : "")
                  << " (shown once; revoke-token --id " << made.info.id << " ends it)\n";
    } else if (c == "list-tokens") {
        for (const auto& t : admin.list_tokens())
            std::cout << "token #" << t.id << " " << protocol::to_string(t.kind) << " \"" << t.label
                      << "\" created " << protocol::format_time(t.created_at) << " expires "
                      << time_or_dash(t.expires_at) << " last used " << time_or_dash(t.last_used_at)
                      << "\n";
    } else if (c == "revoke-token") {
        const std::string text = a.need("id");
        protocol::Id id = 0;
        auto r = std::from_chars(text.data(), text.data() + text.size(), id);
        if (r.ec != std::errc() || r.ptr != text.data() + text.size() || id <= 0)
            throw std::invalid_argument("--id must be a token id (see list-tokens)");
        admin.revoke_token(cli, id);
        std::cout << "token #" << id << " revoked\n";
    } else if (c == "set-webhook") {
        std::cout << channel::configure_webhook(store, a.need("label"), a.need("url"), now_ms())
                  << "\n";
    } else if (c == "set-threshold") {
        const std::string name = a.need("name");
        const std::int64_t value = std::stoll(a.need("value"));
        protocol::SettingsPatch p;
        p.thresholds = admin.settings().thresholds;
        if (!StatsService::set_threshold(*p.thresholds, name, value) || value < 0)
            throw std::invalid_argument("unknown threshold " + name + " or negative value");
        admin.update_settings(cli, p);
        std::cout << name << " = " << value << "\n";
    } else if (c == "set-time-zone") {
        protocol::SettingsPatch p;
        p.time_zone = a.need("name");
        std::cout << "time zone " << admin.update_settings(cli, p).time_zone << "\n";
    } else if (c == "list") {
        for (const auto& q : admin.list_queues())
            std::cout << "queue #" << q.id << " " << q.name << (q.archived ? " (archived)" : "")
                      << "\n";
        for (const auto& s : admin.list_staff()) {
            std::cout << "staff #" << s.id << " " << s.login << " \"" << s.name << "\" "
                      << protocol::to_string(s.role) << (s.active ? "" : " inactive") << " queues:";
            for (auto q : s.queues) std::cout << " " << q;
            std::cout << "\n";
        }
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
    } catch (const DomainError& e) {
        // Refused like the same change in the console: nothing changed.
        std::cerr << "switchboard-server admin: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "switchboard-server admin: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace sb::server
