// See outbox.h.
#include "client/outbox.h"

namespace sb::client {

const OutgoingMessage& Outbox::add(protocol::Id chat_id, std::string body,
                                   protocol::MessageKind kind, double now, std::string client_id) {
    queue_.push_back(
        OutgoingMessage{chat_id, std::move(client_id), std::move(body), kind, now, false});
    return queue_.back();
}

const OutgoingMessage* Outbox::take_next() {
    if (queue_.empty() || queue_.front().in_flight) return nullptr;
    queue_.front().in_flight = true;
    return &queue_.front();
}

void Outbox::confirmed(const std::string& client_id) {
    if (!queue_.empty() && queue_.front().client_id == client_id) queue_.pop_front();
}

void Outbox::retry_later(const std::string& client_id) {
    if (!queue_.empty() && queue_.front().client_id == client_id) queue_.front().in_flight = false;
}

void Outbox::refused(const std::string& client_id, std::string reason) {
    if (queue_.empty() || queue_.front().client_id != client_id) return;
    OutgoingMessage m = std::move(queue_.front());
    queue_.pop_front();
    m.in_flight = false;
    failed_.push_back(FailedMessage{std::move(m), std::move(reason)});
}

std::vector<const OutgoingMessage*> Outbox::pending_for(protocol::Id chat_id) const {
    std::vector<const OutgoingMessage*> out;
    for (const OutgoingMessage& m : queue_)
        if (m.chat_id == chat_id) out.push_back(&m);
    return out;
}

}  // namespace sb::client
