// The canned-reply rules; see canned_service.h.
#include "server/domain/canned_service.h"

namespace sb::server {

using protocol::Id;
using store::WriteTx;

namespace {

bool manages_shared(const protocol::Staff& s) {
    return s.role == protocol::Role::supervisor || s.role == protocol::Role::admin;
}

std::optional<Id> owner_scope(const protocol::CannedReply& r) {
    return r.shared ? std::nullopt : r.owner_id;
}

// 409 when another reply of the same scope already has this shortcut.
void check_shortcut_free(WriteTx& tx, const std::string& shortcut, std::optional<Id> owner,
                         Id except = 0) {
    const auto taken = tx.canned_by_shortcut(shortcut, owner);
    if (!taken || *taken == except) return;
    throw DomainError::conflict(owner ? "you already have a canned reply /" + shortcut
                                      : "a shared canned reply /" + shortcut + " already exists");
}

std::string audit_detail(const protocol::CannedReply& r) {
    return std::string(r.shared ? "shared" : "personal") + " /" + r.shortcut + " (#" +
           std::to_string(r.id) + ")";
}

}  // namespace

CannedService::CannedService(store::Store& store, Clock clock)
    : store_(store), clock_(std::move(clock)) {}

protocol::CannedReplyList CannedService::list(const protocol::Staff& s) {
    protocol::CannedReplyList out;
    out.items = store_.read_value([&](store::ReadTx& tx) { return tx.canned_replies_for(s.id); });
    return out;
}

protocol::CannedReply CannedService::create(const protocol::Staff& s,
                                            const protocol::CannedCreateRequest& r) {
    if (r.shared && !manages_shared(s))
        throw DomainError::forbidden(
            "only supervisors and admins create shared canned replies; leave shared off for a "
            "personal one");
    return store_.write_value([&](WriteTx& tx) {
        const std::optional<Id> owner = r.shared ? std::nullopt : std::optional<Id>(s.id);
        check_shortcut_free(tx, r.shortcut, owner);
        const Id id = tx.insert_canned({r.shortcut, r.body, owner, s.id, clock_()});
        auto made = tx.canned_reply(id)->reply;
        tx.insert_audit(
            {clock_(), "staff", s.id, "canned-create", std::nullopt, audit_detail(made)});
        return made;
    });
}

store::CannedRecord CannedService::load_for_change(WriteTx& tx, const protocol::Staff& s, Id id) {
    auto found = tx.canned_reply(id);
    const std::string name = "canned reply #" + std::to_string(id);
    if (!found || (!found->reply.shared && found->reply.owner_id != s.id))
        throw DomainError::not_found(name + " does not exist");
    if (found->reply.shared && !manages_shared(s))
        throw DomainError::forbidden("only supervisors and admins change shared canned replies");
    return *found;
}

protocol::CannedReply CannedService::update(const protocol::Staff& s, Id id,
                                            const protocol::CannedPatchRequest& r) {
    return store_.write_value([&](WriteTx& tx) {
        const auto before = load_for_change(tx, s, id).reply;
        const std::string shortcut = r.shortcut.value_or(before.shortcut);
        check_shortcut_free(tx, shortcut, owner_scope(before), id);
        tx.update_canned(id, shortcut, r.body.value_or(before.body), clock_());
        auto after = tx.canned_reply(id)->reply;
        std::string detail = audit_detail(after);
        if (shortcut != before.shortcut) detail += ", was /" + before.shortcut;
        tx.insert_audit({clock_(), "staff", s.id, "canned-update", std::nullopt, detail});
        return after;
    });
}

void CannedService::remove(const protocol::Staff& s, Id id) {
    store_.write([&](WriteTx& tx) {
        const auto gone = load_for_change(tx, s, id).reply;
        tx.delete_canned(id);
        tx.insert_audit({clock_(), "staff", s.id, "canned-delete", std::nullopt,
                         audit_detail(gone) + ": " + gone.body});
    });
}

}  // namespace sb::server
