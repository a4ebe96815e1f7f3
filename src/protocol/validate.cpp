// UTF-8 and limit checks; see validate.h.
#include "protocol/validate.h"

#include <cstdio>

namespace sb::protocol {

namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 when it is not valid.
std::size_t sequence_length(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) return 1;
    std::size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (i + n > s.size()) return 0;
    if (b(i + 1) < lo || b(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < n; ++k)
        if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
    return n;
}

}  // namespace

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = sequence_length(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string utf8_preview(std::string_view s, std::size_t max_chars) {
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size() && chars < max_chars;) {
        std::size_t n = sequence_length(s, i);
        if (n == 0)
            n = 1;  // not valid: copy nothing of it
        else if (n == 1 && (s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
            out += ' ';
        else
            out.append(s.substr(i, n));
        i += n;
        ++chars;
    }
    return out;
}

namespace {

// The first C0 control character other than tab, newline and carriage return (they end C
// strings, ring bells, or draw as boxes in every client), as "U+0007"; empty if none.
std::string control_character(std::string_view text, bool allow_line_breaks) {
    for (unsigned char c : text) {
        if (c >= 0x20 && c != 0x7f) continue;
        if (c == '\t' || (allow_line_breaks && (c == '\n' || c == '\r'))) continue;
        char buf[8];
        std::snprintf(buf, sizeof buf, "U+%04X", c);
        return buf;
    }
    return {};
}

}  // namespace

std::optional<std::string> check_name(std::string_view field, std::string_view value) {
    const std::string f(field);
    if (!valid_utf8(value)) return f + " is not valid UTF-8";
    if (auto c = control_character(value, false); !c.empty())
        return f + " contains the control character " + c;
    if (value.find_first_not_of(" \t\r\n") == std::string_view::npos) return f + " is empty";
    if (utf8_length(value) > kMaxNameChars)
        return f + " is longer than " + std::to_string(kMaxNameChars) + " characters";
    return std::nullopt;
}

std::optional<std::string> check_message_body(std::string_view body) {
    if (!valid_utf8(body)) return "body is not valid UTF-8";
    if (auto c = control_character(body, true); !c.empty())
        return "body contains the control character " + c;
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return "body is empty";
    if (body.size() > kMaxMessageBodyBytes)
        return "body is longer than " + std::to_string(kMaxMessageBodyBytes) + " bytes";
    return std::nullopt;
}

std::optional<std::string> check_search_query(std::string_view q) {
    if (!valid_utf8(q)) return "q is not valid UTF-8";
    if (auto c = control_character(q, false); !c.empty())
        return "q contains the control character " + c;
    if (q.find_first_not_of(" \t") == std::string_view::npos)
        return "q is required: a name, words of a message, or #N";
    if (utf8_length(q) > kMaxSearchChars)
        return "q is longer than " + std::to_string(kMaxSearchChars) + " characters";
    return std::nullopt;
}

std::optional<std::string> check_client_id(std::string_view client_id) {
    if (!valid_utf8(client_id)) return "client_id is not valid UTF-8";
    if (client_id.empty()) return "client_id is empty";
    if (client_id.size() > kMaxClientIdBytes)
        return "client_id is longer than " + std::to_string(kMaxClientIdBytes) + " bytes";
    return std::nullopt;
}

std::optional<std::string> check_canned_shortcut(std::string_view shortcut) {
    if (shortcut.empty()) return "shortcut is empty";
    if (shortcut.size() > kMaxCannedShortcutChars)
        return "shortcut is longer than " + std::to_string(kMaxCannedShortcutChars) + " characters";
    for (char c : shortcut)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return "shortcut may contain only a-z, 0-9, _ and - (lowercase, no spaces)";
    return std::nullopt;
}

std::optional<std::string> check_canned_body(std::string_view body) {
    if (!valid_utf8(body)) return "body is not valid UTF-8";
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return "body is empty";
    if (utf8_length(body) > kMaxCannedBodyChars)
        return "body is longer than " + std::to_string(kMaxCannedBodyChars) + " characters";
    return std::nullopt;
}

std::optional<std::string> check_new_password(std::string_view password) {
    if (!valid_utf8(password)) return "password is not valid UTF-8";
    if (password.size() > kMaxPasswordBytes) return "password is longer than 1024 bytes";
    if (utf8_length(password) < kMinPasswordChars)
        return "password must have at least " + std::to_string(kMinPasswordChars) + " characters";
    return std::nullopt;
}

}  // namespace sb::protocol
