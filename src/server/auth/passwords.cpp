// Argon2id through libsodium on one hashing thread with a bounded queue; see passwords.h.
#include "server/auth/passwords.h"

#include <sodium.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

namespace sb::server::auth {

namespace {

// One thread: each Argon2id run takes 64 MiB (MEMLIMIT_INTERACTIVE), and one at a time keeps the
// server's peak memory under the 150 MB budget during a login storm (bench/search measured
// ~95 MiB with 1 and ~155 MiB with 2) at ~10-20 logins/s, plenty for a helpdesk.
class HashPool {
  public:
    HashPool() : thread_([this] { run(); }) {}
    ~HashPool() {
        {
            std::lock_guard lock(mu_);
            stop_ = true;
        }
        cv_.notify_all();
        thread_.join();
    }

    template <class R>
    R call(std::function<R()> fn) {
        std::packaged_task<R()> task(std::move(fn));
        auto result = task.get_future();
        {
            std::lock_guard lock(mu_);
            if (static_cast<int>(queue_.size()) >= kMaxQueuedHashes) throw HashingBusy();
            queue_.emplace_back(
                [t = std::make_shared<std::packaged_task<R()>>(std::move(task))] { (*t)(); });
        }
        cv_.notify_one();
        return result.get();
    }

  private:
    void run() {
        // Below the request threads (nice 10, this thread only: Linux applies setpriority to a
        // thread id): a storm of logins that must be hashed takes what CPU the API leaves.
        setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 10);
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(mu_);
                cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
                if (queue_.empty()) return;
                job = std::move(queue_.front());
                queue_.pop_front();
            }
            job();
        }
    }

    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> queue_;
    bool stop_ = false;
    std::thread thread_;
};

HashPool& pool() {
    static HashPool p;
    return p;
}

void init_sodium() {
    static const bool ok = sodium_init() >= 0;
    if (!ok) throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace

std::string hash_password(const std::string& password) {
    init_sodium();
    return pool().call<std::string>([&password] {
        char out[crypto_pwhash_STRBYTES];
        if (crypto_pwhash_str(out, password.data(), password.size(),
                              crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
            throw std::runtime_error("out of memory while hashing a password");
        return std::string(out);
    });
}

bool verify_password(const std::string& hash, const std::string& password) {
    init_sodium();
    return pool().call<bool>([&] {
        return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
    });
}

const std::string& dummy_hash() {
    static const std::string h = hash_password("no password matches this hash");
    return h;
}

}  // namespace sb::server::auth
