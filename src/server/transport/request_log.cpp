// The request log's queue and writer thread; see request_log.h.
#include "server/transport/request_log.h"

#include <unistd.h>

#include <cerrno>

namespace sb::server {

RequestLog::RequestLog(int fd, size_t capacity)
    : fd_(fd), capacity_(capacity < 1 ? 1 : capacity), writer_([this] { run(); }) {}

RequestLog::~RequestLog() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    writer_.join();
}

void RequestLog::push(std::string line) {
    {
        std::lock_guard lock(mu_);
        if (queue_.size() >= capacity_) {
            dropped_.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        queue_.push_back(std::move(line));
    }
    cv_.notify_one();
}

void RequestLog::run() {
    std::unique_lock lock(mu_);
    for (;;) {
        cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and everything written
        // Take everything queued and write it as one block, outside the lock.
        std::string block;
        size_t lines = 0;
        while (!queue_.empty() && block.size() < 256 * 1024) {
            block += queue_.front();
            queue_.pop_front();
            ++lines;
        }
        lock.unlock();
        const char* p = block.data();
        size_t left = block.size();
        while (left > 0) {
            const ssize_t n = ::write(fd_, p, left);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;  // a closed or broken sink: these lines are lost
            p += n;
            left -= static_cast<size_t>(n);
        }
        written_.fetch_add(static_cast<std::int64_t>(lines), std::memory_order_relaxed);
        lock.lock();
    }
}

}  // namespace sb::server
