// The one error type of the domain, auth and API layers: an HTTP status, an API.md error code,
// a message for a person, the field at fault (if one is) and, for a lost accept, the winner. The
// API layer turns it into the
// {"error": {...}} body.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "protocol/model.h"

namespace sb::server {

class DomainError : public std::runtime_error {
  public:
    DomainError(int status, std::string code, const std::string& message,
                std::optional<protocol::StaffRef> assignee = std::nullopt)
        : std::runtime_error(message),
          status_(status),
          code_(std::move(code)),
          assignee_(std::move(assignee)) {}
    int status() const { return status_; }
    const std::string& code() const { return code_; }
    const std::optional<protocol::StaffRef>& assignee() const { return assignee_; }
    // For 429 and 503: the seconds after which a retry may succeed (the Retry-After header).
    std::int64_t retry_after() const { return retry_after_; }
    DomainError& with_retry_after(std::int64_t seconds) {
        retry_after_ = seconds;
        return *this;
    }
    // The request field at fault (the error body's "field"), for a form to show it beside it.
    const std::optional<std::string>& field() const { return field_; }
    DomainError& with_field(std::string field) {
        if (!field.empty()) field_ = std::move(field);
        return *this;
    }

    static DomainError bad_request(const std::string& m) { return {400, "bad_request", m}; }
    // A 400 about one field; the message names it ("login alice is taken").
    static DomainError bad_field(const std::string& field, const std::string& m) {
        return std::move(DomainError(400, "bad_request", m).with_field(field));
    }
    static DomainError unauthorized(const std::string& m) { return {401, "unauthorized", m}; }
    static DomainError forbidden(const std::string& m) { return {403, "forbidden", m}; }
    static DomainError not_found(const std::string& m) { return {404, "not_found", m}; }
    static DomainError conflict(const std::string& m,
                                std::optional<protocol::StaffRef> assignee = std::nullopt) {
        return {409, "conflict", m, std::move(assignee)};
    }

  private:
    int status_;
    std::string code_;
    std::optional<protocol::StaffRef> assignee_;
    std::int64_t retry_after_ = 0;
    std::optional<std::string> field_;
};

}  // namespace sb::server
