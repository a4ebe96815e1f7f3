// See outbox.h.
#include "client/outbox.h"

#include <charconv>

#include "protocol/json.h"

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

std::string Outbox::serialize() const {
    std::string out;
    for (const OutgoingMessage& m : queue_) {
        out += std::to_string(m.chat_id);
        out += ' ';
        out += protocol::encode(protocol::SendMessageRequest{m.body, m.client_id, m.kind});
        out += '\n';  // JSON text never holds a raw newline
    }
    return out;
}

void Outbox::restore(const std::string& text, double now) {
    queue_.clear();
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        const std::string_view line(text.data() + pos, end - pos);
        pos = end + 1;
        const size_t space = line.find(' ');
        protocol::Id chat_id = 0;
        if (space == std::string_view::npos ||
            std::from_chars(line.data(), line.data() + space, chat_id).ec != std::errc() ||
            chat_id <= 0)
            continue;
        try {
            auto req = protocol::decode<protocol::SendMessageRequest>(line.substr(space + 1));
            queue_.push_back(OutgoingMessage{chat_id, std::move(req.client_id), std::move(req.body),
                                             req.kind, now, false});
        } catch (const std::exception&) {
            // A damaged line is dropped; the others are still sent.
        }
    }
}

}  // namespace sb::client
