// switchboard-server: the Switchboard server, and its admin CLI (`switchboard-server admin ...`).
#include <unistd.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/program_options.hpp>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <vector>

#include "server/core.h"
#include "server/transport/http_server.h"
#include "server/transport/security_headers.h"
#include "server/transport/trusted_proxies.h"

namespace po = boost::program_options;

namespace {

// Each flag may also come from an environment variable (flags win).
const char* kEnvMap[][2] = {
    {"SWITCHBOARD_PORT", "port"},
    {"SWITCHBOARD_DB", "db"},
    {"SWITCHBOARD_DATABASE", "database"},
    {"SWITCHBOARD_WEB", "web"},
    {"SWITCHBOARD_DEMO", "demo"},
    {"SWITCHBOARD_ADDRESS", "address"},
    {"SWITCHBOARD_TIMEZONE", "timezone"},
    {"SWITCHBOARD_ALLOWED_ORIGIN", "allowed-origin"},
    {"SWITCHBOARD_INSTANCE", "instance"},
    {"SWITCHBOARD_PRESENCE_LEASE", "presence-lease"},
    {"SWITCHBOARD_LIMIT_CHAT_STARTS_PER_ADDRESS", "limit-chat-starts-per-address"},
    {"SWITCHBOARD_LIMIT_CHAT_STARTS", "limit-chat-starts"},
    {"SWITCHBOARD_LIMIT_MESSAGES_PER_TOKEN", "limit-messages-per-token"},
    {"SWITCHBOARD_LIMIT_TYPING_PER_TOKEN", "limit-typing-per-token"},
    {"SWITCHBOARD_MAX_CONTACT_SOCKETS_PER_TOKEN", "max-contact-sockets-per-token"},
    {"SWITCHBOARD_MAX_EVENT_SOCKETS", "max-event-sockets"},
    {"SWITCHBOARD_LOGIN_REFUSAL_HOLD", "login-refusal-hold"},
    {"SWITCHBOARD_TRUSTED_PROXY", "trusted-proxy"},
    {"SWITCHBOARD_METRICS_TOKEN", "metrics-token"},
    {"SWITCHBOARD_METRICS_LISTEN", "metrics-listen"},
    {"SWITCHBOARD_WIDGET_EMBED_ORIGINS", "widget-embed-origins"},
    {"SWITCHBOARD_HSTS", "hsts"},
    {"SWITCHBOARD_MAX_CONNECTIONS", "max-connections"},
    {"SWITCHBOARD_MAX_CONNECTIONS_PER_ADDRESS", "max-connections-per-address"},
    {"SWITCHBOARD_DURABILITY", "durability"},
};

// Repeatable list flags also take comma- or space-separated lists (and so do their env vars).
std::vector<std::string> split_list(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const auto& v : values) {
        std::string cur;
        for (char c : v + ",") {
            if (c == ',' || c == ' ' || c == '\t') {
                if (!cur.empty()) out.push_back(cur);
                cur.clear();
            } else {
                cur += c;
            }
        }
    }
    return out;
}

// The default instance name: this host and process, unique on a cluster of machines.
std::string default_instance() {
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0 || !host[0])
        std::snprintf(host, sizeof host, "host");
    std::string out;
    for (const char* p = host; *p; ++p)
        if (std::isalnum(static_cast<unsigned char>(*p)) || *p == '.' || *p == '-') out += *p;
    return out.substr(0, 40) + "-" + std::to_string(::getpid());
}

bool valid_instance(const std::string& s) {
    if (s.empty() || s.size() > 64) return false;
    for (unsigned char c : s)
        if (!std::isalnum(c) && c != '.' && c != '_' && c != ':' && c != '-') return false;
    return true;
}

// A database URL for the log: postgresql://user:secret@host/db → postgresql://user:***@host/db
// (a password given as ?password=... is hidden the same way).
std::string without_password(std::string url) {
    const auto scheme = url.find("://");
    if (scheme != std::string::npos) {
        const auto at = url.find('@', scheme + 3);
        const auto colon = url.find(':', scheme + 3);
        if (at != std::string::npos && colon != std::string::npos && colon < at)
            url.replace(colon + 1, at - colon - 1, "***");
    }
    const auto pw = url.find("password=");
    if (pw != std::string::npos) {
        const auto end = url.find_first_of("& ", pw);
        url.replace(pw + 9, (end == std::string::npos ? url.size() : end) - pw - 9, "***");
    }
    return url;
}

std::string env_to_option(const std::string& env) {
    for (auto& [e, o] : kEnvMap)
        if (env == e) return o;
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 2 && std::string(argv[1]) == "admin") {
        return sb::server::run_admin_cli(argc - 1, argv + 1);
    }

    po::options_description desc(
        "switchboard-server [options]   |   switchboard-server admin --help");
    // clang-format off
    desc.add_options()
        ("help,h", "show this help")
        ("port", po::value<int>()->default_value(8080), "TCP port (SWITCHBOARD_PORT); 0 picks a free one")
        ("address", po::value<std::string>()->default_value("127.0.0.1"), "address to listen on (SWITCHBOARD_ADDRESS)")
        ("db", po::value<std::string>()->default_value("var/switchboard.db"), "SQLite database file (SWITCHBOARD_DB)")
        ("database", po::value<std::string>(), "the database: a SQLite file or postgresql://user@host:port/db (SWITCHBOARD_DATABASE); wins over --db")
        ("web", po::value<std::string>()->default_value(""), "folder of the built console to serve (SWITCHBOARD_WEB)")
        ("demo", po::value<bool>()->default_value(false)->implicit_value(true), "fill an empty database with demo data (SWITCHBOARD_DEMO=1)")
        ("timezone", po::value<std::string>()->default_value("UTC"), "time zone for 'today' in /stats (SWITCHBOARD_TIMEZONE)")
        ("allowed-origin", po::value<std::string>()->default_value(""), "another Origin allowed to open event streams (SWITCHBOARD_ALLOWED_ORIGIN)")
        ("presence-lease", po::value<int>()->default_value(30), "seconds after which the presence of staff connected to an instance that died ends (SWITCHBOARD_PRESENCE_LEASE; 3..60, under the sockets' 60 s ping timeout)")
        ("instance", po::value<std::string>(), "this instance's name in a cluster, in /healthz (SWITCHBOARD_INSTANCE; letters, digits, . _ : -; default <host>-<pid>)")
        ("threads", po::value<int>()->default_value(2), "I/O threads")
        ("workers", po::value<int>()->default_value(16),
         "worker threads for request handlers (they wait on SQLite; more waiting writers make bigger group commits)")
        ("limit-chat-starts-per-address", po::value<std::string>()->default_value(sb::server::PublicLimits{}.chat_starts_per_address.to_string()),
         "chats one address may start: N/S = N per S seconds, burst N; off: no limit")
        ("limit-chat-starts", po::value<std::string>()->default_value(sb::server::PublicLimits{}.chat_starts.to_string()),
         "chats the whole server (every instance) starts, N/S")
        ("limit-messages-per-token", po::value<std::string>()->default_value(sb::server::PublicLimits{}.messages_per_token.to_string()),
         "messages one contact token sends, N/S")
        ("limit-typing-per-token", po::value<std::string>()->default_value(sb::server::PublicLimits{}.typing_per_token.to_string()),
         "typing notices one contact token sends, N/S (one a chat every 2 s reaches staff)")
        ("max-contact-sockets-per-token", po::value<int>()->default_value(sb::server::PublicLimits{}.sockets_per_token),
         "contact event sockets one token may hold open (0: no limit)")
        ("max-event-sockets", po::value<int>()->default_value(sb::server::PublicLimits{}.sockets_total),
         "event sockets of every kind this instance holds")
        ("login-refusal-hold", po::value<std::int64_t>()->default_value(sb::server::LoginLimits{}.refusal_hold_ms),
         "ms a refused login (429, 503) waits before it is answered, holding no worker (0..60000)")
        ("quiet", po::bool_switch(), "no per-request log lines")
        ("trusted-proxy", po::value<std::vector<std::string>>()->composing(), "a reverse proxy (address or CIDR; repeatable, or comma-separated; SWITCHBOARD_TRUSTED_PROXY) whose X-Forwarded-For names the client")
        ("metrics-token", po::value<std::string>()->default_value(""), "/metrics on the main port needs Authorization: Bearer <this> (SWITCHBOARD_METRICS_TOKEN, preferred: flags show in ps); unset: 404")
        ("metrics-listen", po::value<std::string>()->default_value(""), "serve /metrics (no token) on this separate address:port only, e.g. 127.0.0.1:9100 (SWITCHBOARD_METRICS_LISTEN)")
        ("widget-embed-origins", po::value<std::vector<std::string>>()->composing(), "sites that may embed the widget in a frame, e.g. https://shop.example (repeatable or comma-separated; SWITCHBOARD_WIDGET_EMBED_ORIGINS); unset: any site")
        ("hsts", po::value<bool>()->default_value(false)->implicit_value(true), "send Strict-Transport-Security (only when users reach the server over HTTPS, at a TLS proxy; SWITCHBOARD_HSTS=1)")
        ("max-connections", po::value<int>()->default_value(10000), "open connections at most, HTTP and WebSocket (SWITCHBOARD_MAX_CONNECTIONS)")
        ("max-connections-per-address", po::value<int>()->default_value(256), "open connections at most per client address; trusted proxies are exempt (SWITCHBOARD_MAX_CONNECTIONS_PER_ADDRESS)")
        ("durability", po::value<std::string>()->default_value("normal"), "SQLite commits: normal (synchronous=NORMAL: a power loss may lose the last commits) or full (synchronous=FULL: fsync per commit, slower) (SWITCHBOARD_DURABILITY)");
    // clang-format on
    po::variables_map vm;
    try {
        po::store(po::parse_command_line(argc, argv, desc), vm);
        po::store(po::parse_environment(desc, env_to_option), vm);
        po::notify(vm);
    } catch (const std::exception& e) {
        std::cerr << "switchboard-server: " << e.what() << "\n" << desc << "\n";
        return 2;
    }
    if (vm.count("help")) {
        std::cout << desc << "\n";
        return 0;
    }
    const int port = vm["port"].as<int>();
    if (port < 0 || port > 65535) {
        std::cerr << "switchboard-server: --port must be 0..65535\n";
        return 2;
    }

    const std::string instance =
        vm.count("instance") ? vm["instance"].as<std::string>() : default_instance();
    if (!valid_instance(instance)) {
        std::cerr << "switchboard-server: --instance must be 1-64 letters, digits, '.', '_', ':' "
                     "or '-'\n";
        return 2;
    }

    const int presence_lease = vm["presence-lease"].as<int>();
    if (presence_lease < 3 || presence_lease > 60) {
        std::cerr << "switchboard-server: --presence-lease must be 3..60 seconds\n";
        return 2;
    }

    const std::string durability = vm["durability"].as<std::string>();
    if (durability != "normal" && durability != "full") {
        std::cerr << "switchboard-server: --durability must be normal or full\n";
        return 2;
    }
    const int max_connections = vm["max-connections"].as<int>();
    const int max_per_address = vm["max-connections-per-address"].as<int>();
    if (max_connections < 1 || max_per_address < 1) {
        std::cerr << "switchboard-server: --max-connections and --max-connections-per-address "
                     "must be at least 1\n";
        return 2;
    }
    auto list_flag = [&](const char* name) {
        return split_list(vm.count(name) ? vm[name].as<std::vector<std::string>>()
                                         : std::vector<std::string>{});
    };
    const auto trusted_proxies = list_flag("trusted-proxy");
    const auto embed_origins = list_flag("widget-embed-origins");
    try {
        sb::server::TrustedProxies check_proxies(trusted_proxies);
        sb::server::SecurityHeaders check_headers(embed_origins, false);
    } catch (const std::invalid_argument& e) {
        std::cerr << "switchboard-server: " << e.what() << "\n";
        return 2;
    }

    sb::server::CoreConfig core_config;
    core_config.full_durability = durability == "full";
    core_config.instance = instance;
    core_config.presence_lease = std::chrono::seconds(presence_lease);
    core_config.db_path =
        vm.count("database") ? vm["database"].as<std::string>() : vm["db"].as<std::string>();
    core_config.demo = vm["demo"].as<bool>();
    core_config.timezone = vm["timezone"].as<std::string>();
    core_config.allowed_origin = vm["allowed-origin"].as<std::string>();
    try {
        auto& l = core_config.limits;
        l.chat_starts_per_address =
            sb::server::RateRule::parse(vm["limit-chat-starts-per-address"].as<std::string>());
        l.chat_starts = sb::server::RateRule::parse(vm["limit-chat-starts"].as<std::string>());
        l.messages_per_token =
            sb::server::RateRule::parse(vm["limit-messages-per-token"].as<std::string>());
        l.typing_per_token =
            sb::server::RateRule::parse(vm["limit-typing-per-token"].as<std::string>());
        l.sockets_per_token = vm["max-contact-sockets-per-token"].as<int>();
        l.sockets_total = vm["max-event-sockets"].as<int>();
        l.login.refusal_hold_ms = vm["login-refusal-hold"].as<std::int64_t>();
        if (l.login.refusal_hold_ms < 0 || l.login.refusal_hold_ms > 60'000)
            throw std::invalid_argument("--login-refusal-hold must be 0..60000 (ms)");
        if (l.sockets_per_token < 0 || l.sockets_total < 1)
            throw std::invalid_argument(
                "--max-contact-sockets-per-token must be 0 or more and --max-event-sockets 1 or "
                "more");
    } catch (const std::invalid_argument& e) {
        std::cerr << "switchboard-server: " << e.what() << "\n";
        return 2;
    }

    try {
        sb::server::Core core(core_config);
        sb::server::Router router;
        core.register_routes(router);

        sb::server::ServerConfig config;
        config.address = vm["address"].as<std::string>();
        config.port = static_cast<uint16_t>(port);
        config.web_dir = vm["web"].as<std::string>();
        config.io_threads = vm["threads"].as<int>();
        config.worker_threads = vm["workers"].as<int>();
        config.allowed_origin = core_config.allowed_origin;
        config.log_requests = !vm["quiet"].as<bool>();
        config.instance = instance;
        config.extra_metrics = [&core] { return core.metrics_text(); };
        config.trusted_proxies = trusted_proxies;
        config.metrics_token = vm["metrics-token"].as<std::string>();
        config.metrics_listen = vm["metrics-listen"].as<std::string>();
        config.widget_embed_origins = embed_origins;
        config.hsts = vm["hsts"].as<bool>();
        config.max_connections = max_connections;
        config.max_connections_per_address = max_per_address;

        sb::server::HttpServer server(config, router,
                                      {{"/api/v1/events", core.staff_events()},
                                       {"/api/v1/contact/events", core.contact_events()}});
        server.start();
        std::cout << "Switchboard is listening on http://" << config.address << ":" << server.port()
                  << "/  (instance " << instance << ", database "
                  << without_password(core_config.db_path) << ")" << std::endl;
        if (server.metrics_port() != 0)
            std::cout << "switchboard-server: /metrics on port " << server.metrics_port()
                      << std::endl;

        // Signals are waited for on the main thread, so stop() never runs on an I/O thread.
        boost::asio::io_context signals_ioc;
        boost::asio::signal_set signals(signals_ioc, SIGINT, SIGTERM);
        signals.async_wait([&](const boost::system::error_code&, int sig) {
            std::cout << "switchboard-server: " << (sig == SIGINT ? "SIGINT" : "SIGTERM")
                      << ", shutting down" << std::endl;
        });
        signals_ioc.run();
        server.stop();  // drain requests in flight, close sockets with a reason
        core.shutdown();
        std::cout << "switchboard-server: stopped" << std::endl;
    } catch (const std::exception& e) {
        std::cerr << "switchboard-server: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
