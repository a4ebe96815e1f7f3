// The visibility rule as a table (protocol/visibility.h): chat shapes, three viewers, and who
// sees each chat and which list holds it. tests/store/visibility_rule_test.cpp builds these
// chats in every store and checks list_chats, counts and search against the table;
// tests/unit/visibility_rule_client_test.cpp checks the console's ConsoleStore::belongs and the
// rule itself against the same rows.
#pragma once

#include <array>
#include <string>

#include "protocol/model.h"

namespace sb::test::visibility {

enum class Who { me, other, nobody };
enum class In { none, pending, working, resolved };

// Queue 1 is "me"'s queue, queue 2 is "other"'s; the supervisor "boss" is in none.
struct Shape {
    const char* name;
    protocol::ChatStatus status;
    int queue;         // 1 or 2
    Who assignee;      // working and resolved chats
    bool me_wrote_in;  // "me" replied in it once (a participant)
    bool deleted;
};

struct Expect {
    bool sees;
    In list;  // for the supervisor: with Working On's scope "mine"
};

struct Row {
    Shape shape;
    Expect me, other, boss;
    In boss_all;  // the supervisor with scope "all"
};

using protocol::ChatStatus;
inline const std::array<Row, 11> kRows = {{
    {{"pending in my queue", ChatStatus::pending, 1, Who::nobody, false, false},
     {true, In::pending},
     {false, In::none},
     {true, In::pending},
     In::pending},
    {{"pending elsewhere", ChatStatus::pending, 2, Who::nobody, false, false},
     {false, In::none},
     {true, In::pending},
     {true, In::pending},
     In::pending},
    {{"mine in my queue", ChatStatus::working, 1, Who::me, false, false},
     {true, In::working},
     {false, In::none},
     {true, In::none},
     In::working},
    {{"mine elsewhere", ChatStatus::working, 2, Who::me, false, false},
     {true, In::working},
     {true, In::none},
     {true, In::none},
     In::working},
    {{"other's in my queue", ChatStatus::working, 1, Who::other, false, false},
     {true, In::none},
     {true, In::working},
     {true, In::none},
     In::working},
    {{"other's elsewhere, I wrote in it", ChatStatus::working, 2, Who::other, true, false},
     {true, In::none},
     {true, In::working},
     {true, In::none},
     In::working},
    {{"resolved in my queue by other", ChatStatus::resolved, 1, Who::other, false, false},
     {true, In::resolved},
     {true, In::resolved},
     {true, In::resolved},
     In::resolved},
    {{"resolved elsewhere by me", ChatStatus::resolved, 2, Who::me, false, false},
     {true, In::resolved},
     {true, In::resolved},
     {true, In::resolved},
     In::resolved},
    {{"resolved elsewhere by other", ChatStatus::resolved, 2, Who::other, false, false},
     {false, In::none},
     {true, In::resolved},
     {true, In::resolved},
     In::resolved},
    {{"deleted pending in my queue", ChatStatus::pending, 1, Who::nobody, false, true},
     {false, In::none},
     {false, In::none},
     {true, In::none},
     In::none},
    {{"deleted, mine elsewhere", ChatStatus::working, 2, Who::me, false, true},
     {false, In::none},
     {false, In::none},
     {true, In::none},
     In::none},
}};

}  // namespace sb::test::visibility
