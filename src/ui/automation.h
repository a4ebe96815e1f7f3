// The automation registry behind window.switchboard.items(): every interactive item ImGui
// submitted in the last frame, with its test id, visible label and on-screen rectangle.
//
// ImGui is built with IMGUI_ENABLE_TEST_ENGINE, so its core calls the test-engine hooks for every
// item; automation.cpp defines those hooks (once, for the whole program) and records what they
// see. Test ids follow the label convention "Visible text##test-id": the id is the part after the
// LAST "##", the label the part before the first "##"; a label without "##" is its own id.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sb::ui {

struct AutomationItem {
    std::string id;                    // test id, e.g. "accept#22"
    std::string label;                 // visible text, e.g. "Accept"
    float x = 0, y = 0, w = 0, h = 0;  // visible part of the item, CSS pixels
};

// Splits an ImGui label into {test id, visible label} by the convention above.
struct ParsedLabel {
    std::string_view id;
    std::string_view label;
};
ParsedLabel parse_item_label(std::string_view imgui_label);

// Items visible in the last completed frame of the current ImGui context, in submission order.
const std::vector<AutomationItem>& automation_items();
// The same as JSON: [{"id":..,"label":..,"x":..,"y":..,"w":..,"h":..}, ...]
std::string automation_items_json();
// Finds one item by test id in the last frame; nullptr when it is not on screen.
const AutomationItem* find_automation_item(std::string_view id);

// Registers the item just submitted under this label, for the widgets whose own report comes
// before their ItemAdd or not at all (table headers, tab items): call it right after them.
void register_last_item(const char* imgui_label);

// ImGui::BeginCombo, with the combo registered for the bridge under its label's test id (ImGui
// 1.90.1 reports no label for a combo, and once its popup is open the last item is the popup's).
bool begin_combo(const char* imgui_label, const char* preview);

// Turns the hooks on for the current ImGui context (App calls it every frame; only the first
// call per context does anything). The registry lives and dies with the context.
void enable_automation();

}  // namespace sb::ui
