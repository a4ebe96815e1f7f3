// switchboard-sim: simulated contacts start chats and write at a given rate through the public
// contact API, so a demo is alive and the benchmarks have load. See simulator.h.
//   switchboard-sim --url http://127.0.0.1:8080 --rate 2 --duration 60 [--chats N]
#include <boost/program_options.hpp>
#include <csignal>
#include <iostream>

#include "sim/simulator.h"

namespace po = boost::program_options;

namespace {

sb::sim::Simulator* g_running = nullptr;

extern "C" void on_signal(int) {
    if (g_running) g_running->stop();  // an atomic store: safe in a signal handler
}

}  // namespace

int main(int argc, char** argv) {
    sb::sim::SimOptions o;
    po::options_description desc(
        "switchboard-sim [options]: contacts start chats and write through the contact API");
    // clang-format off
    desc.add_options()
        ("help,h", "show this help")
        ("url", po::value(&o.url)->default_value(o.url), "the server, http://host:port (loopback unless --allow-remote)")
        ("rate", po::value(&o.rate)->default_value(o.rate), "contact messages per second, new chats included (max 5000)")
        ("duration", po::value(&o.duration)->default_value(o.duration), "seconds to run; 0 = until Ctrl-C")
        ("chats", po::value(&o.chats)->default_value(o.chats), "chats to start in all, then only follow-ups; 0 = no limit (one message in 4 starts a chat)")
        ("connections", po::value(&o.connections)->default_value(o.connections), "parallel keep-alive connections (1..64)")
        ("seed", po::value(&o.seed)->default_value(o.seed), "random seed; 0 = from the clock")
        ("report-every", po::value(&o.report_every)->default_value(o.report_every), "seconds between progress lines on stderr; 0 = none")
        ("allow-remote", po::bool_switch(&o.allow_remote), "allow a server that is not on this machine")
        ("forwarded-for", po::bool_switch(&o.forwarded_for), "each contact sends X-Forwarded-For with its own address (198.18.0.0/15), for a server started with --trusted-proxy 127.0.0.1, so its per-address limits see many visitors");
    // clang-format on
    try {
        po::variables_map vm;
        po::store(po::parse_command_line(argc, argv, desc), vm);
        if (vm.count("help")) {
            std::cout << desc << "\n";
            return 0;
        }
        po::notify(vm);
        sb::sim::Simulator sim(o);
        g_running = &sim;
        std::signal(SIGINT, on_signal);
        std::signal(SIGTERM, on_signal);
        const auto report = sim.run();
        g_running = nullptr;
        std::cout << report.summary() << std::endl;
        // Failure only when nothing at all got through: a busy demo server is not an error.
        return report.chats_started + report.messages_sent > 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "switchboard-sim: " << e.what() << "\n\n" << desc << "\n";
        return 2;
    }
}
