// SellerDesk's WebGL 2 renderer for ImGui draw data (gl_renderer.cpp says why it is its own).
//   gl_renderer::init()            after the context is current: program, buffers, fixed GL state
//   gl_renderer::upload_fonts()    after the font atlas was (re)built, e.g. on a DPR change
//   gl_renderer::render(ImGui::GetDrawData(), clear, limit)   clears to the colour and draws; with
//                                  a limit (x0, y0, x1, y1 in display coordinates) only inside it,
//                                  for a context whose drawing buffer is kept between frames
#pragma once
struct ImDrawData;
struct ImVec4;

namespace gl_renderer {
bool init();
void upload_fonts();
void render(const ImDrawData* draw_data, const float clear_rgb[3], const ImVec4* limit);
}  // namespace gl_renderer
