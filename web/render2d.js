// SellerDesk's Canvas 2D renderer of Dear ImGui's draw lists, and the start-up test that picks
// it. Where Chromium renders WebGL in software (SwiftShader, llvmpipe: virtual machines, remote
// desktops, blocklisted GPUs, headless browsers) every WebGL frame is rasterised triangle by
// triangle on the CPU and read back for the software compositor, which costs many times what
// the app's own frame does; a 2D canvas is drawn by Skia straight into the page's bitmap.
// docs/performance.md, "Key press to painted frame", has the figures.
//
//   SellerDeskRender2D.choose(search)   -> {name: 'webgl' | 'canvas2d', software, reason}
//   const r = SellerDeskRender2D.create(canvas)     null when the canvas has no 2D context
//   r.setAtlas(alpha, width, height)    the font atlas as coverage bytes (a copy is kept)
//   r.render(heap, ptr)                 draws one frame described at `ptr` (src/platform/web.cpp,
//                                       render_canvas2d, writes that description)
//   r.stats, r.atlasSize()              counts for benchmarks; the atlas's size, for tests
//
// What the draw lists hold and how each is drawn: axis-aligned quads whose four UVs are the same
// texel are filled rectangles (fillRect, edges on whole device pixels as the GPU would put them);
// axis-aligned quads that span the atlas are glyphs (drawImage from a sheet of glyphs already
// tinted in their colour, filled in as new glyph/colour pairs appear); every other triangle goes
// into a path, one fill per run of the same colour. Each command's clip rectangle is a canvas
// clip. ImGui's anti-aliasing fringes are turned off for this renderer (web.cpp): the canvas
// smooths path edges itself. When the description lists damaged rectangles (frame_diff.h), only
// they are cleared and drawn again; the rest of the canvas keeps the last frame.
'use strict';
(function () {
  const VERTEX_WORDS = 5;          // ImDrawVert: pos.x, pos.y, uv.x, uv.y, col
  const LIST_WORDS = 3, CMD_WORDS = 8;
  const HEADER_WORDS = 9, RECT_WORDS = 4;
  const SHEET_START = 1024, SHEET_MAX = 4096;

  // ---- choosing the renderer ---------------------------------------------------------------------
  // A scratch canvas is asked for WebGL 2 with failIfMajorPerformanceCaveat (a browser refuses it
  // when it would render in software, though headless Chromium's SwiftShader is not refused), and
  // the renderer's name catches the software drivers the browser does not flag. The scratch
  // context is released at once.
  const SOFTWARE = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render/i;
  function probeWebGL() {
    let gl = null;
    try {
      gl = document.createElement('canvas').getContext('webgl2', { failIfMajorPerformanceCaveat: true });
      if (!gl) return { gpu: false, name: '' };
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) || '');
      return { gpu: !SOFTWARE.test(name), name: name };
    } catch (e) {
      return { gpu: false, name: '' };
    } finally {
      const lose = gl && gl.getExtension('WEBGL_lose_context');
      if (lose) lose.loseContext();
    }
  }
  // {name, software, reason}; `software`: WebGL forced where it renders on the CPU.
  function choose(search) {
    const forced = new URLSearchParams(search || '').get('renderer');
    if (forced === 'canvas2d') return { name: 'canvas2d', software: false, reason: 'forced by ?renderer=canvas2d' };
    const gl = probeWebGL();
    if (forced === 'webgl') return { name: 'webgl', software: !gl.gpu, reason: 'forced by ?renderer=webgl' + (gl.name ? ' (' + gl.name + ')' : '') };
    if (gl.gpu) return { name: 'webgl', software: false, reason: gl.name };
    return { name: 'canvas2d', software: false,
             reason: gl.name ? 'WebGL is rendered in software (' + gl.name + ')' : 'WebGL 2 is missing or would be rendered in software' };
  }

  // ---- tinted glyphs ------------------------------------------------------------------------------
  // Canvas 2D cannot multiply an image by a colour while drawing it, so each glyph is drawn once
  // per colour it appears in onto a sheet (an offscreen canvas packed in shelves), and frames
  // draw from the sheet. A frame first notes the pairs it lacks and adds them all before it
  // draws again: writing to the sheet while a frame still uses it as a source would make the
  // browser copy the whole sheet each time.
  function makeCanvas(w, h) {
    if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(w, h);
    const c = document.createElement('canvas');
    c.width = w; c.height = h;
    return c;
  }
  function GlyphSheet() {
    this.size = SHEET_START;
    this.canvas = makeCanvas(this.size, this.size);
    this.ctx = this.canvas.getContext('2d');
    this.shelves = [];
    this.nextY = 0;
    this.byColour = new Map();   // colour -> Map(glyph key -> slot [x, y])
  }
  GlyphSheet.prototype.clear = function () {
    this.ctx.clearRect(0, 0, this.size, this.size);
    this.shelves = [];
    this.nextY = 0;
    this.byColour.clear();
  };
  GlyphSheet.prototype.lookup = function (col, key) {
    const m = this.byColour.get(col);
    return m === undefined ? undefined : m.get(key);
  };
  // A free spot of w x h, or null when the sheet is full even at its largest.
  GlyphSheet.prototype.place = function (w, h) {
    const sh = (h + 3) & ~3;   // similar heights share a shelf
    for (const s of this.shelves) {
      if (s.h === sh && s.x + w <= this.size) { const at = [s.x, s.y]; s.x += w; return at; }
    }
    if (this.nextY + sh <= this.size) {
      this.shelves.push({ y: this.nextY, h: sh, x: w });
      this.nextY += sh;
      return [0, this.nextY - sh];
    }
    if (this.size >= SHEET_MAX) return null;
    const bigger = makeCanvas(this.size * 2, this.size * 2);
    const g = bigger.getContext('2d');
    g.drawImage(this.canvas, 0, 0);
    this.canvas = bigger; this.ctx = g; this.size *= 2;
    return this.place(w, h);
  };
  // Draws glyph (sx, sy, sw, sh) of the atlas in colour `col` into a new slot with a transparent
  // border of one pixel (bilinear filtering reads one texel past the edge).
  GlyphSheet.prototype.add = function (atlas, col, key, sx, sy, sw, sh) {
    const at = this.place(sw + 2, sh + 2);
    if (!at) return false;
    const img = this.ctx.createImageData(sw + 2, sh + 2), d = img.data;
    const r = col & 255, g = (col >>> 8) & 255, b = (col >>> 16) & 255, a = col >>> 24;
    for (let y = 0; y < sh; y++) {
      let src = (sy + y) * atlas.width + sx, dst = ((y + 1) * (sw + 2) + 1) * 4;
      for (let x = 0; x < sw; x++, src++, dst += 4) {
        d[dst] = r; d[dst + 1] = g; d[dst + 2] = b;
        d[dst + 3] = (atlas.alpha[src] * a + 127) / 255;
      }
    }
    this.ctx.putImageData(img, at[0], at[1]);
    let m = this.byColour.get(col);
    if (m === undefined) { m = new Map(); this.byColour.set(col, m); }
    m.set(key, at);
    return true;
  };

  // ---- the renderer -----------------------------------------------------------------------------
  function create(canvas) {
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) return null;
    const sheet = new GlyphSheet();
    const css = new Map();   // ImU32 colour -> CSS colour string
    let atlas = null;
    const stats = { frames: 0, partial: 0, retries: 0, rects: 0, glyphs: 0, triangles: 0, ms: 0 };

    function cssColour(col) {
      let s = css.get(col);
      if (s === undefined) {
        s = 'rgba(' + (col & 255) + ',' + ((col >>> 8) & 255) + ',' + ((col >>> 16) & 255) + ',' + ((col >>> 24) / 255).toFixed(4) + ')';
        css.set(col, s);
      }
      return s;
    }

    // One pass over the frame. Returns the glyph/colour pairs the sheet lacked, or draws them on
    // the spot when `addNow` (the retry after the sheet had to be emptied). From the first pair
    // lacking on, it only looks for the others: the frame is drawn again once they are added.
    function pass(heap, ptr, addNow) {
      const u32 = heap.u32, f32 = heap.f32, u16 = heap.u16;
      let w = ptr >> 2;
      const fbW = u32[w], fbH = u32[w + 1], sx = f32[w + 2], sy = f32[w + 3], ox = f32[w + 4], oy = f32[w + 5];
      const clearCol = u32[w + 6], rectCount = u32[w + 7], listCount = u32[w + 8];
      w += HEADER_WORDS;
      const missing = [];
      // The damaged region in device pixels (whole canvas when the frame is drawn in full).
      let bx0 = 0, by0 = 0, bx1 = fbW, by1 = fbH;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.globalAlpha = 1;
      ctx.globalCompositeOperation = 'source-over';
      ctx.save();
      ctx.fillStyle = cssColour(clearCol);
      if (rectCount > 0) {
        bx0 = fbW; by0 = fbH; bx1 = 0; by1 = 0;
        ctx.beginPath();
        for (let i = 0; i < rectCount; i++, w += RECT_WORDS) {
          const x0 = Math.max(0, Math.floor((f32[w] - ox) * sx)), y0 = Math.max(0, Math.floor((f32[w + 1] - oy) * sy));
          const x1 = Math.min(fbW, Math.ceil((f32[w + 2] - ox) * sx)), y1 = Math.min(fbH, Math.ceil((f32[w + 3] - oy) * sy));
          if (x1 <= x0 || y1 <= y0) continue;
          ctx.rect(x0, y0, x1 - x0, y1 - y0);
          ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
          bx0 = Math.min(bx0, x0); by0 = Math.min(by0, y0); bx1 = Math.max(bx1, x1); by1 = Math.max(by1, y1);
        }
        ctx.clip();
      } else {
        ctx.fillRect(0, 0, fbW, fbH);
      }
      let fill = -1;           // colour of fillStyle, -1 unknown
      let pathCol = -1;        // colour of the path being built, -1 none
      let drawing = true;      // false once a glyph is lacking: the rest is only searched
      const flush = function () {
        if (pathCol === -1) return;
        if (!drawing) { pathCol = -1; return; }
        if (fill !== pathCol) { ctx.fillStyle = cssColour(pathCol); fill = pathCol; }
        ctx.fill();
        pathCol = -1;
      };
      const triangle = function (col, x0, y0, x1, y1, x2, y2) {
        if (col >>> 24 === 0 || !drawing) return;
        if (col !== pathCol) { flush(); ctx.beginPath(); pathCol = col; }
        // One winding for all, so overlapping triangles of one path add up instead of cancelling.
        if ((x1 - x0) * (y2 - y0) - (y1 - y0) * (x2 - x0) < 0) { const tx = x1, ty = y1; x1 = x2; y1 = y2; x2 = tx; y2 = ty; }
        ctx.moveTo(x0, y0); ctx.lineTo(x1, y1); ctx.lineTo(x2, y2); ctx.closePath();
        stats.triangles++;
      };
      for (let l = 0; l < listCount; l++) {
        const vb = u32[w] >> 2, ib = u32[w + 1] >> 1, cmdCount = u32[w + 2];
        w += LIST_WORDS;
        for (let c = 0; c < cmdCount; c++, w += CMD_WORDS) {
          if (u32[w + 7]) continue;   // a callback: SellerDesk has none
          const cx0 = Math.max(bx0, Math.round((f32[w] - ox) * sx)), cy0 = Math.max(by0, Math.round((f32[w + 1] - oy) * sy));
          const cx1 = Math.min(bx1, Math.round((f32[w + 2] - ox) * sx)), cy1 = Math.min(by1, Math.round((f32[w + 3] - oy) * sy));
          if (cx1 <= cx0 || cy1 <= cy0) continue;
          const idx0 = ib + u32[w + 4], count = u32[w + 5], base = vb + u32[w + 6] * VERTEX_WORDS;
          ctx.save();
          ctx.beginPath();
          ctx.rect(cx0, cy0, cx1 - cx0, cy1 - cy0);
          ctx.clip();
          fill = -1;
          let e = 0;
          while (e + 3 <= count) {
            const i0 = u16[idx0 + e], i1 = u16[idx0 + e + 1], i2 = u16[idx0 + e + 2];
            const a = base + i0 * VERTEX_WORDS, b = base + i1 * VERTEX_WORDS, d = base + i2 * VERTEX_WORDS;
            const ax = f32[a], ay = f32[a + 1], bxv = f32[b], byv = f32[b + 1], dx = f32[d], dy = f32[d + 1];
            const col = u32[a + 4];
            // ImGui writes a rectangle as vertices a, b, c, d and indices a b c a c d.
            if (e + 6 <= count && u16[idx0 + e + 3] === i0 && u16[idx0 + e + 4] === i2) {
              const q = base + u16[idx0 + e + 5] * VERTEX_WORDS;
              if (ay === byv && bxv === dx && dy === f32[q + 1] && f32[q] === ax &&
                  u32[b + 4] === col && u32[d + 4] === col && u32[q + 4] === col) {
                e += 6;
                // The path so far is filled here whether or not this quad is drawn, so a path
                // never depends on what the damaged region left out.
                flush();
                const x0 = (Math.min(ax, dx) - ox) * sx, x1 = (Math.max(ax, dx) - ox) * sx;
                const y0 = (Math.min(ay, dy) - oy) * sy, y1 = (Math.max(ay, dy) - oy) * sy;
                if (x1 < cx0 || x0 > cx1 || y1 < cy0 || y0 > cy1 || col >>> 24 === 0) continue;
                const u0 = f32[a + 2], v0 = f32[a + 3], u1 = f32[d + 2], v1 = f32[d + 3];
                if (u0 === u1 && v0 === v1) {
                  // A filled rectangle: edges where the GPU's pixel-centre rule puts them.
                  const px0 = Math.ceil(x0 - 0.5), px1 = Math.ceil(x1 - 0.5), py0 = Math.ceil(y0 - 0.5), py1 = Math.ceil(y1 - 0.5);
                  if (px1 <= px0 || py1 <= py0 || !drawing) continue;
                  if (fill !== col) { ctx.fillStyle = cssColour(col); fill = col; }
                  ctx.fillRect(px0, py0, px1 - px0, py1 - py0);
                  stats.rects++;
                } else if (atlas) {
                  const gx = Math.round(Math.min(u0, u1) * atlas.width), gy = Math.round(Math.min(v0, v1) * atlas.height);
                  const gw = Math.round(Math.abs(u1 - u0) * atlas.width), gh = Math.round(Math.abs(v1 - v0) * atlas.height);
                  if (gw <= 0 || gh <= 0 || gw > 255 || gh > 255 || gx + gw > atlas.width || gy + gh > atlas.height) continue;
                  const key = ((gx * 65536 + gy) * 256 + gw) * 256 + gh;   // exact below 2^53
                  let slot = sheet.lookup(col, key);
                  if (slot === undefined) {
                    if (!addNow || !sheet.add(atlas, col, key, gx, gy, gw, gh)) {
                      missing.push(col, key, gx, gy, gw, gh);
                      drawing = addNow;   // a full sheet on the retry: that glyph alone is left out
                      continue;
                    }
                    slot = sheet.lookup(col, key);
                  }
                  if (!drawing) continue;
                  ctx.drawImage(sheet.canvas, slot[0] + 1, slot[1] + 1, gw, gh, x0, y0, x1 - x0, y1 - y0);
                  stats.glyphs++;
                }
                continue;
              }
            }
            // Any other triangle: into the path of its colour (the most opaque corner's, should
            // the corners differ).
            let tc = col;
            const cb = u32[b + 4], cd = u32[d + 4];
            if (cb !== col || cd !== col) { if (cb >>> 24 > tc >>> 24) tc = cb; if (cd >>> 24 > tc >>> 24) tc = cd; }
            triangle(tc, (ax - ox) * sx, (ay - oy) * sy, (bxv - ox) * sx, (byv - oy) * sy, (dx - ox) * sx, (dy - oy) * sy);
            e += 3;
          }
          flush();
          ctx.restore();
        }
      }
      ctx.restore();
      return missing;
    }

    return {
      stats: stats,
      atlasSize: function () { return atlas ? [atlas.width, atlas.height] : null; },
      setAtlas: function (alpha, width, height) {
        atlas = { alpha: alpha, width: width, height: height };
        sheet.clear();
      },
      render: function (heap, ptr) {
        const t0 = performance.now();
        stats.frames++;
        if (heap.u32[(ptr >> 2) + 7] > 0) stats.partial++;
        const missing = pass(heap, ptr, false);
        if (missing.length) {
          // Add what the frame lacked, then draw it again (all its pairs are on the sheet now,
          // unless the sheet was full: then it starts over and the last pass adds as it goes).
          stats.retries++;
          let full = false;
          for (let i = 0; i < missing.length && !full; i += 6) {
            if (sheet.lookup(missing[i], missing[i + 1]) !== undefined) continue;
            full = !sheet.add(atlas, missing[i], missing[i + 1], missing[i + 2], missing[i + 3], missing[i + 4], missing[i + 5]);
          }
          if (full) sheet.clear();
          pass(heap, ptr, full);
        }
        stats.ms = performance.now() - t0;
      },
    };
  }

  window.SellerDeskRender2D = { choose: choose, create: create };
})();
