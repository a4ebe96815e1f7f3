// The command line of every benchmark: "--name value" pairs, each given to the setter of its
// option, and main()'s catch-all that turns an exception into "bench: what" and exit status 1.
#pragma once

#include <exception>
#include <functional>
#include <initializer_list>
#include <iostream>
#include <string>

namespace bench {

struct Option {
    const char* name;                      // "--agents"
    std::function<void(const char*)> set;  // given the value's text
};

// Applies every "--name value" pair of argv (a trailing name without a value is ignored). An
// unknown name prints `usage` to stderr and returns false.
inline bool parse_options(int argc, char** argv, const char* usage,
                          std::initializer_list<Option> options) {
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        const Option* found = nullptr;
        for (const auto& o : options)
            if (name == o.name) found = &o;
        if (!found) {
            std::cerr << "usage: " << usage << "\n";
            return false;
        }
        found->set(argv[i + 1]);
    }
    return true;
}

// run()'s exit status; an exception is reported as "<name>: what" with status 1.
inline int run_reporting(const char* name, const std::function<int()>& run) {
    try {
        return run();
    } catch (const std::exception& e) {
        std::cerr << name << ": " << e.what() << "\n";
        return 1;
    }
}

}  // namespace bench
