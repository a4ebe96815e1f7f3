// See pg_cluster.h.
#include "pg_cluster.h"

#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>

namespace sb::test {

namespace {

const char* kBin = "/usr/lib/postgresql/15/bin";

int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    const int port = ntohs(a.sin_port);
    ::close(fd);
    return port;
}

// Runs a shell command as the postgres user (directly when we are that user).
int as_postgres(const std::string& cmd) {
    const bool root = ::geteuid() == 0;
    const std::string full = root ? "runuser -u postgres -- " + cmd : cmd;
    return std::system((full + " >/dev/null 2>&1").c_str());
}

std::string g_why;
std::unique_ptr<PgCluster> g_cluster;
bool g_tried = false;

}  // namespace

bool in_ci() {
    const char* ci = std::getenv("CI");
    return ci && std::string(ci) == "true";
}

PgCluster* PgCluster::get() {
    if (!g_tried) {
        g_tried = true;
        std::unique_ptr<PgCluster> c(new PgCluster());
        if (c->init(g_why)) g_cluster = std::move(c);
    }
    return g_cluster.get();
}

const std::string& PgCluster::why() {
    return g_why;
}

bool PgCluster::init(std::string& why) {
    if (!std::filesystem::exists(std::string(kBin) + "/initdb")) {
        why = std::string(kBin) + "/initdb not found (install postgresql-15: scripts/setup)";
        return false;
    }
    passwd* pw = ::getpwnam("postgres");
    if (!pw) {
        why = "there is no postgres user";
        return false;
    }
    if (::geteuid() != 0 && ::geteuid() != pw->pw_uid) {
        why = "initdb must run as postgres: run the tests as root or as postgres";
        return false;
    }
    // Short: the socket path inside it must fit in 107 bytes.
    char tmpl[] = "/tmp/sbpg-XXXXXX";
    if (!::mkdtemp(tmpl)) {
        why = "mkdtemp failed";
        return false;
    }
    dir_ = tmpl;
    if (::chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
        why = "cannot chown " + dir_ + " to postgres";
        return false;
    }
    if (as_postgres(std::string(kBin) + "/initdb -N -A trust -U postgres -E UTF8 --locale=C -D " +
                    dir_ + "/data") != 0) {
        why = "initdb failed in " + dir_;
        return false;
    }
    port_ = free_port();
    start();
    PGconn* c = PQconnectdb(
        ("host=" + dir_ + " port=" + std::to_string(port_) + " user=postgres dbname=postgres")
            .c_str());
    const bool ok = PQstatus(c) == CONNECTION_OK;
    PQfinish(c);
    if (!ok) {
        why = "the test cluster in " + dir_ + " did not accept connections";
        return false;
    }
    return true;
}

void PgCluster::start() {
    // fsync off for tests: a throwaway cluster; durability is PostgreSQL's, not what these
    // tests check. Benchmarks (durable) keep PostgreSQL's defaults.
    const std::string fsync = durable ? "" : " -c fsync=off";
    as_postgres(std::string(kBin) + "/pg_ctl -w -t 30 -D " + dir_ + "/data -l " + dir_ +
                "/log -o \"-p " + std::to_string(port_) + " -k " + dir_ +
                " -c listen_addresses=" + fsync + " -c max_connections=200\" start");
}

void PgCluster::stop() {
    as_postgres(std::string(kBin) + "/pg_ctl -w -D " + dir_ + "/data -m fast stop");
}

std::string PgCluster::fresh_database() {
    const std::string name =
        "sb_test_" + std::to_string(::getpid()) + "_" + std::to_string(next_db_++);
    PGconn* c = PQconnectdb(
        ("host=" + dir_ + " port=" + std::to_string(port_) + " user=postgres dbname=postgres")
            .c_str());
    PGresult* r = PQexec(c, ("CREATE DATABASE " + name + " TEMPLATE template0").c_str());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    const std::string err = PQerrorMessage(c);
    PQclear(r);
    PQfinish(c);
    if (!ok) throw std::runtime_error("CREATE DATABASE failed: " + err);
    return "postgresql://postgres@/" + name + "?host=" + dir_ + "&port=" + std::to_string(port_);
}

PgCluster::~PgCluster() {
    if (dir_.empty()) return;
    stop();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

}  // namespace sb::test
