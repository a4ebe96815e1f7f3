// See gl_renderer.h.
#include "platform/web/gl_renderer.h"

#include <GLES2/gl2.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <cstdint>

#include "platform/web/webgl1/imgui_impl_webgl1.h"

namespace sb::web {
namespace {

// WebGL 1 samples a texture whose sides are not powers of two only with CLAMP_TO_EDGE (else it
// is "incomplete" and reads black). The font atlas has any height (font_baker.cpp asks for
// ImFontAtlasFlags_NoPowerOfTwoHeight), and ImGui leaves the wrap mode at REPEAT.
void clamp_font_texture() {
    GLint last = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &last);
    glBindTexture(GL_TEXTURE_2D,
                  static_cast<GLuint>(reinterpret_cast<intptr_t>(ImGui::GetIO().Fonts->TexID)));
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last));
}

bool webgl1_create_device_objects() {
    const bool ok = ImGui_ImplWebGL1_CreateDeviceObjects();  // makes the font texture too
    if (ok) clamp_font_texture();
    return ok;
}

bool webgl1_create_fonts_texture() {
    const bool ok = ImGui_ImplWebGL1_CreateFontsTexture();
    if (ok) clamp_font_texture();
    return ok;
}

}  // namespace

const GlRenderer& gl_renderer(int webgl_version) {
    static const GlRenderer webgl2{2,
                                   "#version 300 es",
                                   &ImGui_ImplOpenGL3_Init,
                                   &ImGui_ImplOpenGL3_NewFrame,
                                   &ImGui_ImplOpenGL3_RenderDrawData,
                                   &ImGui_ImplOpenGL3_CreateDeviceObjects,
                                   &ImGui_ImplOpenGL3_CreateFontsTexture,
                                   &ImGui_ImplOpenGL3_DestroyFontsTexture};
    static const GlRenderer webgl1{1,
                                   "#version 100",
                                   &ImGui_ImplWebGL1_Init,
                                   &ImGui_ImplWebGL1_NewFrame,
                                   &ImGui_ImplWebGL1_RenderDrawData,
                                   &webgl1_create_device_objects,
                                   &webgl1_create_fonts_texture,
                                   &ImGui_ImplWebGL1_DestroyFontsTexture};
    return webgl_version == 1 ? webgl1 : webgl2;
}

}  // namespace sb::web
