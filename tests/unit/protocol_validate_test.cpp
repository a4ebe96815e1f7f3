// UTF-8 checks and the limits of API.md.
#include <gtest/gtest.h>

#include "protocol/validate.h"

using namespace sb::protocol;

TEST(ProtocolValidate, Utf8AcceptsValidText) {
    for (const char* ok : {"", "hello", "Grüße", "Ελληνικά", "Кириллица", "日本語", "😀 emoji"})
        EXPECT_TRUE(valid_utf8(ok)) << ok;
}

TEST(ProtocolValidate, Utf8RejectsBrokenSequences) {
    const std::string bad[] = {
        "\x80",              // lone continuation
        "\xC3",              // truncated
        "\xC0\xAF",          // overlong '/'
        "\xE0\x80\xAF",      // overlong
        "\xED\xA0\x80",      // surrogate U+D800
        "\xF4\x90\x80\x80",  // above U+10FFFF
        "\xFF",              // never valid
        std::string("ok\xE2\x82", 4),
    };
    for (const auto& s : bad) EXPECT_FALSE(valid_utf8(s)) << s.size();
}

TEST(ProtocolValidate, LengthAndPreviewCountCodePoints) {
    EXPECT_EQ(utf8_length("Grüße"), 5u);
    EXPECT_EQ(utf8_preview("Grüße aus Köln", 5), "Grüße");
    EXPECT_EQ(utf8_preview("line\nbreak", 20), "line break");
}

TEST(ProtocolValidate, NameLimits) {
    EXPECT_FALSE(check_name("name", "Alice"));
    EXPECT_TRUE(check_name("name", ""));
    EXPECT_TRUE(check_name("name", "   "));
    EXPECT_FALSE(check_name("name", std::string(200, 'a')));
    EXPECT_TRUE(check_name("name", std::string(201, 'a')));
    // 200 two-byte characters are 200 characters, not 400.
    std::string umlauts;
    for (int i = 0; i < 200; ++i) umlauts += "ü";
    EXPECT_FALSE(check_name("name", umlauts));
    EXPECT_NE(check_name("name", "\xFF")->find("UTF-8"), std::string::npos);
}

TEST(ProtocolValidate, BodyLimits) {
    EXPECT_FALSE(check_message_body("hi"));
    EXPECT_FALSE(check_message_body(std::string(kMaxMessageBodyBytes, 'x')));
    EXPECT_TRUE(check_message_body(std::string(kMaxMessageBodyBytes + 1, 'x')));
    EXPECT_TRUE(check_message_body(" \n "));
    EXPECT_TRUE(check_client_id(""));
    EXPECT_TRUE(check_client_id(std::string(kMaxClientIdBytes + 1, 'c')));
}

TEST(ProtocolValidate, ControlCharactersAreRefusedButLineBreaksAndTabsAreText) {
    EXPECT_FALSE(check_message_body("line one\r\nline two\twith a tab"));
    EXPECT_EQ(check_message_body(std::string("a\0b", 3)).value_or(""),
              "body contains the control character U+0000");
    EXPECT_EQ(check_message_body("ring \a").value_or(""),
              "body contains the control character U+0007");
    EXPECT_TRUE(check_message_body("del \x7f"));
    EXPECT_FALSE(check_name("name", "Zoë\tKarlsson"));
    EXPECT_EQ(check_name("name", "two\nlines").value_or(""),
              "name contains the control character U+000A");
}
