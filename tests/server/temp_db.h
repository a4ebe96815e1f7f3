// A fresh SQLite database file per test, removed afterwards (with its -wal and -shm).
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

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
    const std::filesystem::path& dir() const { return dir_; }

  private:
    std::filesystem::path dir_;
};

}  // namespace sb::test
