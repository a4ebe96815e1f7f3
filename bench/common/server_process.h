// ServerProcess: a server executable (switchboard-server or the bare broadcast server) started as
// a child process on loopback, so benchmarks measure the real binary. Also runs admin CLI commands
// and reads a process's resident memory from /proc.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace bench {

class ServerProcess {
  public:
    // Starts argv (argv[0] is the executable; stdout+stderr go to log_path) and waits up to
    // timeout_s for its line "... listening on http://ADDR:PORT/". Throws when it does not come.
    ServerProcess(std::vector<std::string> argv, std::string log_path, int timeout_s = 120);
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    uint16_t port() const { return port_; }
    pid_t pid() const { return pid_; }
    // VmRSS / VmHWM of the process in KiB (0 when gone).
    long rss_kib() const;
    long peak_rss_kib() const;
    // User + system CPU time the process has used so far, in seconds.
    double cpu_seconds() const;
    // SIGTERM, then waits for exit (SIGKILL after 20 s). Returns the exit status. Idempotent.
    int stop();

  private:
    pid_t pid_ = -1;
    uint16_t port_ = 0;
    int exit_status_ = -1;
    std::thread drain_;  // copies the child's output to the log after the port line
};

// Runs a command to completion (output appended to log_path); throws on a non-zero exit.
void run_command(const std::vector<std::string>& argv, const std::string& log_path);

// The switchboard-server binary: $SWITCHBOARD_BENCH_SERVER, else the one of this build folder.
std::string server_binary();

// A fresh, empty working folder for one benchmark run (removed first if present).
std::string fresh_dir(const std::string& name);

}  // namespace bench
