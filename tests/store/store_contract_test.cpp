// The store contract: what every store::Store implementation guarantees (store/store.h), checked
// the same way on each (SQLite always; PostgreSQL whenever a throwaway cluster can be started,
// always in CI). Lists and cursors, maintained counts, search, the accept race, events with seq
// (order, no gaps, rollbacks, foreign commits, pruning), idempotency keys, canned replies,
// tokens, settings and the stats queries.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "store_kinds.h"

using namespace sb::server;
using namespace sb::protocol;
using store::ReadTx;
using store::WriteTx;

namespace {

constexpr Time kT0 = 1'795'000'000'000;

template <class K>
class StoreContract : public sb::test::StoreTest<K> {
  protected:
    store::Store& s() { return *this->store_; }

    Id queue(const std::string& name) {
        return s().write_value([&](WriteTx& tx) { return tx.insert_queue(name); });
    }
    Id staff(const std::string& login, Role role, std::vector<Id> queues = {}) {
        return s().write_value([&](WriteTx& tx) {
            const Id id = tx.insert_staff(login, "Name " + login, role, "hash", kT0);
            for (Id q : queues) tx.add_member(q, id);
            return id;
        });
    }
    // A pending chat with one contact message at `at`.
    Id chat(Id q, const std::string& contact, Time at, const std::string& body = "hello") {
        return s().write_value([&](WriteTx& tx) {
            Contact c;
            c.name = contact;
            const Id ct = tx.insert_contact(c, at);
            const Id id = tx.insert_chat(q, ct, at, std::nullopt);
            tx.insert_message(contact_msg(id, ct, body, at));
            return id;
        });
    }
    static store::NewMessage contact_msg(Id chat, Id contact, const std::string& body, Time at) {
        store::NewMessage m;
        m.chat_id = chat;
        m.author = {AuthorType::contact, contact, "c"};
        m.body = body;
        m.at = at;
        return m;
    }
    static store::NewMessage staff_msg(Id chat, Id staff, const std::string& body, Time at,
                                       MessageKind kind = MessageKind::text) {
        store::NewMessage m;
        m.chat_id = chat;
        m.kind = kind;
        m.author = {AuthorType::staff, staff, "s"};
        m.body = body;
        m.at = at;
        return m;
    }
    store::ChatRecord get(Id id) {
        return *s().read_value([&](ReadTx& tx) { return tx.chat(id); });
    }
    static store::Audience everyone() {
        store::Audience a;
        a.everything = true;
        return a;
    }
    static store::Audience agent(Id id, std::vector<Id> queues) {
        store::Audience a;
        a.staff_id = id;
        a.queue_ids = std::move(queues);
        return a;
    }
    std::vector<Id> ids(const std::vector<store::ChatRecord>& v) {
        std::vector<Id> out;
        for (auto& r : v) out.push_back(r.chat.id);
        return out;
    }
    std::vector<Id> search(const std::string& q, const store::Audience& a, bool deleted = false) {
        return ids(s().read_value([&](ReadTx& tx) { return tx.search(q, a, deleted, 50); }));
    }
    // An event-writing write: a chat.updated for chat (bumping its version).
    void touch(Id chat_id, Time at) {
        s().write([&](WriteTx& tx) {
            tx.bump_version(chat_id);
            Event e;
            e.type = EventType::chat_updated;
            e.at = at;
            e.chat = Chat{};
            e.chat->id = chat_id;
            tx.append_event(std::move(e));
        });
    }
};

TYPED_TEST_SUITE(StoreContract, sb::test::StoreKinds, sb::test::KindName);

TYPED_TEST(StoreContract, StaffQueuesAndMembership) {
    const Id q1 = this->queue("Support"), q2 = this->queue("Sales");
    const Id ana = this->staff("ana", Role::agent, {q2, q1});
    const Id bob = this->staff("bob", Role::supervisor);
    this->s().write([&](WriteTx& tx) {
        tx.add_member(q1, ana);  // again: no error, no duplicate
        MePatch p;
        p.presence = Presence::online;
        p.sign = true;
        tx.update_staff(bob, p);
        tx.set_password(ana, "new-hash");
    });
    this->s().read([&](ReadTx& tx) {
        EXPECT_EQ(tx.queues(), (std::vector<Queue>{{q1, "Support"}, {q2, "Sales"}}));
        EXPECT_EQ(tx.queue(q2)->name, "Sales");
        EXPECT_FALSE(tx.queue(9999));
        auto a = tx.staff_by_login("ana");
        ASSERT_TRUE(a);
        EXPECT_EQ(a->password_hash, "new-hash");
        EXPECT_EQ(a->staff.queues, (std::vector<Id>{q1, q2}));
        EXPECT_EQ(a->staff.role, Role::agent);
        EXPECT_FALSE(tx.staff_by_login("nobody"));
        auto b = tx.staff(bob);
        ASSERT_TRUE(b);
        EXPECT_TRUE(b->sign);
        EXPECT_EQ(b->presence, Presence::online);
        EXPECT_EQ(b->name, "Name bob");  // unset fields of a patch stay
        // Online first, then by name; case-insensitive on name and login.
        auto found = tx.staff_search("NAME", 10);
        ASSERT_EQ(found.size(), 2u);
        EXPECT_EQ(found[0].id, bob);
        EXPECT_EQ(tx.staff_search("an", 10).size(), 1u);
        EXPECT_EQ(tx.staff_search("", 1).size(), 1u);
        EXPECT_EQ(tx.count_staff(), 2);
    });
}

TYPED_TEST(StoreContract, PendingListIsPagedByCursorInWaitingOrder) {
    const Id q = this->queue("Support"), other = this->queue("Other");
    const Id ana = this->staff("ana", Role::agent, {q});
    std::vector<Id> made;
    for (int i = 0; i < 5; ++i) made.push_back(this->chat(q, "c" + std::to_string(i), kT0 + i));
    this->chat(other, "elsewhere", kT0 + 10);
    std::vector<Id> seen;
    std::optional<std::string> cursor;
    int pages = 0;
    do {
        store::ListQuery lq;
        lq.view = store::View::pending;
        lq.audience = this->agent(ana, {q});
        lq.cursor = cursor;
        lq.limit = 2;
        auto page = this->s().read_value([&](ReadTx& tx) { return tx.list_chats(lq); });
        for (auto& r : page.chats) seen.push_back(r.chat.id);
        cursor = page.next_cursor;
        ++pages;
    } while (cursor && pages < 10);
    EXPECT_EQ(seen, made);
    EXPECT_EQ(pages, 3);
    store::ListQuery bad;
    bad.cursor = "not-a-cursor";
    EXPECT_THROW(this->s().read([&](ReadTx& tx) { tx.list_chats(bad); }), std::invalid_argument);
}

TYPED_TEST(StoreContract, WorkingAndResolvedListsAndMaintainedCounts) {
    const Id q = this->queue("Support");
    const Id ana = this->staff("ana", Role::agent, {q});
    const Id bob = this->staff("bob", Role::agent, {q});
    const Id a = this->chat(q, "a", kT0), b = this->chat(q, "b", kT0 + 1),
             c = this->chat(q, "c", kT0 + 2), d = this->chat(q, "d", kT0 + 3);
    this->s().write([&](WriteTx& tx) {
        EXPECT_TRUE(tx.try_accept(a, ana, kT0 + 10));
        EXPECT_TRUE(tx.try_accept(b, ana, kT0 + 11));
        EXPECT_TRUE(tx.try_accept(c, bob, kT0 + 12));
        tx.insert_message(this->staff_msg(a, ana, "newest", kT0 + 20));  // a moves to the top
        store::ChatChange resolve;
        resolve.status = ChatStatus::resolved;
        resolve.resolved_at = kT0 + 30;
        tx.change_chat(c, resolve);
        store::ChatChange del;
        del.deletion = store::Deletion{bob, kT0 + 31};
        tx.change_chat(d, del);
    });
    auto list = [&](store::View v, const store::Audience& au, bool all = false) {
        store::ListQuery lq;
        lq.view = v;
        lq.audience = au;
        lq.all_staff = all;
        return this->ids(this->s().read_value([&](ReadTx& tx) { return tx.list_chats(lq); }).chats);
    };
    EXPECT_EQ(list(store::View::working, this->agent(ana, {q})), (std::vector<Id>{a, b}));
    EXPECT_EQ(list(store::View::working, this->agent(bob, {q})), std::vector<Id>{});
    EXPECT_EQ(list(store::View::working, this->everyone(), true), (std::vector<Id>{a, b}));
    EXPECT_EQ(list(store::View::resolved, this->agent(ana, {q})), std::vector<Id>{c});
    EXPECT_EQ(list(store::View::pending, this->agent(ana, {q})), std::vector<Id>{});
    EXPECT_EQ(list(store::View::deleted, this->everyone()), std::vector<Id>{d});
    auto counts =
        this->s().read_value([&](ReadTx& tx) { return tx.counts(this->agent(ana, {q}), false); });
    EXPECT_EQ(counts.working, 2);
    EXPECT_EQ(counts.pending, 0);
    EXPECT_EQ(counts.resolved, 1);
    // Restoring a chat counts it again.
    this->s().write([&](WriteTx& tx) {
        store::ChatChange restore;
        restore.deletion = std::optional<store::Deletion>{};
        tx.change_chat(d, restore);
    });
    counts = this->s().read_value([&](ReadTx& tx) { return tx.counts(this->everyone(), true); });
    EXPECT_EQ(counts.working, 2);
    EXPECT_EQ(counts.pending, 1);
    EXPECT_EQ(counts.resolved, 1);
    const auto rec = this->get(d);
    EXPECT_FALSE(rec.chat.deleted);
    EXPECT_FALSE(rec.deleted_by);
}

TYPED_TEST(StoreContract, ChatChangesAndMessagesUpdateTheChat) {
    const Id q = this->queue("Support"), q2 = this->queue("Sales");
    const Id ana = this->staff("ana", Role::agent, {q});
    const Id id = this->chat(q, "Jan", kT0, "first words");
    auto r = this->get(id);
    EXPECT_EQ(r.chat.status, ChatStatus::pending);
    EXPECT_EQ(r.chat.waiting_since, kT0);
    EXPECT_EQ(r.contact_msg_count, 1);
    EXPECT_EQ(r.chat.last_message_preview, "first words");
    const auto v0 = r.chat.version;
    this->s().write([&](WriteTx& tx) {
        EXPECT_TRUE(tx.try_accept(id, ana, kT0 + 5));
        tx.insert_message(this->staff_msg(id, ana, "a note", kT0 + 6, MessageKind::note));
        tx.insert_message(this->staff_msg(id, ana, "a reply", kT0 + 7));
    });
    r = this->get(id);
    EXPECT_EQ(r.chat.status, ChatStatus::working);
    EXPECT_EQ(r.chat.assignee->id, ana);
    EXPECT_FALSE(r.chat.waiting_since);
    EXPECT_EQ(r.accepted_at, kT0 + 5);
    EXPECT_EQ(r.chat.first_response_at, kT0 + 7);  // the note is not a response
    EXPECT_EQ(r.chat.last_message_preview, "a reply");
    EXPECT_EQ(r.chat.last_message_at, kT0 + 7);
    EXPECT_EQ(r.chat.participants, (std::vector<StaffRef>{{ana, "Name ana"}}));
    EXPECT_GT(r.chat.version, v0);
    EXPECT_EQ(store::unread_count(r.contact_msg_count, r.reads, ana), 0);  // writing = reading
    this->s().write([&](WriteTx& tx) {
        store::ChatChange ch;
        ch.status = ChatStatus::pending;
        ch.assignee_id = std::optional<Id>{};
        ch.queue_id = q2;
        ch.waiting_since = kT0 + 9;
        tx.change_chat(id, ch);
        tx.insert_message(this->contact_msg(id, r.chat.contact.id, "still there?", kT0 + 10));
    });
    r = this->get(id);
    EXPECT_EQ(r.chat.queue.id, q2);
    EXPECT_FALSE(r.chat.assignee);
    EXPECT_EQ(r.chat.waiting_since, kT0 + 9);
    EXPECT_EQ(r.contact_msg_count, 2);
    EXPECT_EQ(store::unread_count(r.contact_msg_count, r.reads, ana), 1);
    this->s().write([&](WriteTx& tx) { tx.mark_read(id, ana); });
    EXPECT_EQ(store::unread_count(this->get(id).contact_msg_count, this->get(id).reads, ana), 0);
    this->s().write([&](WriteTx& tx) { tx.mark_unread(id, ana); });
    r = this->get(id);
    EXPECT_EQ(store::unread_count(r.contact_msg_count, r.reads, ana), 1);  // marked: at least 1
    EXPECT_FALSE(this->s().read_value([&](ReadTx& tx) { return tx.chat(424242); }));
}

TYPED_TEST(StoreContract, MessagePagesNotesAndClientIds) {
    const Id q = this->queue("Support");
    const Id ana = this->staff("ana", Role::agent, {q});
    const Id id = this->chat(q, "Jan", kT0, "m0");
    this->s().write([&](WriteTx& tx) {
        for (int i = 1; i <= 6; ++i) {
            auto m = this->staff_msg(id, ana, "m" + std::to_string(i), kT0 + i,
                                     i == 3 ? MessageKind::note : MessageKind::text);
            m.client_id = "cid-" + std::to_string(i);
            tx.insert_message(m);
        }
    });
    store::MessageQuery mq;
    mq.chat_id = id;
    mq.limit = 4;
    auto page = this->s().read_value([&](ReadTx& tx) { return tx.messages(mq); });
    ASSERT_EQ(page.messages.size(), 4u);
    EXPECT_EQ(page.messages.front().body, "m3");  // newest page, oldest first
    EXPECT_EQ(page.messages.back().body, "m6");
    ASSERT_TRUE(page.next_before);
    mq.before = page.next_before;
    auto older = this->s().read_value([&](ReadTx& tx) { return tx.messages(mq); });
    ASSERT_EQ(older.messages.size(), 3u);
    EXPECT_EQ(older.messages.front().body, "m0");
    EXPECT_FALSE(older.next_before);
    mq = {};
    mq.chat_id = id;
    mq.include_notes = false;
    auto contact_view = this->s().read_value([&](ReadTx& tx) { return tx.messages(mq); });
    EXPECT_EQ(contact_view.messages.size(), 6u);
    for (auto& m : contact_view.messages) EXPECT_NE(m.kind, MessageKind::note);
    // The idempotency key finds the first message; storing it twice is refused.
    auto found = this->s().read_value(
        [&](ReadTx& tx) { return tx.message_by_client_id(id, AuthorType::staff, ana, "cid-5"); });
    ASSERT_TRUE(found);
    EXPECT_EQ(found->body, "m5");
    EXPECT_FALSE(this->s().read_value([&](ReadTx& tx) {
        return tx.message_by_client_id(id, AuthorType::contact, ana, "cid-5");
    }));
    EXPECT_ANY_THROW(this->s().write([&](WriteTx& tx) {
        auto m = this->staff_msg(id, ana, "again", kT0 + 50);
        m.client_id = "cid-5";
        tx.insert_message(m);
    }));
    EXPECT_EQ(this->s()
                  .read_value([&](ReadTx& tx) {
                      return tx.messages({id, {}, 50, true});
                  })
                  .messages.size(),
              7u);  // nothing of the refused write stayed
}

TYPED_TEST(StoreContract, StartKeysAndContactHistory) {
    const Id q = this->queue("Support");
    const Id id = this->s().write_value([&](WriteTx& tx) {
        Contact c;
        c.name = "Jan";
        c.email = "jan@example.org";
        const Id ct = tx.insert_contact(c, kT0);
        tx.insert_chat(q, ct, kT0, std::nullopt);
        return tx.insert_chat(q, ct, kT0 + 1, std::string("web:abc"));
    });
    auto again = this->s().read_value([&](ReadTx& tx) { return tx.chat_by_start_key("web:abc"); });
    ASSERT_TRUE(again);
    EXPECT_EQ(again->chat.id, id);
    EXPECT_EQ(again->chat.contact.email, "jan@example.org");
    EXPECT_FALSE(
        this->s().read_value([&](ReadTx& tx) { return tx.chat_by_start_key("web:other"); }));
    EXPECT_ANY_THROW(this->s().write([&](WriteTx& tx) {
        tx.insert_chat(q, again->chat.contact.id, kT0 + 2, std::string("web:abc"));
    }));
    auto history = this->s().read_value(
        [&](ReadTx& tx) { return tx.contact_chats(again->chat.contact.id, 10); });
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].chat.id, id);  // newest first
}

TYPED_TEST(StoreContract, SearchFindsWordsAndNamesByRecencyWithinTheAudience) {
    const Id q1 = this->queue("Support"), q2 = this->queue("Sales");
    const Id ana = this->staff("ana", Role::agent, {q1});
    const Id older = this->chat(q1, "Margaret Oak", kT0, "my invoice is wrong");
    const Id newer = this->chat(q1, "Peter", kT0 + 100, "second invoice question");
    const Id hidden = this->chat(q2, "Quinn", kT0 + 200, "invoice from sales");
    EXPECT_EQ(this->search("invoice", this->everyone()), (std::vector<Id>{hidden, newer, older}));
    EXPECT_EQ(this->search("invoice", this->agent(ana, {q1})), (std::vector<Id>{newer, older}));
    EXPECT_EQ(this->search("INVO", this->agent(ana, {q1})), (std::vector<Id>{newer, older}));
    EXPECT_EQ(this->search("invoice wrong", this->everyone()), std::vector<Id>{older});
    EXPECT_EQ(this->search("marg", this->everyone()), std::vector<Id>{older});
    EXPECT_EQ(this->search("nothing-like-this", this->everyone()), std::vector<Id>{});
    EXPECT_EQ(this->search("   ", this->everyone()), std::vector<Id>{});
    EXPECT_EQ(this->search("it's \"quoted\" o'brien", this->everyone()), std::vector<Id>{});
    // A chat the agent wrote in is theirs to find, whatever its queue.
    this->s().write(
        [&](WriteTx& tx) { tx.insert_message(this->staff_msg(hidden, ana, "ok", kT0 + 300)); });
    EXPECT_EQ(this->search("quinn", this->agent(ana, {q1})), std::vector<Id>{hidden});
    // Deleted chats: only when asked for.
    this->s().write([&](WriteTx& tx) {
        store::ChatChange del;
        del.deletion = store::Deletion{ana, kT0 + 400};
        tx.change_chat(older, del);
    });
    EXPECT_EQ(this->search("wrong", this->everyone()), std::vector<Id>{});
    EXPECT_EQ(this->search("wrong", this->everyone(), true), std::vector<Id>{older});
}

TYPED_TEST(StoreContract, AcceptRaceHasExactlyOneWinner) {
    const Id q = this->queue("Support");
    std::vector<Id> agents;
    for (int i = 0; i < 12; ++i)
        agents.push_back(this->staff("a" + std::to_string(i), Role::agent, {q}));
    const Id id = this->chat(q, "Jan", kT0);
    std::atomic<int> winners{0};
    std::atomic<Id> winner{0};
    std::vector<std::thread> threads;
    for (Id a : agents)
        threads.emplace_back([&, a] {
            const bool won =
                this->s().write_value([&](WriteTx& tx) { return tx.try_accept(id, a, kT0 + 1); });
            if (won) {
                ++winners;
                winner = a;
            }
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(winners.load(), 1);
    EXPECT_EQ(this->get(id).chat.assignee->id, winner.load());
    EXPECT_FALSE(
        this->s().write_value([&](WriteTx& tx) { return tx.try_accept(id, agents[0], 0); }));
}

TYPED_TEST(StoreContract, EventsGetGaplessSeqInCommitOrderAndRollbacksLeaveNoGap) {
    const Id q = this->queue("Support");
    const Id id = this->chat(q, "Jan", kT0);
    std::mutex m;
    std::vector<Seq> heard;
    this->s().set_commit_listener([&](std::vector<store::StoredEvent> events) {
        std::lock_guard lock(m);
        for (auto& e : events) heard.push_back(e.event.seq);
    });
    const Seq start = this->s().read_value([](ReadTx& tx) { return tx.last_event_seq(); });
    this->touch(id, kT0 + 1);
    EXPECT_THROW(this->s().write([&](WriteTx& tx) {
        Event e;
        e.type = EventType::chat_updated;
        e.at = kT0;
        e.chat = Chat{};
        e.chat->id = id;
        tx.append_event(std::move(e));
        throw std::runtime_error("roll back");
    }),
                 std::runtime_error);
    // Writers on several threads at once.
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 15; ++i) this->touch(id, kT0 + 2);
        });
    for (auto& t : threads) t.join();
    {
        std::lock_guard lock(m);
        ASSERT_EQ(heard.size(), 61u);
        for (std::size_t i = 0; i < heard.size(); ++i) EXPECT_EQ(heard[i], start + 1 + Seq(i));
    }
    this->s().read([&](ReadTx& tx) {
        EXPECT_EQ(tx.last_event_seq(), start + 61);
        auto events = tx.events_after(start + 10, 5);
        ASSERT_EQ(events.size(), 5u);
        EXPECT_EQ(events[0].event.seq, start + 11);
        EXPECT_EQ(events[0].event.chat->id, id);
        EXPECT_EQ(events[0].contact_msg_count, 1);  // the read state at that moment
    });
    this->s().set_commit_listener(nullptr);
    // Pruning keeps the newest; the last seq survives it.
    this->s().prune_events(10);
    this->s().read([&](ReadTx& tx) {
        EXPECT_EQ(tx.first_event_seq(), start + 52);
        EXPECT_EQ(tx.last_event_seq(), start + 61);
    });
    this->touch(id, kT0 + 3);
    EXPECT_EQ(this->s().read_value([](ReadTx& tx) { return tx.last_event_seq(); }), start + 62);
}

TYPED_TEST(StoreContract, AnotherWriterOfTheSameDatabaseIsHeard) {
    // The admin CLI (SQLite) or another instance (PostgreSQL): a second Store on the same
    // database. Its commits reach this store's listener by themselves, in seq order.
    const Id q = this->queue("Support");
    const Id id = this->chat(q, "Jan", kT0);
    std::mutex m;
    std::vector<store::StoredEvent> heard;
    this->s().set_commit_listener([&](std::vector<store::StoredEvent> events) {
        std::lock_guard lock(m);
        for (auto& e : events) heard.push_back(std::move(e));
    });
    auto other = this->open();
    for (int i = 0; i < 3; ++i)
        other->write([&](WriteTx& tx) {
            tx.bump_version(id);
            Event e;
            e.type = EventType::chat_updated;
            e.at = kT0 + i;
            e.chat = Chat{};
            e.chat->id = id;
            tx.append_event(std::move(e));
        });
    this->touch(id, kT0 + 9);  // and one of ours after them
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    for (;;) {
        {
            std::lock_guard lock(m);
            if (heard.size() >= 4 || std::chrono::steady_clock::now() > deadline) break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    this->s().set_commit_listener(nullptr);
    ASSERT_EQ(heard.size(), 4u);
    for (std::size_t i = 1; i < heard.size(); ++i)
        EXPECT_EQ(heard[i].event.seq, heard[i - 1].event.seq + 1);
    EXPECT_EQ(heard.back().event.at, kT0 + 9);
}

TYPED_TEST(StoreContract, TokensByHashWithExpiry) {
    const Id ana = this->staff("ana", Role::agent);
    const std::string h1("\x00\x01\xff binary", 10), h2 = "second-hash";
    this->s().write([&](WriteTx& tx) {
        store::TokenRecord t;
        t.staff_id = ana;
        t.created_at = kT0;
        t.expires_at = kT0 + 1000;
        t.label = "laptop";
        tx.insert_token(h1, t);
        store::TokenRecord d;
        d.kind = store::TokenRecord::Kind::display;
        d.created_at = kT0;
        tx.insert_token(h2, d);
    });
    auto t = this->s().read_value([&](ReadTx& tx) { return tx.token(h1); });
    ASSERT_TRUE(t);
    EXPECT_EQ(t->kind, store::TokenRecord::Kind::staff);
    EXPECT_EQ(t->staff_id, ana);
    EXPECT_EQ(t->label, "laptop");
    EXPECT_EQ(t->expires_at, kT0 + 1000);
    EXPECT_FALSE(this->s().read_value([&](ReadTx& tx) { return tx.token(h1.substr(0, 9)); }));
    this->s().write([&](WriteTx& tx) { tx.delete_expired_tokens(kT0 + 2000); });
    EXPECT_FALSE(this->s().read_value([&](ReadTx& tx) { return tx.token(h1); }));
    EXPECT_TRUE(this->s().read_value([&](ReadTx& tx) { return tx.token(h2); }));  // no expiry
    this->s().write([&](WriteTx& tx) { tx.delete_token(h2); });
    EXPECT_FALSE(this->s().read_value([&](ReadTx& tx) { return tx.token(h2); }));
}

// Limit counters: read for update, so concurrent read-modify-writes of one key never lose one
// (the failed-login count and the rate buckets rely on it, across instances too).
TYPED_TEST(StoreContract, LimitCountersAreReadForUpdateAndExpire) {
    EXPECT_FALSE(this->s().write_value([](WriteTx& tx) { return tx.limit_counter("k"); }));
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([this] {
            for (int i = 0; i < 25; ++i)
                this->s().write([](WriteTx& tx) {
                    auto c = tx.limit_counter("login:ana\n192.0.2.1");
                    store::LimitCounter next = c.value_or(store::LimitCounter{0, kT0, kT0 + 1000});
                    ++next.count;
                    tx.set_limit_counter("login:ana\n192.0.2.1", next);
                });
        });
    for (auto& t : threads) t.join();
    auto c =
        this->s().write_value([](WriteTx& tx) { return tx.limit_counter("login:ana\n192.0.2.1"); });
    ASSERT_TRUE(c);
    EXPECT_EQ(c->count, 100);
    EXPECT_EQ(c->expires_at, kT0 + 1000);
    this->s().write([](WriteTx& tx) { tx.set_limit_counter("other", {1, kT0, kT0 + 5000}); });
    this->s().write([](WriteTx& tx) { tx.delete_expired_limit_counters(kT0 + 2000); });
    EXPECT_FALSE(this->s().write_value(
        [](WriteTx& tx) { return tx.limit_counter("login:ana\n192.0.2.1"); }));
    EXPECT_TRUE(this->s().write_value([](WriteTx& tx) { return tx.limit_counter("other"); }));
    this->s().write([](WriteTx& tx) { tx.delete_limit_counter("other"); });
    EXPECT_FALSE(this->s().write_value([](WriteTx& tx) { return tx.limit_counter("other"); }));
}

TYPED_TEST(StoreContract, CannedRepliesPersonalShadowShared) {
    const Id ana = this->staff("ana", Role::agent), bob = this->staff("bob", Role::supervisor);
    const Id shared = this->s().write_value([&](WriteTx& tx) {
        return tx.insert_canned({"hi", "Hello!", std::nullopt, bob, kT0});
    });
    const Id mine = this->s().write_value([&](WriteTx& tx) {
        return tx.insert_canned({"hi", "Hey there", ana, ana, kT0});
    });
    this->s().write([&](WriteTx& tx) { tx.insert_canned({"bye", "Bye", std::nullopt, bob, kT0}); });
    EXPECT_ANY_THROW(this->s().write([&](WriteTx& tx) {
        tx.insert_canned({"hi", "dup", std::nullopt, bob, kT0});
    }));
    auto list = this->s().read_value([&](ReadTx& tx) { return tx.canned_replies_for(ana); });
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[0].shortcut, "bye");
    EXPECT_EQ(list[1].id, mine);  // personal before shared on the same shortcut
    EXPECT_EQ(list[2].id, shared);
    EXPECT_EQ(this->s().read_value([&](ReadTx& tx) { return tx.canned_replies_for(bob); }).size(),
              2u);
    this->s().read([&](ReadTx& tx) {
        EXPECT_EQ(tx.canned_by_shortcut("hi", std::nullopt), shared);
        EXPECT_EQ(tx.canned_by_shortcut("hi", ana), mine);
        EXPECT_FALSE(tx.canned_by_shortcut("bye", ana));
    });
    this->s().write([&](WriteTx& tx) { tx.update_canned(mine, "hey", "Hey!", kT0 + 5); });
    auto r = this->s().read_value([&](ReadTx& tx) { return tx.canned_reply(mine); });
    ASSERT_TRUE(r);
    EXPECT_EQ(r->reply.shortcut, "hey");
    EXPECT_EQ(r->reply.updated_at, kT0 + 5);
    EXPECT_EQ(r->created_at, kT0);
    EXPECT_FALSE(r->reply.shared);
    this->s().write([&](WriteTx& tx) { tx.delete_canned(mine); });
    EXPECT_FALSE(this->s().read_value([&](ReadTx& tx) { return tx.canned_reply(mine); }));
}

TYPED_TEST(StoreContract, SettingsAndAudit) {
    this->s().write([&](WriteTx& tx) {
        tx.set_setting("time_zone", "UTC");
        tx.set_setting("time_zone", "Europe/Prague");
        tx.insert_audit({kT0, "admin-cli", std::nullopt, "set", std::nullopt, "x"});
    });
    EXPECT_EQ(this->s().read_value([&](ReadTx& tx) { return tx.setting("time_zone"); }),
              "Europe/Prague");
    EXPECT_FALSE(this->s().read_value([&](ReadTx& tx) { return tx.setting("nothing"); }));
}

// Administration: everyone listed (deactivated too), active staff only in searches, archived
// queues out of queues() but in queue_infos() with pending counts and members, tokens by id
// (display and integration only in the list), sessions of one member deleted but one, and the
// audit log filtered and paged newest first.
TYPED_TEST(StoreContract, AdministrationQueries) {
    const Id support = this->queue("Support"), archive = this->queue("Archive");
    const Id ana = this->staff("ana", Role::agent, {support});
    const Id ben = this->staff("ben", Role::agent, {support, archive});
    this->chat(support, "Jan", kT0);
    this->chat(archive, "Eva", kT0);
    this->s().write([&](WriteTx& tx) {
        tx.set_staff_active(ben, false);
        tx.set_staff_role(ana, Role::supervisor);
        tx.rename_queue(archive, "Old");
        tx.set_queue_archived(archive, true);
        tx.remove_member(archive, ben);
        tx.remove_member(archive, ben);  // already gone: nothing happens
    });
    this->s().read([&](ReadTx& tx) {
        auto all = tx.all_staff();
        ASSERT_EQ(all.size(), 2u);
        EXPECT_EQ(all[0].login, "ana");
        EXPECT_EQ(all[0].role, Role::supervisor);
        EXPECT_TRUE(all[0].active);
        EXPECT_FALSE(all[1].active);
        EXPECT_FALSE(tx.staff_by_login("ben")->staff.active);
        auto found = tx.staff_search("", 10);
        ASSERT_EQ(found.size(), 1u);
        EXPECT_EQ(found[0].id, ana);
        auto open = tx.queues();
        ASSERT_EQ(open.size(), 1u);
        EXPECT_EQ(open[0].id, support);
        EXPECT_EQ(tx.queue(archive)->name, "Old");  // still readable by id
        auto infos = tx.queue_infos();
        ASSERT_EQ(infos.size(), 2u);
        EXPECT_EQ(infos[0], (QueueInfo{archive, "Old", true, 1, {}}));
        EXPECT_EQ(infos[1], (QueueInfo{support, "Support", false, 1, {ana, ben}}));
    });

    const std::string s1 = "session-1", s2 = "session-2", d = "display-1", i = "integration-1";
    Id display_id = 0, integration_id = 0;
    this->s().write([&](WriteTx& tx) {
        store::TokenRecord t;
        t.staff_id = ana;
        t.created_at = kT0;
        tx.insert_token(s1, t);
        tx.insert_token(s2, t);
        store::TokenRecord k;
        k.kind = store::TokenRecord::Kind::display;
        k.label = "Wall";
        k.created_at = kT0;
        k.expires_at = kT0 + 5000;
        display_id = tx.insert_token(d, k);
        k.kind = store::TokenRecord::Kind::integration;
        k.label = "shop";
        k.expires_at.reset();
        integration_id = tx.insert_token(i, k);
        tx.touch_token(d, kT0 + 60'000);
    });
    EXPECT_GT(integration_id, display_id);
    this->s().read([&](ReadTx& tx) {
        auto listed = tx.listed_tokens();
        ASSERT_EQ(listed.size(), 2u);  // no sessions
        EXPECT_EQ(listed[0].id, integration_id);
        EXPECT_EQ(listed[1].label, "Wall");
        EXPECT_EQ(listed[1].expires_at, kT0 + 5000);
        EXPECT_EQ(listed[1].last_used_at, kT0 + 60'000);
        EXPECT_EQ(tx.token_by_id(display_id)->kind, store::TokenRecord::Kind::display);
        EXPECT_EQ(tx.token(d)->id, display_id);
    });
    this->s().write([&](WriteTx& tx) {
        EXPECT_EQ(tx.delete_staff_sessions(ana, s2), 1);
        EXPECT_TRUE(tx.delete_token_by_id(display_id));
        EXPECT_FALSE(tx.delete_token_by_id(display_id));
    });
    this->s().read([&](ReadTx& tx) {
        EXPECT_FALSE(tx.token(s1));
        EXPECT_TRUE(tx.token(s2));
        EXPECT_FALSE(tx.token(d));
        EXPECT_TRUE(tx.token(i));
    });
    this->s().write([&](WriteTx& tx) { EXPECT_EQ(tx.delete_staff_sessions(ana, ""), 1); });

    this->s().write([&](WriteTx& tx) {
        for (int n = 0; n < 5; ++n)
            tx.insert_audit({kT0 + n, "staff", n % 2 ? ben : ana, n < 3 ? "add-queue" : "x",
                             n == 4 ? std::optional<Id>(7) : std::nullopt, std::to_string(n)});
    });
    this->s().read([&](ReadTx& tx) {
        store::AuditQuery q;
        q.limit = 2;
        auto page = tx.audit(q);
        ASSERT_EQ(page.size(), 2u);
        EXPECT_EQ(page[0].detail, "4");
        EXPECT_EQ(page[0].chat_id, 7);
        q.before_id = page[1].id;
        page = tx.audit(q);
        ASSERT_EQ(page.size(), 2u);
        EXPECT_EQ(page[0].detail, "2");
        store::AuditQuery by;
        by.actor_id = ana;
        by.action = "add-queue";
        page = tx.audit(by);
        ASSERT_EQ(page.size(), 2u);  // 2 and 0
        EXPECT_EQ(page[1].detail, "0");
        store::AuditQuery chat;
        chat.chat_id = 7;
        EXPECT_EQ(tx.audit(chat).size(), 1u);
    });
}

TYPED_TEST(StoreContract, StatsInputs) {
    const Id q = this->queue("Support");
    const Id ana = this->staff("ana", Role::agent, {q});
    const Id a = this->chat(q, "Ann", kT0), b = this->chat(q, "Ben", kT0 + 1000);
    const Id c = this->chat(q, "Cy", kT0 + 2000);
    this->chat(q, "Old", kT0 - 48 * 3'600'000LL);
    this->s().write([&](WriteTx& tx) {
        tx.try_accept(a, ana, kT0 + 5000);
        tx.insert_message(this->staff_msg(a, ana, "hi", kT0 + 6000));
        tx.try_accept(b, ana, kT0 + 7000);
        store::ChatChange r;
        r.status = ChatStatus::resolved;
        r.resolved_at = kT0 + 8000;
        tx.change_chat(b, r);
    });
    auto in = this->s().read_value([&](ReadTx& tx) { return tx.stats_inputs(kT0, kT0 + 9000); });
    ASSERT_EQ(in.pending.size(), 2u);  // c and the old one, by waiting time
    EXPECT_EQ(in.pending[1].chat_id, c);
    EXPECT_EQ(in.pending[1].contact_name, "Cy");
    EXPECT_EQ(in.pending[1].waiting_since, kT0 + 2000);
    EXPECT_EQ(in.working_per_staff, (std::vector<std::pair<Id, std::int64_t>>{{ana, 1}}));
    EXPECT_EQ(in.resolved_since, 1);
    EXPECT_EQ(in.first_response_ms, std::vector<std::int64_t>{6000});
    std::vector<std::int64_t> waits = in.wait_ms;
    std::sort(waits.begin(), waits.end());
    EXPECT_EQ(waits, (std::vector<std::int64_t>{5000, 6000}));
    EXPECT_EQ(in.created_times, (std::vector<Time>{kT0, kT0 + 1000, kT0 + 2000}));
}

}  // namespace

// Presence leases: staff shown online or away stay so while any instance holds them, and are
// lapsed (for the caller to make offline) once every lease has ended; offline staff never are.
TYPED_TEST(StoreContract, PresenceLeasesAcrossInstances) {
    using std::chrono::milliseconds;
    const Id q = this->queue("Support");
    const Id alice = this->staff("alice", Role::agent, {q});
    const Id bob = this->staff("bob", Role::agent, {q});
    this->staff("carol", Role::agent, {q});  // offline: never lapsed
    auto set = [&](Id id, Presence p) {
        this->s().write([&](WriteTx& tx) {
            MePatch patch;
            patch.presence = p;
            tx.update_staff(id, patch);
        });
    };
    auto lapsed = [&] {
        std::vector<Id> ids;
        for (const auto& st :
             this->s().write_value([](WriteTx& tx) { return tx.lapsed_presence(); }))
            ids.push_back(st.id);
        return ids;
    };
    set(alice, Presence::online);
    set(bob, Presence::away);
    EXPECT_EQ(lapsed(), (std::vector<Id>{alice, bob})) << "nobody holds them";

    this->s().write([&](WriteTx& tx) {
        tx.hold_presence("sb1", {alice}, milliseconds(60'000));
        tx.hold_presence("sb2", {bob}, milliseconds(60'000));
    });
    EXPECT_TRUE(lapsed().empty());

    // sb1's lease on alice ends (as when sb1 dies); sb2 holds her too, then lets go.
    this->s().write([&](WriteTx& tx) {
        tx.hold_presence("sb1", {alice}, milliseconds(-1));
        tx.hold_presence("sb2", {alice}, milliseconds(60'000));
    });
    EXPECT_TRUE(lapsed().empty()) << "sb2 still holds alice";
    this->s().write([&](WriteTx& tx) { tx.hold_presence("sb2", {alice}, milliseconds(-1)); });
    EXPECT_EQ(lapsed(), (std::vector<Id>{alice}));
    // A renewal replaces the instance's own lease, and a short one ends by itself.
    this->s().write([&](WriteTx& tx) { tx.hold_presence("sb2", {alice}, milliseconds(150)); });
    EXPECT_TRUE(lapsed().empty());
    std::this_thread::sleep_for(milliseconds(400));
    EXPECT_EQ(lapsed(), (std::vector<Id>{alice}));
    set(alice, Presence::offline);
    EXPECT_TRUE(lapsed().empty()) << "offline staff are not lapsed";
}

// Named leases: one holder at a time; the holder renews; another takes it once it has ended.
TYPED_TEST(StoreContract, ALeaseHasOneHolderAtATime) {
    using std::chrono::milliseconds;
    auto hold = [&](const std::string& who, milliseconds ttl) {
        return this->s().write_value(
            [&](WriteTx& tx) { return tx.hold_lease("webhook", who, ttl); });
    };
    EXPECT_TRUE(hold("sb1", milliseconds(60'000))) << "free: taken";
    EXPECT_FALSE(hold("sb2", milliseconds(60'000))) << "held by sb1";
    EXPECT_TRUE(hold("sb1", milliseconds(150))) << "the holder renews (shorter now)";
    EXPECT_FALSE(hold("sb2", milliseconds(60'000)));
    std::this_thread::sleep_for(milliseconds(400));
    EXPECT_TRUE(hold("sb2", milliseconds(60'000))) << "sb1's lease ended: sb2 takes it";
    EXPECT_FALSE(hold("sb1", milliseconds(60'000)));
    EXPECT_TRUE(this->s().write_value([&](WriteTx& tx) {
        return tx.hold_lease("another", "sb1", milliseconds(1000));
    })) << "leases are by name";
    // Many at once: exactly one wins.
    std::atomic<int> won{0};
    std::vector<std::thread> racers;
    for (int i = 0; i < 8; ++i)
        racers.emplace_back([&, i] {
            if (this->s().write_value([&](WriteTx& tx) {
                    return tx.hold_lease("race", "r" + std::to_string(i), milliseconds(60'000));
                }))
                ++won;
        });
    for (auto& t : racers) t.join();
    EXPECT_EQ(won.load(), 1);
}
