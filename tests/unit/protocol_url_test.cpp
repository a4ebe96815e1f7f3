// Percent-encoding (protocol/url.h): what the console encodes, the server and the kiosk decode.
#include <gtest/gtest.h>

#include "protocol/url.h"

using sb::protocol::url_decode;
using sb::protocol::url_encode;

TEST(ProtocolUrl, EncodesAllButUnreservedBytes) {
    EXPECT_EQ(url_encode("AZaz09-_.~"), "AZaz09-_.~");
    EXPECT_EQ(url_encode("a b&c=d/é#"), "a%20b%26c%3Dd%2F%C3%A9%23");
    EXPECT_EQ(url_encode(std::string("\0+", 2)), "%00%2B");
}

TEST(ProtocolUrl, DecodesPercentAndOptionallyPlus) {
    EXPECT_EQ(url_decode("a%20b%2fc%2F", false), "a b/c/");
    EXPECT_EQ(url_decode("a+b", false), "a+b");
    EXPECT_EQ(url_decode("a+b", true), "a b");
    // A '%' without two hex digits after it is kept as it is.
    EXPECT_EQ(url_decode("100%", true), "100%");
    EXPECT_EQ(url_decode("%4", true), "%4");
    EXPECT_EQ(url_decode("%zz%41", true), "%zzA");
    EXPECT_EQ(url_decode("%41", true), "A");
}

TEST(ProtocolUrl, DecodeUndoesEncode) {
    const std::string texts[] = {"", "plain", "a b+c&d=e", "Jana Nováková ✓",
                                 std::string("\x01\xff", 2)};
    for (const auto& t : texts) {
        EXPECT_EQ(url_decode(url_encode(t), false), t);
        EXPECT_EQ(url_decode(url_encode(t), true), t);
    }
}
