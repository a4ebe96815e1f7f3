// Console, the transfer dialog's intents: open, find staff, transfer, close. See console.cpp
// for the index.
#include "client/console.h"

#include <algorithm>

#include "client/console_internal.h"

namespace sb::client {

using namespace console_detail;
using protocol::Chat;

void Console::open_transfer(Id chat_id) {
    transfer_ = TransferState{};
    transfer_.chat_id = chat_id;
    if (store_.queues().empty())
        api_.queues([this](ApiResult<protocol::QueueList> r) {
            if (auto* q = std::get_if<protocol::QueueList>(&r)) store_.set_queues(q->queues);
            changed();
        });
    find_staff("");
}

void Console::find_staff(const std::string& query) {
    transfer_.query = query;
    transfer_.searching = true;
    api_.staff(query, [this, query](ApiResult<protocol::StaffList> r) {
        if (transfer_.query != query) return;  // a newer query is on its way
        transfer_.searching = false;
        if (auto* e = error_of(r)) {
            transfer_.error = e->message;
            return changed();
        }
        auto staff = std::get<protocol::StaffList>(r).staff;
        std::stable_sort(staff.begin(), staff.end(), [](const auto& a, const auto& b) {
            return static_cast<int>(a.presence) < static_cast<int>(b.presence);
        });
        transfer_.staff = std::move(staff);
        changed();
    });
    changed();
}

void Console::transfer(std::optional<Id> staff_id, std::optional<Id> queue_id) {
    if (transfer_.chat_id == 0 || transfer_.submitting) return;
    if (!staff_id && !queue_id) {
        transfer_.error = "Pick a staff member or a queue.";
        return changed();
    }
    transfer_.submitting = true;
    transfer_.error.clear();
    const Id chat_id = transfer_.chat_id;
    api_.transfer(chat_id, protocol::TransferRequest{staff_id, queue_id},
                  [this, chat_id](ApiResult<Chat> r) {
                      transfer_.submitting = false;
                      if (auto* e = error_of(r)) {
                          transfer_.error = e->message;
                          return changed();
                      }
                      transfer_ = TransferState{};
                      if (open_chat_ == chat_id) open_chat_.reset();
                      apply_answer(r);
                      notify(chat_name(chat_id) + " is transferred.", false);
                  });
    changed();
}

void Console::close_transfer() {
    transfer_ = TransferState{};
    changed();
}

}  // namespace sb::client
