// The chat lifecycle rules on a real SQLite store, without the network: who may act, accept
// (and its race), transfer, return, resolve and reopen, delete and restore, read state, sign,
// audit + system lines, If-Match, idempotent sends, maintained counts, search, the outbox.
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "server/domain/chat_service.h"
#include "server/domain/contact_view.h"
#include "server/domain/permissions.h"
#include "server/store/sqlite/sqlite_store.h"
#include "temp_db.h"

using namespace sb::server;
using namespace sb::protocol;

namespace {

class DomainTest : public ::testing::Test {
  protected:
    void SetUp() override {
        store_ = std::make_unique<sqlite::SqliteStore>(db_.path());
        store_->set_commit_listener([this](std::vector<store::StoredEvent> events) {
            for (auto& e : events) events_.push_back(std::move(e));
        });
        chats_ = std::make_unique<ChatService>(
            *store_, [this] { return now_; },
            [this](store::StoredEvent e) { typing_.push_back(e); });
        store_->write([&](store::WriteTx& tx) {
            support_ = tx.insert_queue("Support");
            sales_ = tx.insert_queue("Sales");
            alice_ = make_staff(tx, "alice", "Alice", Role::agent, {support_});
            bob_ = make_staff(tx, "bob", "Bob", Role::agent, {support_});
            carol_ = make_staff(tx, "carol", "Carol", Role::agent, {sales_});
            sam_ = make_staff(tx, "sam", "Sam", Role::supervisor, {});
            admin_ = make_staff(tx, "admin", "Admin", Role::admin, {});
        });
    }

    Staff make_staff(store::WriteTx& tx, const std::string& login, const std::string& name,
                     Role role, std::vector<Id> queues) {
        const Id id = tx.insert_staff(login, name, role, "x", now_);
        for (Id q : queues) tx.add_member(q, id);
        return *tx.staff(id);
    }

    Id start(const std::string& name = "Jan", Id queue = 0,
             const std::string& body = "Hello there") {
        ContactStartRequest r;
        r.name = name;
        r.body = body;
        r.queue_id = queue ? queue : support_;
        now_ += 1000;
        return chats_->contact_start(r, "hash-" + std::to_string(++tokens_)).chat.chat.id;
    }
    Chat chat(Id id) {
        return store_->read_value([&](store::ReadTx& tx) { return tx.chat(id)->chat; });
    }
    std::vector<Message> history(Id id, bool notes = true) {
        store::MessageQuery q;
        q.chat_id = id;
        q.limit = 200;
        q.include_notes = notes;
        return store_->read_value([&](store::ReadTx& tx) { return tx.messages(q).messages; });
    }
    SendResult say(const Staff& s, Id chat, const std::string& body, const std::string& cid,
                   MessageKind kind = MessageKind::text) {
        now_ += 1000;
        return chats_->send(s, chat, SendMessageRequest{body, cid, kind});
    }
    Counts counts(const Staff& s, bool all = false) {
        return store_->read_value(
            [&](store::ReadTx& tx) { return tx.counts(audience_of(s), all); });
    }
    int audit_rows(Id chat_id, const std::string& action) {
        // The audit table is not part of the Store API; read it straight from SQLite.
        sqlite::Connection c(db_.path(), true);
        auto s = c.prepare("SELECT count(*) FROM audit WHERE chat_id = ? AND action = ?");
        s->bind(1, chat_id).bind(2, action);
        s->step();
        return static_cast<int>(s->integer(0));
    }
    template <class F>
    int status_of(F&& f) {
        try {
            f();
        } catch (const DomainError& e) {
            return e.status();
        }
        return 200;
    }

    sb::test::TempDb db_;
    std::unique_ptr<sqlite::SqliteStore> store_;
    std::unique_ptr<ChatService> chats_;
    std::vector<store::StoredEvent> events_, typing_;
    Time now_ = 1'795'000'000'000;
    int tokens_ = 0;
    Id support_ = 0, sales_ = 0;
    Staff alice_, bob_, carol_, sam_, admin_;
};

}  // namespace

TEST_F(DomainTest, AcceptMakesTheChatMineAndWritesASystemLineAndAudit) {
    const Id id = start();
    auto r = chats_->accept(alice_, id, std::nullopt);
    EXPECT_EQ(r.chat.status, ChatStatus::working);
    ASSERT_TRUE(r.chat.assignee);
    EXPECT_EQ(r.chat.assignee->id, alice_.id);
    EXPECT_FALSE(r.chat.waiting_since);
    auto h = history(id);
    ASSERT_EQ(h.size(), 2u);
    EXPECT_EQ(h[1].kind, MessageKind::system);
    EXPECT_EQ(h[1].body, "Alice accepted");
    EXPECT_EQ(audit_rows(id, "accept"), 1);
}

TEST_F(DomainTest, SecondAcceptLosesWithTheWinnersName) {
    const Id id = start();
    chats_->accept(alice_, id, std::nullopt);
    try {
        chats_->accept(bob_, id, std::nullopt);
        FAIL() << "bob's accept should lose";
    } catch (const DomainError& e) {
        EXPECT_EQ(e.status(), 409);
        ASSERT_TRUE(e.assignee());
        EXPECT_EQ(e.assignee()->name, "Alice");
    }
}

TEST_F(DomainTest, ConcurrentAcceptsHaveExactlyOneWinner) {
    const Id id = start();
    std::vector<Staff> agents;
    store_->write([&](store::WriteTx& tx) {
        for (int i = 0; i < 16; ++i)
            agents.push_back(make_staff(tx, "a" + std::to_string(i), "A" + std::to_string(i),
                                        Role::agent, {support_}));
    });
    std::atomic<int> wins{0}, conflicts{0};
    std::vector<std::thread> threads;
    for (auto& a : agents)
        threads.emplace_back([&, a] {
            try {
                chats_->accept(a, id, std::nullopt);
                ++wins;
            } catch (const DomainError& e) {
                if (e.status() == 409 && e.assignee()) ++conflicts;
            }
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(wins.load(), 1);
    EXPECT_EQ(conflicts.load(), 15);
}

TEST_F(DomainTest, WhoMayAct) {
    const Id sales_chat = start("Olga", sales_);
    EXPECT_EQ(status_of([&] { chats_->accept(alice_, sales_chat, std::nullopt); }),
              404);  // not hers to see
    EXPECT_EQ(status_of([&] { chats_->accept(admin_, sales_chat, std::nullopt); }), 403);
    const Id id = start();
    chats_->accept(alice_, id, std::nullopt);
    // Bob sees the chat (his queue) but may not act on Alice's working chat.
    EXPECT_EQ(status_of([&] { chats_->resolve(bob_, id, std::nullopt); }), 403);
    EXPECT_EQ(status_of([&] { say(bob_, id, "hi", "b1"); }), 403);
    // The supervisor may act on any chat.
    EXPECT_EQ(status_of([&] { say(sam_, id, "Sam here", "s1"); }), 200);
    EXPECT_EQ(status_of([&] { chats_->resolve(sam_, id, std::nullopt); }), 200);
}

TEST_F(DomainTest, ReplyToAPendingChatIsRefusedButANoteIsNot) {
    const Id id = start();
    EXPECT_EQ(status_of([&] { say(alice_, id, "hello", "c1"); }), 409);
    EXPECT_EQ(status_of([&] { say(alice_, id, "looks like spam", "c2", MessageKind::note); }), 200);
    EXPECT_EQ(chat(id).status, ChatStatus::pending);
}

TEST_F(DomainTest, SignIsAppliedWhenSentAndStoredOnTheMessage) {
    const Id id = start();
    chats_->accept(alice_, id, std::nullopt);
    auto unsigned_reply = say(alice_, id, "one", "c1").message;
    MePatch on;
    on.sign = true;
    alice_ = chats_->update_me(alice_, on);
    auto signed_reply = say(alice_, id, "two", "c2").message;
    EXPECT_FALSE(unsigned_reply.signed_);
    EXPECT_TRUE(signed_reply.signed_);
    auto h = history(id);
    EXPECT_FALSE(h[h.size() - 2].signed_);  // stored as sent, not recomputed
    EXPECT_TRUE(h.back().signed_);
    // The contact sees the name only on the signed reply.
    EXPECT_FALSE(contact_view(unsigned_reply)->author.name);
    EXPECT_EQ(contact_view(signed_reply)->author.name, "Alice");
}

TEST_F(DomainTest, IdempotentSendsStoreOnce) {
    const Id id = start();
    chats_->accept(alice_, id, std::nullopt);
    auto first = say(alice_, id, "hello", "same-id");
    auto again = say(alice_, id, "hello (retry)", "same-id");
    EXPECT_TRUE(first.created);
    EXPECT_FALSE(again.created);
    EXPECT_EQ(first.message.id, again.message.id);
    EXPECT_EQ(again.message.body, "hello");
    EXPECT_EQ(history(id).size(), 3u);  // contact, system line, one reply
    const Id contact = chat(id).contact.id;
    auto c1 =
        chats_->contact_send(id, contact, SendMessageRequest{"more", "k1", MessageKind::text});
    auto c2 =
        chats_->contact_send(id, contact, SendMessageRequest{"more", "k1", MessageKind::text});
    EXPECT_EQ(c1.message.id, c2.message.id);
    EXPECT_FALSE(c2.created);
}

TEST_F(DomainTest, TransferToStaffMakesItTheirsAndUnread) {
    const Id id = start();
    chats_->accept(alice_, id, std::nullopt);
    TransferRequest t;
    t.staff_id = carol_.id;
    t.queue_id = sales_;
    auto r = chats_->transfer(alice_, id, t, std::nullopt);
    EXPECT_EQ(r.chat.status, ChatStatus::working);
    EXPECT_EQ(r.chat.assignee->id, carol_.id);
    EXPECT_EQ(r.chat.queue.id, sales_);
    Chat for_carol = r.chat;
    store::apply_read_state(for_carol, r.contact_msg_count, r.reads, carol_.id);
    EXPECT_TRUE(for_carol.unread);
    EXPECT_EQ(history(id).back().body, "Alice transferred to Carol, queue Sales");
    EXPECT_EQ(counts(carol_).working, 1);
    EXPECT_EQ(counts(alice_).working, 0);
}

TEST_F(DomainTest, TransferToAQueueAloneMakesItPendingThere) {
    const Id id = start();
    chats_->accept(alice_, id, std::nullopt);
    TransferRequest t;
    t.queue_id = sales_;
    auto r = chats_->transfer(alice_, id, t, std::nullopt);
    EXPECT_EQ(r.chat.status, ChatStatus::pending);
    EXPECT_FALSE(r.chat.assignee);
    EXPECT_EQ(r.chat.queue.id, sales_);
    EXPECT_TRUE(r.chat.waiting_since);
    EXPECT_EQ(counts(carol_).pending, 1);
    TransferRequest bad;
    bad.staff_id = 9999;
    chats_->accept(carol_, id, std::nullopt);
    EXPECT_EQ(status_of([&] { chats_->transfer(carol_, id, bad, std::nullopt); }), 404);
    bad.staff_id = admin_.id;
    EXPECT_EQ(status_of([&] { chats_->transfer(carol_, id, bad, std::nullopt); }), 400);
}

TEST_F(DomainTest, ATransferThatChangesNothingIsRefusedAndWritesNothing) {
    const Id id = start();
    chats_->accept(alice_, id, std::nullopt);
    const auto lines = history(id).size();
    TransferRequest to_me;
    to_me.staff_id = alice_.id;
    EXPECT_EQ(status_of([&] { chats_->transfer(alice_, id, to_me, std::nullopt); }), 409);
    to_me.queue_id = support_;  // the queue it is in already
    EXPECT_EQ(status_of([&] { chats_->transfer(alice_, id, to_me, std::nullopt); }), 409);
    EXPECT_EQ(history(id).size(), lines);
    to_me.queue_id = sales_;  // mine still, in another queue: a real change
    EXPECT_EQ(chats_->transfer(alice_, id, to_me, std::nullopt).chat.queue.id, sales_);
    const Id waiting = start();
    TransferRequest same_queue;
    same_queue.queue_id = support_;
    EXPECT_EQ(status_of([&] { chats_->transfer(sam_, waiting, same_queue, std::nullopt); }), 409);
    EXPECT_EQ(audit_rows(waiting, "transfer"), 0);
}

TEST_F(DomainTest, ReturnPutsItBackPendingUnassignedInTheSameQueue) {
    const Id id = start();
    chats_->accept(alice_, id, std::nullopt);
    auto r = chats_->return_to_queue(alice_, id, std::nullopt);
    EXPECT_EQ(r.chat.status, ChatStatus::pending);
    EXPECT_FALSE(r.chat.assignee);
    EXPECT_EQ(r.chat.queue.id, support_);
    EXPECT_EQ(status_of([&] { chats_->return_to_queue(alice_, id, std::nullopt); }), 409);
}

TEST_F(DomainTest, ResolveThenAContactMessageReopensIt) {
    const Id id = start();
    chats_->accept(alice_, id, std::nullopt);
    auto r = chats_->resolve(alice_, id, std::nullopt);
    EXPECT_EQ(r.chat.status, ChatStatus::resolved);
    EXPECT_TRUE(r.chat.resolved_at);
    EXPECT_EQ(counts(alice_).resolved, 1);
    chats_->contact_send(id, r.chat.contact.id,
                         SendMessageRequest{"one more thing", "x", MessageKind::text});
    const Chat c = chat(id);
    EXPECT_EQ(c.status, ChatStatus::pending);
    EXPECT_FALSE(c.assignee);
    EXPECT_FALSE(c.resolved_at);
    EXPECT_EQ(counts(alice_).resolved, 0);
    EXPECT_EQ(counts(alice_).pending, 1);
    EXPECT_EQ(audit_rows(id, "reopen"), 1);
}

TEST_F(DomainTest, DeleteIsSoftAndSupervisorsRestore) {
    const Id pending = start();
    EXPECT_EQ(status_of([&] { chats_->remove(carol_, pending, std::nullopt); }), 404);
    EXPECT_EQ(status_of([&] { chats_->remove(bob_, pending, std::nullopt); }), 200);
    EXPECT_TRUE(chat(pending).deleted);
    EXPECT_EQ(counts(sam_).pending, 0);
    EXPECT_EQ(history(pending).size(), 2u);  // nothing lost
    now_ += kDeleteUndoWindowMs + 1;         // past the Undo: only a supervisor restores it
    EXPECT_EQ(status_of([&] { chats_->restore(bob_, pending, std::nullopt); }), 403);
    EXPECT_EQ(status_of([&] { chats_->restore(sam_, pending, std::nullopt); }), 200);
    EXPECT_FALSE(chat(pending).deleted);
    EXPECT_EQ(counts(sam_).pending, 1);
    // An agent may not delete somebody else's working chat.
    chats_->accept(alice_, pending, std::nullopt);
    EXPECT_EQ(status_of([&] { chats_->remove(bob_, pending, std::nullopt); }), 403);
    EXPECT_EQ(status_of([&] { chats_->remove(alice_, pending, std::nullopt); }), 200);
}

TEST_F(DomainTest, TheAgentWhoDeletedMayUndoWithinTheWindowAndItComesBackAsItWas) {
    const Id id = start();
    chats_->accept(alice_, id, std::nullopt);
    const Chat before = chat(id);
    now_ += 1000;
    chats_->remove(alice_, id, std::nullopt);
    const auto version = chat(id).version;
    events_.clear();
    now_ += kDeleteUndoWindowMs;  // the last moment of the Undo
    auto r = chats_->restore(alice_, id, version);
    EXPECT_FALSE(r.chat.deleted);
    EXPECT_FALSE(r.deleted_by);
    EXPECT_FALSE(r.deleted_at);
    EXPECT_EQ(r.chat.status, before.status);
    EXPECT_EQ(r.chat.assignee, before.assignee);
    EXPECT_EQ(r.chat.queue, before.queue);
    EXPECT_EQ(r.chat.waiting_since, before.waiting_since);
    EXPECT_EQ(counts(alice_).working, 1);
    EXPECT_EQ(audit_rows(id, "restore"), 1);
    auto h = history(id);
    EXPECT_EQ(h.back().kind, MessageKind::system);
    EXPECT_EQ(h.back().body, "Alice restored the chat");
    EXPECT_TRUE(std::any_of(events_.begin(), events_.end(), [](const store::StoredEvent& e) {
        return e.event.type == EventType::chat_restored;
    }));
}

TEST_F(DomainTest, OnlyTheDeleterMayUndoAndOnlyWithinTheWindow) {
    const Id id = start();
    chats_->remove(alice_, id, std::nullopt);  // a pending chat of her queue
    const auto deleted = store_->read_value([&](store::ReadTx& tx) { return *tx.chat(id); });
    EXPECT_EQ(deleted.deleted_by, alice_.id);
    EXPECT_EQ(deleted.deleted_at, now_);
    EXPECT_EQ(status_of([&] { chats_->restore(bob_, id, std::nullopt); }), 403);    // same queue
    EXPECT_EQ(status_of([&] { chats_->restore(carol_, id, std::nullopt); }), 404);  // cannot see
    EXPECT_EQ(status_of([&] { chats_->restore(admin_, id, std::nullopt); }), 403);
    now_ += kDeleteUndoWindowMs + 1;
    try {
        chats_->restore(alice_, id, std::nullopt);
        ADD_FAILURE() << "restored after the Undo window";
    } catch (const DomainError& e) {
        EXPECT_EQ(e.status(), 403);
        EXPECT_NE(std::string(e.what()).find("Undo time has passed"), std::string::npos)
            << e.what();
    }
    EXPECT_TRUE(chat(id).deleted);
    EXPECT_EQ(audit_rows(id, "restore"), 0);
    now_ += 3'600'000;  // a supervisor, any time later
    EXPECT_EQ(status_of([&] { chats_->restore(sam_, id, std::nullopt); }), 200);
    EXPECT_FALSE(chat(id).deleted);
    EXPECT_EQ(chat(id).status, ChatStatus::pending);
    EXPECT_EQ(counts(bob_).pending, 1);
    EXPECT_EQ(status_of([&] { chats_->restore(sam_, id, std::nullopt); }), 409);  // not deleted
}

TEST_F(DomainTest, ReadStateIsPerStaffMember) {
    const Id id = start();
    auto r = chats_->mark_read(alice_, id);
    Chat a = r.chat, b = r.chat;
    store::apply_read_state(a, r.contact_msg_count, r.reads, alice_.id);
    store::apply_read_state(b, r.contact_msg_count, r.reads, bob_.id);
    EXPECT_FALSE(a.unread);
    EXPECT_TRUE(b.unread);
    EXPECT_EQ(b.unread_count, 1);
    r = chats_->mark_unread(alice_, id);
    a = r.chat;
    store::apply_read_state(a, r.contact_msg_count, r.reads, alice_.id);
    EXPECT_TRUE(a.unread);
}

TEST_F(DomainTest, IfMatchRefusesAStaleVersion) {
    const Id id = start();
    const auto v = chat(id).version;
    EXPECT_EQ(status_of([&] { chats_->accept(alice_, id, v + 5); }), 409);
    EXPECT_EQ(chat(id).status, ChatStatus::pending);
    EXPECT_EQ(status_of([&] { chats_->accept(alice_, id, v); }), 200);
    EXPECT_GT(chat(id).version, v);
}

TEST_F(DomainTest, EveryChangeAppendsEventsWithIncreasingSeq) {
    const Id id = start();
    chats_->accept(alice_, id, std::nullopt);
    say(alice_, id, "hi", "c1");
    ASSERT_GE(events_.size(), 4u);
    for (std::size_t i = 1; i < events_.size(); ++i)
        EXPECT_EQ(events_[i].event.seq, events_[i - 1].event.seq + 1);
    EXPECT_EQ(events_.front().event.type, EventType::chat_created);
    EXPECT_EQ(events_.back().event.type, EventType::message_created);
    EXPECT_EQ(events_.back().event.message->body, "hi");
    auto stored = store_->read_value([](store::ReadTx& tx) { return tx.events_after(0, 1000); });
    ASSERT_EQ(stored.size(), events_.size());
    EXPECT_EQ(stored.back().event, events_.back().event);
    // A refused action appends nothing.
    const auto before = events_.size();
    EXPECT_EQ(status_of([&] { chats_->accept(bob_, id, std::nullopt); }), 409);
    EXPECT_EQ(events_.size(), before);
}

TEST_F(DomainTest, TypingIsNotStored) {
    const Id id = start();
    const auto before = events_.size();
    chats_->staff_typing(alice_, id);
    EXPECT_EQ(events_.size(), before);
    ASSERT_EQ(typing_.size(), 1u);
    EXPECT_EQ(typing_[0].event.typing->author.id, alice_.id);
}

TEST_F(DomainTest, CountsFollowEveryChange) {
    for (int i = 0; i < 5; ++i) start();
    const Id sales_chat = start("S", sales_);
    EXPECT_EQ(counts(alice_).pending, 5);
    EXPECT_EQ(counts(carol_).pending, 1);
    EXPECT_EQ(counts(sam_).pending, 6);
    chats_->accept(alice_, 1, std::nullopt);
    chats_->accept(bob_, 2, std::nullopt);
    EXPECT_EQ(counts(alice_), (Counts{1, 3, 0}));
    EXPECT_EQ(counts(sam_, true), (Counts{2, 4, 0}));
    EXPECT_EQ(counts(sam_, false).working, 0);  // "mine"
    chats_->resolve(alice_, 1, std::nullopt);
    chats_->remove(sam_, sales_chat, std::nullopt);
    EXPECT_EQ(counts(sam_, true), (Counts{1, 3, 1}));
    // The maintained counts equal a full scan.
    sqlite::Connection c(db_.path(), true);
    auto s = c.prepare("SELECT count(*) FROM chats WHERE deleted = 0 AND status = 'pending'");
    s->step();
    EXPECT_EQ(s->integer(0), counts(sam_).pending);
}

TEST_F(DomainTest, ListsArePagedInTabOrder) {
    for (int i = 0; i < 7; ++i) start("C" + std::to_string(i));
    store::ListQuery q;
    q.view = store::View::pending;
    q.audience = audience_of(alice_);
    q.limit = 3;
    std::vector<Id> seen;
    for (int page = 0; page < 5; ++page) {
        auto l = store_->read_value([&](store::ReadTx& tx) { return tx.list_chats(q); });
        for (auto& r : l.chats) seen.push_back(r.chat.id);
        if (!l.next_cursor) break;
        q.cursor = l.next_cursor;
    }
    EXPECT_EQ(seen, (std::vector<Id>{1, 2, 3, 4, 5, 6, 7}));  // oldest first
}

TEST_F(DomainTest, SearchByWordsAndNamesNewestFirstWithinWhatICanSee) {
    const Id a = start("Jana Nováková", support_, "My parcel never arrived");
    const Id b = start("Petr", support_, "Where is my parcel?");
    start("Olga", sales_, "parcel pricing");  // not Alice's queue
    auto found = store_->read_value(
        [&](store::ReadTx& tx) { return tx.search("parcel", audience_of(alice_), false, 50); });
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].chat.id, b);
    EXPECT_EQ(found[1].chat.id, a);
    auto by_name = store_->read_value(
        [&](store::ReadTx& tx) { return tx.search("nováková", audience_of(alice_), false, 50); });
    ASSERT_EQ(by_name.size(), 1u);
    EXPECT_EQ(by_name[0].chat.id, a);
    auto tricky = store_->read_value([&](store::ReadTx& tx) {
        return tx.search("\"par AND OR (", audience_of(sam_), false, 50);
    });
    EXPECT_TRUE(tricky.empty());  // FTS syntax in the query is taken literally
}

TEST_F(DomainTest, MigrationsAreAppliedOnceInOrder) {
    EXPECT_EQ(store_->schema_version(), 9);
    sqlite::SqliteStore reopened(db_.path());  // a second open applies nothing again
    EXPECT_EQ(reopened.schema_version(), 9);
    sqlite::Connection c(db_.path(), true);
    auto s = c.prepare("SELECT group_concat(version) FROM schema_migrations");
    s->step();
    EXPECT_EQ(s->text(0), "1,2,3,4,5,6,7,8,9");
}

TEST_F(DomainTest, GroupCommitKeepsEachWriteAllOrNothing) {
    // Many concurrent writers share transactions; a writer that throws loses only its own work.
    std::atomic<int> ok{0}, failed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 100; ++i) {
                try {
                    store_->write([&](store::WriteTx& tx) {
                        tx.insert_queue("q" + std::to_string(t) + "-" + std::to_string(i));
                        Event e;
                        e.type = EventType::staff_updated;
                        e.at = now_;
                        e.staff = alice_;
                        tx.append_event(e);
                        if (i % 3 == 0) throw std::runtime_error("changed my mind");
                    });
                    ++ok;
                } catch (const std::runtime_error&) {
                    ++failed;
                }
            }
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(ok.load() + failed.load(), 800);
    const auto queues = store_->read_value([](store::ReadTx& tx) { return tx.queues(); });
    EXPECT_EQ(static_cast<int>(queues.size()), 2 + ok.load());  // Support and Sales, plus
    for (const auto& q : queues) {
        if (q.name[0] != 'q') continue;
        const int i = std::stoi(q.name.substr(q.name.find('-') + 1));
        EXPECT_NE(i % 3, 0) << q.name;  // nothing of a failed write survived
    }
    // Published events: exactly the committed ones, seq without gaps, in order.
    std::vector<Seq> seqs;
    for (const auto& e : events_)
        if (e.event.type == EventType::staff_updated) seqs.push_back(e.event.seq);
    ASSERT_EQ(static_cast<int>(seqs.size()), ok.load());
    for (std::size_t i = 1; i < seqs.size(); ++i) EXPECT_EQ(seqs[i], seqs[i - 1] + 1);
}

TEST_F(DomainTest, ARetriedStartFindsItsChatOnlyWithinTheWindowAndOnlyOnTheWeb) {
    ContactStartRequest r;
    r.name = "Jan";
    r.body = "Hello";
    r.client_id = "start-1";
    r.queue_id = support_;
    const auto first = chats_->contact_start(r, "hash-a");
    now_ += 1000;
    const auto again = chats_->contact_start(r, "hash-b");
    EXPECT_TRUE(first.created);
    EXPECT_FALSE(again.created);
    EXPECT_EQ(again.chat.chat.id, first.chat.chat.id);
    const auto token = store_->read_value([](store::ReadTx& tx) { return tx.token("hash-b"); });
    ASSERT_TRUE(token);
    EXPECT_EQ(token->chat_id, first.chat.chat.id);
    // An integration's message ids are another namespace: no lookup by client_id there.
    const auto channel = chats_->contact_start(r, "hash-c", "shop:42");
    EXPECT_TRUE(channel.created);
    EXPECT_NE(channel.chat.chat.id, first.chat.chat.id);
    // After the window the key is spent: a conflict, and no token was added.
    now_ += kStartRetryWindowMs;
    EXPECT_EQ(status_of([&] { chats_->contact_start(r, "hash-d"); }), 409);
    EXPECT_FALSE(store_->read_value([](store::ReadTx& tx) { return tx.token("hash-d"); }));
}
