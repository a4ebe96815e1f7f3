// View models: what a row and a history line show, waiting times, links, canned replies.
#include <gtest/gtest.h>

#include "client/view_models.h"
#include "client_test_support.h"

namespace {

using namespace sb::client;
using namespace sb::test;

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

TEST(ViewModels, CannedRepliesMatchAfterASlash) {
    EXPECT_TRUE(matching_canned("hello").empty());
    EXPECT_EQ(matching_canned("/").size(), canned_replies().size());
    auto m = matching_canned("/th");
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0]->shortcut, "thanks");
    EXPECT_TRUE(matching_canned("/thanks a lot").empty());  // a sentence, not a shortcut
}

}  // namespace
