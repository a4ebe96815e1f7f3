// The channel module's small pieces without a server: the webhook signature (RFC 4231 test
// vectors), the payload, webhook URLs, contacts' channel addresses and the derived link tokens.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/channel/channel_address.h"
#include "server/channel/channel_service.h"
#include "server/channel/http_post.h"
#include "server/channel/webhook_dispatcher.h"

using namespace sb::server::channel;

namespace {

TEST(ChannelUnits, SignatureIsHmacSha256OfTheBody) {
    // RFC 4231, test cases 2 and 6 (a key longer than the block size).
    EXPECT_EQ(webhook_signature("Jefe", "what do ya want for nothing?"),
              "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    EXPECT_EQ(webhook_signature(std::string(131, '\xaa'),
                                "Test Using Larger Than Block-Size Key - Hash Key First"),
              "sha256=60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(ChannelUnits, PayloadNamesTheIntegrationTheContactAndTheMessage) {
    sb::protocol::Message m;
    m.id = 54;
    m.chat_id = 13;
    m.author = {sb::protocol::AuthorType::staff, std::nullopt, "Alice \"Al\" Martin"};
    m.signed_ = true;
    m.body = "Hi <b>there</b>\n";
    m.created_at = 1'764'000'000'000;
    const auto j = nlohmann::json::parse(webhook_payload("sms", "+49 151/ü", m, 482));
    EXPECT_EQ(j["type"], "message.created");
    EXPECT_EQ(j["seq"], 482);
    EXPECT_EQ(j["integration"], "sms");
    EXPECT_EQ(j["external_contact_id"], "+49 151/ü");
    EXPECT_EQ(j["chat_id"], 13);
    EXPECT_EQ(j["message"]["body"], "Hi <b>there</b>\n");
    EXPECT_EQ(j["message"]["author"]["name"], "Alice \"Al\" Martin");
}

TEST(ChannelUnits, WebhookUrls) {
    auto u = parse_http_url("http://bridge.local:9000/in/sms?x=1");
    EXPECT_EQ(u.host, "bridge.local");
    EXPECT_EQ(u.port, "9000");
    EXPECT_EQ(u.target, "/in/sms?x=1");
    u = parse_http_url("http://127.0.0.1");
    EXPECT_EQ(u.port, "80");
    EXPECT_EQ(u.target, "/");
    for (const char* bad : {"https://x/", "x/y", "http://", "http://:80/", "http://h:/",
                            "http://h:12345678/", "http://u@h/", "http://h/a b"})
        EXPECT_THROW(parse_http_url(bad), std::invalid_argument) << bad;
}

TEST(ChannelUnits, ChannelAddressesRoundTrip) {
    const ChannelAddress a{"whatsapp", "+49:151"};
    EXPECT_EQ(to_channel(a), "whatsapp:+49:151");
    auto back = parse_channel(to_channel(a));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->label, "whatsapp");
    EXPECT_EQ(back->external_id, "+49:151");  // ids may hold ':'; labels may not
    EXPECT_FALSE(parse_channel("web"));
    EXPECT_FALSE(parse_channel(":x"));
    EXPECT_FALSE(parse_channel("x:"));
}

TEST(ChannelUnits, LinkTokensDependOnTheIntegrationTokenAndTheExternalId) {
    const auto a = link_token_text("sbi_one", "+4915112345");
    EXPECT_EQ(a, link_token_text("sbi_one", "+4915112345"));
    EXPECT_NE(a, link_token_text("sbi_two", "+4915112345"));
    EXPECT_NE(a, link_token_text("sbi_one", "+4915112346"));
    EXPECT_NE(link_token_text("sbi_a", "b\nc"), link_token_text("sbi_a\nb", "c"));
    EXPECT_EQ(a.rfind("sbc_", 0), 0u);
    EXPECT_EQ(a.size(), 4u + 64u);
}

}  // namespace
