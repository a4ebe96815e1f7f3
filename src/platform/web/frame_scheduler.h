// Draws a frame only when something asks for one. ImGui redraws every frame by default; the
// console and the kiosk must cost ~0 CPU while nothing changes, so frames come from
// requestAnimationFrame on demand: input (plus a few frames to let ImGui settle), network
// callbacks, Platform::request_frame and the app's timed wake (Platform::request_frame_after).
#pragma once

#include <functional>
#include <set>

namespace sb::web {

class FrameScheduler {
  public:
    // draw(present) runs one ImGui frame and returns true when it left input unapplied (ImGui
    // trickles fast input over several frames): then another frame follows at once. With
    // present false the frame is not drawn: ImGui and the app take the input, the screen waits.
    explicit FrameScheduler(std::function<bool(bool present)> draw);
    FrameScheduler(const FrameScheduler&) = delete;
    FrameScheduler& operator=(const FrameScheduler&) = delete;

    // One frame at the next animation frame (several requests before it make one frame).
    void request();
    // Input arrived: a frame now-ish and kSettleFrames more after it, so ImGui can finish
    // reacting (window auto-size, hover state, focus changes).
    void request_settle();
    // A frame once `seconds` have passed (input: a hover tooltip's delay). Deadlines within
    // kCoalesceMs share one frame.
    void request_after(double seconds);
    // The app's next timed frame (its ticking clocks and timers), asked for while it draws a
    // frame. Every frame starts with none: a frame drawn for any reason (news, input) replaces
    // the wake instead of adding one, and a frame that asks for none cancels it.
    void wake_after(double seconds);
    // Draws synchronously, inside the current browser event handler, until the input queued so
    // far is applied (at most kMaxSyncFrames). Used where the browser only allows an action
    // during a real user event: clipboard copy, window.open, focusing the text field so a phone
    // shows its keyboard.
    void draw_now();
    // Keyboard and text input arrived: ImGui takes it now, inside the browser's event handler,
    // in frames that are not drawn (until the input queue is empty, at most kMaxSyncFrames, then
    // kSettleFrames more so that focus changes it caused are done before the next key), and the
    // result is drawn at the next animation frame. ImGui applies about one key transition per
    // frame; if only animation frames applied it, input would wait for them, and a browser under
    // load gives them late (WebKit: every 0.5-1.3 s), so typed text piled up and arrived seconds
    // later, after an Enter had already sent the composer (issue 15). Costs nothing while idle.
    void apply_input();

    long frames_drawn() const { return frames_drawn_; }
    // True while a frame is drawn or applied (callbacks from inside it must not draw or touch
    // ImGui).
    bool drawing() const { return drawing_; }

    static constexpr int kSettleFrames = 3;
    static constexpr double kCoalesceMs = 50.0;
    static constexpr int kMaxSyncFrames = 8;

  private:
    static int on_animation_frame(double time, void* self);
    static void on_timer(void* self);
    bool draw();  // true: input is still queued
    void arm_timer();
    double earliest_deadline_ms() const;  // 0: none

    std::function<bool(bool present)> draw_fn_;
    bool frame_pending_ = false;
    bool drawing_ = false;
    int settle_frames_left_ = 0;
    long frames_drawn_ = 0;
    std::multiset<double> deadlines_ms_;  // performance.now() times that want a frame
    double wake_ms_ = 0;                  // the app's timed frame (performance.now()); 0: none
    long timer_id_ = 0;                   // the one setTimeout armed for the earliest deadline
    double timer_deadline_ms_ = 0;
};

}  // namespace sb::web
