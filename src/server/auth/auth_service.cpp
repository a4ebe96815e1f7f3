// Logins, sessions and token lookup; see auth_service.h.
#include "server/auth/auth_service.h"

#include "server/auth/login_limiter.h"
#include "server/auth/passwords.h"
#include "server/auth/tokens.h"
#include "server/domain/domain_error.h"

namespace sb::server {

AuthService::AuthService(store::Store& store, Clock clock, LoginLimits limits)
    : store_(store), clock_(std::move(clock)), limits_(limits) {}

protocol::LoginResponse AuthService::login(const protocol::LoginRequest& r,
                                           const std::string& remote) {
    // Counted before the password is checked, atomically with the check (login_limiter.h).
    const std::int64_t wait = store_.write_value([&](store::WriteTx& tx) {
        return auth::reserve_login_attempt(tx, limits_, r.login, remote, clock_());
    });
    if (wait > 0) throw rate_limited("too many failed logins", wait);
    auto rec = store_.read_value([&](store::ReadTx& tx) { return tx.staff_by_login(r.login); });
    // An unknown login costs as much as a wrong password, so timing does not tell them apart.
    bool ok = false;
    try {
        ok =
            auth::verify_password(rec ? rec->password_hash : auth::dummy_hash(), r.password) && rec;
    } catch (const auth::HashingBusy&) {
        // Not this attempt's fault: take its reservation back.
        store_.write([&](store::WriteTx& tx) {
            auth::forgive_login_attempt(tx, r.login, remote, clock_(), false);
        });
        throw DomainError(503, "unavailable", "too many logins at once; retry in a second")
            .with_retry_after(1);
    }
    if (!ok) throw DomainError::unauthorized("wrong login or password");
    if (!rec->staff.active) {
        // The right password: no failure to count, but no session either.
        store_.write([&](store::WriteTx& tx) {
            auth::forgive_login_attempt(tx, r.login, remote, clock_(), true);
        });
        throw DomainError::forbidden("this account is deactivated; ask an admin");
    }
    const auto token = auth::make_token(store::TokenRecord::Kind::staff);
    const protocol::Time now = clock_();
    store::TokenRecord t;
    t.kind = store::TokenRecord::Kind::staff;
    t.staff_id = rec->staff.id;
    t.created_at = now;
    t.expires_at = now + kSessionHours * 3'600'000;
    store_.write([&](store::WriteTx& tx) {
        auth::forgive_login_attempt(tx, r.login, remote, now, true);
        tx.delete_expired_tokens(now);
        tx.delete_expired_limit_counters(now);
        tx.insert_token(token.hash, t);
        tx.insert_audit({now, "staff", rec->staff.id, "login", std::nullopt, remote});
    });
    return {token.text, *t.expires_at, rec->staff};
}

void AuthService::logout(const Principal& p) {
    store_.write([&](store::WriteTx& tx) {
        tx.delete_token(p.token_hash);
        tx.insert_audit({clock_(), "staff", p.staff.id, "logout", std::nullopt, ""});
    });
}

std::optional<Principal> AuthService::authenticate_token(const std::string& token) {
    if (token.empty() || token.size() > 200) return std::nullopt;
    return authenticate_hash(auth::hash_token(token));
}

std::optional<Principal> AuthService::authenticate_hash(const std::string& hash) {
    std::optional<Principal> out;
    bool touch = false;
    const protocol::Time now = clock_();
    store_.read([&](store::ReadTx& tx) {
        auto t = tx.token(hash);
        if (!t) return;
        if (t->expires_at && *t->expires_at <= now) return;
        Principal p;
        p.token_hash = hash;
        p.expires_at = t->expires_at;
        using K = store::TokenRecord::Kind;
        switch (t->kind) {
            case K::staff: {
                auto s = t->staff_id ? tx.staff(*t->staff_id) : std::nullopt;
                if (!s || !s->active) return;
                p.kind = Principal::Kind::staff;
                p.staff = std::move(*s);
                break;
            }
            case K::display:
            case K::integration:
                p.kind =
                    t->kind == K::display ? Principal::Kind::display : Principal::Kind::integration;
                // Administration shows when it was last used, to the minute.
                touch = !t->last_used_at || now - *t->last_used_at >= kLastUsedResolutionMs;
                break;
            case K::contact:
                p.kind = Principal::Kind::contact;
                p.chat_id = t->chat_id.value_or(0);
                p.contact_id = t->contact_id.value_or(0);
                break;
        }
        out = std::move(p);
    });
    if (touch) {
        try {
            store_.write([&](store::WriteTx& tx) { tx.touch_token(hash, now); });
        } catch (const std::exception&) {
            // Best effort: the next use a minute later tries again.
        }
    }
    return out;
}

std::optional<Principal> AuthService::authenticate_header(const std::string* authorization) {
    if (!authorization) return std::nullopt;
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization->size() <= kBearer.size() ||
        authorization->compare(0, kBearer.size(), kBearer) != 0)
        return std::nullopt;
    return authenticate_token(authorization->substr(kBearer.size()));
}

}  // namespace sb::server
