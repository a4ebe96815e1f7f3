// A throwaway PostgreSQL 15 cluster for tests: initdb into a fresh directory owned by the
// postgres user, pg_ctl start on a free port with the socket in that directory (no TCP, no
// systemd), a fresh database per test, everything removed at the end.
//
// Started once per test process (the suite runs as one ctest entry). When it cannot be started
// the PostgreSQL half of a suite is skipped, except in CI (CI=true), where that is a failure.
#pragma once

#include <optional>
#include <string>

namespace sb::test {

class PgCluster {
  public:
    // The process's cluster, started on first use; nullptr when it cannot be started (why()
    // says why).
    static PgCluster* get();
    static const std::string& why();
    // Set before the first get(): keep fsync on (benchmarks measure durable writes; the tests'
    // cluster runs with fsync off).
    static inline bool durable = false;
    // A new empty database; returns its libpq URL.
    std::string fresh_database();
    // Stops the server (fast) and starts it again on the same port and directory.
    void stop();
    void start();
    ~PgCluster();

  private:
    PgCluster() = default;
    bool init(std::string& why);
    std::string dir_;
    int port_ = 0;
    int next_db_ = 0;
};

// True when CI=true: a PostgreSQL half that cannot run fails instead of skipping.
bool in_ci();

}  // namespace sb::test
