#include "common/server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace bench {

namespace {

[[noreturn]] void exec_child(const std::vector<std::string>& argv, int out_fd) {
    dup2(out_fd, STDOUT_FILENO);
    dup2(out_fd, STDERR_FILENO);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    std::fprintf(stderr, "exec %s: %s\n", args[0], std::strerror(errno));
    _exit(127);
}

long status_field_kib(pid_t pid, const std::string& field) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
    return 0;
}

}  // namespace

ServerProcess::ServerProcess(std::vector<std::string> argv, std::string log_path, int timeout_s) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        close(fds[0]);
        exec_child(argv, fds[1]);
    }
    close(fds[1]);
    const int in = fds[0];
    auto log = std::make_shared<std::ofstream>(log_path, std::ios::app);

    // Read lines until the port line, with a deadline.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
    const std::regex port_line(R"(listening on http://[^ ]+:(\d+)/)");
    std::string pending;
    while (port_ == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            stop();
            throw std::runtime_error(argv[0] + " did not report its port; see " + log_path);
        }
        pollfd p{in, POLLIN, 0};
        if (poll(&p, 1, 200) <= 0) continue;
        char buf[4096];
        const ssize_t n = read(in, buf, sizeof buf);
        if (n <= 0) {
            stop();
            throw std::runtime_error(argv[0] + " exited before listening; see " + log_path);
        }
        pending.append(buf, static_cast<size_t>(n));
        *log << std::string_view(buf, static_cast<size_t>(n)) << std::flush;
        std::smatch m;
        if (std::regex_search(pending, m, port_line))
            port_ = static_cast<uint16_t>(std::stoi(m[1]));
    }
    // Keep draining so the child never blocks on a full pipe.
    drain_ = std::thread([in, log] {
        char buf[4096];
        ssize_t n;
        while ((n = read(in, buf, sizeof buf)) > 0) log->write(buf, n);
        close(in);
    });
}

ServerProcess::~ServerProcess() {
    stop();
}

int ServerProcess::stop() {
    if (pid_ > 0) {
        kill(pid_, SIGTERM);
        int status = 0;
        for (int i = 0; i < 200; ++i) {
            if (waitpid(pid_, &status, WNOHANG) == pid_) break;
            if (i == 199) {
                kill(pid_, SIGKILL);
                waitpid(pid_, &status, 0);
            }
            usleep(100'000);
        }
        exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        pid_ = -1;
    }
    if (drain_.joinable()) drain_.join();
    return exit_status_;
}

long ServerProcess::rss_kib() const {
    return pid_ > 0 ? status_field_kib(pid_, "VmRSS") : 0;
}

double ServerProcess::cpu_seconds() const {
    if (pid_ <= 0) return 0;
    std::ifstream in("/proc/" + std::to_string(pid_) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    std::istringstream rest(stat.substr(stat.rfind(')') + 2));
    std::string field;
    double utime = 0, stime = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
        if (i == 14) utime = std::stod(field);
        if (i == 15) stime = std::stod(field);
    }
    return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

long ServerProcess::peak_rss_kib() const {
    return pid_ > 0 ? status_field_kib(pid_, "VmHWM") : 0;
}

void run_command(const std::vector<std::string>& argv, const std::string& log_path) {
    const int out = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (out < 0) throw std::runtime_error("cannot open " + log_path);
    const pid_t pid = fork();
    if (pid == 0) exec_child(argv, out);
    close(out);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::string cmd;
        for (const auto& a : argv) cmd += a + " ";
        throw std::runtime_error("command failed: " + cmd + "(see " + log_path + ")");
    }
}

std::string server_binary() {
    const char* env = std::getenv("SWITCHBOARD_BENCH_SERVER");
    return env && *env ? env : SWITCHBOARD_SERVER_BIN;
}

std::string fresh_dir(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / ("switchboard-bench-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

}  // namespace bench
