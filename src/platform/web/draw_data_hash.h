// A fingerprint of one frame's ImGui draw data. Frames are drawn on demand, but many of them (the
// settle frames after input, a clock that ticks without changing what it shows) produce exactly
// the picture already on screen; then the GL work is skipped and the browser keeps showing the
// last frame. With software GL (SwiftShader) at HiDPI the GL work is most of a frame's cost.
#pragma once

#include <cstdint>

struct ImDrawData;

namespace sb::web {

// Covers the vertices, indices, clip rectangles, textures and the display size and scale.
uint64_t hash_draw_data(const ImDrawData& data);

}  // namespace sb::web
