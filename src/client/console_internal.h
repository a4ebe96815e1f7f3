// What the files of Console (console*.cpp) share; not for other files.
#pragma once

#include <string>
#include <variant>

#include "client/console.h"

namespace sb::client::console_detail {

template <class T>
const ApiError* error_of(const ApiResult<T>& r) {
    return std::get_if<ApiError>(&r);
}
// No answer, or the server's own failure: worth trying again later.
inline bool transient(const ApiError& e) {
    return e.status == 0 || e.status >= 500;
}
// A token the server no longer takes (401, or the hello refused).
inline constexpr const char* kSessionEndedText =
    "Your session has ended: it expired or was closed. Please log in again.";
inline std::string chat_name(Id id) {
    return "Chat #" + std::to_string(id);
}

}  // namespace sb::client::console_detail
