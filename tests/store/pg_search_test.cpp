// PostgreSQL search's candidates (store/postgres/pg_tx.cpp, newest_matching_messages): the plan
// is chosen from the density the newest messages show (walk by id, walk on, or the GIN index
// alone), so each step and each hand-over between them is checked here, with small steps on a
// small table, against the plain answer: the newest matches in id order. Terms of every density,
// no match, an empty table; the default steps too.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pg_cluster.h"
#include "server/store/open_store.h"
#include "server/store/postgres/pg_conn.h"
#include "server/store/postgres/pg_tx.h"

using namespace sb::server;
using sb::protocol::Id;
namespace pg = sb::server::postgres;

namespace {

std::vector<Id> plain_answer(pg::Connection& db, const std::string& tsquery, int wanted) {
    auto r = db.exec(
        "SELECT chat_id FROM messages WHERE tsv @@ to_tsquery('simple', $1) "
        "ORDER BY id DESC LIMIT $2",
        pg::Params().add(tsquery).add(wanted));
    std::vector<Id> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.integer(i, 0));
    return out;
}

TEST(PgSearch, TheNewestMatchesWhateverStepsFindThem) {
    auto* cluster = sb::test::PgCluster::get();
    if (!cluster) {
        if (sb::test::in_ci())
            FAIL() << "CI=true and no PostgreSQL: " << sb::test::PgCluster::why();
        GTEST_SKIP() << "no PostgreSQL here: " << sb::test::PgCluster::why();
    }
    const std::string url = cluster->fresh_database();
    auto store = store::open_store(url);  // the schema
    const Id queue = store->write_value([](store::WriteTx& tx) { return tx.insert_queue("Q"); });
    pg::Connection db(url);
    EXPECT_TRUE(pg::newest_matching_messages(db, "'dense':*", 10).empty());  // no messages

    db.exec("INSERT INTO contacts(name, created_at) VALUES ('Ann', 0)");
    db.exec(
        "INSERT INTO chats(status, queue_id, contact_id, created_at, last_message_at) "
        "SELECT 'resolved', $1, (SELECT min(id) FROM contacts), g, g "
        "FROM generate_series(1, 40) g",
        pg::Params().add(queue));
    // 1,000 messages: "dense" in every 3rd, "medium" in every 40th, "rare" in 3 old ones,
    // "newrare" only in the newest; chats taken in turn.
    db.exec(
        "INSERT INTO messages(chat_id, kind, author_type, body, created_at) "
        "SELECT (SELECT min(id) FROM chats) + g % 40, 'text', 'contact', "
        "concat_ws(' ', 'hello', CASE WHEN g % 3 = 0 THEN 'dense' END, "
        "CASE WHEN g % 40 = 7 THEN 'medium' END, "
        "CASE WHEN g IN (5, 77, 310) THEN 'rare' END, CASE WHEN g = 1000 THEN 'newrare' END), g "
        "FROM generate_series(1, 1000) g ORDER BY g");

    struct Case {
        const char* tsquery;
        int wanted;
    };
    const Case cases[] = {{"'dense':*", 20},   {"'dense':*", 300}, {"'dense':*", 5000},
                          {"'medium':*", 5},   {"'medium':*", 20}, {"'medium':*", 100},
                          {"'rare':*", 2},     {"'rare':*", 10},   {"'newrare':*", 3},
                          {"'nothing':*", 10}, {"'den':*", 40},    {"'dense' & 'medium'", 10},
                          {"'hello':*", 999},  {"'hello':*", 1001}};
    // window × max_walk: walk only; walk, then walk on; walk, then the index; all three.
    const pg::SearchWalk steps[] = {{10, 60}, {10, 1000}, {50, 5}, {200, 200}, {20'000, 250'000}};
    for (const auto& walk : steps)
        for (const Case& c : cases)
            EXPECT_EQ(pg::newest_matching_messages(db, c.tsquery, c.wanted, walk),
                      plain_answer(db, c.tsquery, c.wanted))
                << c.tsquery << " wanted " << c.wanted << ", window " << walk.window
                << ", max_walk " << walk.max_walk;
}

}  // namespace
