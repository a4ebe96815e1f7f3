// Store helpers shared by every implementation; see store.h.
#include "server/store/store.h"

#include <algorithm>

namespace sb::server::store {

std::int64_t unread_count(std::int64_t contact_msg_count, const std::vector<ReadState>& reads,
                          Id viewer) {
    if (viewer == 0) return 0;
    std::int64_t read_count = 0;
    bool marked = false;
    for (const auto& r : reads) {
        if (r.staff_id == viewer) {
            read_count = r.read_count;
            marked = r.marked_unread;
        }
    }
    const std::int64_t n = std::max<std::int64_t>(0, contact_msg_count - read_count);
    return (marked && n == 0) ? 1 : n;
}

void apply_read_state(protocol::Chat& chat, std::int64_t contact_msg_count,
                      const std::vector<ReadState>& reads, Id viewer) {
    chat.unread_count = unread_count(contact_msg_count, reads, viewer);
    chat.unread = chat.unread_count > 0;
}

const char* to_string(TokenRecord::Kind k) {
    switch (k) {
        case TokenRecord::Kind::staff:
            return "staff";
        case TokenRecord::Kind::display:
            return "display";
        case TokenRecord::Kind::contact:
            return "contact";
        case TokenRecord::Kind::integration:
            return "integration";
    }
    return "staff";
}

}  // namespace sb::server::store
