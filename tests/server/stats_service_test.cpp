// GET /stats figures (K2, K3) computed by StatsService on a real SQLite store filled through the
// domain rules with a controlled clock: pending per queue and the longest waits, working chats
// per agent with presence, resolved today, the medians, the 24 hourly buckets, thresholds from
// the settings table, and "today" in the configured time zone (including a 25-hour DST day).
#include <gtest/gtest.h>

#include "protocol/time.h"
#include "server/domain/chat_service.h"
#include "server/stats/stats_service.h"
#include "server/store/sqlite/sqlite_store.h"
#include "temp_db.h"

using namespace sb::server;
using namespace sb::protocol;

namespace {

Time at(const char* rfc3339) {
    auto t = parse_time(rfc3339);
    if (!t) throw std::invalid_argument(rfc3339);
    return *t;
}

class StatsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        store_ = std::make_unique<sqlite::SqliteStore>(db_.path());
        chats_ = std::make_unique<ChatService>(
            *store_, [this] { return now_; }, [](store::StoredEvent) {});
        store_->write([&](store::WriteTx& tx) {
            support_ = tx.insert_queue("Support");
            sales_ = tx.insert_queue("Sales");
            alice_ = make_staff(tx, "alice", "Alice", Role::agent, {support_, sales_});
            bob_ = make_staff(tx, "bob", "Bob", Role::agent, {support_});
            sam_ = make_staff(tx, "sam", "Sam", Role::supervisor, {});
            make_staff(tx, "root", "Root", Role::admin, {});
        });
    }
    Staff make_staff(store::WriteTx& tx, const std::string& login, const std::string& name,
                     Role role, std::vector<Id> queues) {
        const Id id = tx.insert_staff(login, name, role, "x", now_);
        for (Id q : queues) tx.add_member(q, id);
        return *tx.staff(id);
    }
    Id start_at(Time t, const std::string& name, Id queue) {
        now_ = t;
        ContactStartRequest r;
        r.name = name;
        r.body = "Hello";
        r.queue_id = queue;
        return chats_->contact_start(r, "hash-" + std::to_string(++tokens_)).chat.chat.id;
    }
    void accept_at(Time t, const Staff& s, Id id) {
        now_ = t;
        chats_->accept(s, id, std::nullopt);
    }
    void reply_at(Time t, const Staff& s, Id id) {
        now_ = t;
        chats_->send(s, id,
                     SendMessageRequest{"Hi", "c-" + std::to_string(++tokens_), MessageKind::text});
    }
    void resolve_at(Time t, const Staff& s, Id id) {
        now_ = t;
        chats_->resolve(s, id, std::nullopt);
    }
    void presence(Staff& s, Presence p) {
        MePatch patch;
        patch.presence = p;
        s = chats_->update_me(s, patch);
    }
    Stats stats_at(Time t, const std::string& tz = "UTC") {
        now_ = t;
        StatsService service(
            *store_, [this] { return now_; }, TimeZone(tz));
        return service.compute();
    }
    static const QueueStats& queue(const Stats& st, const std::string& name) {
        for (const auto& q : st.queues)
            if (q.queue.name == name) return q;
        throw std::runtime_error("no queue " + name);
    }
    static const AgentStats& agent(const Stats& st, const std::string& name) {
        for (const auto& a : st.agents)
            if (a.staff.name == name) return a;
        throw std::runtime_error("no agent " + name);
    }

    sb::test::TempDb db_;
    std::unique_ptr<sqlite::SqliteStore> store_;
    std::unique_ptr<ChatService> chats_;
    Time now_ = at("2026-03-10T08:00:00Z");
    int tokens_ = 0;
    Id support_ = 0, sales_ = 0;
    Staff alice_, bob_, sam_;
};

TEST_F(StatsTest, PendingPerQueueLongestWaitsAndTheWaitingList) {
    const Id a = start_at(at("2026-03-10T09:00:00Z"), "Ann", support_);
    const Id b = start_at(at("2026-03-10T09:03:00Z"), "Ben", support_);
    const Id c = start_at(at("2026-03-10T09:08:00Z"), "Cleo", sales_);
    start_at(at("2026-03-10T09:09:00Z"), "Dan", support_);
    accept_at(at("2026-03-10T09:09:30Z"), bob_, b);  // no longer waiting

    const Stats st = stats_at(at("2026-03-10T09:10:00Z"));
    EXPECT_EQ(st.pending_total, 3);
    EXPECT_EQ(queue(st, "Support").pending, 2);
    EXPECT_EQ(queue(st, "Support").longest_wait_seconds, 600);
    EXPECT_EQ(queue(st, "Sales").pending, 1);
    EXPECT_EQ(queue(st, "Sales").longest_wait_seconds, 120);
    EXPECT_EQ(st.longest_wait_seconds, 600);
    // Defaults: wait amber at 120 s, red at 300 s.
    EXPECT_EQ(st.longest_wait_level, Level::red);
    EXPECT_EQ(queue(st, "Support").level, Level::red);
    EXPECT_EQ(queue(st, "Sales").level, Level::amber);
    ASSERT_EQ(st.longest_waiting.size(), 3u);
    EXPECT_EQ(st.longest_waiting[0].chat_id, a);
    EXPECT_EQ(st.longest_waiting[0].contact_name, "Ann");
    EXPECT_EQ(st.longest_waiting[0].queue.name, "Support");
    EXPECT_EQ(st.longest_waiting[0].wait_seconds, 600);
    EXPECT_EQ(st.longest_waiting[0].level, Level::red);
    EXPECT_EQ(st.longest_waiting[1].chat_id, c);
    EXPECT_EQ(st.longest_waiting[1].level, Level::amber);
    EXPECT_EQ(st.longest_waiting[2].wait_seconds, 60);
    EXPECT_EQ(st.longest_waiting[2].level, Level::normal);
}

TEST_F(StatsTest, WorkingPerAgentWithPresenceAndTheCounts) {
    const Id a = start_at(at("2026-03-10T09:00:00Z"), "Ann", support_);
    const Id b = start_at(at("2026-03-10T09:01:00Z"), "Ben", support_);
    const Id c = start_at(at("2026-03-10T09:02:00Z"), "Cleo", support_);
    accept_at(at("2026-03-10T09:05:00Z"), alice_, a);
    accept_at(at("2026-03-10T09:05:00Z"), alice_, b);
    accept_at(at("2026-03-10T09:05:00Z"), bob_, c);
    resolve_at(at("2026-03-10T09:06:00Z"), bob_, c);
    presence(alice_, Presence::online);
    presence(bob_, Presence::away);

    const Stats st = stats_at(at("2026-03-10T09:10:00Z"));
    EXPECT_EQ(agent(st, "Alice").working, 2);
    EXPECT_EQ(agent(st, "Alice").presence, Presence::online);
    EXPECT_EQ(agent(st, "Bob").working, 0);
    EXPECT_EQ(agent(st, "Bob").presence, Presence::away);
    EXPECT_EQ(agent(st, "Sam").presence, Presence::offline);
    EXPECT_EQ(agent(st, "Sam").role, Role::supervisor);
    for (const auto& ag : st.agents) EXPECT_NE(ag.staff.name, "Root");  // admins are not agents
    EXPECT_EQ(st.agents_online, 1);
    EXPECT_EQ(st.agents_away, 1);
    EXPECT_EQ(st.agents_offline, 1);
}

TEST_F(StatsTest, MediansOfFirstResponseAndWaitToday) {
    // Waits (created → accepted) 60, 120, 300 s; first replies 90, 200 s after creation.
    const Id a = start_at(at("2026-03-10T10:00:00Z"), "Ann", support_);
    const Id b = start_at(at("2026-03-10T10:10:00Z"), "Ben", support_);
    const Id c = start_at(at("2026-03-10T10:20:00Z"), "Cleo", support_);
    accept_at(at("2026-03-10T10:01:00Z"), alice_, a);
    reply_at(at("2026-03-10T10:01:30Z"), alice_, a);
    accept_at(at("2026-03-10T10:12:00Z"), alice_, b);
    reply_at(at("2026-03-10T10:13:20Z"), alice_, b);
    accept_at(at("2026-03-10T10:25:00Z"), bob_, c);   // accepted, not answered yet
    reply_at(at("2026-03-10T10:26:00Z"), alice_, a);  // a second reply changes nothing

    const Stats st = stats_at(at("2026-03-10T11:00:00Z"));
    ASSERT_TRUE(st.median_first_response_seconds_today);
    EXPECT_EQ(*st.median_first_response_seconds_today, (90 + 200) / 2);
    EXPECT_EQ(st.first_response_level, Level::amber);  // 145 s: amber from 60, red from 180
    ASSERT_TRUE(st.median_wait_seconds_today);
    EXPECT_EQ(*st.median_wait_seconds_today, 120);
}

TEST_F(StatsTest, NoRepliesYetMeansNoMedian) {
    start_at(at("2026-03-10T10:00:00Z"), "Ann", support_);
    const Stats st = stats_at(at("2026-03-10T10:05:00Z"));
    EXPECT_FALSE(st.median_first_response_seconds_today);
    EXPECT_FALSE(st.median_wait_seconds_today);
    EXPECT_EQ(st.first_response_level, Level::normal);
    EXPECT_EQ(st.resolved_today, 0);
}

TEST_F(StatsTest, IncomingPerHourHas24BucketsEndingWithThisHour) {
    start_at(at("2026-03-09T10:59:59Z"), "Too old", support_);  // 24 h + before this hour
    start_at(at("2026-03-09T11:00:00Z"), "Oldest bucket", support_);
    start_at(at("2026-03-10T09:30:00Z"), "Nine", support_);
    start_at(at("2026-03-10T09:59:59Z"), "Nine too", support_);
    start_at(at("2026-03-10T10:00:00Z"), "This hour", sales_);
    start_at(at("2026-03-10T10:20:00Z"), "This hour too", sales_);
    start_at(at("2026-03-10T10:29:00Z"), "And again", sales_);

    const Stats st = stats_at(at("2026-03-10T10:30:00Z"));
    ASSERT_EQ(st.incoming_per_hour.size(), 24u);
    EXPECT_EQ(st.incoming_per_hour.front().hour, at("2026-03-09T11:00:00Z"));
    EXPECT_EQ(st.incoming_per_hour.back().hour, at("2026-03-10T10:00:00Z"));
    EXPECT_EQ(st.incoming_per_hour.front().count, 1);
    EXPECT_EQ(st.incoming_per_hour[22].count, 2);
    EXPECT_EQ(st.incoming_per_hour.back().count, 3);
    std::int64_t total = 0;
    for (const auto& h : st.incoming_per_hour) total += h.count;
    EXPECT_EQ(total, 6);
    EXPECT_EQ(st.incoming_today, 5);  // UTC day: from 2026-03-10T00:00Z
}

TEST_F(StatsTest, TodayStartsAtMidnightInTheConfiguredZone) {
    // New York is UTC-4 on 2026-03-10 (DST began on 8 March): local midnight is 04:00Z.
    const Id before = start_at(at("2026-03-10T03:59:00Z"), "Yesterday NY", support_);
    const Id after = start_at(at("2026-03-10T04:01:00Z"), "Today NY", support_);
    accept_at(at("2026-03-10T03:59:30Z"), alice_, before);
    resolve_at(at("2026-03-10T03:59:50Z"), alice_, before);  // resolved yesterday (NY)
    accept_at(at("2026-03-10T04:02:00Z"), alice_, after);
    resolve_at(at("2026-03-10T04:03:00Z"), alice_, after);  // resolved today (NY)

    const Stats ny = stats_at(at("2026-03-10T12:00:00Z"), "America/New_York");
    EXPECT_EQ(ny.timezone, "America/New_York");
    EXPECT_EQ(ny.resolved_today, 1);
    EXPECT_EQ(ny.incoming_today, 1);
    ASSERT_TRUE(ny.median_wait_seconds_today);
    EXPECT_EQ(*ny.median_wait_seconds_today, 60);  // only the chat accepted today counts

    // In UTC both happened today.
    const Stats utc = stats_at(at("2026-03-10T12:00:00Z"), "UTC");
    EXPECT_EQ(utc.resolved_today, 2);
    EXPECT_EQ(utc.incoming_today, 2);

    // Tokyo (UTC+9): 2026-03-10T12:00Z is 21:00 local; the day began at 2026-03-09T15:00Z.
    const Stats tokyo = stats_at(at("2026-03-10T12:00:00Z"), "Asia/Tokyo");
    EXPECT_EQ(tokyo.resolved_today, 2);
    // Just after Tokyo's midnight (15:00Z), nothing of the above is "today" any more.
    const Stats tokyo_next = stats_at(at("2026-03-10T15:00:01Z"), "Asia/Tokyo");
    EXPECT_EQ(tokyo_next.resolved_today, 0);
    EXPECT_EQ(tokyo_next.incoming_today, 0);
}

TEST_F(StatsTest, A25HourDayCountsEveryChatOfTheDay) {
    // Berlin leaves summer time on 2026-10-25: the local day runs from 2026-10-24T22:00Z to
    // 2026-10-25T23:00Z, 25 hours. At 23:30 local, a chat of 00:10 local is 24.3 h old.
    start_at(at("2026-10-24T21:50:00Z"), "Saturday", support_);  // 23:50 local, the day before
    start_at(at("2026-10-24T22:10:00Z"), "Early Sunday", support_);
    start_at(at("2026-10-25T20:00:00Z"), "Sunday evening", support_);
    const Stats st = stats_at(at("2026-10-25T22:30:00Z"), "Europe/Berlin");
    EXPECT_EQ(st.incoming_today, 2);
}

TEST_F(StatsTest, ThresholdsComeFromTheSettingsTable) {
    store_->write([](store::WriteTx& tx) {
        tx.set_setting("threshold.wait_amber_seconds", "30");
        tx.set_setting("threshold.wait_red_seconds", "1000");
        tx.set_setting("threshold.pending_amber", "1");
        tx.set_setting("threshold.pending_red", "2");
    });
    start_at(at("2026-03-10T10:00:00Z"), "Ann", support_);
    start_at(at("2026-03-10T10:00:50Z"), "Ben", support_);
    const Stats st = stats_at(at("2026-03-10T10:01:00Z"));
    EXPECT_EQ(st.thresholds.wait_amber_seconds, 30);
    EXPECT_EQ(st.thresholds.wait_red_seconds, 1000);
    EXPECT_EQ(st.longest_wait_level, Level::amber);     // 60 s
    EXPECT_EQ(queue(st, "Support").level, Level::red);  // 2 pending
    EXPECT_EQ(queue(st, "Sales").level, Level::normal);
    EXPECT_EQ(st.longest_waiting[1].level, Level::normal);  // 10 s
}

TEST_F(StatsTest, DeletedPendingChatsDoNotWait) {
    const Id a = start_at(at("2026-03-10T10:00:00Z"), "Ann", support_);
    now_ = at("2026-03-10T10:00:10Z");
    chats_->remove(sam_, a, std::nullopt);
    const Stats st = stats_at(at("2026-03-10T10:05:00Z"));
    EXPECT_EQ(st.pending_total, 0);
    EXPECT_EQ(st.longest_wait_seconds, 0);
    EXPECT_TRUE(st.longest_waiting.empty());
}

}  // namespace

// TimeZone itself (date/tz.h on the system's zoneinfo): offsets, DST, and a day whose midnight
// does not exist.
TEST(TimeZoneTest, OffsetsFollowDaylightSavingTime) {
    TimeZone berlin("Europe/Berlin");
    EXPECT_EQ(berlin.offset_at(*parse_time("2026-01-15T12:00:00Z")), 3600);
    EXPECT_EQ(berlin.offset_at(*parse_time("2026-07-15T12:00:00Z")), 7200);
    // The change itself: 2026-03-29 01:00 UTC.
    EXPECT_EQ(berlin.offset_at(*parse_time("2026-03-29T00:59:59Z")), 3600);
    EXPECT_EQ(berlin.offset_at(*parse_time("2026-03-29T01:00:00Z")), 7200);
    EXPECT_EQ(TimeZone("UTC").offset_at(*parse_time("2026-07-15T12:00:00Z")), 0);
}

TEST(TimeZoneTest, StartOfDayIsLocalMidnight) {
    TimeZone ny("America/New_York");
    // 2026-11-24 03:00 UTC is 22:00 on the 23rd in New York (EST, UTC-5).
    EXPECT_EQ(ny.start_of_day(*parse_time("2026-11-24T03:00:00Z")),
              parse_time("2026-11-23T05:00:00Z"));
    EXPECT_EQ(TimeZone("UTC").start_of_day(*parse_time("2026-11-24T03:00:00.250Z")),
              parse_time("2026-11-24T00:00:00Z"));
}

TEST(TimeZoneTest, ADayWhoseMidnightIsSkippedStartsAtTheChange) {
    // Chile moves its clocks from 00:00 to 01:00 on the first Sunday of September: 2026-09-06
    // 00:00 local does not exist; the day starts at 01:00 local (-03:00) = 04:00 UTC.
    TimeZone santiago("America/Santiago");
    EXPECT_EQ(santiago.start_of_day(*parse_time("2026-09-06T15:00:00Z")),
              parse_time("2026-09-06T04:00:00Z"));
}

TEST(TimeZoneTest, UnknownAndPathLikeNamesAreRefused) {
    EXPECT_THROW(TimeZone("Mars/Olympus_Mons"), std::runtime_error);
    EXPECT_THROW(TimeZone("../../etc/passwd"), std::runtime_error);
    EXPECT_THROW(TimeZone("/etc/localtime"), std::runtime_error);
}
