// Dear ImGui's OpenGL3 renderer for WebGL 1 (OpenGL ES 2.0, GLSL ES 1.00): the same backend
// source as imgui_opengl3 (WebGL 2), compiled a second time with IMGUI_IMPL_OPENGL_ES2 and its
// names changed, so that both are in the module and gl_renderer.cpp picks one at run time.
#pragma once

struct ImDrawData;

bool ImGui_ImplWebGL1_Init(const char* glsl_version);
void ImGui_ImplWebGL1_Shutdown();
void ImGui_ImplWebGL1_NewFrame();
void ImGui_ImplWebGL1_RenderDrawData(ImDrawData* draw_data);
bool ImGui_ImplWebGL1_CreateFontsTexture();
void ImGui_ImplWebGL1_DestroyFontsTexture();
bool ImGui_ImplWebGL1_CreateDeviceObjects();
void ImGui_ImplWebGL1_DestroyDeviceObjects();
