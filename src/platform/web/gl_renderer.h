// The GL renderer of the canvas: ImGui's OpenGL3 backend built for WebGL 2 (GLSL ES 3.00) or for
// WebGL 1 (GLSL ES 1.00, webgl1/), picked at run time by the context the browser gave
// (CanvasSurface::create_context). WebGL 1 is the fallback for browsers and desktops without
// WebGL 2 (some corporate desktops, remote sessions, old devices).
#pragma once

struct ImDrawData;

namespace sb::web {

struct GlRenderer {
    int webgl_version;         // 2 or 1
    const char* glsl_version;  // for init()
    bool (*init)(const char* glsl_version);
    void (*new_frame)();
    void (*render)(ImDrawData* data);
    bool (*create_device_objects)();
    bool (*create_fonts_texture)();
    void (*destroy_fonts_texture)();
};

// The renderer for a WebGL context of this major version (2, or 1).
const GlRenderer& gl_renderer(int webgl_version);

}  // namespace sb::web
