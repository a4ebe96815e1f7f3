// See frame_scheduler.h. Timers are kept as a set of deadlines plus the app's one wake, with one
// browser timeout armed for the earliest; when it fires, every deadline that has passed is served
// by a single frame.
#include "platform/web/frame_scheduler.h"

#include <emscripten/eventloop.h>
#include <emscripten/html5.h>

#include <utility>

namespace sb::web {

FrameScheduler::FrameScheduler(std::function<bool(bool)> draw) : draw_fn_(std::move(draw)) {}

void FrameScheduler::request() {
    if (frame_pending_) return;
    frame_pending_ = true;
    emscripten_request_animation_frame(&FrameScheduler::on_animation_frame, this);
}

void FrameScheduler::request_settle() {
    settle_frames_left_ = kSettleFrames;
    request();
}

void FrameScheduler::request_after(double seconds) {
    if (!(seconds > 0)) {  // also catches NaN
        request();
        return;
    }
    const double deadline = emscripten_get_now() + seconds * 1000.0;
    // A deadline close to one already set shares its frame; keep the later of the two so that a
    // ticking clock is never drawn just before it ticks.
    auto near = deadlines_ms_.lower_bound(deadline - kCoalesceMs);
    if (near != deadlines_ms_.end() && *near <= deadline + kCoalesceMs) {
        if (*near >= deadline) return;
        deadlines_ms_.erase(near);
    }
    deadlines_ms_.insert(deadline);
    arm_timer();
}

void FrameScheduler::wake_after(double seconds) {
    if (!(seconds > 0)) {
        request();
        return;
    }
    wake_ms_ = emscripten_get_now() + seconds * 1000.0;
    arm_timer();
}

void FrameScheduler::draw_now() {
    if (drawing_) return;
    for (int i = 0; i < kMaxSyncFrames && draw(); ++i) {
    }
}

void FrameScheduler::apply_input() {
    if (drawing_) return;
    drawing_ = true;
    // Until the queue is empty, then kSettleFrames more: what the input started (a field given
    // focus after Enter sent the composer, a window that appears) is done before the next event
    // arrives, as it was when the next key waited for the drawn settle frames.
    int settle = kSettleFrames;
    for (int i = 0; i < kMaxSyncFrames + kSettleFrames && settle > 0; ++i) {
        wake_ms_ = 0;  // as in draw(): the frame asks again for the wake it needs
        const bool pending = draw_fn_(false);
        if (!pending) --settle;
    }
    drawing_ = false;
    arm_timer();
    request();  // the picture of what the input did
}

int FrameScheduler::on_animation_frame(double, void* self) {
    auto* s = static_cast<FrameScheduler*>(self);
    s->frame_pending_ = false;
    if (s->draw()) {
        s->request();  // input left to apply: the next animation frame, not a settle frame
        return 0;
    }
    if (s->settle_frames_left_ > 0) {
        --s->settle_frames_left_;
        s->request();
    }
    return 0;  // one-shot
}

void FrameScheduler::on_timer(void* self) {
    auto* s = static_cast<FrameScheduler*>(self);
    s->timer_id_ = 0;
    const double now = emscripten_get_now();
    while (!s->deadlines_ms_.empty() && *s->deadlines_ms_.begin() <= now + 1.0)
        s->deadlines_ms_.erase(s->deadlines_ms_.begin());
    if (s->wake_ms_ != 0 && s->wake_ms_ <= now + 1.0) s->wake_ms_ = 0;
    s->request();
    s->arm_timer();
}

bool FrameScheduler::draw() {
    drawing_ = true;
    wake_ms_ = 0;  // the app asks again for the wake it still needs (see wake_after)
    const bool input_pending = draw_fn_(true);
    ++frames_drawn_;
    drawing_ = false;
    arm_timer();  // the wake the frame asked for, or none
    return input_pending;
}

double FrameScheduler::earliest_deadline_ms() const {
    double earliest = wake_ms_;
    if (!deadlines_ms_.empty() && (earliest == 0 || *deadlines_ms_.begin() < earliest))
        earliest = *deadlines_ms_.begin();
    return earliest;
}

// One browser timeout, for the earliest deadline. One armed for a deadline that is gone (a
// replaced wake) is cleared, so that it does not draw a frame nobody needs.
void FrameScheduler::arm_timer() {
    const double earliest = earliest_deadline_ms();
    if (timer_id_ != 0) {
        if (earliest != 0 && timer_deadline_ms_ == earliest) return;
        emscripten_clear_timeout(timer_id_);
        timer_id_ = 0;
    }
    if (earliest == 0) return;
    timer_deadline_ms_ = earliest;
    const double delay = earliest - emscripten_get_now();
    timer_id_ = emscripten_set_timeout(&FrameScheduler::on_timer, delay > 0 ? delay : 0, this);
}

}  // namespace sb::web
