// Canned replies (PRODUCT.md E12): saved answers staff insert with a few keys. The rules live
// here, not in the HTTP handlers:
//   list:   every staff member (agent, supervisor, admin) sees their own personal replies and
//           every shared one, by shortcut, personal first on the same shortcut;
//   create: anyone creates personal replies; only supervisors and admins create shared ones;
//   change: only supervisors and admins edit or delete shared replies (others: 403); only the
//           owner edits or deletes a personal one (anyone else, supervisors included: 404, so
//           personal replies do not leak);
//   unique: a shortcut once among shared replies and once per owner among personal ones (409).
// Each change runs in one write transaction with an audit row. Transport-free.
#pragma once

#include <functional>

#include "protocol/model.h"
#include "server/domain/domain_error.h"
#include "server/store/store.h"

namespace sb::server {

class CannedService {
  public:
    using Clock = std::function<protocol::Time()>;

    CannedService(store::Store& store, Clock clock);

    protocol::CannedReplyList list(const protocol::Staff& s);
    protocol::CannedReply create(const protocol::Staff& s, const protocol::CannedCreateRequest& r);
    protocol::CannedReply update(const protocol::Staff& s, protocol::Id id,
                                 const protocol::CannedPatchRequest& r);
    void remove(const protocol::Staff& s, protocol::Id id);

  private:
    // The reply `s` may change, else 404 (unknown, or someone else's personal one) or 403
    // (a shared one, for an agent).
    store::CannedRecord load_for_change(store::WriteTx& tx, const protocol::Staff& s,
                                        protocol::Id id);

    store::Store& store_;
    Clock clock_;
};

}  // namespace sb::server
