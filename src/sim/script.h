// What simulated contacts say: names from many countries, first messages and follow-ups that
// read like real support traffic (so demos, search and the console look alive).
#pragma once

#include <random>
#include <string>

namespace sb::sim {

class Script {
  public:
    explicit Script(std::uint64_t seed) : rng_(seed) {}
    std::string name();
    std::string email_for(const std::string& name);
    std::string opening();
    std::string follow_up();
    bool chance(double p) { return std::uniform_real_distribution<>(0, 1)(rng_) < p; }
    std::size_t pick(std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
    }

  private:
    std::mt19937_64 rng_;
};

}  // namespace sb::sim
