// See a11y_mirror.h. The JavaScript half is a11y_mirror.js.
#include "platform/web/a11y_mirror.h"

#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "platform/web/frame_scheduler.h"
#include "ui/semantics.h"
#include "ui/theme.h"

// a11y_mirror.js
extern "C" void sb_a11y_install();
extern "C" void sb_a11y_update(const char* json);
extern "C" int sb_a11y_owns_key(const char* key);
extern "C" int sb_a11y_preferences();  // bit 0: high contrast, bit 1: reduced motion

namespace sb::web {
namespace {

A11yMirror* g_mirror = nullptr;

}  // namespace

void A11yMirror::install() {
    g_mirror = this;
    sb_a11y_install();
    preferences_changed();
}

// The system's contrast and motion settings (media queries, followed live): the theme.
void A11yMirror::preferences_changed() {
    const int bits = sb_a11y_preferences();
    sb::ui::set_theme_preferences({(bits & 1) != 0, (bits & 2) != 0});
    if (!frames_.drawing()) frames_.request();
}

bool A11yMirror::owns_key(const char* key) {
    return g_mirror != nullptr && sb_a11y_owns_key(key) != 0;
}

// A focus move or a press must come after what was typed before it: ImGui applies queued input
// over several frames, so the frames still owed are drawn first (draw_now), then the command is
// applied and drawn. Inside a frame, focus changes are the mirror's own (it follows ImGui's
// active text field, enters a dialog, or an element it removed or made inert lost focus): they
// move only the outline, never ImGui's focus (a stale one applied later would take the field
// the user has since clicked). A press cannot come from inside a frame; it would wait for the
// next one.
void A11yMirror::command(int kind, const char* key) {
    Pending p{kind, key ? key : ""};
    if (frames_.drawing()) {
        if (kind == 1) {
            pending_.push_back(std::move(p));
            frames_.request();
        } else {
            sb::ui::semantics::apply_command(
                kind == 2 ? sb::ui::semantics::Command::blur : sb::ui::semantics::Command::follow,
                p.key);
        }
        return;
    }
    drain_input();
    apply(p);
    frames_.draw_now();
    frames_.request_settle();
}

// Draws until ImGui has applied every queued input event. ImGui trickles fast typing (a key's
// down and up, or text after a key, in one frame are split over frames): 40 letters typed
// faster than frames are drawn can take 80 frames, more than one draw_now() draws.
void A11yMirror::drain_input() {
    const ImGuiContext* ctx = ImGui::GetCurrentContext();
    for (int i = 0; i < kMaxDrainRounds; ++i) {
        frames_.draw_now();
        if (ctx == nullptr || ctx->InputEventsQueue.empty()) return;
    }
}

void A11yMirror::before_frame(bool input_queue_empty) {
    if (pending_.empty()) return;
    if (!input_queue_empty) return;  // the next frame, once typed input is applied
    std::vector<Pending> todo;
    todo.swap(pending_);
    for (const Pending& p : todo) apply(p);
    frames_.request_settle();
}

void A11yMirror::apply(const Pending& p) {
    using sb::ui::semantics::Command;
    const Command c = p.kind == 1   ? Command::activate
                      : p.kind == 2 ? Command::blur
                                    : Command::focus;
    sb::ui::semantics::apply_command(c, p.key);
}

void A11yMirror::after_frame() {
    const std::string json = sb::ui::semantics::tree_json(sb::ui::semantics::tree());
    const std::uint64_t h = sb::ui::semantics::tree_hash(json);
    if (h == sent_hash_) return;
    sent_hash_ = h;
    ++updates_;
    sb_a11y_update(json.c_str());
}

}  // namespace sb::web

extern "C" {
EMSCRIPTEN_KEEPALIVE void sb_a11y_command(int kind, const char* key) {
    if (sb::web::g_mirror) sb::web::g_mirror->command(kind, key);
}
EMSCRIPTEN_KEEPALIVE void sb_a11y_preferences_changed() {
    if (sb::web::g_mirror) sb::web::g_mirror->preferences_changed();
}
}
