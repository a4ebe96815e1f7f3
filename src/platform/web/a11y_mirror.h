// The accessibility mirror (issue 13): real DOM nodes (buttons, text fields, tabs, lists, a log,
// dialogs) kept in sync with the semantic tree of the frame just drawn (ui/semantics.h), so that
// screen readers, voice control and keyboard-only users work with what the canvas shows.
//  - After each frame the tree goes to JavaScript only when it changed (a hash of its JSON);
//    a11y_mirror.js diffs it node by node and touches only what changed. It never asks for a
//    frame by itself: idle stays at 0 frames.
//  - Back from the DOM come focus and activation (Tab order, Enter/Space/click, arrow keys are
//    the DOM's): they are applied through ImGui's own activation path, after the input typed
//    before them has been applied (see command()).
//  - owns_key(): the keys the mirror handles itself while DOM focus is on one of its controls
//    (Tab, and Enter/Space/arrows on a non-text control) are kept away from ImGui.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sb::web {

class FrameScheduler;

class A11yMirror {
  public:
    explicit A11yMirror(FrameScheduler& frames) : frames_(frames) {}
    // Creates the mirror's root element and its event listeners.
    void install();
    // Before ImGui::NewFrame: commands that arrived during a frame, once ImGui's input is applied.
    void before_frame(bool input_queue_empty);
    // After the frame: send the tree when it changed.
    void after_frame();
    // From JavaScript: 0 focus, 1 activate, 2 blur.
    void command(int kind, const char* key);
    // Whether input.cpp must leave this key to the DOM (keydown/keyup, Emscripten's key name).
    static bool owns_key(const char* key);
    // The system's contrast / motion preferences changed (or are read the first time).
    void preferences_changed();

    long updates_sent() const { return updates_; }

  private:
    struct Pending {
        int kind;
        std::string key;
    };
    void apply(const Pending& p);
    void drain_input();
    static constexpr int kMaxDrainRounds = 32;  // of FrameScheduler::draw_now (8 frames each)

    FrameScheduler& frames_;
    std::uint64_t sent_hash_ = 0;
    long updates_ = 0;
    std::vector<Pending> pending_;
};

}  // namespace sb::web
