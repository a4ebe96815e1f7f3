// Fills a Switchboard database of either store (already made by the admin CLI, so the schema is
// the server's own) with generated contacts, chats and messages straight through SQL, in one
// transaction: the search indexes and tab-count triggers of the schema run as they would for API
// writes. Deterministic (seeded), so every run, on either store, searches the same data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/api_setup.h"

namespace bench {

struct GeneratedData {
    long long messages = 0;
    long long chats = 0;
    long long contacts = 0;
    std::vector<std::string> contact_names;  // a sample, for name queries
    std::vector<std::string> rare_words;     // words that occur in a handful of messages
};

// staff_id: the assignee of working and resolved chats; queue_id: their queue.
GeneratedData generate_messages(const BenchDb& db, long long messages, int messages_per_chat,
                                long long staff_id, long long queue_id);

// Words common in the generated text (each in a large share of messages).
const std::vector<std::string>& common_words();

}  // namespace bench
