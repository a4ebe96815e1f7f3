#include "search/message_generator.h"

#include <sqlite3.h>

#include <chrono>
#include <memory>
#include <optional>
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

// Rows of the generated data, in the order the schema's keys need them: a chat's contact, then
// the chat, then its messages.
struct ContactRow {
    long long id;
    std::string name, email;
    long long created_at;
};
struct ChatRow {
    long long id;
    const char* status;
    long long queue_id;
    std::optional<long long> assignee_id;
    long long created_at, last_message_at;
    std::optional<long long> waiting_since, first_response_at, resolved_at;
    std::string preview;
    long long contact_msg_count;
};
struct MessageRow {
    long long chat_id;
    bool from_contact;
    long long staff_id;
    std::string body;
    long long created_at;
};

class RowSink {
  public:
    virtual ~RowSink() = default;
    virtual void contact(const ContactRow& r) = 0;
    virtual void chat(const ChatRow& r) = 0;
    virtual void message(const MessageRow& r) = 0;
    virtual void finish() = 0;  // indexes, counters, commit
};

// SQLite: prepared statements in one transaction; the message FTS index is filled in one bulk
// 'rebuild' at the end, and the index's position set to the last message (what the server's
// writer does per group commit). The schema's tab-count triggers run as for API writes.
class SqliteSink : public RowSink {
  public:
    explicit SqliteSink(const std::string& path) {
        if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK)
            throw std::runtime_error("cannot open " + path);
        exec("PRAGMA synchronous=OFF");
        exec("PRAGMA cache_size=-262144");
        exec("BEGIN");
        contact_ =
            prepare("INSERT INTO contacts(id, name, email, created_at) VALUES (?1, ?2, ?3, ?4)");
        chat_ = prepare(
            "INSERT INTO chats(id, status, queue_id, contact_id, assignee_id, created_at, "
            "last_message_at, waiting_since, first_response_at, accepted_at, resolved_at, "
            "last_message_preview, contact_msg_count) "
            "VALUES (?1, ?2, ?3, ?1, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?11)");
        message_ = prepare(
            "INSERT INTO messages(chat_id, kind, author_type, author_id, author_name, body, "
            "created_at) VALUES (?1, 'text', ?2, ?3, ?4, ?5, ?6)");
    }
    ~SqliteSink() override {
        for (auto* s : {contact_, chat_, message_}) sqlite3_finalize(s);
        sqlite3_close(db_);
    }
    void contact(const ContactRow& r) override {
        sqlite3_bind_int64(contact_, 1, r.id);
        sqlite3_bind_text(contact_, 2, r.name.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(contact_, 3, r.email.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(contact_, 4, r.created_at);
        step(contact_);
    }
    void chat(const ChatRow& r) override {
        sqlite3_bind_int64(chat_, 1, r.id);
        sqlite3_bind_text(chat_, 2, r.status, -1, SQLITE_STATIC);
        sqlite3_bind_int64(chat_, 3, r.queue_id);
        bind(chat_, 4, r.assignee_id);
        sqlite3_bind_int64(chat_, 5, r.created_at);
        sqlite3_bind_int64(chat_, 6, r.last_message_at);
        bind(chat_, 7, r.waiting_since);
        bind(chat_, 8, r.first_response_at);
        bind(chat_, 9, r.resolved_at);
        sqlite3_bind_text(chat_, 10, r.preview.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(chat_, 11, r.contact_msg_count);
        step(chat_);
    }
    void message(const MessageRow& r) override {
        sqlite3_bind_int64(message_, 1, r.chat_id);
        sqlite3_bind_text(message_, 2, r.from_contact ? "contact" : "staff", -1, SQLITE_STATIC);
        if (r.from_contact) {
            sqlite3_bind_null(message_, 3);
            sqlite3_bind_null(message_, 4);
        } else {
            sqlite3_bind_int64(message_, 3, r.staff_id);
            sqlite3_bind_text(message_, 4, "Bench Supervisor", -1, SQLITE_STATIC);
        }
        sqlite3_bind_text(message_, 5, r.body.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(message_, 6, r.created_at);
        step(message_);
    }
    void finish() override {
        exec("INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')");
        exec(
            "UPDATE message_index_state SET indexed_upto = (SELECT ifnull(max(id), 0) FROM "
            "messages)");
        exec("COMMIT");
        exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }

  private:
    sqlite3_stmt* prepare(const char* sql) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("prepare: ") + sqlite3_errmsg(db_));
        return s;
    }
    static void bind(sqlite3_stmt* s, int i, std::optional<long long> v) {
        v ? sqlite3_bind_int64(s, i, *v) : sqlite3_bind_null(s, i);
    }
    void step(sqlite3_stmt* s) {
        if (sqlite3_step(s) != SQLITE_DONE)
            throw std::runtime_error(std::string("step: ") + sqlite3_errmsg(db_));
        sqlite3_reset(s);
    }
    void exec(const char* sql) {
        char* err = nullptr;
        if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
            const std::string msg = err ? err : "?";
            sqlite3_free(err);
            throw std::runtime_error(std::string(sql) + ": " + msg);
        }
    }
    sqlite3* db_ = nullptr;
    sqlite3_stmt *contact_ = nullptr, *chat_ = nullptr, *message_ = nullptr;
};

// PostgreSQL: COPY in batches (contacts, then chats, then messages, so every foreign key holds),
// in one transaction; the tsvector columns are generated and the GIN indexes and tab-count
// triggers run as for API writes. The identity sequences are moved past the explicit ids.
class PgSink : public RowSink {
  public:
    explicit PgSink(const std::string& url) : pg_(url) { pg_.exec("BEGIN"); }
    void contact(const ContactRow& r) override {
        contacts_ += std::to_string(r.id) + '\t' + copy_escape(r.name) + '\t' +
                     copy_escape(r.email) + '\t' + std::to_string(r.created_at) + '\n';
    }
    void chat(const ChatRow& r) override {
        chats_ += std::to_string(r.id) + '\t' + r.status + '\t' + std::to_string(r.queue_id) +
                  '\t' + std::to_string(r.id) + '\t' + opt(r.assignee_id) + '\t' +
                  std::to_string(r.created_at) + '\t' + std::to_string(r.last_message_at) + '\t' +
                  opt(r.waiting_since) + '\t' + opt(r.first_response_at) + '\t' +
                  opt(r.first_response_at) + '\t' + opt(r.resolved_at) + '\t' +
                  copy_escape(r.preview) + '\t' + std::to_string(r.contact_msg_count) + '\n';
    }
    void message(const MessageRow& r) override {
        messages_ +=
            std::to_string(r.chat_id) + "\ttext\t" +
            (r.from_contact ? "contact\t\\N\t\\N\t"
                            : "staff\t" + std::to_string(r.staff_id) + "\tBench Supervisor\t") +
            copy_escape(r.body) + '\t' + std::to_string(r.created_at) + '\n';
        if (++pending_ >= 50'000) flush();
    }
    void finish() override {
        flush();
        for (const char* table : {"contacts", "chats", "messages"})
            pg_.exec(std::string("SELECT setval(pg_get_serial_sequence('") + table +
                     "', 'id'), (SELECT max(id) FROM " + table + "))");
        pg_.exec("COMMIT");
        pg_.exec("ANALYZE");
    }

  private:
    static std::string opt(std::optional<long long> v) { return v ? std::to_string(*v) : "\\N"; }
    void flush() {
        if (!contacts_.empty()) pg_.copy_in("contacts(id, name, email, created_at)", contacts_);
        if (!chats_.empty())
            pg_.copy_in(
                "chats(id, status, queue_id, contact_id, assignee_id, created_at, "
                "last_message_at, waiting_since, first_response_at, accepted_at, "
                "resolved_at, last_message_preview, contact_msg_count)",
                chats_);
        if (!messages_.empty())
            pg_.copy_in(
                "messages(chat_id, kind, author_type, author_id, author_name, body, "
                "created_at)",
                messages_);
        contacts_.clear();
        chats_.clear();
        messages_.clear();
        pending_ = 0;
    }
    PgConnection pg_;
    std::string contacts_, chats_, messages_;
    size_t pending_ = 0;
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

GeneratedData generate_messages(const BenchDb& db, long long messages, int messages_per_chat,
                                long long staff_id, long long queue_id) {
    std::unique_ptr<RowSink> sink;
    if (db.store == StoreKind::postgres)
        sink = std::make_unique<PgSink>(db.database);
    else
        sink = std::make_unique<SqliteSink>(db.database);
    GeneratedData out;
    std::mt19937_64 rng(20261124);
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    const long long chats = (messages + messages_per_chat - 1) / messages_per_chat;
    long long t = now - chats * messages_per_chat * 60'000LL;  // a minute between messages
    for (long long c = 1; c <= chats; ++c) {
        const std::string name = kFirst[rng() % kFirst.size()] + " " + kLast[rng() % kLast.size()] +
                                 " " + std::to_string(c);
        if (out.contact_names.size() < 200 && c % 97 == 0) out.contact_names.push_back(name);
        const long long created = t;
        sink->contact({c, name, "c" + std::to_string(c) + "@example.com", created});
        long long contact_msgs = 0;
        std::string last;
        std::vector<MessageRow> rows;
        const long long n = std::min<long long>(messages_per_chat, messages - out.messages);
        for (long long m = 0; m < n; ++m, t += 60'000) {
            const bool from_contact = m % 2 == 0;
            std::string rare;
            if (rng() % 500 == 0) {
                rare = rare_word(rng);
                if (out.rare_words.size() < 200) out.rare_words.push_back(rare);
            }
            last = sentence(rng, rare);
            if (from_contact) ++contact_msgs;
            rows.push_back({c, from_contact, staff_id, last, t});
            ++out.messages;
        }
        // Mostly resolved history, a few working and pending chats at the end.
        const long long left = chats - c;
        const char* status = left < 50 ? "pending" : left < 300 ? "working" : "resolved";
        const bool pending = left < 50;
        ChatRow chat{c,           status,       queue_id,     std::nullopt, created,
                     t - 60'000,  std::nullopt, std::nullopt, std::nullopt, last.substr(0, 80),
                     contact_msgs};
        if (pending)
            chat.waiting_since = created;
        else {
            chat.assignee_id = staff_id;
            chat.first_response_at = created + 60'000;
        }
        if (std::string(status) == "resolved") chat.resolved_at = t;
        sink->chat(chat);
        for (const auto& r : rows) sink->message(r);
        ++out.chats;
        ++out.contacts;
    }
    sink->finish();
    return out;
}

}  // namespace bench
