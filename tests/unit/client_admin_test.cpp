// The Admin screen's client rules without ImGui: the staff table's filter and order, the API paths
// of the administration calls, a renamed or archived queue in the store, and refusals landing in
// their form (beside the field the server names).
#include <gtest/gtest.h>

#include "client/api.h"
#include "client/console_store.h"
#include "client/view_models.h"
#include "client_test_support.h"
#include "platform/native/fake_platform.h"

namespace {

using namespace sb::test;
using sb::client::StaffColumn;
using sb::protocol::Role;

std::vector<std::string> names(const std::vector<const sb::protocol::Staff*>& rows) {
    std::vector<std::string> out;
    for (const auto* s : rows) out.push_back(s->name);
    return out;
}

TEST(AdminViewModels, StaffRowsFilterByEveryWordAndSortByTheColumn) {
    auto bob = staff(2, "bob");
    bob.queues = {2};
    bob.presence = sb::protocol::Presence::offline;
    auto carol = staff(3, "Carol", Role::supervisor);
    carol.queues = {1, 2};
    carol.active = false;
    const std::vector<sb::protocol::Staff> list{staff(1, "Alice"), bob, carol};
    sb::protocol::QueueInfo support{1, "Support", false, 0, {1, 3}};
    sb::protocol::QueueInfo sales{2, "Sales", false, 0, {2, 3}};
    const std::vector<sb::protocol::QueueInfo> queues{support, sales};

    EXPECT_EQ(names(sb::client::staff_rows(list, queues, "", StaffColumn::name, false)),
              (std::vector<std::string>{"Alice", "bob", "Carol"}));  // case-insensitive
    EXPECT_EQ(names(sb::client::staff_rows(list, queues, "", StaffColumn::name, true)),
              (std::vector<std::string>{"Carol", "bob", "Alice"}));
    EXPECT_EQ(names(sb::client::staff_rows(list, queues, "SALES", StaffColumn::name, false)),
              (std::vector<std::string>{"bob", "Carol"}));
    EXPECT_EQ(names(sb::client::staff_rows(list, queues, "sales super", StaffColumn::name, false)),
              (std::vector<std::string>{"Carol"}));
    EXPECT_EQ(names(sb::client::staff_rows(list, queues, "", StaffColumn::active, false)),
              (std::vector<std::string>{"Alice", "bob", "Carol"}));  // active first
    EXPECT_EQ(names(sb::client::staff_rows(list, queues, "", StaffColumn::presence, false)),
              (std::vector<std::string>{"Alice", "Carol", "bob"}));  // online before offline
    EXPECT_EQ(sb::client::queue_names(carol, queues), "Sales, Support");
}

TEST(AdminViewModels, DatesAreShownToTheMinute) {
    EXPECT_EQ(sb::client::format_date_time(std::nullopt), "never");
    EXPECT_EQ(sb::client::format_date_time(1'764'770'700'000), "2025-12-03 14:05");
}

TEST(AdminStore, AQueueUpdateRenamesItEverywhereAndArchivingRemovesIt) {
    sb::client::ConsoleStore store;
    store.set_me(staff(1, "Alice"));
    store.set_queues({{1, "Support"}, {2, "Sales"}});
    store.apply_page(sb::client::Tab::pending, page({pending_chat(22, kT0)}, {0, 1, 0}));
    sb::protocol::Event e;
    e.seq = 5;
    e.type = sb::protocol::EventType::queue_updated;
    e.queue_info = sb::protocol::QueueInfo{1, "Customer care", false, 1, {1}};
    store.apply_event(e, 0);
    EXPECT_EQ(store.queues()[0].name, "Customer care");
    EXPECT_EQ(store.chat(22)->queue.name, "Customer care");
    e.seq = 6;
    e.queue_info = sb::protocol::QueueInfo{2, "Sales", true, 0, {}};
    store.apply_event(e, 0);
    ASSERT_EQ(store.queues().size(), 1u);  // archived: no longer offered for transfers
    e.seq = 7;
    e.queue_info = sb::protocol::QueueInfo{3, "Billing", false, 0, {}};
    store.apply_event(e, 0);
    EXPECT_EQ(store.queues().back().name, "Billing");
}

TEST(AdminApi, EveryCallUsesTheDocumentedPath) {
    sb::platform::FakeHttp http;
    sb::client::Api api(http);
    api.admin_staff([](auto) {});
    api.patch_staff(4, {}, [](auto) {});
    api.set_member(2, 4, true, [](auto) {});
    api.set_member(2, 4, false, [](auto) {});
    api.revoke_token(9, [](auto) {});
    sb::client::AuditQuery q;
    q.staff_id = 3;
    q.action = "staff.update";
    q.cursor = "a b";
    api.audit(q, [](auto) {});
    EXPECT_EQ(http.log,
              (std::vector<std::string>{
                  "GET /api/v1/admin/staff", "PATCH /api/v1/admin/staff/4",
                  "PUT /api/v1/admin/queues/2/members/4", "DELETE /api/v1/admin/queues/2/members/4",
                  "DELETE /api/v1/admin/tokens/9",
                  "GET /api/v1/admin/audit?limit=50&staff_id=3&action=staff.update&"
                  "cursor=a%20b"}));
    // A refusal's field is kept.
    bool got = false;
    api.create_queue({"Support"}, [&](sb::client::ApiResult<sb::protocol::QueueInfo> r) {
        const auto* e = std::get_if<sb::client::ApiError>(&r);
        ASSERT_NE(e, nullptr);
        EXPECT_EQ(e->field, "name");
        got = true;
    });
    http.respond("POST /api/v1/admin/queues", 400,
                 R"({"error":{"code":"bad_request","message":"name: taken","field":"name"}})");
    EXPECT_TRUE(got);
}

}  // namespace
