// The JSON codec: round trips of every object, the wire shape of API.md, and strict decoding
// of requests (missing fields, wrong types, bad enums, limits) with errors naming the field.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "protocol/json.h"
#include "protocol/time.h"

using namespace sb::protocol;

namespace {

Chat sample_chat() {
    Chat c;
    c.id = 22;
    c.status = ChatStatus::working;
    c.queue = {2, "Sales"};
    c.contact = {7, "Jana Nováková", "jana@example.com", std::nullopt, "web"};
    c.assignee = StaffRef{3, "Alice"};
    c.participants = {{3, "Alice"}, {4, "Bob"}};
    c.unread = true;
    c.unread_count = 2;
    c.created_at = 1'795'000'000'000;
    c.last_message_at = 1'795'000'060'000;
    c.first_response_at = 1'795'000'030'000;
    c.version = 9;
    c.last_message_preview = "Where is my order?";
    return c;
}

Message sample_message() {
    Message m;
    m.id = 101;
    m.chat_id = 22;
    m.kind = MessageKind::text;
    m.author = {AuthorType::staff, 3, "Alice"};
    m.signed_ = true;
    m.body = "Hello \"there\"\nline two ✓";
    m.client_id = "c-1";
    m.created_at = 1'795'000'060'000;
    return m;
}

template <class T>
void expect_round_trip(const T& v) {
    EXPECT_EQ(decode<T>(encode(v)), v) << encode(v);
}

std::string decode_error_of(auto fn) {
    try {
        fn();
    } catch (const DecodeError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST(ProtocolJson, ObjectsRoundTrip) {
    expect_round_trip(sample_chat());
    expect_round_trip(sample_message());
    Staff s{3, "alice", "Alice", Role::supervisor, {1, 2}, true, Presence::away};
    expect_round_trip(s);
    expect_round_trip(Error{"conflict", "Bob was faster", StaffRef{4, "Bob"}});
    expect_round_trip(Hello{"tok", 42});
    expect_round_trip(Ready{42});
    expect_round_trip(Resync{43});
    expect_round_trip(LoginResponse{"tok", 1'795'000'000'000, s});
    ChatPage page{{sample_chat()}, "cursor", {1, 2, 3}};
    expect_round_trip(page);
    expect_round_trip(MessagePage{{sample_message()}, 100});
    expect_round_trip(ContactStartResponse{22, "ct", sample_chat(), sample_message()});
    Stats st;
    st.at = 1'795'000'000'000;
    st.timezone = "Europe/Prague";
    st.queues = {{{1, "Support"}, 3, 200, Level::amber}};
    st.agents = {{{3, "Alice"}, Role::agent, Presence::online, 2}};
    st.median_first_response_seconds_today = 45;
    st.incoming_per_hour = {{1'794'999'600'000, 4}};
    st.longest_waiting = {{5, "Jan", {1, "Support"}, 1'794'999'800'000, 200, Level::amber}};
    expect_round_trip(st);
}

TEST(ProtocolJson, EventsRoundTripWithEveryPayload) {
    Event e;
    e.seq = 17;
    e.type = EventType::message_created;
    e.at = 1'795'000'060'000;
    e.chat = sample_chat();
    e.message = sample_message();
    expect_round_trip(e);
    Event t;
    t.type = EventType::typing;
    t.at = 1;
    t.typing = Typing{22, {AuthorType::contact, 7, "Jana"}};
    expect_round_trip(t);
    Event p;
    p.seq = 18;
    p.type = EventType::presence_changed;
    p.at = 2;
    p.staff = Staff{3, "alice", "Alice", Role::agent, {1}, false, Presence::online};
    expect_round_trip(p);
}

TEST(ProtocolJson, WireShapeFollowsApiMd) {
    const std::string chat = encode(sample_chat());
    for (const char* needle :
         {"\"status\":\"working\"", "\"assignee\":{\"id\":3,\"name\":\"Alice\"}",
          "\"waiting_since\":null", "\"created_at\":\"2026-11-18T11:06:40.000Z\"",
          "\"unread\":true", "\"unread_count\":2", "\"deleted\":false", "\"version\":9"})
        EXPECT_NE(chat.find(needle), std::string::npos) << needle << " in " << chat;
    const std::string msg = encode(sample_message());
    EXPECT_NE(msg.find("\"signed\":true"), std::string::npos);
    EXPECT_NE(msg.find("\"author\":{\"id\":3,\"name\":\"Alice\",\"type\":\"staff\"}"),
              std::string::npos)
        << msg;
    EXPECT_EQ(encode(Error{"not_found", "no chat #9", std::nullopt}),
              R"({"error":{"code":"not_found","message":"no chat #9"}})");
    Event e;
    e.seq = 1;
    e.type = EventType::chat_deleted;
    e.at = 0;
    EXPECT_NE(encode(e).find("\"type\":\"chat.deleted\""), std::string::npos);
}

TEST(ProtocolJson, ServerFramesAreTold) {
    EXPECT_TRUE(std::holds_alternative<Ready>(decode_server_frame(R"({"type":"ready","seq":3})")));
    EXPECT_TRUE(std::holds_alternative<Resync>(decode_server_frame(R"({"type":"resync"})")));
    EXPECT_TRUE(std::holds_alternative<Ping>(decode_server_frame(R"({"type":"ping"})")));
    EXPECT_TRUE(std::holds_alternative<Error>(
        decode_server_frame(R"({"error":{"code":"unauthorized","message":"bad token"}})")));
    Event e;
    e.seq = 5;
    e.type = EventType::chat_updated;
    e.at = 0;
    e.chat = sample_chat();
    auto frame = decode_server_frame(encode(e));
    ASSERT_TRUE(std::holds_alternative<Event>(frame));
    EXPECT_EQ(std::get<Event>(frame), e);
}

TEST(ProtocolJson, RequestsAreStrict) {
    struct Case {
        const char* text;
        const char* error_contains;
    };
    const Case cases[] = {
        {"", "malformed JSON"},
        {"{", "malformed JSON"},
        {"[]", "expected an object"},
        {"{}", "body: missing"},
        {R"({"body":5,"client_id":"a"})", "body: expected a string"},
        {R"({"body":"hi"})", "client_id: missing"},
        {R"({"body":"hi","client_id":"a","kind":"shout"})", "kind: expected one of"},
        {R"({"body":"hi","client_id":"a","kind":"system"})", "kind: expected one of text, note"},
        {R"({"body":"  ","client_id":"a"})", "body is empty"},
        {"{\"body\":\"\xFF\",\"client_id\":\"a\"}", "malformed JSON"},
    };
    for (const auto& c : cases) {
        auto err = decode_error_of([&] { decode<SendMessageRequest>(c.text); });
        EXPECT_NE(err.find(c.error_contains), std::string::npos) << c.text << " -> " << err;
    }
    std::string huge = R"({"body":")" + std::string(16 * 1024 + 1, 'x') + R"(","client_id":"a"})";
    EXPECT_NE(decode_error_of([&] { decode<SendMessageRequest>(huge); }).find("longer than"),
              std::string::npos);
    auto ok = decode<SendMessageRequest>(R"({"body":"hi","client_id":"a","kind":"note"})");
    EXPECT_EQ(ok.kind, MessageKind::note);
}

TEST(ProtocolJson, TransferAndPatchNeedSomething) {
    EXPECT_NE(decode_error_of([] { decode<TransferRequest>("{}"); }).find("staff_id"),
              std::string::npos);
    EXPECT_EQ(decode<TransferRequest>(R"({"queue_id":2})").queue_id, 2);
    EXPECT_NE(decode_error_of([] {
                  decode<TransferRequest>(R"({"staff_id":"3"})");
              }).find("staff_id: expected an integer"),
              std::string::npos);
    EXPECT_NE(decode_error_of([] {
                  decode<TransferRequest>(R"({"staff_id":1.5})");
              }).find("expected an integer"),
              std::string::npos);
    EXPECT_NE(decode_error_of([] { decode<MePatch>("{}"); }).find("nothing to change"),
              std::string::npos);
    EXPECT_EQ(decode<MePatch>(R"({"presence":"away"})").presence, Presence::away);
    EXPECT_NE(decode_error_of([] { decode<MePatch>(R"({"presence":"busy"})"); }).find("presence"),
              std::string::npos);
}

TEST(ProtocolJson, HelloAndContactStart) {
    EXPECT_EQ(decode<Hello>(R"({"type":"hello","token":"t","since":9})"), (Hello{"t", 9}));
    EXPECT_EQ(decode<Hello>(R"({"type":"hello","token":"t"})").since, 0);
    EXPECT_NE(decode_error_of([] { decode<Hello>(R"({"type":"hi","token":"t"})"); }).find("type"),
              std::string::npos);
    EXPECT_NE(decode_error_of([] {
                  decode<Hello>(R"({"type":"hello","token":"t","since":-1})");
              }).find("since"),
              std::string::npos);
    auto start = decode<ContactStartRequest>(R"({"name":"Jan","body":"Hi","queue_id":1})");
    EXPECT_EQ(start.name, "Jan");
    EXPECT_FALSE(start.email);
    EXPECT_NE(decode_error_of([] {
                  decode<ContactStartRequest>(R"({"name":")" + std::string(201, 'n') +
                                              R"(","body":"Hi"})");
              }).find("name is longer"),
              std::string::npos);
}

TEST(ProtocolJsonString, EscapesQuotesBackslashesAndControlCharacters) {
    std::string out;
    sb::protocol::append_json_string(out, std::string("a\"b\\c\nd\te\x01 é"));
    EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\te\\u0001 é\"");
    // What it writes is what the codec's parser reads back.
    EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), std::string("a\"b\\c\nd\te\x01 é"));
}
