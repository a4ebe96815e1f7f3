// window.switchboard: what a browser test (tests/e2e) sees of the app drawn in the canvas.
//   items()  → [{id, label, x, y, w, h}] of the interactive items of the last frame, CSS pixels
//   state()  → the client store's JSON snapshot (sb::ui::App::state_json)
//   frames() → how many frames were drawn so far (idle must not grow it)
//   missingGlyphs() → characters drawn as a missing-glyph box since start (sb::ui::text)
//   ready    → true once the first frame is on screen
// Documented for test writers in docs/testing.md.
#pragma once

#include <functional>
#include <string>

namespace sb::web {

class AutomationBridge {
  public:
    struct Sources {
        std::function<std::string()> state_json;
        std::function<long()> frames;
        std::function<long()> missing_glyphs;
    };
    // Defines window.switchboard (ready = false).
    static void install(Sources sources);
    // After the first frame: ready = true and the loading screen goes away.
    static void mark_ready();
};

}  // namespace sb::web
