// SellerDesk's screen-reader mirror. The app draws everything on a canvas, which a screen reader
// cannot read; this keeps visually hidden DOM (clipped to 1 px, not display:none, so it stays in
// the accessibility tree) describing what the canvas shows: the folders with their counts, the
// list rows that are drawn (a grid that knows how many rows there are in all), the open thread
// with every message, and a polite live region with the counts and the save state.
//
// The app sends a compact JSON (src/app/a11y_mirror.cpp) only when something it shows changed;
// each part of the DOM is touched only when its own part of the JSON changed, and rows and
// folders are updated in place, so a screen reader's virtual cursor is not thrown off. Nothing
// here takes the keyboard focus: the elements are not in the Tab order (tabindex -1); activating
// one with a screen reader (a click) sends the same command as the mouse on the canvas.
'use strict';
window.SellerDeskA11y = (function () {
  const CSS = '.sd-sr-only { position: absolute; left: 0; top: 0; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; ' +
    'overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }' +
    '.sd-sr-only p { white-space: pre-wrap; } .sd-sr-only ul { list-style: none; }';
  const COLUMNS = ['Marketplace', 'Customer', 'Subject', 'Order ID', 'Respond in', 'Read state'];
  let parts = null;           // the DOM, made on the first update
  const last = {};            // each part's JSON as last applied
  let updates = 0;

  function make(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function attr(e, name, value) {
    const v = String(value);
    if (e.getAttribute(name) !== v) e.setAttribute(name, v);
  }
  function text(e, t) { if (e.textContent !== t) e.textContent = t; }

  function build() {
    const style = make('style');
    style.textContent = CSS;
    document.head.appendChild(style);
    const root = make('div', { id: 'sd-a11y', class: 'sd-sr-only' });
    const status = make('div', { id: 'sd-a11y-status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'false' });
    const counts = make('span', { id: 'sd-a11y-counts' }), save = make('span', { id: 'sd-a11y-save' });
    status.append(counts, ' ', save);
    const nav = make('nav', { id: 'sd-a11y-folders', 'aria-label': 'Folders' });
    const grid = make('div', { id: 'sd-a11y-list', role: 'grid', 'aria-readonly': 'true', 'aria-label': 'Conversations' });
    const head = make('div', { role: 'row', 'aria-rowindex': '1' });
    for (const c of COLUMNS) head.append(make('div', { role: 'columnheader' }, c));
    const headGroup = make('div', { role: 'rowgroup' }), rows = make('div', { role: 'rowgroup' });
    headGroup.append(head);
    grid.append(headGroup, rows);
    const thread = make('section', { id: 'sd-a11y-thread', 'aria-label': 'Open conversation' });
    root.append(make('h1', {}, 'SellerDesk'), status, nav, grid, thread);
    document.body.appendChild(root);
    // A screen reader activates an element with a click (Enter in its browse mode).
    root.addEventListener('click', activate);
    root.addEventListener('keydown', function (e) {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      if (activate(e)) { e.preventDefault(); e.stopPropagation(); }
    });
    return { counts: counts, save: save, nav: nav, grid: grid, rows: rows, thread: thread };
  }

  function activate(e) {
    const bridge = window.sellerdesk;
    if (!bridge || !bridge.ready) return false;
    const row = e.target.closest('[data-id]'), folder = e.target.closest('[data-filter]');
    if (row) bridge.dispatch({ type: 'select', id: row.dataset.id });
    else if (folder) bridge.dispatch({ type: 'filter', name: folder.dataset.filter });
    return !!(row || folder);
  }

  function showStatus(s) {
    text(parts.counts, s.counts + '.');
    text(parts.save, s.save);
  }

  // The folders by group, each a button named with its count; rebuilt only when the set of
  // folders changes, otherwise renamed in place.
  function showFolders(folders) {
    const shape = folders.map(function (f) { return f.group + '/' + f.filter; }).join('|');
    if (parts.nav.dataset.shape !== shape) {
      parts.nav.dataset.shape = shape;
      parts.nav.replaceChildren();
      let list = null, group = null;
      for (const f of folders) {
        if (f.group !== group) {
          group = f.group;
          const id = 'sd-a11y-group-' + parts.nav.children.length;
          parts.nav.append(make('h2', { id: id }, group));
          list = make('ul', { 'aria-labelledby': id });
          parts.nav.append(list);
        }
        const li = make('li');
        li.append(make('button', { type: 'button', tabindex: '-1', 'data-filter': f.filter }));
        list.append(li);
      }
    }
    const buttons = parts.nav.querySelectorAll('button');
    folders.forEach(function (f, i) {
      text(buttons[i], f.name);
      if (f.current) attr(buttons[i], 'aria-current', 'true');
      else if (buttons[i].hasAttribute('aria-current')) buttons[i].removeAttribute('aria-current');
    });
  }

  // The rows the list drew, in place: row i of the DOM shows row i of the screen.
  function showList(list) {
    attr(parts.grid, 'aria-label', list.label);
    attr(parts.grid, 'aria-rowcount', list.total + 1);   // + the header row
    const body = parts.rows;
    while (body.children.length > list.rows.length) body.lastElementChild.remove();
    list.rows.forEach(function (r, i) {
      let tr = body.children[i];
      if (!tr) {
        tr = make('div', { role: 'row', tabindex: '-1' });
        for (let k = 0; k < COLUMNS.length; ++k) tr.append(make('div', { role: 'gridcell' }));
        body.append(tr);
      }
      tr.dataset.id = r.id;
      attr(tr, 'aria-rowindex', r.index + 1);
      attr(tr, 'aria-label', r.name);
      attr(tr, 'aria-selected', r.selected ? 'true' : 'false');
      r.cells.forEach(function (c, k) { text(tr.children[k], c); });
    });
  }

  function messageName(m) { return m.author + ' (' + m.role + '), ' + m.at + (m.flags ? ', ' + m.flags : ''); }

  // The open thread: its subject, facts and every message with author and time.
  function showThread(t) {
    const box = parts.thread;
    if (!t) {
      delete box.dataset.id;
      attr(box, 'aria-label', 'Open conversation');
      box.replaceChildren(make('p', {}, 'No conversation is open.'));
      return;
    }
    attr(box, 'aria-label', 'Conversation: ' + t.subject);
    if (box.dataset.id !== t.id || box.querySelectorAll('[role=article]').length !== t.messages.length) {
      box.dataset.id = t.id;
      box.replaceChildren(make('h2'), make('p'));
      for (let i = 0; i < t.messages.length; ++i) {
        const a = make('div', { role: 'article' });
        a.append(make('h3'), make('p'));
        box.append(a);
      }
    }
    text(box.children[0], t.subject);
    text(box.children[1], t.facts.join('; ') + '.');
    t.messages.forEach(function (m, i) {
      const a = box.children[i + 2];
      a.dataset.message = m.id;
      attr(a, 'aria-label', messageName(m));
      text(a.children[0], messageName(m));
      text(a.children[1], m.text);
    });
  }

  function update(json) {
    const m = JSON.parse(json);
    if (!parts) parts = build();
    const show = { status: showStatus, folders: showFolders, list: showList, thread: showThread };
    for (const key in show) {
      const part = JSON.stringify(m[key]);
      if (last[key] === part) continue;
      last[key] = part;
      show[key](m[key]);
    }
    updates++;
  }

  // The live region is in the page from the start: screen readers announce changes only to a
  // region they have already seen.
  if (document.body) parts = build();
  else document.addEventListener('DOMContentLoaded', function () { if (!parts) parts = build(); });

  return { update: update, get updates() { return updates; } };
})();
