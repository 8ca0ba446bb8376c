// Draws ImGui's draw lists with WebGL 2. SellerDesk owns the whole GL context, so unlike a generic
// backend this one never reads GL state back to restore it afterwards: in Chromium every
// glGet*/getParameter is a synchronous round trip to the GPU process, and backing up the state
// cost more than the drawing itself (about 3 ms of a 4 ms frame).
//
// One program, one vertex array, one vertex and one index buffer that only grow; the font atlas
// is an RGBA texture. Indices are 16 bit (ImGui's default ImDrawIdx), vertices are ImDrawVert.
#include "gl_renderer.h"

#include <GLES3/gl3.h>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>

#include "imgui.h"

namespace {

struct Renderer {
    GLuint program = 0, vao = 0, vbo = 0, ebo = 0, font_texture = 0;
    GLint u_projection = -1, u_texture = -1;
    GLsizeiptr vbo_size = 0, ebo_size = 0;
};
Renderer g_r;

const char* kVertexShader = R"(#version 300 es
uniform mat4 u_projection;
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_color;
out vec2 v_uv;
out vec4 v_color;
void main() {
    v_uv = a_uv;
    v_color = a_color;
    gl_Position = u_projection * vec4(a_pos, 0.0, 1.0);
}
)";

const char* kFragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D u_texture;
in vec2 v_uv;
in vec4 v_color;
out vec4 frag;
void main() { frag = v_color * texture(u_texture, v_uv); }
)";

GLuint compile(GLenum type, const char* source) {
    GLuint s = glCreateShader(type);
    glShaderSource(s, 1, &source, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[512] = "";
        glGetShaderInfoLog(s, sizeof log, nullptr, log);
        std::fprintf(stderr, "gl_renderer: shader does not compile: %s\n", log);
        glDeleteShader(s);
        return 0;
    }
    return s;
}

// Points the vertex attributes at vertex `first` of the bound buffer. ImGui splits a draw list
// with more than 65,536 vertices into ranges (VtxOffset) so 16-bit indices suffice; WebGL 2 has no
// base-vertex draw call, so each range gets its own attribute offsets instead.
void point_attributes(unsigned first) {
    const size_t base = size_t(first) * sizeof(ImDrawVert);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), (void*)(base + offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), (void*)(base + offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert), (void*)(base + offsetof(ImDrawVert, col)));
}

}  // namespace

namespace gl_renderer {

bool init() {
    GLuint vs = compile(GL_VERTEX_SHADER, kVertexShader), fs = compile(GL_FRAGMENT_SHADER, kFragmentShader);
    if (!vs || !fs) return false;
    g_r.program = glCreateProgram();
    glAttachShader(g_r.program, vs);
    glAttachShader(g_r.program, fs);
    glLinkProgram(g_r.program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(g_r.program, GL_LINK_STATUS, &ok);
    if (!ok) return false;
    g_r.u_projection = glGetUniformLocation(g_r.program, "u_projection");
    g_r.u_texture = glGetUniformLocation(g_r.program, "u_texture");

    glGenVertexArrays(1, &g_r.vao);
    glGenBuffers(1, &g_r.vbo);
    glGenBuffers(1, &g_r.ebo);
    glBindVertexArray(g_r.vao);
    glBindBuffer(GL_ARRAY_BUFFER, g_r.vbo);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, g_r.ebo);   // recorded in the vertex array
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    point_attributes(0);

    // Fixed state for the whole life of the context: nobody else draws into it.
    glUseProgram(g_r.program);
    glUniform1i(g_r.u_texture, 0);
    glActiveTexture(GL_TEXTURE0);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glEnable(GL_SCISSOR_TEST);
    ImGui::GetIO().BackendRendererName = "sellerdesk_webgl2";
    ImGui::GetIO().BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    return true;
}

void upload_fonts() {
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    if (!g_r.font_texture) glGenTextures(1, &g_r.font_texture);
    glBindTexture(GL_TEXTURE_2D, g_r.font_texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    io.Fonts->SetTexID((ImTextureID)(intptr_t)g_r.font_texture);
    io.Fonts->ClearTexData();   // the pixels live on the GPU now
}

void render(const ImDrawData* dd, const float clear_rgb[3], const ImVec4* limit) {
    const int fb_w = int(dd->DisplaySize.x * dd->FramebufferScale.x + 0.5f);
    const int fb_h = int(dd->DisplaySize.y * dd->FramebufferScale.y + 0.5f);
    const ImVec2 clip_off = dd->DisplayPos, clip_scale = dd->FramebufferScale;
    // The region redrawn, in framebuffer pixels (y down): all of it, or the limit widened to
    // whole pixels.
    float lx0 = 0, ly0 = 0, lx1 = float(fb_w), ly1 = float(fb_h);
    if (limit) {
        lx0 = std::max(lx0, std::floor((limit->x - clip_off.x) * clip_scale.x));
        ly0 = std::max(ly0, std::floor((limit->y - clip_off.y) * clip_scale.y));
        lx1 = std::min(lx1, std::ceil((limit->z - clip_off.x) * clip_scale.x));
        ly1 = std::min(ly1, std::ceil((limit->w - clip_off.y) * clip_scale.y));
        if (lx1 <= lx0 || ly1 <= ly0) return;
    }
    glViewport(0, 0, fb_w, fb_h);
    glScissor(int(lx0), int(float(fb_h) - ly1), int(lx1 - lx0), int(ly1 - ly0));
    glClearColor(clear_rgb[0], clear_rgb[1], clear_rgb[2], 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    if (fb_w <= 0 || fb_h <= 0 || dd->CmdListsCount == 0) return;

    // Orthographic projection of the display rectangle onto clip space (y down).
    const float l = dd->DisplayPos.x, r = dd->DisplayPos.x + dd->DisplaySize.x;
    const float t = dd->DisplayPos.y, b = dd->DisplayPos.y + dd->DisplaySize.y;
    const float projection[16] = {
        2.0f / (r - l), 0, 0, 0,
        0, 2.0f / (t - b), 0, 0,
        0, 0, -1.0f, 0,
        (r + l) / (l - r), (t + b) / (b - t), 0, 1.0f,
    };
    glUniformMatrix4fv(g_r.u_projection, 1, GL_FALSE, projection);
    glBindVertexArray(g_r.vao);

    GLuint bound_texture = 0;
    for (int n = 0; n < dd->CmdListsCount; ++n) {
        const ImDrawList* list = dd->CmdLists[n];
        bool inside = !limit;
        for (int i = 0; i < list->CmdBuffer.Size && !inside; ++i) {
            const ImVec4& c = list->CmdBuffer[i].ClipRect;
            inside = (c.z - clip_off.x) * clip_scale.x > lx0 && (c.x - clip_off.x) * clip_scale.x < lx1 &&
                     (c.w - clip_off.y) * clip_scale.y > ly0 && (c.y - clip_off.y) * clip_scale.y < ly1;
        }
        if (!inside) continue;   // nothing of this list is redrawn: no upload
        const GLsizeiptr vbytes = GLsizeiptr(list->VtxBuffer.Size) * GLsizeiptr(sizeof(ImDrawVert));
        const GLsizeiptr ibytes = GLsizeiptr(list->IdxBuffer.Size) * GLsizeiptr(sizeof(ImDrawIdx));
        // Grow the buffers when needed (doubling), else overwrite in place.
        if (vbytes > g_r.vbo_size) {
            g_r.vbo_size = vbytes * 2;
            glBufferData(GL_ARRAY_BUFFER, g_r.vbo_size, nullptr, GL_STREAM_DRAW);
        }
        if (ibytes > g_r.ebo_size) {
            g_r.ebo_size = ibytes * 2;
            glBufferData(GL_ELEMENT_ARRAY_BUFFER, g_r.ebo_size, nullptr, GL_STREAM_DRAW);
        }
        glBufferSubData(GL_ARRAY_BUFFER, 0, vbytes, list->VtxBuffer.Data);
        glBufferSubData(GL_ELEMENT_ARRAY_BUFFER, 0, ibytes, list->IdxBuffer.Data);
        unsigned vtx_offset = 0;
        point_attributes(0);
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) {
                if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
                continue;
            }
            const float x0 = std::max(lx0, (cmd.ClipRect.x - clip_off.x) * clip_scale.x);
            const float y0 = std::max(ly0, (cmd.ClipRect.y - clip_off.y) * clip_scale.y);
            const float x1 = std::min(lx1, (cmd.ClipRect.z - clip_off.x) * clip_scale.x);
            const float y1 = std::min(ly1, (cmd.ClipRect.w - clip_off.y) * clip_scale.y);
            if (x1 <= x0 || y1 <= y0) continue;
            glScissor(int(x0), int(float(fb_h) - y1), int(x1 - x0), int(y1 - y0));   // GL's origin is bottom left
            if (cmd.VtxOffset != vtx_offset) {
                vtx_offset = cmd.VtxOffset;
                point_attributes(vtx_offset);
            }
            GLuint tex = GLuint(intptr_t(cmd.GetTexID()));
            if (tex != bound_texture) {
                glBindTexture(GL_TEXTURE_2D, tex);
                bound_texture = tex;
            }
            glDrawElements(GL_TRIANGLES, GLsizei(cmd.ElemCount), sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                           (void*)(intptr_t)(cmd.IdxOffset * sizeof(ImDrawIdx)));
        }
    }
}

}  // namespace gl_renderer
