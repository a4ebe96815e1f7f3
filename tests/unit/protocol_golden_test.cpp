// Every wire type of protocol/json.h: a sample with every field set round-trips, and encodes to
// exactly the JSON of its golden file in tests/unit/golden/ (one file per type, written by hand
// against docs/api.md), which decodes back to the sample. A key misspelled the same way in
// reading and writing still round-trips; the golden file catches it.
//
// SB_UPDATE_GOLDEN=1 rewrites the files from the codec (then read the diff against docs/api.md).
#include <gtest/gtest.h>

#include <concepts>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "protocol/json.h"

using namespace sb::protocol;

namespace {

constexpr Time kT0 = 1'795'000'000'000;  // 2026-11-18T11:06:40.000Z

Queue sample_queue() {
    return {2, "Sales"};
}
StaffRef sample_staff_ref() {
    return {3, "Alice"};
}
Contact sample_contact() {
    return {7, "Jana Nováková", "jana@example.com", "+420 601 234 567", "email"};
}
Chat sample_chat() {
    Chat c;
    c.id = 22;
    c.status = ChatStatus::resolved;
    c.queue = sample_queue();
    c.contact = sample_contact();
    c.assignee = sample_staff_ref();
    c.participants = {{3, "Alice"}, {4, "Bob"}};
    c.unread = true;
    c.unread_count = 2;
    c.created_at = kT0;
    c.last_message_at = kT0 + 60'000;
    c.waiting_since = kT0 + 1'000;
    c.first_response_at = kT0 + 30'000;
    c.resolved_at = kT0 + 90'000;
    c.deleted = true;
    c.version = 9;
    c.last_message_preview = "Where is my order?";
    return c;
}
Author sample_author() {
    return {AuthorType::staff, 3, "Alice"};
}
Message sample_message() {
    Message m;
    m.id = 101;
    m.chat_id = 22;
    m.kind = MessageKind::note;
    m.author = sample_author();
    m.signed_ = true;
    m.body = "Hello \"there\"\nline two ✓";
    m.client_id = "c-1";
    m.created_at = kT0 + 60'000;
    return m;
}
Staff sample_staff() {
    return {3, "alice", "Alice", Role::supervisor, {1, 2}, true, Presence::away};
}
Typing sample_typing() {
    return {22, {AuthorType::contact, 7, "Jana"}};
}
Event sample_event() {
    Event e;
    e.seq = 17;
    e.type = EventType::message_created;
    e.at = kT0 + 60'000;
    e.chat = sample_chat();
    e.message = sample_message();
    e.staff = sample_staff();
    e.typing = sample_typing();
    e.queue_info = QueueInfo{1, "Support", false, 3, {3}};
    return e;
}
Thresholds sample_thresholds() {
    return {121, 301, 6, 11, 61, 181};
}
Stats sample_stats() {
    Stats st;
    st.at = kT0;
    st.timezone = "Europe/Prague";
    st.queues = {{{1, "Support"}, 3, 200, Level::amber}};
    st.pending_total = 3;
    st.longest_wait_seconds = 200;
    st.longest_wait_level = Level::amber;
    st.agents = {{{3, "Alice"}, Role::agent, Presence::online, 2}};
    st.agents_online = 1;
    st.agents_away = 2;
    st.agents_offline = 3;
    st.resolved_today = 4;
    st.incoming_today = 5;
    st.median_first_response_seconds_today = 45;
    st.first_response_level = Level::red;
    st.median_wait_seconds_today = 30;
    st.incoming_per_hour = {{kT0 - 400'000, 4}};
    st.longest_waiting = {{5, "Jan", {1, "Support"}, kT0 - 200'000, 200, Level::amber}};
    st.thresholds = sample_thresholds();
    return st;
}
CannedReply sample_canned() {
    return {12, "thanks", "Thank you for writing!", false, 3, kT0};
}

std::string golden_path(const char* name) {
    return std::string(SB_GOLDEN_DIR) + "/" + name + ".json";
}

// Checks value against golden/<name>.json: same bytes on the wire, and the file decodes to it.
template <class T>
void check(const char* name, const T& value) {
    SCOPED_TRACE(name);
    const std::string wire = encode(value);
    // Round trip: what is written reads back as the same value, and writes the same again.
    const T back = decode<T>(wire);
    EXPECT_EQ(encode(back), wire);
    if constexpr (std::equality_comparable<T>) {
        EXPECT_EQ(back, value) << wire;
    }

    const std::string path = golden_path(name);
    if (std::getenv("SB_UPDATE_GOLDEN")) {
        std::ofstream(path) << nlohmann::json::parse(wire).dump(2) << "\n";
        return;
    }
    std::ifstream in(path);
    ASSERT_TRUE(in) << "missing golden file " << path;
    std::stringstream text;
    text << in.rdbuf();
    // The wire bytes are exactly the golden document, written compactly (keys sorted).
    EXPECT_EQ(wire, nlohmann::json::parse(text.str()).dump()) << path;
    const T from_file = decode<T>(text.str());
    EXPECT_EQ(encode(from_file), wire);
    if constexpr (std::equality_comparable<T>) {
        EXPECT_EQ(from_file, value);
    }
}

}  // namespace

TEST(ProtocolGolden, EveryWireTypeMatchesItsGoldenFile) {
    check("Queue", sample_queue());
    check("StaffRef", sample_staff_ref());
    check("Contact", sample_contact());
    check("Chat", sample_chat());
    check("Author", sample_author());
    check("Message", sample_message());
    check("Staff", sample_staff());
    check("Typing", sample_typing());
    check("Event", sample_event());
    check("Error", Error{"conflict", "Bob was faster", StaffRef{4, "Bob"}, "archived"});
    check("Hello", Hello{"tok", 42});
    check("Ready", Ready{42});
    check("Resync", Resync{43});
    check("LoginRequest", LoginRequest{"alice", "s3cret \"pw\""});
    check("LoginResponse", LoginResponse{"tok", kT0, sample_staff()});
    check("MePatch", MePatch{true, Presence::away, "Alice B."});
    check("StaffList",
          StaffList{{sample_staff(),
                     {4, "bob", "Bob", Role::agent, {}, false, Presence::offline, false}}});
    check("QueueList", QueueList{{sample_queue(), {3, "Billing"}}});
    check("Counts", Counts{1, 2, 3});
    check("ChatPage", ChatPage{{sample_chat()}, "cursor-1", {1, 2, 3}});
    check("MessagePage", MessagePage{{sample_message()}, 100});
    check("SendMessageRequest", SendMessageRequest{"Hi there", "c-2", MessageKind::note});
    check("TransferRequest", TransferRequest{4, 2});
    check("ContactStartRequest",
          ContactStartRequest{"Jan", "jan@example.com", "+420 777", 2, "Hi", "w-1"});
    check("ContactStartResponse",
          ContactStartResponse{22, "ct-secret", sample_chat(), sample_message()});
    check("Thresholds", sample_thresholds());
    check("Stats", sample_stats());
    check("CannedReply", sample_canned());
    check("CannedReplyList",
          CannedReplyList{{sample_canned(), {13, "hours", "9 to 5", true, std::nullopt, kT0}}});
    check("CannedCreateRequest", CannedCreateRequest{"hours", "We are open 9 to 5.", true});
    check("CannedPatchRequest", CannedPatchRequest{"hours", "We are open 8 to 4."});
    // Administration.
    const QueueInfo billing{3, "Billing", true, 2, {1, 4}};
    check("QueueInfo", billing);
    check("QueueInfoList", QueueInfoList{{billing}});
    check("StaffCreateRequest",
          StaffCreateRequest{"dana", "Dana", Role::supervisor, {1, 2}, "correct horse"});
    check("StaffPatchRequest", StaffPatchRequest{"Dana B.", Role::agent, false, "new password"});
    check("QueueCreateRequest", QueueCreateRequest{"Billing"});
    check("QueuePatchRequest", QueuePatchRequest{"Billing EU", true});
    const TokenInfo wall{14, TokenKind::display, "Wall", kT0, kT0 + 86'400'000, kT0, std::nullopt};
    const TokenInfo shop{15,
                         TokenKind::integration,
                         "shop",
                         kT0,
                         std::nullopt,
                         std::nullopt,
                         WebhookInfo{"http://shop.example/hook", kT0, 502, "bad gateway"}};
    check("TokenInfo", shop);
    check("TokenList", TokenList{{wall, shop}});
    check("TokenCreateRequest", TokenCreateRequest{TokenKind::display, "Wall", kT0});
    check("TokenCreated", TokenCreated{wall, "sbd_secret"});
    check("AdminSettings", AdminSettings{sample_thresholds(), "Europe/Prague"});
    check("SettingsPatch", SettingsPatch{sample_thresholds(), "Europe/Prague"});
    const AuditItem item{30, kT0, "staff", 5, "Admin", "make-display-token", std::nullopt, "#14"};
    check("AuditItem", item);
    check("AuditPage", AuditPage{{item}, "30"});
}

// Default values (the optional fields absent) round-trip too, for every type that accepts them.
TEST(ProtocolGolden, DefaultValuesRoundTrip) {
    auto same = [](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        EXPECT_EQ(decode<T>(encode(v)), v) << encode(v);
    };
    same(Queue{});
    same(QueueInfo{});
    same(TokenInfo{});
    same(AuditPage{});
    same(StaffRef{});
    same(Contact{});
    same(Chat{});
    same(Author{});
    same(Message{});
    same(Staff{});
    same(Typing{});
    same(Event{});
    same(Error{});
    same(Hello{});
    same(Ready{});
    same(Resync{});
    same(LoginResponse{});
    same(StaffList{});
    same(QueueList{});
    same(Counts{});
    same(ChatPage{});
    same(MessagePage{});
    same(ContactStartResponse{});
    same(Thresholds{});
    same(Stats{});
    same(CannedReply{});
    same(CannedReplyList{});
}
