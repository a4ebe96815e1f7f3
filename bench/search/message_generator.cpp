#include "search/message_generator.h"

#include <sqlite3.h>

#include <chrono>
#include <random>
#include <stdexcept>

namespace bench {

namespace {

const std::vector<std::string> kFirst = {
    "Anna", "Ben",  "Chloe",  "David", "Elena", "Farid", "Grace", "Hugo",  "Ines", "Jonas",
    "Kira", "Liam", "Maya",   "Noah",  "Olga",  "Pavel", "Quinn", "Rosa",  "Sven", "Tara",
    "Umar", "Vera", "Willem", "Xenia", "Yusuf", "Zoe",   "Marco", "Lucia", "Omar", "Priya"};
const std::vector<std::string> kLast = {
    "Andersen", "Brennan", "Costa",    "Dubois", "Eriksen", "Fischer",  "Garcia", "Horvath",
    "Ivanova",  "Jensen",  "Kowalski", "Larsen", "Moreau",  "Nakamura", "Okafor", "Petrov",
    "Quispe",   "Rossi",   "Schmidt",  "Tanaka", "Urban",   "Varga",    "Weber",  "Yilmaz"};
const std::vector<std::string> kCommon = {
    "order",  "delivery", "refund", "parcel",  "account",  "password", "invoice",  "payment",
    "kettle", "shipping", "return", "address", "tracking", "discount", "warranty", "broken"};
const std::vector<std::string> kFiller = {
    "hello", "thanks", "please", "could", "you",     "check", "my",    "the",   "it",
    "was",   "still",  "not",    "yet",   "arrived", "when",  "will",  "be",    "sent",
    "today", "again",  "sorry",  "for",   "waiting", "we",    "have",  "just",  "updated",
    "your",  "a",      "new",    "one",   "is",      "on",    "its",   "way",   "can",
    "i",     "change", "email",  "last",  "week",    "help",  "great", "works", "now"};

class Generator {
  public:
    explicit Generator(sqlite3* db) : db_(db) {}

    sqlite3_stmt* prepare(const char* sql) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("prepare: ") + sqlite3_errmsg(db_));
        owned_.push_back(s);
        return s;
    }
    void step(sqlite3_stmt* s) {
        if (sqlite3_step(s) != SQLITE_DONE)
            throw std::runtime_error(std::string("step: ") + sqlite3_errmsg(db_));
        sqlite3_reset(s);
    }
    void exec(const char* sql) {
        char* err = nullptr;
        if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
            std::string e = err ? err : "?";
            sqlite3_free(err);
            throw std::runtime_error(std::string(sql) + ": " + e);
        }
    }
    std::string text(const char* sql) {
        sqlite3_stmt* s = nullptr;
        std::string out;
        if (sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) == SQLITE_OK &&
            sqlite3_step(s) == SQLITE_ROW)
            out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
        if (out.empty()) throw std::runtime_error(std::string("no result: ") + sql);
        return out;
    }
    ~Generator() {
        for (auto* s : owned_) sqlite3_finalize(s);
    }

  private:
    sqlite3* db_;
    std::vector<sqlite3_stmt*> owned_;
};

std::string sentence(std::mt19937_64& rng, const std::string& rare) {
    std::string out;
    const int words = 8 + static_cast<int>(rng() % 10);
    for (int w = 0; w < words; ++w) {
        if (!out.empty()) out += ' ';
        if (rng() % 5 == 0)
            out += kCommon[rng() % kCommon.size()];
        else
            out += kFiller[rng() % kFiller.size()];
    }
    if (!rare.empty()) out += " ref " + rare;
    return out;
}

std::string rare_word(std::mt19937_64& rng) {
    static const char* kLetters = "bcdfghjklmnpqrstvwxz";
    std::string w = "ref";
    for (int i = 0; i < 6; ++i) w += kLetters[rng() % 20];
    return w;
}

}  // namespace

const std::vector<std::string>& common_words() {
    return kCommon;
}

GeneratedData generate_messages(const std::string& db_path, long long messages,
                                int messages_per_chat, long long staff_id, long long queue_id) {
    sqlite3* db = nullptr;
    if (sqlite3_open(db_path.c_str(), &db) != SQLITE_OK)
        throw std::runtime_error("cannot open " + db_path);
    GeneratedData out;
    {
        Generator g(db);
        g.exec("PRAGMA synchronous=OFF");
        g.exec("PRAGMA cache_size=-262144");
        g.exec("BEGIN");
        // The message FTS index is filled in one bulk 'rebuild' at the end, and the index's
        // position set to the last message (what the server's writer does per group commit).
        auto* contact =
            g.prepare("INSERT INTO contacts(id, name, email, created_at) VALUES (?1, ?2, ?3, ?4)");
        auto* chat = g.prepare(
            "INSERT INTO chats(id, status, queue_id, contact_id, assignee_id, created_at, "
            "last_message_at, waiting_since, first_response_at, accepted_at, resolved_at, "
            "last_message_preview, contact_msg_count) "
            "VALUES (?1, ?2, ?3, ?1, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?11)");
        auto* message = g.prepare(
            "INSERT INTO messages(chat_id, kind, author_type, author_id, author_name, body, "
            "created_at) VALUES (?1, 'text', ?2, ?3, ?4, ?5, ?6)");
        std::mt19937_64 rng(20261124);
        const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
        const long long chats = (messages + messages_per_chat - 1) / messages_per_chat;
        long long t = now - chats * messages_per_chat * 60'000LL;  // a minute between messages
        for (long long c = 1; c <= chats; ++c) {
            const std::string name = kFirst[rng() % kFirst.size()] + " " +
                                     kLast[rng() % kLast.size()] + " " + std::to_string(c);
            if (out.contact_names.size() < 200 && c % 97 == 0) out.contact_names.push_back(name);
            const long long created = t;
            sqlite3_bind_int64(contact, 1, c);
            sqlite3_bind_text(contact, 2, name.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(contact, 3, ("c" + std::to_string(c) + "@example.com").c_str(), -1,
                              SQLITE_TRANSIENT);
            sqlite3_bind_int64(contact, 4, created);
            g.step(contact);
            long long contact_msgs = 0;
            std::string last;
            const long long n = std::min<long long>(messages_per_chat, messages - out.messages);
            for (long long m = 0; m < n; ++m, t += 60'000) {
                const bool from_contact = m % 2 == 0;
                std::string rare;
                if (rng() % 500 == 0) {
                    rare = rare_word(rng);
                    if (out.rare_words.size() < 200) out.rare_words.push_back(rare);
                }
                last = sentence(rng, rare);
                sqlite3_bind_int64(message, 1, c);
                sqlite3_bind_text(message, 2, from_contact ? "contact" : "staff", -1,
                                  SQLITE_STATIC);
                if (from_contact) {
                    sqlite3_bind_null(message, 3);
                    sqlite3_bind_null(message, 4);
                    ++contact_msgs;
                } else {
                    sqlite3_bind_int64(message, 3, staff_id);
                    sqlite3_bind_text(message, 4, "Bench Supervisor", -1, SQLITE_STATIC);
                }
                sqlite3_bind_text(message, 5, last.c_str(), -1, SQLITE_TRANSIENT);
                sqlite3_bind_int64(message, 6, t);
                g.step(message);
                ++out.messages;
            }
            // Mostly resolved history, a few working and pending chats at the end.
            const long long left = chats - c;
            const char* status = left < 50 ? "pending" : left < 300 ? "working" : "resolved";
            const bool pending = left < 50;
            sqlite3_bind_int64(chat, 1, c);
            sqlite3_bind_text(chat, 2, status, -1, SQLITE_STATIC);
            sqlite3_bind_int64(chat, 3, queue_id);
            pending ? sqlite3_bind_null(chat, 4) : sqlite3_bind_int64(chat, 4, staff_id);
            sqlite3_bind_int64(chat, 5, created);
            sqlite3_bind_int64(chat, 6, t - 60'000);
            pending ? sqlite3_bind_int64(chat, 7, created) : sqlite3_bind_null(chat, 7);
            pending ? sqlite3_bind_null(chat, 8) : sqlite3_bind_int64(chat, 8, created + 60'000);
            std::string(status) == "resolved" ? sqlite3_bind_int64(chat, 9, t)
                                              : sqlite3_bind_null(chat, 9);
            sqlite3_bind_text(chat, 10, last.substr(0, 80).c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(chat, 11, contact_msgs);
            g.step(chat);
            ++out.chats;
            ++out.contacts;
        }
        g.exec("INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')");
        g.exec(
            "UPDATE message_index_state SET indexed_upto = (SELECT ifnull(max(id), 0) FROM "
            "messages)");
        g.exec("COMMIT");
        g.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    sqlite3_close(db);
    return out;
}

}  // namespace bench
