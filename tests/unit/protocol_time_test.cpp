// RFC 3339 formatting and parsing of protocol::Time.
#include <gtest/gtest.h>

#include "protocol/time.h"

using namespace sb::protocol;

TEST(ProtocolTime, FormatsEpochAndKnownDates) {
    EXPECT_EQ(format_time(0), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(format_time(1'795'000'000'123), "2026-11-18T11:06:40.123Z");
    EXPECT_EQ(format_time(951'782'400'000), "2000-02-29T00:00:00.000Z");  // leap day
    EXPECT_EQ(format_time(-1), "1969-12-31T23:59:59.999Z");
}

TEST(ProtocolTime, ParsesWhatItFormats) {
    for (Time t : {Time{0}, Time{1'795'000'000'123}, Time{951'782'400'000}, Time{-1},
                   Time{4'102'444'799'999}}) {
        auto back = parse_time(format_time(t));
        ASSERT_TRUE(back) << t;
        EXPECT_EQ(*back, t);
    }
}

TEST(ProtocolTime, ParsesLeapDaysThatExist) {
    EXPECT_EQ(parse_time("2024-02-29T00:00:00Z"), Time{1'709'164'800'000});
    EXPECT_EQ(parse_time("2000-02-29T00:00:00Z"), Time{951'782'400'000});
}

TEST(ProtocolTime, ParsesOffsetsAndFractions) {
    EXPECT_EQ(parse_time("2026-11-24T10:00:00+01:00"), parse_time("2026-11-24T09:00:00Z"));
    EXPECT_EQ(parse_time("2026-11-24T09:00:00.5Z"), *parse_time("2026-11-24T09:00:00Z") + 500);
    EXPECT_EQ(parse_time("2026-11-24T09:00:00.123456Z"), *parse_time("2026-11-24T09:00:00Z") + 123);
}

TEST(ProtocolTime, RejectsMalformed) {
    for (const char* bad :
         {"", "2026-11-24", "2026-11-24T09:00:00", "2026-13-01T00:00:00Z", "2026-11-24T25:00:00Z",
          "2026-11-24T09:00:00.Z", "x026-11-24T09:00:00Z", "2026-11-24T09:00:00Zjunk",
          "2026-11-24T09:00:00+0100", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
          "2026-00-10T00:00:00Z"}) {
        EXPECT_FALSE(parse_time(bad)) << bad;
    }
}
