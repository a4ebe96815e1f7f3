// View models: what a row and a history line show, waiting times, links, the canned-reply picker.
#include <gtest/gtest.h>

#include "client/view_models.h"
#include "client_test_support.h"

namespace {

using namespace sb::client;
using namespace sb::test;
namespace protocol = sb::protocol;

TEST(ViewModels, DurationsReadLikeAPerson) {
    EXPECT_EQ(format_duration(0), "0 s");
    EXPECT_EQ(format_duration(59.9), "59 s");
    EXPECT_EQ(format_duration(61), "1 min");
    EXPECT_EQ(format_duration(3 * 3600 + 5 * 60), "3 h 05 min");
    EXPECT_EQ(format_duration(2 * 86400 + 3 * 3600), "2 d 3 h");
    EXPECT_EQ(format_duration(-5), "0 s");
}

TEST(ViewModels, PendingRowTicksItsWaitAndOffersAccept) {
    auto chat = pending_chat(22, kT0 - 125'000);
    ChatRow row = chat_row(chat, kT0 / 1000.0);
    EXPECT_EQ(row.title, "#22 Contact 22");
    EXPECT_EQ(row.detail, "Support");
    EXPECT_EQ(row.wait, "2 min");
    EXPECT_TRUE(row.can_accept);
    EXPECT_TRUE(row.ticking);
    EXPECT_DOUBLE_EQ(row.changes_in, 55.0);  // 2 min 5 s: the text changes at 3 min
    EXPECT_DOUBLE_EQ(chat_row(pending_chat(1, kT0 - 10'500), kT0 / 1000.0).changes_in, 0.5);
    EXPECT_TRUE(row.bold);
    EXPECT_EQ(row.badge, 1);
}

TEST(ViewModels, WorkingRowNamesTheAssigneeAndIsNotBoldWhenRead) {
    auto chat = working_chat(5, staff(2, "Bob"), kT0);
    ChatRow row = chat_row(chat, kT0 / 1000.0);
    EXPECT_EQ(row.detail, "Support · Bob");
    EXPECT_FALSE(row.can_accept);
    EXPECT_FALSE(row.bold);
    EXPECT_EQ(row.badge, 0);
    chat.unread_count = 4;
    EXPECT_EQ(chat_row(chat, 0).badge, 4);
}

TEST(ViewModels, SignedRepliesCarryTheirAuthorsName) {
    auto reply = message(1, 1, "On it", sb::protocol::AuthorType::staff);
    reply.author.name = "Alice";
    reply.signed_ = true;
    EXPECT_EQ(history_line(reply).author, "Alice");
    EXPECT_EQ(history_line(reply).kind, LineKind::reply);
    reply.signed_ = false;
    EXPECT_EQ(history_line(reply).author, "Reply (unsigned, Alice)");
    auto note = reply;
    note.kind = sb::protocol::MessageKind::note;
    EXPECT_EQ(history_line(note).kind, LineKind::note);
    auto system = message(2, 1, "Alice accepted", sb::protocol::AuthorType::system);
    system.kind = sb::protocol::MessageKind::system;
    EXPECT_EQ(history_line(system).kind, LineKind::system);
}

TEST(ViewModels, LinksAreFoundWithoutTrailingPunctuation) {
    auto spans = split_links("See https://example.com/a?b=1, or http://x.org.");
    ASSERT_EQ(spans.size(), 5u);
    EXPECT_EQ(spans[0].text, "See ");
    EXPECT_TRUE(spans[1].link);
    EXPECT_EQ(spans[1].text, "https://example.com/a?b=1");
    EXPECT_EQ(spans[2].text, ", or ");
    EXPECT_EQ(spans[3].text, "http://x.org");
    EXPECT_EQ(spans[4].text, ".");
    EXPECT_EQ(split_links("no links here").size(), 1u);
}

// The list as GET /canned gives it: by shortcut, personal before shared on the same shortcut.
std::vector<protocol::CannedReply> canned_list() {
    auto reply = [](protocol::Id id, std::string shortcut, std::string body, bool shared) {
        protocol::CannedReply r;
        r.id = id;
        r.shortcut = std::move(shortcut);
        r.body = std::move(body);
        r.shared = shared;
        if (!shared) r.owner_id = 1;
        return r;
    };
    return {reply(1, "bye", "Thanks for chatting with us. Have a great day!", true),
            reply(2, "hello", "Hello! How can I help you today?", true),
            reply(3, "refund", "I have started your refund: 3-5 days.", true),
            reply(4, "thanks", "My own thanks.\nSecond line", false),
            reply(5, "thanks", "Thank you for your patience.", true),
            reply(6, "track", "Your PARCEL is on its way; tracking link follows.", false)};
}

std::vector<protocol::Id> ids_of(const std::vector<const protocol::CannedReply*>& m) {
    std::vector<protocol::Id> out;
    for (const auto* r : m) out.push_back(r->id);
    return out;
}

TEST(ViewModels, CannedPickerNeedsASlashAtTheStartOnOneLine) {
    const auto list = canned_list();
    EXPECT_FALSE(canned_query("hello"));
    EXPECT_FALSE(canned_query(""));
    EXPECT_FALSE(canned_query("/th\nmore"));
    EXPECT_EQ(canned_query("/th"), "th");
    EXPECT_TRUE(matching_canned(list, "hello /th").empty());
    EXPECT_EQ(ids_of(matching_canned(list, "/")), (std::vector<protocol::Id>{1, 2, 3, 4, 5, 6}));
    EXPECT_TRUE(matching_canned({}, "/th").empty());
}

TEST(ViewModels, CannedPickerListsShortcutMatchesFirstThenBodyWords) {
    const auto list = canned_list();
    // Shortcut prefix (personal /thanks before the shared one), then bodies with a word "th...".
    EXPECT_EQ(ids_of(matching_canned(list, "/th")), (std::vector<protocol::Id>{4, 5, 1}));
    EXPECT_EQ(ids_of(matching_canned(list, "/tr")), std::vector<protocol::Id>{6});  // once
    // Body words: case-insensitive, every word as a word prefix, in any order.
    EXPECT_EQ(ids_of(matching_canned(list, "/parcel")), std::vector<protocol::Id>{6});
    EXPECT_EQ(ids_of(matching_canned(list, "/Way PARC")), std::vector<protocol::Id>{6});
    EXPECT_EQ(ids_of(matching_canned(list, "/days refund")), std::vector<protocol::Id>{3});
    EXPECT_TRUE(matching_canned(list, "/arcel").empty());  // inside a word is not a match
    EXPECT_TRUE(matching_canned(list, "/thanks a lot").empty());
    // Upper case in the query still finds lower-case shortcuts.
    EXPECT_EQ(ids_of(matching_canned(list, "/REF")), std::vector<protocol::Id>{3});
}

TEST(ViewModels, CannedRowsShowTheFirstLine) {
    EXPECT_EQ(first_line("One line", 40), "One line");
    EXPECT_EQ(first_line("First\nSecond", 40), "First…");
    EXPECT_EQ(first_line("Ελληνικά κείμενα", 8), "Ελληνικά…");
    EXPECT_EQ(first_line("", 10), "");
}

}  // namespace
