// Frame CPU of the agent console with a large inbox and a long chat open, measured natively
// with a headless ImGui (NewFrame + App::frame + Render; no GPU). The data arrives the way it
// does in the browser: REST answers and events through a fake platform.
// Each case runs twice: /1 with the accessibility tree on and serialized and hashed every frame
// as the web platform does for its DOM mirror (issue 13), /0 with the tree off (the reference).
#include <benchmark/benchmark.h>

#include "platform/native/fake_platform.h"
#include "protocol/json.h"
#include "ui/headless_imgui.h"
#include "ui/semantics.h"
#include "unit/client_test_support.h"

namespace {

using namespace sb::test;
using sb::protocol::encode;

constexpr int kChats = 100'000;
constexpr int kMessages = 10'000;

// What the web platform does after every frame for the a11y mirror (a11y_mirror.cpp).
std::uint64_t mirror_work() {
    return sb::ui::semantics::tree_hash(sb::ui::semantics::tree_json(sb::ui::semantics::tree()));
}

struct LoadedConsole {
    sb::platform::FakePlatform platform;
    HeadlessImGui imgui{1440, 900};
    std::unique_ptr<sb::ui::App> app;

    LoadedConsole() {
        const auto alice = staff(1, "Alice");
        platform.storage["switchboard.token"] = "tok";
        app = std::make_unique<sb::ui::App>(platform);
        auto& http = platform.http_fake;
        http.respond("GET /healthz", 200, "{}");
        http.respond("GET /api/v1/me", 200, encode(alice));
        http.respond("GET /api/v1/queues", 200, R"({"queues":[{"id":1,"name":"Support"}]})");
        platform.open_socket();
        platform.server_sends(R"({"type":"ready","seq":1})");
        // The first page by REST, then the rest as live events (one chat each, newest first,
        // as a busy day would bring them): the list ends up with every chat.
        auto chat = [&alice](int i) {
            auto c = working_chat(i, alice, kT0 - i * 1000);
            if (i % 2 == 0) c.contact.name = "王小明 " + std::to_string(i);  // the seam's path
            c.unread = i % 7 == 0;
            c.unread_count = c.unread ? 2 : 0;
            return c;
        };
        std::vector<sb::protocol::Chat> first;
        for (int i = 1; i <= 50; ++i) first.push_back(chat(i));
        const sb::protocol::Counts counts{50, 0, 0};
        http.respond("GET /api/v1/chats?view=working", 200, encode(page(first, counts)));
        http.respond("GET /api/v1/chats?view=pending", 200, encode(page({}, counts)));
        http.respond("GET /api/v1/chats?view=resolved", 200, encode(page({}, counts)));
        for (int i = 51; i <= kChats; ++i)
            platform.server_sends(
                encode(chat_event(i, sb::protocol::EventType::chat_created, chat(i))));
        imgui.frames(*app);
        imgui.click(*app, "tab:working");
        imgui.click(*app, "chatrow#1");
        sb::protocol::MessagePage history;
        for (int i = 1; i <= kMessages; ++i) {
            // Every other message in mixed scripts (issue 12): those lines go through the text
            // seam's rasteriser path (natively the deterministic fake), the rest stay on ImGui's.
            const std::string mixed = i % 2 == 1 ? " 你好，我的订单没有到。 مرحبا שלום 👍🏽 👩‍💻 "
                                                   "🇩🇪"
                                                 : "";
            auto m = message(
                i, 1,
                "Message number " + std::to_string(i) +
                    ": the order has not arrived yet, could you check the tracking "
                    "number https://example.com/track/" +
                    std::to_string(i) + " ?" + mixed,
                i % 3 == 0 ? sb::protocol::AuthorType::staff : sb::protocol::AuthorType::contact);
            m.signed_ = i % 2 == 0;
            if (i % 50 == 0) m.kind = sb::protocol::MessageKind::note;
            history.messages.push_back(std::move(m));
        }
        http.respond("GET /api/v1/chats/1/messages", 200, encode(history));
        imgui.frames(*app, 5);
    }
};

void BM_ConsoleFrame(benchmark::State& state) {
    const bool mirror = state.range(0) != 0;
    sb::ui::semantics::set_enabled(mirror);
    LoadedConsole console;
    const auto* tab = sb::ui::find_automation_item("tab:working");
    // Loaded: the full count, the newest message's link on screen (pinned to the bottom).
    if (!sb::ui::find_automation_item("chat:composer") || !tab ||
        tab->label != "Working On (100000)" || !sb::ui::find_automation_item("link#10000#0")) {
        state.SkipWithError("the console did not reach the loaded state");
        return;
    }
    ImGuiIO& io = ImGui::GetIO();
    float y = 300;
    for (auto _ : state) {
        // Move the mouse a little every frame, as a user would (hover tests run).
        y = y > 600 ? 300 : y + 3;
        io.AddMousePosEvent(400, y);
        console.imgui.frame(*console.app);
        if (mirror) benchmark::DoNotOptimize(mirror_work());
    }
    if (mirror) state.counters["tree_nodes"] = sb::ui::semantics::tree().nodes.size();
    state.counters["chats"] = kChats;
    state.counters["messages"] = kMessages;
}
BENCHMARK(BM_ConsoleFrame)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The same, scrolling the 100,000-chat list with the mouse wheel on every frame.
void BM_ConsoleFrameScrollingList(benchmark::State& state) {
    const bool mirror = state.range(0) != 0;
    sb::ui::semantics::set_enabled(mirror);
    LoadedConsole console;
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(200, 400);
    for (auto _ : state) {
        io.AddMouseWheelEvent(0, -3.0f);
        console.imgui.frame(*console.app);
        if (mirror) benchmark::DoNotOptimize(mirror_work());
    }
    // (The first, one-iteration probe run scrolls too little to tell.)
    if (state.iterations() > 100 && sb::ui::find_automation_item("chatrow#1"))
        state.SkipWithError("the list did not scroll");
}
BENCHMARK(BM_ConsoleFrameScrollingList)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);

// The worst frame of a busy chat: a new message arrives (event applied, history re-measured,
// view pinned to the bottom) before every frame.
void BM_ConsoleFrameWithNewMessage(benchmark::State& state) {
    const bool mirror = state.range(0) != 0;
    sb::ui::semantics::set_enabled(mirror);
    LoadedConsole console;
    sb::protocol::Id next = kMessages + 1;
    sb::protocol::Seq seq = kChats + 1;
    for (auto _ : state) {
        sb::protocol::Event e;
        e.seq = seq++;
        e.type = sb::protocol::EventType::message_created;
        e.message = message(next++, 1, "Thanks, and one more question about the delivery.");
        console.platform.server_sends(encode(e));
        console.imgui.frame(*console.app);
        if (mirror) benchmark::DoNotOptimize(mirror_work());
    }
    const std::string newest = "link#" + std::to_string(kMessages) + "#0";
    if (state.iterations() > 100 && sb::ui::find_automation_item(newest))
        state.SkipWithError("the view did not follow the new messages");
}
BENCHMARK(BM_ConsoleFrameWithNewMessage)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
