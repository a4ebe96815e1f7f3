// See imgui_impl_webgl1.h: ImGui's backends/imgui_impl_opengl3.cpp built for OpenGL ES 2.0 (WebGL
// 1), every name it exports (functions and its two structs) renamed so that it links next to the
// WebGL 2 build of the same file. Vertex arrays come from OES_vertex_array_object (Emscripten's
// ES2 path; canvas_surface.cpp enables the extension).
#define IMGUI_IMPL_OPENGL_ES2
#define ImGui_ImplOpenGL3_Init ImGui_ImplWebGL1_Init
#define ImGui_ImplOpenGL3_Shutdown ImGui_ImplWebGL1_Shutdown
#define ImGui_ImplOpenGL3_NewFrame ImGui_ImplWebGL1_NewFrame
#define ImGui_ImplOpenGL3_RenderDrawData ImGui_ImplWebGL1_RenderDrawData
#define ImGui_ImplOpenGL3_CreateFontsTexture ImGui_ImplWebGL1_CreateFontsTexture
#define ImGui_ImplOpenGL3_DestroyFontsTexture ImGui_ImplWebGL1_DestroyFontsTexture
#define ImGui_ImplOpenGL3_CreateDeviceObjects ImGui_ImplWebGL1_CreateDeviceObjects
#define ImGui_ImplOpenGL3_DestroyDeviceObjects ImGui_ImplWebGL1_DestroyDeviceObjects
#define ImGui_ImplOpenGL3_Data ImGui_ImplWebGL1_Data
#define ImGui_ImplOpenGL3_VtxAttribState ImGui_ImplWebGL1_VtxAttribState
#include "backends/imgui_impl_opengl3.cpp"
