// PostgreSQL going away and coming back (store/postgres/pg_store.h): while it is down, reads and
// writes throw store::Unavailable (the API's 503) and nothing crashes; once it is back the same
// store serves again without being reopened, everything acknowledged before is there, and the
// follower is listening again (a write made by another store reaches this one's listener).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "pg_cluster.h"
#include "server/store/open_store.h"

using namespace sb::server;
using namespace sb::protocol;

namespace {

TEST(PgAvailability, DownGivesUnavailableThenServesAgainWithNothingLost) {
    auto* cluster = sb::test::PgCluster::get();
    if (!cluster) {
        if (sb::test::in_ci())
            FAIL() << "CI=true and no PostgreSQL: " << sb::test::PgCluster::why();
        GTEST_SKIP() << "no PostgreSQL here: " << sb::test::PgCluster::why();
    }
    const std::string url = cluster->fresh_database();
    auto s = store::open_store(url);
    std::atomic<Seq> heard{0};
    s->set_commit_listener([&](std::vector<store::StoredEvent> events) {
        for (auto& e : events) heard = e.event.seq;
    });
    auto event_write = [](store::Store& st, const std::string& name) {
        st.write([&](store::WriteTx& tx) {
            const Id q = tx.insert_queue(name);
            Event e;
            e.type = EventType::staff_updated;
            e.at = q;
            tx.append_event(std::move(e));
        });
    };
    event_write(*s, "before");
    const Seq before = heard.load();
    EXPECT_GT(before, 0);

    cluster->stop();
    EXPECT_THROW(s->read([](store::ReadTx& tx) { tx.queues(); }), store::Unavailable);
    EXPECT_THROW(event_write(*s, "while down"), store::Unavailable);
    cluster->start();

    // The pool reconnects on the next call.
    std::vector<Queue> queues;
    for (int i = 0; i < 50; ++i) {
        try {
            queues = s->read_value([](store::ReadTx& tx) { return tx.queues(); });
            break;
        } catch (const store::Unavailable&) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    ASSERT_EQ(queues.size(), 1u);
    EXPECT_EQ(queues[0].name, "before");
    // Another writer's commit is heard: the follower LISTENs again.
    auto other = store::open_store(url);
    event_write(*other, "after");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (heard.load() <= before && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(heard.load(), before + 1);  // no seq was used by the failed write
    s->set_commit_listener(nullptr);
}

}  // namespace
