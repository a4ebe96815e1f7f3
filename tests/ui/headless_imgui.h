// A headless Dear ImGui for tests: a real context and font atlas built on the CPU (no GPU), the
// four fonts App expects, and helpers to run App frames and click items by test id.
#pragma once

#include <imgui.h>

#include <string>

#include "ui/app.h"
#include "ui/automation.h"

namespace sb::test {

class HeadlessImGui {
  public:
    explicit HeadlessImGui(float width = 1280, float height = 800) {
        context_ = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(width, height);
        io.DeltaTime = 1.0f / 60.0f;
        ImFontConfig config;
        config.SizePixels = 16;
        io.Fonts->AddFontDefault(&config);  // [0] regular
        io.Fonts->AddFontDefault(&config);  // [1] bold
        config.SizePixels = 40;
        io.Fonts->AddFontDefault(&config);  // [2] large
        config.SizePixels = 64;
        io.Fonts->AddFontDefault(&config);  // [3] huge
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
    }
    ~HeadlessImGui() { ImGui::DestroyContext(context_); }
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;

    void frame(sb::ui::App& app) {
        ImGui::NewFrame();
        app.frame();
        ImGui::Render();
    }
    // Runs a few frames so layout, hover and focus settle.
    void frames(sb::ui::App& app, int n = 3) {
        for (int i = 0; i < n; ++i) frame(app);
    }
    // Moves the mouse onto the item and clicks it (press in one frame, release in the next),
    // then lets what the click opened settle.
    // Returns false when the item is not on screen.
    bool click(sb::ui::App& app, const std::string& test_id) {
        const sb::ui::AutomationItem* item = sb::ui::find_automation_item(test_id);
        if (item == nullptr) return false;
        ImGuiIO& io = ImGui::GetIO();
        io.AddMousePosEvent(item->x + item->w / 2, item->y + item->h / 2);
        frame(app);
        io.AddMouseButtonEvent(0, true);
        frame(app);
        io.AddMouseButtonEvent(0, false);
        frames(app, 3);  // what the click opened (popups, focus) settles
        return true;
    }
    void type(sb::ui::App& app, const std::string& text) {
        ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
        frames(app, 2);
    }
    void key(sb::ui::App& app, ImGuiKey key, ImGuiKeyChord mods = 0) {
        ImGuiIO& io = ImGui::GetIO();
        if (mods & ImGuiMod_Ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, true);
        if (mods & ImGuiMod_Shift) io.AddKeyEvent(ImGuiMod_Shift, true);
        if (mods & ImGuiMod_Alt) io.AddKeyEvent(ImGuiMod_Alt, true);
        io.AddKeyEvent(key, true);
        frame(app);
        io.AddKeyEvent(key, false);
        if (mods & ImGuiMod_Ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, false);
        if (mods & ImGuiMod_Shift) io.AddKeyEvent(ImGuiMod_Shift, false);
        if (mods & ImGuiMod_Alt) io.AddKeyEvent(ImGuiMod_Alt, false);
        frames(app, 2);
    }
    // Whether anything drawn in the last frame lands inside the item's rectangle AND inside the
    // clip rectangle it is drawn with (i.e. would really show on screen), e.g. a row's text.
    static int visible_vertices_in(const std::string& test_id) {
        const sb::ui::AutomationItem* item = sb::ui::find_automation_item(test_id);
        const ImDrawData* data = ImGui::GetDrawData();
        if (item == nullptr || data == nullptr) return 0;
        int count = 0;
        for (const ImDrawList* list : data->CmdLists) {
            for (const ImDrawCmd& cmd : list->CmdBuffer) {
                for (unsigned e = 0; e < cmd.ElemCount; ++e) {
                    const ImVec2 p = list->VtxBuffer[list->IdxBuffer[cmd.IdxOffset + e] +
                                                     static_cast<int>(cmd.VtxOffset)]
                                         .pos;
                    const bool in_item = p.x >= item->x && p.x <= item->x + item->w &&
                                         p.y >= item->y && p.y <= item->y + item->h;
                    const bool in_clip = p.x >= cmd.ClipRect.x && p.x <= cmd.ClipRect.z &&
                                         p.y >= cmd.ClipRect.y && p.y <= cmd.ClipRect.w;
                    if (in_item && in_clip) ++count;
                }
            }
        }
        return count;
    }
    bool visible(const std::string& test_id) const {
        return sb::ui::find_automation_item(test_id) != nullptr;
    }

  private:
    ImGuiContext* context_ = nullptr;
};

}  // namespace sb::test
