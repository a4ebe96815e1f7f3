// The one visibility rule (protocol/visibility.h) against the table of tests/store/
// visibility_cases.h, and the console's tabs (ConsoleStore::belongs) against the same table, so
// a tab holds exactly what the server's lists hold (tests/store/visibility_rule_test.cpp checks
// every store's queries against these rows).
#include <gtest/gtest.h>

#include "../store/visibility_cases.h"
#include "client/console_store.h"
#include "protocol/visibility.h"

using namespace sb::protocol;
using namespace sb::test::visibility;

namespace {

constexpr Id kMe = 1, kOther = 2, kBoss = 3;

Chat chat_of(const Shape& sh, Id id) {
    Chat c;
    c.id = id;
    c.status = sh.status;
    c.queue = {sh.queue, sh.queue == 1 ? "Mine" : "Theirs"};
    if (sh.status != ChatStatus::pending)
        c.assignee = StaffRef{sh.assignee == Who::me ? kMe : kOther, "x"};
    if (sh.me_wrote_in) c.participants.push_back({kMe, "Me"});
    c.deleted = sh.deleted;
    return c;
}

Staff staff(Id id, Role role, std::vector<Id> queues) {
    Staff s;
    s.id = id;
    s.login = "s" + std::to_string(id);
    s.role = role;
    s.queues = std::move(queues);
    return s;
}

const Staff kStaff[3] = {staff(kMe, Role::agent, {1}), staff(kOther, Role::agent, {2}),
                         staff(kBoss, Role::supervisor, {})};

In list_of(const Viewer& v, const Chat& c, bool all) {
    for (auto [view, in] :
         {std::pair{ListView::pending, In::pending}, std::pair{ListView::working, In::working},
          std::pair{ListView::resolved, In::resolved}})
        if (in_list(v, view, c, all)) return in;
    return In::none;
}

TEST(VisibilityRule, TheRuleIsTheTable) {
    Id id = 0;
    for (const auto& row : kRows) {
        const Chat c = chat_of(row.shape, ++id);
        const Expect* e[3] = {&row.me, &row.other, &row.boss};
        for (int who = 0; who < 3; ++who) {
            const Viewer v = viewer_of(kStaff[who]);
            EXPECT_EQ(sees_chat(v, c), e[who]->sees) << row.shape.name << " viewer " << who;
            EXPECT_EQ(list_of(v, c, false), e[who]->list) << row.shape.name << " viewer " << who;
        }
        EXPECT_EQ(list_of(viewer_of(kStaff[2]), c, true), row.boss_all) << row.shape.name;
        EXPECT_EQ(in_list(viewer_of(kStaff[2]), ListView::deleted, c, false), row.shape.deleted);
    }
    // Admins see no chats and have no lists.
    const Viewer admin = viewer_of(staff(9, Role::admin, {1, 2}));
    for (const auto& row : kRows) {
        EXPECT_FALSE(sees_chat(admin, chat_of(row.shape, 1)));
        EXPECT_EQ(list_of(admin, chat_of(row.shape, 1), true), In::none);
    }
}

TEST(VisibilityRule, TheConsoleTabsAreTheTable) {
    using sb::client::Scope;
    using sb::client::Tab;
    for (int who = 0; who < 3; ++who) {
        for (Scope scope : {Scope::mine, Scope::all}) {
            if (scope == Scope::all && who != 2) continue;
            sb::client::ConsoleStore store;
            store.set_me(kStaff[who]);
            store.set_working_scope(scope);
            Id id = 0;
            for (const auto& row : kRows) {
                const Chat c = chat_of(row.shape, ++id);
                const In want = who == 0              ? row.me.list
                                : who == 1            ? row.other.list
                                : scope == Scope::all ? row.boss_all
                                                      : row.boss.list;
                EXPECT_EQ(store.belongs(Tab::pending, c), want == In::pending) << row.shape.name;
                EXPECT_EQ(store.belongs(Tab::working, c), want == In::working) << row.shape.name;
                EXPECT_EQ(store.belongs(Tab::resolved, c), want == In::resolved) << row.shape.name;
            }
        }
    }
}

}  // namespace
