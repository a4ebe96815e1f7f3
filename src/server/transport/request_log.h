// RequestLog: the per-request JSON log lines, written off the I/O threads. Sessions push a
// finished line into a bounded queue (never blocking); one writer thread writes what is queued
// to a file descriptor (stdout by default). When the queue is full the line is dropped and
// counted (switchboard_log_lines_dropped_total in /metrics), so a stdout that blocks (a full
// pipe, a stuck terminal) slows nothing but the log.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace sb::server {

class RequestLog {
  public:
    // fd: where lines go (1: stdout); capacity: lines queued at most.
    RequestLog(int fd, size_t capacity);
    ~RequestLog();  // writes what is queued, then stops
    RequestLog(const RequestLog&) = delete;
    RequestLog& operator=(const RequestLog&) = delete;

    // Queues one line (with its '\n'); drops it when the queue is full.
    void push(std::string line);
    std::int64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }
    std::int64_t written() const { return written_.load(std::memory_order_relaxed); }

  private:
    void run();

    const int fd_;
    const size_t capacity_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<std::string> queue_;
    bool stopping_ = false;
    std::atomic<std::int64_t> dropped_{0};
    std::atomic<std::int64_t> written_{0};
    std::thread writer_;  // last: starts after the rest is set up
};

}  // namespace sb::server
