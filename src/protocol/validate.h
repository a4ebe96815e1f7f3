// Limits and text checks of shared/API.md, in one place for the server (which enforces them)
// and the clients (which check before sending).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sb::protocol {

inline constexpr std::size_t kMaxMessageBodyBytes = 16 * 1024;  // a message body
inline constexpr std::size_t kMaxRequestBytes = 64 * 1024;      // a whole request body
inline constexpr std::size_t kMaxNameChars = 200;               // names, logins, queue names
inline constexpr std::size_t kMaxClientIdBytes = 100;           // a client_id
inline constexpr std::size_t kMaxSearchChars = 200;             // a search query
inline constexpr std::size_t kPreviewChars = 120;               // chat.last_message_preview
inline constexpr std::size_t kMaxCannedShortcutChars = 32;      // a canned reply's shortcut
inline constexpr std::size_t kMaxCannedBodyChars = 4000;        // a canned reply's body
inline constexpr std::size_t kMinPasswordChars = 8;             // a password set by an admin
inline constexpr std::size_t kMaxPasswordBytes = 1024;          // any password

// Strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool valid_utf8(std::string_view s);
// Code points in valid UTF-8 text.
std::size_t utf8_length(std::string_view s);
// The first max_chars code points of valid UTF-8 text, line breaks folded into spaces.
std::string utf8_preview(std::string_view s, std::size_t max_chars);
// A..Z folded to a..z, every other byte kept: the case-insensitive comparisons of logins, queue
// names, staff filters and LIKE patterns (names are compared ASCII-case-insensitively everywhere).
std::string lower_ascii(std::string_view s);

// Each returns nullopt when fine, else a message for a person naming the field.
std::optional<std::string> check_name(std::string_view field, std::string_view value);
std::optional<std::string> check_message_body(std::string_view body);
std::optional<std::string> check_client_id(std::string_view client_id);
// A search query: valid UTF-8, no control characters (tabs count as spaces), not blank, at most
// kMaxSearchChars code points.
std::optional<std::string> check_search_query(std::string_view q);
// Canned replies: a shortcut is 1-32 of [a-z0-9_-] (nothing is lowercased for the caller); a
// body is 1-4,000 characters (code points) of valid UTF-8, not blank.
std::optional<std::string> check_canned_shortcut(std::string_view shortcut);
std::optional<std::string> check_canned_body(std::string_view body);
// A password an admin sets: at least kMinPasswordChars code points, at most kMaxPasswordBytes
// bytes, valid UTF-8.
std::optional<std::string> check_new_password(std::string_view password);

}  // namespace sb::protocol
