// Defines Dear ImGui's test-engine hooks (ImGui is compiled with IMGUI_ENABLE_TEST_ENGINE) and
// keeps, per frame, the interactive items they report: the data behind window.switchboard.items()
// and the headless UI tests' "click the item with this test id".
#include "ui/automation.h"

#include "protocol/json.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>
#include <cstdio>

namespace sb::ui {
namespace {

struct ItemAdded {
    ImGuiID id = 0;
    ImRect visible;  // the item's rectangle clipped to its window's clip rectangle
};

// One registry per ImGui context, kept in the context's TestEngine slot (meant for exactly
// this) and freed by a shutdown hook. Cleared when the context starts a new frame, so between
// frames it holds the frame just drawn.
struct Registry {
    std::vector<ItemAdded> added;  // this frame, in order (only the tail is searched)
    std::vector<AutomationItem> items;
};

Registry* registry_of(ImGuiContext* ctx) {
    return ctx ? static_cast<Registry*>(ctx->TestEngine) : nullptr;
}

const std::vector<AutomationItem>& current_items() {
    static const std::vector<AutomationItem> none;
    Registry* r = registry_of(ImGui::GetCurrentContext());
    return r ? r->items : none;
}

void append_number(std::string& out, float v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", std::isfinite(v) ? v : 0.0f);
    out += buf;
}

}  // namespace

ParsedLabel parse_item_label(std::string_view imgui_label) {
    const size_t first = imgui_label.find("##");
    if (first == std::string_view::npos) return {imgui_label, imgui_label};
    const size_t last = imgui_label.rfind("##");
    return {imgui_label.substr(last + 2), imgui_label.substr(0, first)};
}

const std::vector<AutomationItem>& automation_items() {
    return current_items();
}

std::string automation_items_json() {
    std::string out = "[";
    for (const AutomationItem& item : current_items()) {
        if (out.size() > 1) out += ',';
        out += "{\"id\":";
        protocol::append_json_string(out, item.id);
        out += ",\"label\":";
        protocol::append_json_string(out, item.label);
        out += ",\"x\":";
        append_number(out, item.x);
        out += ",\"y\":";
        append_number(out, item.y);
        out += ",\"w\":";
        append_number(out, item.w);
        out += ",\"h\":";
        append_number(out, item.h);
        out += '}';
    }
    out += ']';
    return out;
}

const AutomationItem* find_automation_item(std::string_view id) {
    for (const AutomationItem& item : current_items())
        if (item.id == id) return &item;
    return nullptr;
}

void register_last_item(const char* imgui_label) {
    ImGuiContext* ctx = ImGui::GetCurrentContext();
    if (ctx == nullptr || !ctx->TestEngineHookItems) return;
    ImGuiTestEngineHook_ItemInfo(ctx, ctx->LastItemData.ID, imgui_label, 0);
}

bool begin_combo(const char* imgui_label, const char* preview) {
    const ImGuiID id = ImGui::GetID(imgui_label);
    const bool open = ImGui::BeginCombo(imgui_label, preview);
    ImGuiContext* ctx = ImGui::GetCurrentContext();
    if (ctx->TestEngineHookItems) ImGuiTestEngineHook_ItemInfo(ctx, id, imgui_label, 0);
    return open;
}

void enable_automation() {
    ImGuiContext* ctx = ImGui::GetCurrentContext();
    if (ctx == nullptr || ctx->TestEngine != nullptr) return;
    ctx->TestEngine = new Registry();
    ctx->TestEngineHookItems = true;
    ImGuiContextHook new_frame;
    new_frame.Type = ImGuiContextHookType_NewFramePre;
    new_frame.Callback = [](ImGuiContext* c, ImGuiContextHook*) {
        Registry* r = registry_of(c);
        r->added.clear();
        r->items.clear();
    };
    ImGui::AddContextHook(ctx, &new_frame);
    ImGuiContextHook shutdown;
    shutdown.Type = ImGuiContextHookType_Shutdown;
    shutdown.Callback = [](ImGuiContext* c, ImGuiContextHook*) {
        delete registry_of(c);
        c->TestEngine = nullptr;
        c->TestEngineHookItems = false;
    };
    ImGui::AddContextHook(ctx, &shutdown);
}

}  // namespace sb::ui

// ---- The hooks ImGui calls (declared in imgui_internal.h; defined exactly once) ----

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb,
                                 const ImGuiLastItemData*) {
    sb::ui::Registry* reg = sb::ui::registry_of(ctx);
    if (reg == nullptr) return;
    sb::ui::Registry& r = *reg;
    ImGuiWindow* window = ctx->CurrentWindow;
    if (window == nullptr || window->SkipItems || id == 0) return;
    ImRect visible = bb;
    visible.ClipWithFull(window->ClipRect);
    if (visible.GetWidth() <= 0.0f || visible.GetHeight() <= 0.0f) return;
    r.added.push_back({id, visible});
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label,
                                  ImGuiItemStatusFlags) {
    sb::ui::Registry* reg = sb::ui::registry_of(ctx);
    if (reg == nullptr) return;
    sb::ui::Registry& r = *reg;
    if (label == nullptr || id == 0) return;
    // Windows report themselves too; they are not interactive items for a test.
    if (ImGui::FindWindowByID(id) != nullptr) return;
    // The info call follows its item's add call closely: search only the last few adds.
    const size_t n = r.added.size();
    for (size_t k = 0; k < n && k < 8; ++k) {
        const sb::ui::ItemAdded& a = r.added[n - 1 - k];
        if (a.id != id) continue;
        const sb::ui::ParsedLabel parsed = sb::ui::parse_item_label(label);
        if (parsed.id.empty()) return;
        for (const sb::ui::AutomationItem& existing : r.items)
            if (existing.id == parsed.id) return;  // first submission wins
        r.items.push_back({std::string(parsed.id), std::string(parsed.label), a.visible.Min.x,
                           a.visible.Min.y, a.visible.GetWidth(), a.visible.GetHeight()});
        return;
    }
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) {
    return nullptr;
}
