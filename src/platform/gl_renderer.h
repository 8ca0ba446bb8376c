// SellerDesk's WebGL 2 renderer for ImGui draw data (gl_renderer.cpp says why it is its own).
//   gl_renderer::init()            after the context is current: program, buffers, fixed GL state
//   gl_renderer::upload_fonts()    after the font atlas was (re)built, e.g. on a DPR change
//   gl_renderer::render(ImGui::GetDrawData(), r, g, b)   clears to the colour and draws
#pragma once
struct ImDrawData;

namespace gl_renderer {
bool init();
void upload_fonts();
void render(const ImDrawData* draw_data, float clear_r, float clear_g, float clear_b);
}  // namespace gl_renderer
