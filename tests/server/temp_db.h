// A fresh SQLite database file per test, removed afterwards (with its -wal and -shm); or, for
// suites that run on either store, database(): that file, or with SWITCHBOARD_TEST_STORE=postgres
// a fresh database on the process's throwaway PostgreSQL (pg_cluster.h).
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "pg_cluster.h"

namespace sb::test {

class TempDb {
  public:
    TempDb() {
        static std::atomic<int> n{0};
        dir_ = std::filesystem::temp_directory_path() /
               ("sb-server-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    ~TempDb() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    TempDb(const TempDb&) = delete;
    TempDb& operator=(const TempDb&) = delete;
    std::string path() const { return (dir_ / "switchboard.db").string(); }
    // The database a store-neutral suite runs on (made on first use, the same one after).
    std::string database() {
        if (!on_postgres()) return path();
        if (url_.empty()) {
            auto* pg = PgCluster::get();
            if (!pg) throw std::runtime_error("SWITCHBOARD_TEST_STORE=postgres: " + PgCluster::why());
            url_ = pg->fresh_database();
        }
        return url_;
    }
    static bool on_postgres() {  // "cluster": PostgreSQL too, behind haproxy (live_server.h)
        const char* s = std::getenv("SWITCHBOARD_TEST_STORE");
        return s && (std::string(s) == "postgres" || std::string(s) == "cluster");
    }
    const std::filesystem::path& dir() const { return dir_; }

  private:
    std::filesystem::path dir_;
    std::string url_;
};

}  // namespace sb::test
