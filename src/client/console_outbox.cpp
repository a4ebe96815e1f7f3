// Console, the outbox: replies are queued with a client id, kept in storage per staff member,
// sent one at a time, retried with backoff, and dropped with a notice when the server refuses
// them. See console.cpp for the index.
#include "client/console.h"

#include <cstdio>
#include <random>

#include "client/console_internal.h"

namespace sb::client {

using namespace console_detail;
using protocol::Chat;

std::string Console::outbox_key() const {
    return std::string(kOutboxKey) + "." + std::to_string(store_.me() ? store_.me()->id : 0);
}

// The outbox survives a reload (kept per staff member; sent at their next session).
void Console::save_outbox() {
    if (!store_.me()) return;
    if (outbox_.empty())
        platform_.remove(outbox_key());
    else
        platform_.save(outbox_key(), outbox_.serialize());
}

std::string Console::make_client_id() {
    static std::random_device device;
    char buf[48];
    std::snprintf(buf, sizeof buf, "c-%08x%08x-%llu", device(), device(), ++client_counter_);
    return buf;
}

std::vector<const OutgoingMessage*> Console::unsent_for(Id chat_id) const {
    auto unsent = outbox_.pending_for(chat_id);
    if (const ChatHistory* h = store_.history(chat_id))
        std::erase_if(unsent, [h](const OutgoingMessage* m) {
            return h->client_ids.count(m->client_id) > 0;
        });
    return unsent;
}

void Console::send(Id chat_id, const std::string& body, protocol::MessageKind kind) {
    if (body.find_first_not_of(" \t\r\n") == std::string::npos) return;
    outbox_.add(chat_id, body, kind, now(), make_client_id());
    save_outbox();
    flush_outbox();
    changed();
}

void Console::flush_outbox() {
    const OutgoingMessage* m = outbox_.take_next();
    if (!m) return;
    protocol::SendMessageRequest req{m->body, m->client_id, m->kind};
    const std::string client_id = m->client_id;
    const Id chat_id = m->chat_id;
    api_.send(chat_id, req, [this, client_id, chat_id](ApiResult<Ok> r) {
        if (auto* e = error_of(r)) {
            if (transient(*e)) {
                outbox_.retry_later(client_id);
                ++outbox_failures_;
                outbox_retry_at_ = now() + EventStream::backoff_base(outbox_failures_ - 1);
            } else if (e->status == 401) {
                outbox_.retry_later(client_id);
                fail(*e, "Not sent");
            } else {
                outbox_.refused(client_id, e->message);
                save_outbox();
                notify("A message to " + chat_name(chat_id) + " was not sent: " + e->message, true);
                flush_outbox();
            }
            return changed();
        }
        outbox_failures_ = 0;
        outbox_retry_at_ = 0;
        outbox_.confirmed(client_id);
        save_outbox();
        flush_outbox();
        changed();
    });
}

}  // namespace sb::client
