// The SQLite store's own machinery, on real database files: group commit with the message search
// index filled once per batch (and never for work that rolled back), migrations applied by the
// set of recorded versions, databases from before migration 005 carried over, and WAL checkpoints
// that run on their own connection.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "server/domain/chat_service.h"
#include "server/store/sqlite/migrations.h"
#include "server/store/sqlite/sqlite_store.h"
#include "temp_db.h"

using namespace sb::server;
using namespace sb::protocol;

namespace {

std::string scalar(const std::string& path, const std::string& sql) {
    sqlite::Connection c(path, true);
    auto s = c.prepare(sql);
    return s->step() && !s->is_null(0) ? s->text(0) : "";
}

// FTS5's own consistency check of an external-content index against its content table.
void expect_index_consistent(const std::string& path) {
    sqlite::Connection c(path, false);
    EXPECT_NO_THROW(
        c.exec("INSERT INTO messages_fts(messages_fts, rank) VALUES "
               "('integrity-check', 1)"));
}

// Applies the migrations with these versions straight to a new file, as an older server would.
void migrate_only(const std::string& path, std::initializer_list<int> versions) {
    sqlite::Connection c(path, false);
    c.exec(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at INTEGER NOT NULL DEFAULT (unixepoch() * 1000))");
    int count = 0;
    const auto* all = sqlite::migrations(count);
    for (int v : versions)
        for (int i = 0; i < count; ++i)
            if (all[i].version == v) {
                c.exec(all[i].sql);
                auto s = c.prepare("INSERT INTO schema_migrations(version, name) VALUES (?, ?)");
                s->bind(1, v).bind(2, all[i].name).run();
            }
}

class SqliteStoreTest : public ::testing::Test {
  protected:
    void open(int checkpoint_pages = sqlite::WalCheckpointer::kDefaultPages) {
        store_ = std::make_unique<sqlite::SqliteStore>(db_.path(), 4, checkpoint_pages);
        chats_ = std::make_unique<ChatService>(
            *store_, [this] { return ++now_; }, [](store::StoredEvent) {});
    }
    Id start(const std::string& body) {
        ContactStartRequest r;
        r.name = "Jan";
        r.body = body;
        r.queue_id = queue_;
        return chats_->contact_start(r, "hash-" + std::to_string(++tokens_)).chat.chat.id;
    }
    std::vector<Id> search(const std::string& words) {
        store::Audience everyone;
        everyone.everything = true;
        std::vector<Id> ids;
        for (const auto& r : store_->read_value(
                 [&](store::ReadTx& tx) { return tx.search(words, everyone, false, 500); }))
            ids.push_back(r.chat.id);
        return ids;
    }

    sb::test::TempDb db_;
    std::unique_ptr<sqlite::SqliteStore> store_;
    std::unique_ptr<ChatService> chats_;
    Time now_ = 1'795'000'000'000;
    int tokens_ = 0;
    Id queue_ = 0;
};

TEST_F(SqliteStoreTest, ConcurrentGroupCommitsIndexEveryCommittedMessageAndNoRolledBackOne) {
    open();
    store_->write([&](store::WriteTx& tx) { queue_ = tx.insert_queue("Support"); });
    const Id chat = start("hello");
    std::atomic<int> ok{0}, failed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 60; ++i) {
                const std::string word = "w" + std::to_string(t) + "x" + std::to_string(i);
                try {
                    chats_->contact_send(chat, 1, SendMessageRequest{word + " zebra", word, {}});
                    if (i % 4 == 0) {
                        // A piece that inserts a message and then fails: nothing of it may stay,
                        // in the messages table or in the search index.
                        store_->write([&](store::WriteTx& tx) {
                            store::NewMessage m;
                            m.chat_id = chat;
                            m.kind = MessageKind::text;
                            m.author = {AuthorType::contact, 1, "Jan"};
                            m.body = "ghost" + word;
                            m.at = now_;
                            tx.insert_message(m);
                            throw std::runtime_error("changed my mind");
                        });
                    }
                    ++ok;
                } catch (const std::runtime_error&) {
                    ++failed;
                }
            }
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(ok.load(), 8 * 60 - failed.load());
    EXPECT_EQ(failed.load(), 8 * 15);
    EXPECT_EQ(search("zebra"), std::vector<Id>{chat});
    EXPECT_EQ(search("w7x59"), std::vector<Id>{chat});
    EXPECT_TRUE(search("ghostw3x4").empty());
    EXPECT_EQ(scalar(db_.path(), "SELECT count(*) FROM messages WHERE body LIKE 'ghost%'"), "0");
    // Every message (the first included) is in the index, and the index knows how far it got.
    EXPECT_EQ(scalar(db_.path(),
                     "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH "
                     "'zebra OR hello'"),
              std::to_string(1 + 8 * 60));
    EXPECT_EQ(scalar(db_.path(), "SELECT indexed_upto FROM message_index_state"),
              scalar(db_.path(), "SELECT max(id) FROM messages"));
    expect_index_consistent(db_.path());
}

TEST_F(SqliteStoreTest, ADatabaseFromBeforeTheBatchedIndexKeepsItsIndexAndGrowsIt) {
    migrate_only(db_.path(), {1, 2, 3, 4});
    {
        // What an older server wrote: the old trigger indexed this message.
        sqlite::Connection c(db_.path(), false);
        c.exec("INSERT INTO queues(id, name) VALUES (1, 'Support')");
        c.exec("INSERT INTO contacts(id, name, created_at) VALUES (1, 'Jan', 0)");
        c.exec(
            "INSERT INTO chats(id, status, queue_id, contact_id, created_at, last_message_at, "
            "waiting_since) VALUES (1, 'pending', 1, 1, 0, 0, 0)");
        c.exec(
            "INSERT INTO messages(chat_id, kind, author_type, author_id, author_name, body, "
            "created_at) VALUES (1, 'text', 'contact', 1, 'Jan', 'an old parcel', 0)");
    }
    open();
    EXPECT_EQ(store_->schema_version(), 9);
    EXPECT_EQ(scalar(db_.path(), "SELECT indexed_upto FROM message_index_state"), "1");
    queue_ = 1;
    const Id fresh = start("a new parcel");
    EXPECT_EQ(search("parcel"), (std::vector<Id>{fresh, 1}));
    EXPECT_EQ(search("old"), std::vector<Id>{1});
    expect_index_consistent(db_.path());
}

TEST_F(SqliteStoreTest, AMigrationMissingBelowTheHighestAppliedOneStillRuns) {
    migrate_only(db_.path(), {1, 2, 3, 5});  // 004 merged after 005 had run here
    open();
    EXPECT_EQ(scalar(db_.path(),
                     "SELECT group_concat(version) FROM (SELECT version FROM "
                     "schema_migrations ORDER BY version)"),
              "1,2,3,4,5,6,7,8,9");
    EXPECT_EQ(scalar(db_.path(),
                     "SELECT count(*) FROM sqlite_master WHERE name = "
                     "'canned_replies'"),
              "1");
}

TEST_F(SqliteStoreTest, CheckpointsRunInTheBackgroundAndTheWalStartsOver) {
    open(64);  // pages
    store_->write([&](store::WriteTx& tx) { queue_ = tx.insert_queue("Support"); });
    const Id chat = start("hello");
    const std::string body(3000, 'x');
    auto wait_until_checkpoints_settle = [&] {
        long long seen = -1;
        for (int i = 0; i < 100 && store_->checkpoints() != seen; ++i) {
            seen = store_->checkpoints();
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    };
    // 8 rounds of 50 commits (about 4 MB of WAL frames each, 32 MB in all). Between rounds the
    // checkpointer catches up; the next commit must then start the WAL over instead of appending.
    for (int round = 0; round < 8; ++round) {
        for (int i = 0; i < 50; ++i)
            chats_->contact_send(chat, 1,
                                 SendMessageRequest{body, std::to_string(round * 50 + i), {}});
        wait_until_checkpoints_settle();
    }
    EXPECT_GT(store_->checkpoints(), 0);
    const auto wal = std::filesystem::file_size(db_.path() + "-wal");
    EXPECT_LT(wal, 12u * 1024 * 1024) << wal;  // appending only, it would be over 30 MB
    // Commits back to back: the checkpointer never finds the writer idle, so it pauses it
    // between two group commits to copy the last frames; otherwise the WAL would never start
    // over and would grow by all 32 MB.
    for (int i = 0; i < 400; ++i)
        chats_->contact_send(chat, 1, SendMessageRequest{body, "b" + std::to_string(i), {}});
    const auto wal2 = std::filesystem::file_size(db_.path() + "-wal");
    EXPECT_LT(wal2, wal + 20u * 1024 * 1024) << wal2;
    EXPECT_EQ(scalar(db_.path(), "SELECT count(*) FROM messages"), "801");
    expect_index_consistent(db_.path());
}

}  // namespace
