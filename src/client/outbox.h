// Replies and notes the agent has written but the server has not confirmed yet. Each has a
// client_id made here once; it is sent one at a time, in the order written, and re-sent with the
// same client_id after a failure until the server confirms (the server stores a client_id once,
// so a retry after a lost answer cannot duplicate). A refusal (4xx) takes the item out and keeps
// its text in failed() so nothing typed is silently lost.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "protocol/model.h"

namespace sb::client {

struct OutgoingMessage {
    protocol::Id chat_id = 0;
    std::string client_id;
    std::string body;
    protocol::MessageKind kind = protocol::MessageKind::text;
    double written_at = 0;  // platform seconds
    bool in_flight = false;
};

struct FailedMessage {
    OutgoingMessage message;
    std::string reason;
};

class Outbox {
  public:
    // Queues a message under the given (unique) client_id.
    const OutgoingMessage& add(protocol::Id chat_id, std::string body, protocol::MessageKind kind,
                               double now, std::string client_id);
    // The message to send now: the oldest, if nothing is in flight. Marks it in flight.
    const OutgoingMessage* take_next();
    void confirmed(const std::string& client_id);    // 2xx: done
    void retry_later(const std::string& client_id);  // network/5xx: stays first in line
    void refused(const std::string& client_id, std::string reason);  // 4xx: out, kept in failed()
    bool empty() const { return queue_.empty(); }
    size_t size() const { return queue_.size(); }
    bool in_flight() const { return !queue_.empty() && queue_.front().in_flight; }
    const std::deque<OutgoingMessage>& pending() const { return queue_; }
    std::vector<const OutgoingMessage*> pending_for(protocol::Id chat_id) const;
    const std::vector<FailedMessage>& failed() const { return failed_; }
    void dismiss_failed() { failed_.clear(); }
    // One line per waiting message ("<chat id> <SendMessageRequest JSON>"), for the platform's
    // storage, so a reload while offline keeps what was typed. restore() replaces the queue
    // and skips lines it cannot read.
    std::string serialize() const;
    void restore(const std::string& text, double now);

    void clear() {
        queue_.clear();
        failed_.clear();
    }

  private:
    std::deque<OutgoingMessage> queue_;
    std::vector<FailedMessage> failed_;
};

}  // namespace sb::client
