// SellerDesk's text fields: one browser <input> or <textarea> per text field the app draws, laid
// over the canvas where the app draws the field's frame (src/app/text_field.cpp). The browser
// does the editing: typing, IME composition for Chinese, paste, selection, undo, spell check, so
// what is typed goes to the focused field and nowhere else. The app places every field it draws
// each frame; endFrame() hides the rest. The reply editor ("composer") also shows the reply
// checker's findings as coloured marks on a backdrop behind its transparent text.
'use strict';
window.SellerDeskTextFields = function (hooks) {
  // hooks: input(id, text, caret), key(id, key, caret), focus(id), wake()
  const fields = new Map();      // id -> field
  let placed = new Set();        // ids placed this frame
  let pending = null;            // {id, start, end, typed}: focus asked for a field not shown yet
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

  function drawMarks(f) {
    if (!f.back) return;
    const t = f.el.value;
    let html = '', at = 0;
    for (const m of f.marks) {
      if (m.start < at || m.end > t.length) continue;
      html += esc(t.slice(at, m.start)) + '<mark class="' + m.severity + '">' + esc(t.slice(m.start, m.end)) + '</mark>';
      at = m.end;
    }
    f.back.innerHTML = html + esc(t.slice(at)) + '\n';
    f.back.scrollTop = f.el.scrollTop;
  }

  function create(id, multiline, marks) {
    const box = document.createElement('div');
    box.className = 'sd-field' + (multiline ? ' multiline' : '') + (marks ? ' with-marks' : '');
    box.dataset.field = id;
    if (id === 'composer') box.id = 'editor';
    const back = marks ? document.createElement('div') : null;
    if (back) { back.className = 'marks'; box.append(back); }
    const el = document.createElement(multiline ? 'textarea' : 'input');
    if (!multiline) el.type = /password$/.test(id) ? 'password' : 'text';   // the sync window's password (text_field.h)
    el.id = id === 'composer' ? 'reply-editor' : 'field-' + id.replace(/[^a-z0-9_-]/gi, '-');
    el.spellcheck = multiline;
    el.autocomplete = 'off';
    box.append(el);
    document.body.appendChild(box);
    const f = { id: id, box: box, el: el, back: back, marks: [], multiline: multiline, key: '', shown: undefined };
    const caret = () => el.selectionStart == null ? -1 : el.selectionStart;
    el.addEventListener('input', function () { hooks.input(id, el.value, caret()); drawMarks(f); hooks.wake(); });
    el.addEventListener('scroll', function () { if (back) back.scrollTop = el.scrollTop; });
    for (const ev of ['select', 'click', 'keyup']) el.addEventListener(ev, function (e) { hooks.key(id, 'caret', caret()); e.stopPropagation(); });
    el.addEventListener('keydown', function (e) {
      e.stopPropagation();   // typing in a field is never an inbox shortcut
      if (e.isComposing || e.keyCode === 229) return;   // the IME is composing: its keys are its own
      const ctrl = e.ctrlKey || e.metaKey;
      let name = '';
      if (e.key === 'Enter' && ctrl) name = 'ctrl+enter';
      else if (e.key === 'Enter' && !multiline) name = e.shiftKey ? 'shift+enter' : 'enter';
      else if (e.key === 'Escape') name = 'escape';
      else if (e.key === 'ArrowUp' && !multiline) name = 'up';
      else if (e.key === 'ArrowDown' && !multiline) name = 'down';
      else if (ctrl && e.key === '/') name = 'ctrl+/';
      if (!name) return;
      e.preventDefault();
      hooks.key(id, name, caret());
      hooks.wake();
    });
    el.addEventListener('focus', function () { hooks.focus(id); hooks.wake(); });
    el.addEventListener('blur', function () {
      // Another field may take the focus in the same tick: report "" only if none has it.
      setTimeout(function () { if (!current()) { hooks.focus(''); hooks.wake(); } }, 0);
    });
    for (const ev of ['paste', 'mousedown', 'wheel', 'contextmenu']) el.addEventListener(ev, function (e) { e.stopPropagation(); });
    fields.set(id, f);
    return f;
  }

  function current() {
    const a = document.activeElement;
    if (!a) return null;
    for (const f of fields.values()) if (f.el === a) return f;
    return null;
  }

  function show(f, on) {
    if (f.shown === on) return;
    f.shown = on;
    f.box.style.display = on ? 'block' : 'none';
  }

  function applyPending(f) {
    if (!pending || pending.id !== f.id || !f.shown) return;
    const p = pending;
    pending = null;
    f.el.focus({ preventScroll: true });
    const n = f.el.value.length;
    f.el.setSelectionRange(p.start < 0 ? n : Math.min(p.start, n), p.end < 0 ? n : Math.min(p.end, n));
    // Keys pressed on the page while the field was on its way, in order: text typed into it,
    // then the keys it reports (Enter in the template picker…).
    for (const k of p.typed) {
      if (k.text) {
        const at = f.el.selectionStart == null ? f.el.value.length : f.el.selectionStart;
        f.el.setRangeText(k.text, at, f.el.selectionEnd == null ? at : f.el.selectionEnd, 'end');
        hooks.input(f.id, f.el.value, f.el.selectionStart);
        drawMarks(f);
      } else {
        hooks.key(f.id, k.key, f.el.selectionStart);
      }
    }
  }

  return {
    place: function (id, x, y, w, h, multiline, visible, marks, tab, fontPx, hint, label) {
      let f = fields.get(id);
      if (!f || f.multiline !== multiline || !!f.back !== marks) {   // made by setText before its first placing
        const old = f ? f.el.value : '';
        if (f) f.box.remove();
        f = create(id, multiline, marks);
        f.el.value = old;
      }
      placed.add(id);
      const key = [Math.round(x), Math.round(y), Math.round(w), Math.round(h), tab, fontPx, hint, label].join('|');
      if (key !== f.key) {
        f.key = key;
        const s = f.box.style;
        s.left = Math.round(x) + 'px'; s.top = Math.round(y) + 'px'; s.width = Math.round(w) + 'px'; s.height = Math.round(h) + 'px';
        f.el.style.fontSize = fontPx + 'px';
        if (f.back) f.back.style.fontSize = fontPx + 'px';
        f.el.tabIndex = tab;
        f.el.placeholder = hint;
        f.el.setAttribute('aria-label', label || hint);
      }
      show(f, visible);
      applyPending(f);
    },
    endFrame: function () {
      for (const [id, f] of fields) if (!placed.has(id)) show(f, false);
      placed = new Set();
    },
    setText: function (id, text, caretPos) {
      const f = fields.get(id) || create(id, false, false);
      if (f.el.value !== text) f.el.value = text;
      const c = caretPos < 0 ? text.length : Math.min(caretPos, text.length);
      if (document.activeElement === f.el) f.el.setSelectionRange(c, c);
      drawMarks(f);
    },
    setMarks: function (id, marks) {
      const f = fields.get(id);
      if (!f) return;
      f.marks = marks;
      drawMarks(f);
    },
    focus: function (id, start, end) {
      pending = { id: id, start: start, end: end, typed: [], since: performance.now() };
      const f = fields.get(id);
      if (f) applyPending(f);
    },
    blur: function () {
      pending = null;
      const f = current();
      if (f) f.el.blur();
      hooks.canvasFocus();
    },
    // A key pressed on the page while a field is on its way: typed into it when it arrives (a
    // field that does not come within a second is given up, and keys act on the page again).
    typeAhead: function (e) {
      if (!pending) return false;
      if (performance.now() - pending.since > 1000) { pending = null; return false; }
      if (e.ctrlKey || e.metaKey || e.altKey) return false;
      const keys = { Enter: 'enter', Escape: 'escape', ArrowUp: 'up', ArrowDown: 'down' };
      if (e.key.length === 1) pending.typed.push({ text: e.key });
      else if (keys[e.key]) pending.typed.push({ key: keys[e.key] });
      else return false;
      return true;
    },
    current: function () { const f = current(); return f ? f.id : ''; },
  };
};
