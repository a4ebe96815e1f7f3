// Who is calling: logins (Argon2id on its own bounded pool, failures delayed per login and
// address: auth/login_limiter.h), logout, and turning a bearer token into a
// Principal with its role. Staff sessions expire after kSessionHours; display and integration
// tokens at their optional expires_at; contact tokens last until deleted. Deactivated staff
// cannot log in and their tokens do not authenticate (domain/admin_service.h ends them).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "protocol/model.h"
#include "server/auth/login_limiter.h"
#include "server/store/store.h"

namespace sb::server {

struct Principal {
    enum class Kind { staff, display, contact, integration };
    Kind kind = Kind::staff;
    protocol::Staff staff;     // kind staff: the staff member as of this request
    protocol::Id chat_id = 0;  // kind contact: the one chat the token opens
    protocol::Id contact_id = 0;
    std::string token_hash;
    std::optional<protocol::Time> expires_at;  // the token's; sockets close then (events/)
};

class AuthService {
  public:
    static constexpr std::int64_t kSessionHours = 12;
    // A display or integration token's last_used_at is written at most this often.
    static constexpr std::int64_t kLastUsedResolutionMs = 60'000;
    using Clock = std::function<protocol::Time()>;

    AuthService(store::Store& store, Clock clock, LoginLimits limits = {});

    // Throws DomainError: 401 on a wrong pair, 429 when rate-limited.
    protocol::LoginResponse login(const protocol::LoginRequest& r, const std::string& remote);
    void logout(const Principal& p);
    // How long a refused login's answer is held back (LoginLimits::refusal_hold_ms).
    std::chrono::milliseconds refusal_hold() const {
        return std::chrono::milliseconds(limits_.refusal_hold_ms);
    }
    // nullopt: unknown or expired token.
    std::optional<Principal> authenticate_token(const std::string& token);
    // The same for a token known by its hash (the event hub re-checks its sockets' tokens).
    std::optional<Principal> authenticate_hash(const std::string& hash);
    // From "Authorization: Bearer <token>"; nullopt when absent or not valid.
    std::optional<Principal> authenticate_header(const std::string* authorization);

  private:
    store::Store& store_;
    Clock clock_;
    LoginLimits limits_;
};

}  // namespace sb::server
