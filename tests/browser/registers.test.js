// Tmall registers in the page: entries added through the bridge and through the thread's
// "Add to register…" form, the discount authority rule, state().registers after a reload, the
// entries in the export, and the window's CSV download with its BOM.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { startServer, tempProfile, launchProfile, openApp, state, dispatch, settle, waitSaved, clickRect } = require('./harness');

let server;
test.before(async () => { server = await startServer(); });
test.after(() => server.stop());

// Tmall conversations with an order, with their SKU (read from state().order once opened).
async function tmallOrders(page, max = 60) {
  return page.evaluate((max) => {
    const sd = window.sellerdesk;
    const rows = sd.state().rows.filter((r) => r.marketplace === 'tmall' && r.order_id).slice(0, max);
    const out = rows.map((r) => {
      sd.dispatch({ type: 'select', id: r.id });
      return { id: r.id, order_id: r.order_id, sku: sd.state({ max_rows: 0 }).order.sku };
    });
    sd.dispatch({ type: 'select', id: null });
    return out;
  }, max);
}

// Two conversations about the same product, and one about another.
function pickSameProduct(orders) {
  const bySku = new Map();
  for (const o of orders) bySku.set(o.sku, (bySku.get(o.sku) || []).concat([o]));
  const pair = [...bySku.values()].find((l) => l.length >= 2);
  assert.ok(pair, 'the demo has two Tmall orders of one product');
  const other = orders.find((o) => o.sku !== pair[0].sku);
  return { a: pair[0], b: pair[1], other };
}

const registers = async (page) => (await state(page)).registers;

test('register_add through the bridge: authority rule, refusals, totals by product, reload', async () => {
  const dir = tempProfile();
  let ctx = await launchProfile(dir);
  let before;
  try {
    const { page, errors } = await openApp(ctx, server.url);
    const { a, b, other } = pickSameProduct(await tmallOrders(page));
    const walmart = (await state(page)).rows.find((r) => r.marketplace === 'walmart');
    const add = (cmd) => dispatch(page, Object.assign({ type: 'register_add', register: 'wrong_shipment', text: '发错颜色' }, cmd));

    // Over 20 yuan without a supervisor: refused, nothing added.
    let r = await add({ id: a.id, amount_cents: 2001 });
    assert.equal(r.ok, false);
    assert.match(r.error, /over 20\.00 yuan \(20\.01\) needs a supervisor's approval/);
    for (const [cmd, why] of [
      [{ id: a.id, amount_cents: -5 }, /cannot be negative/],
      [{ id: a.id, amount_cents: 2000, register: 'refunds' }, /"register" must be "wrong_shipment" or "lost_parcel"/],
      [{ id: 'no-such-conversation', amount_cents: 100 }, /no conversation "no-such-conversation"/],
      [{ id: walmart.id, amount_cents: 100 }, /kept for Tmall orders/],
      [{ id: a.id, amount_cents: 3000, approved_by: 'Lily Wang' }, /someone other than the agent/],
      [{ id: a.id, amount_cents: 12.5 }, /whole number of fen/],
    ]) {
      r = await add(cmd);
      assert.equal(r.ok, false, JSON.stringify(cmd));
      assert.match(r.error, why);
    }
    assert.equal((await registers(page)).wrong_shipment.count, 0);

    // Accepted: exactly 20 yuan by the agent alone, more with a supervisor.
    r = await add({ id: a.id, amount_cents: 2000 });
    assert.equal(r.ok, true, r.error);
    assert.match(r.entry_id, new RegExp('^' + a.id + '-reg1-'));
    assert.equal((await add({ id: b.id, amount_cents: 3550, approved_by: 'Chen Jie' })).ok, true);
    assert.equal((await add({ id: other.id, amount_cents: 0 })).ok, true);
    const lost = await dispatch(page, { type: 'register_add', register: 'lost_parcel', id: b.id, amount_cents: 12900, text: '快递丢件', approved_by: 'Chen Jie' });
    assert.equal(lost.ok, true);
    assert.deepEqual(await dispatch(page, { type: 'register_set_status', entry_id: lost.entry_id, status: 'compensated' }), { ok: true });
    assert.equal((await dispatch(page, { type: 'register_set_status', entry_id: lost.entry_id, status: 'paid' })).ok, false);

    const s = await registers(page);
    assert.equal(s.wrong_shipment.count, 3);
    assert.equal(s.wrong_shipment.total_cents, 2000 + 3550 + 0);
    assert.deepEqual(s.wrong_shipment.by_status, { open: 3, reshipped: 0, compensated: 0, closed: 0 });
    assert.deepEqual(s.wrong_shipment.by_product[0], { product: a.sku, count: 2, conversations: 2, cents: 5550 });
    const entry = s.wrong_shipment.entries.find((e) => e.conversation_id === b.id);
    assert.equal(entry.order_id, b.order_id);
    assert.equal(entry.approved_by, 'Chen Jie');
    assert.equal(entry.agent, 'Lily Wang');
    assert.equal(s.lost_parcel.count, 1);
    assert.equal(s.lost_parcel.entries[0].status, 'compensated');
    assert.equal(s.lost_parcel.by_status.compensated, 1);

    // The export carries them.
    const text = await page.evaluate(() => window.sellerdesk.exportJson());
    assert.ok(text.includes('"registers":['));
    assert.ok(text.includes(lost.entry_id));
    await waitSaved(page);
    before = { wrong_shipment: s.wrong_shipment, lost_parcel: s.lost_parcel };
    assert.deepEqual(errors, []);
  } finally { await ctx.close(); }

  // Same profile, new browser: the entries are still there, statuses included.
  ctx = await launchProfile(dir);
  try {
    const { page, errors } = await openApp(ctx, server.url);
    const s = await registers(page);
    assert.deepEqual({ wrong_shipment: s.wrong_shipment, lost_parcel: s.lost_parcel }, before);
    assert.deepEqual(errors, []);
  } finally { await ctx.close(); }
});

test('Add to register… in the thread, Team → Registers…, and the CSV download', async () => {
  // Wide enough for the thread's action row (a narrower pane folds it into "Actions…").
  const ctx = await launchProfile(tempProfile(), { viewport: { width: 1920, height: 1080 } });
  try {
    const { page, errors } = await openApp(ctx, server.url);
    const [conv] = await tmallOrders(page, 1);
    await dispatch(page, { type: 'select', id: conv.id });
    await settle(page, 4);
    await clickRect(page, (await registers(page)).layout.add_action);
    await page.locator('#field-register_amount').fill('35.5');
    await page.locator('#field-register_text').fill('少发一个配件, "赠品"');
    await settle(page, 4);
    // Over 20 yuan: the supervisor's field shows, and Add without it is refused.
    await clickRect(page, (await registers(page)).layout.form_add);
    assert.equal((await registers(page)).wrong_shipment.count, 0);
    await page.locator('#field-register_supervisor').fill('Chen Jie');
    await settle(page, 4);
    await clickRect(page, (await registers(page)).layout.form_add);
    let s = await registers(page);
    assert.equal(s.wrong_shipment.count, 1);
    const e = s.wrong_shipment.entries[0];
    assert.equal(e.amount_cents, 3550);
    assert.equal(e.approved_by, 'Chen Jie');
    assert.equal(e.conversation_id, conv.id);
    assert.equal(e.product, conv.sku);

    // Team → Registers… (the menu's first item), then Export CSV.
    const team = (await state(page)).layout.menus.team;
    assert.ok(team, 'the Team menu was drawn');
    await page.mouse.click(team.x + team.w / 2, team.y + team.h / 2);
    await settle(page, 4);
    await page.mouse.click(team.x + 20, team.y + team.h + 12);
    await settle(page, 6);
    assert.equal((await state(page)).windows.registers, true);
    s = await registers(page);
    const [dl] = await Promise.all([page.waitForEvent('download'), clickRect(page, s.layout.export_wrong_shipment)]);
    assert.match(dl.suggestedFilename(), /^sellerdesk-wrong_shipment-\d{8}\.csv$/);
    const bytes = fs.readFileSync(await dl.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    assert.equal(lines[0], 'entry_id,date,conversation_id,order_id,product,what,amount_yuan,agent,approved_by,status');
    assert.equal(lines[1], [e.id, e.at, conv.id, conv.order_id, conv.sku, '"少发一个配件, ""赠品"""', '35.50', 'Lily Wang', 'Chen Jie', 'open'].join(','));
    assert.equal(lines.length, 3);   // header, one entry, and the last CRLF
    assert.deepEqual(errors, []);
  } finally { await ctx.close(); }
});
