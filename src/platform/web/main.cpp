// Entry point of the browser build (switchboard.js + switchboard.wasm). There is no main loop:
// main() sets the app up and returns; from then on the browser calls in (input, network, timers,
// animation frames) and the FrameScheduler draws only when asked. The runtime stays alive
// because EXIT_RUNTIME is off.
#include "platform/web/web_app.h"

int main() {
    auto* app = new sb::web::WebApp();  // lives as long as the page
    return app->start() ? 0 : 1;
}
