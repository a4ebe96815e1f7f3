// Names of enum values, table-driven: one constexpr table of (value, name) pairs per enum, and
// name_of()/value_of() to go either way. The wire names of protocol/model.h use it, and so does
// every to_string() of a client or server enum, instead of a switch written by hand.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace sb::protocol {

template <class E, std::size_t N>
using Names = std::array<std::pair<E, const char*>, N>;

// The name of v in the table; "?" for a value the table lacks.
template <class E, std::size_t N>
constexpr const char* name_of(const Names<E, N>& names, E v) {
    for (const auto& [e, n] : names)
        if (e == v) return n;
    return "?";
}

// The value named s, or nullopt.
template <class E, std::size_t N>
constexpr std::optional<E> value_of(const Names<E, N>& names, std::string_view s) {
    for (const auto& [e, n] : names)
        if (s == n) return e;
    return std::nullopt;
}

}  // namespace sb::protocol
