// Every store's list_chats, counts and search against the one visibility rule: the chats of
// visibility_cases.h are built through the store, then each viewer's lists, counts and search
// results must be exactly the table's (and protocol::in_list / sees_chat on the store's own
// records must agree).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "protocol/visibility.h"
#include "store_kinds.h"
#include "visibility_cases.h"

using namespace sb::server;
using namespace sb::protocol;
using namespace sb::test::visibility;

namespace {

constexpr Time kT0 = 1'795'000'000'000;

template <class K>
class VisibilityRule : public sb::test::StoreTest<K> {
  protected:
    void build() {
        auto& s = *this->store_;
        s.write([&](store::WriteTx& tx) {
            q1 = tx.insert_queue("Mine");
            q2 = tx.insert_queue("Theirs");
            me = tx.insert_staff("me", "Me", Role::agent, "h", kT0);
            other = tx.insert_staff("other", "Other", Role::agent, "h", kT0);
            boss = tx.insert_staff("boss", "Boss", Role::supervisor, "h", kT0);
            tx.add_member(q1, me);
            tx.add_member(q2, other);
            Time at = kT0;
            for (const auto& row : kRows) {
                const auto& sh = row.shape;
                Contact c;
                c.name = "Vis";
                const Id ct = tx.insert_contact(c, at);
                const Id id = tx.insert_chat(sh.queue == 1 ? q1 : q2, ct, at, std::nullopt);
                store::NewMessage m;
                m.chat_id = id;
                m.author = {AuthorType::contact, ct, "Vis"};
                m.body = "zebra";
                m.at = at;
                tx.insert_message(m);
                const Id assignee = sh.assignee == Who::me ? me : other;
                if (sh.status != ChatStatus::pending) tx.try_accept(id, assignee, at);
                if (sh.me_wrote_in) {
                    store::NewMessage r = m;
                    r.author = {AuthorType::staff, me, "Me"};
                    r.body = "reply";
                    tx.insert_message(r);
                }
                if (sh.status == ChatStatus::resolved) {
                    store::ChatChange ch;
                    ch.status = ChatStatus::resolved;
                    ch.resolved_at = at;
                    tx.change_chat(id, ch);
                }
                if (sh.deleted) {
                    store::ChatChange ch;
                    ch.deletion = store::Deletion{boss, at};
                    tx.change_chat(id, ch);
                }
                chat_of[id] = &row;
                at += 1000;
            }
        });
    }
    store::Audience audience(Id who) {
        store::Audience a;
        a.staff_id = who;
        a.everything = who == boss;
        if (who == me) a.queue_ids = {q1};
        if (who == other) a.queue_ids = {q2};
        return a;
    }
    Viewer viewer(Id who) { return store::viewer_of(audience(who)); }
    static In expected_list(const Row& row, int who, bool all) {
        if (who == 2) return all ? row.boss_all : row.boss.list;
        return who == 0 ? row.me.list : row.other.list;
    }
    static bool expected_sees(const Row& row, int who) {
        return who == 0 ? row.me.sees : who == 1 ? row.other.sees : row.boss.sees;
    }

    Id q1 = 0, q2 = 0, me = 0, other = 0, boss = 0;
    std::map<Id, const Row*> chat_of;
};

TYPED_TEST_SUITE(VisibilityRule, sb::test::StoreKinds, sb::test::KindName);

TYPED_TEST(VisibilityRule, ListsCountsAndSearchFollowTheTable) {
    this->build();
    auto& s = *this->store_;
    const Id who_ids[3] = {this->me, this->other, this->boss};
    const std::pair<store::View, In> views[3] = {{store::View::pending, In::pending},
                                                 {store::View::working, In::working},
                                                 {store::View::resolved, In::resolved}};
    for (int who = 0; who < 3; ++who) {
        for (bool all : {false, true}) {
            if (all && who != 2) continue;
            const auto aud = this->audience(who_ids[who]);
            const auto counts =
                s.read_value([&](store::ReadTx& tx) { return tx.counts(aud, all); });
            for (auto [view, in] : views) {
                store::ListQuery q;
                q.view = view;
                q.audience = aud;
                q.all_staff = all;
                q.limit = 100;
                std::set<Id> got, want;
                for (auto& r :
                     s.read_value([&](store::ReadTx& tx) { return tx.list_chats(q); }).chats) {
                    got.insert(r.chat.id);
                    EXPECT_TRUE(
                        in_list(this->viewer(who_ids[who]), store::list_view(view), r.chat, all))
                        << r.chat.id;
                }
                for (auto& [id, row] : this->chat_of)
                    if (this->expected_list(*row, who, all) == in) want.insert(id);
                EXPECT_EQ(got, want) << "viewer " << who << " view " << int(in) << " all " << all;
                const auto n = in == In::pending   ? counts.pending
                               : in == In::working ? counts.working
                                                   : counts.resolved;
                EXPECT_EQ(n, static_cast<std::int64_t>(want.size()))
                    << "count, viewer " << who << " view " << int(in);
            }
        }
        std::set<Id> found, want;
        for (auto& r : s.read_value([&](store::ReadTx& tx) {
                 return tx.search("zebra", this->audience(who_ids[who]), who == 2, 100);
             })) {
            found.insert(r.chat.id);
            EXPECT_TRUE(sees_chat(this->viewer(who_ids[who]), r.chat));
        }
        for (auto& [id, row] : this->chat_of)
            if (this->expected_sees(*row, who)) want.insert(id);
        EXPECT_EQ(found, want) << "search, viewer " << who;
    }
    store::ListQuery deleted;
    deleted.view = store::View::deleted;
    deleted.audience = this->audience(this->boss);
    std::set<Id> got, want;
    for (auto& r : s.read_value([&](store::ReadTx& tx) { return tx.list_chats(deleted); }).chats)
        got.insert(r.chat.id);
    for (auto& [id, row] : this->chat_of)
        if (row->shape.deleted) want.insert(id);
    EXPECT_EQ(got, want);
}

}  // namespace
