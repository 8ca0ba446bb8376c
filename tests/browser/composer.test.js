// The reply composer in the real Chromium: insert a template (placeholders filled from the
// conversation), edit it with real key events in the editor, see the checker mark an e-mail
// address, be refused without an override, mark it sent with one, and keep drafts across a
// browser restart.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { settle, focusCanvas, startServer, tempProfile, launchProfile, openApp, state, dispatch, waitSaved } = require('./harness');

let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

// An open Amazon conversation about an order that has a tracking number.
async function openAmazon(page) {
  await dispatch(page, { type: 'filter', name: 'marketplace:amazon' });
  const rows = (await state(page)).rows.filter((r) => r.order_id && r.status === 'awaiting_seller');
  for (const r of rows) {
    await dispatch(page, { type: 'select', id: r.id });
    const s = await state(page);
    if (s.conversation.messages.every((m) => m.direction === 'inbound')) return s;
  }
  throw new Error('no unanswered Amazon conversation');
}

test('template in, real typing, checker marks the e-mail, override recorded when sent', async () => {
  const ctx = await launchProfile(tempProfile());
  try {
    const { page, errors } = await openApp(ctx, server.url);
    let s = await openAmazon(page);
    const id = s.conversation.id;
    assert.equal(s.composer.id, id);
    assert.equal(s.composer.text, '');
    assert.deepEqual(s.composer.findings.map((f) => f.rule), ['empty_reply']);   // shown only when sending
    assert.ok(s.templates.count >= 40, `only ${s.templates.count} templates`);

    const r = await dispatch(page, { type: 'insert_template', id, template: 'amazon-shipping-delay' });
    assert.equal(r.ok, true, JSON.stringify(r));
    s = await state(page);
    const customer = s.rows.find((x) => x.id === id).customer.split(' ')[0];
    assert.ok(s.composer.text.startsWith(`Dear ${customer},`), s.composer.text.slice(0, 40));
    assert.ok(s.composer.text.includes(s.conversation.order_id), 'order ID not filled in');
    assert.ok(!/\{(customer_name|order_id|item|agent_name)\}/.test(s.composer.text), 'a known value was left unfilled');
    assert.equal(s.composer.findings.filter((f) => f.severity === 'error').length, 0, JSON.stringify(s.composer.findings));

    // The editor is a real textarea over the canvas: click into it and type at the end.
    const editor = page.locator('#reply-editor');
    assert.equal(await editor.isVisible(), true);
    assert.equal(await editor.inputValue(), s.composer.text);
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nP.S. You can also write to anna.shop@gmail.com', { delay: 10 });
    await settle(page);
    s = await state(page);
    assert.ok(s.composer.text.endsWith('anna.shop@gmail.com'));
    const email = s.composer.findings.find((f) => f.rule === 'email_address');
    assert.ok(email, 'no e-mail finding: ' + JSON.stringify(s.composer.findings));
    assert.equal(email.severity, 'error');
    assert.equal(s.composer.text.slice(email.start, email.end), 'anna.shop@gmail.com');
    // ... and the editor shows it: a red mark under exactly that text.
    await page.waitForFunction(() => [...document.querySelectorAll('#editor mark.error')].some((m) => m.textContent === 'anna.shop@gmail.com'));

    // Undo in the editor is the browser's own.
    await page.keyboard.press('Control+z');
    await settle(page);
    assert.ok(!(await state(page)).composer.text.includes('anna.shop@gmail.com'), 'Ctrl+Z did not undo the typing');
    await page.keyboard.press('Control+Shift+z');
    await settle(page);
    assert.ok((await state(page)).composer.text.includes('anna.shop@gmail.com'), 'redo did not bring it back');

    // Sending with an error needs an explicit override, which is recorded on the message.
    let sent = await dispatch(page, { type: 'mark_sent', id, override: false });
    assert.equal(sent.ok, false);
    assert.match(sent.error, /email_address/);
    assert.equal((await state(page)).conversation.messages.length, s.conversation.messages.length, 'a refused send added a message');
    sent = await dispatch(page, { type: 'mark_sent', id, override: true });
    assert.equal(sent.ok, true, JSON.stringify(sent));
    s = await state(page);
    const last = s.conversation.messages[s.conversation.messages.length - 1];
    assert.equal(last.direction, 'outbound');
    assert.equal(last.override_checks, true);
    assert.ok(last.body.includes('anna.shop@gmail.com'));
    assert.equal(s.conversation.status, 'awaiting_customer');
    assert.equal(s.composer.text, '');
    assert.equal(await editor.inputValue(), '');
    assert.match(s.rows.find((x) => x.id === id).sla.state, /^answered/);   // the clock stopped (late or in time)
    assert.deepEqual(errors, []);
  } finally { await ctx.close(); }
});

test('Ctrl+Enter in the editor sends a clean reply; drafts survive a restart; bad input is refused', async () => {
  const dir = tempProfile();
  let ctx = await launchProfile(dir);
  let draftId;
  try {
    const { page } = await openApp(ctx, server.url);
    let s = await openAmazon(page);
    const id = s.conversation.id;
    const n = s.conversation.messages.length;
    await page.locator('#reply-editor').click();
    await page.keyboard.type('Hello, thank you for your message. Your parcel is on its way and should arrive within 3 business days.\nBest regards,\nLily', { delay: 5 });
    await page.keyboard.press('Control+Enter');
    await settle(page);
    s = await state(page);
    assert.equal(s.conversation.messages.length, n + 1, 'Ctrl+Enter did not mark the reply sent');
    assert.ok(!s.conversation.messages[n].override_checks, 'a clean reply was marked as overridden');

    // A draft typed in another conversation is saved on its own (no button) and kept.
    const other = s.rows.find((r) => r.id !== id && r.marketplace === 'amazon');
    draftId = other.id;
    await dispatch(page, { type: 'select', id: draftId });
    await page.locator('#reply-editor').click();
    await page.keyboard.type('Half-written answer about the refund', { delay: 5 });
    await page.waitForFunction(() => window.sellerdesk.state().composer.draft_saved === true, null, { timeout: 5000 });
    await waitSaved(page);

    // Bad input changes nothing.
    let r = await dispatch(page, { type: 'insert_template', id: draftId, template: 'no-such-template' });
    assert.equal(r.ok, false);
    assert.match(r.error, /no-such-template/);
    r = await dispatch(page, { type: 'mark_sent', id: draftId, override: 'yes' });
    assert.equal(r.ok, false);
    r = await dispatch(page, { type: 'draft', id: 'nope', text: 'x' });
    assert.equal(r.ok, false);
    assert.equal((await state(page)).composer.text, 'Half-written answer about the refund');
  } finally { await ctx.close(); }

  ctx = await launchProfile(dir);
  try {
    const { page } = await openApp(ctx, server.url);
    await dispatch(page, { type: 'select', id: draftId });
    const s = await state(page);
    assert.equal(s.composer.text, 'Half-written answer about the refund');
    assert.equal(await page.locator('#reply-editor').inputValue(), 'Half-written answer about the refund');
    // An empty reply cannot be sent, even with an override.
    await dispatch(page, { type: 'draft', id: draftId, text: '   ' });
    const r = await dispatch(page, { type: 'mark_sent', id: draftId, override: true });
    assert.equal(r.ok, false);
    assert.match(r.error, /empty/);
  } finally { await ctx.close(); }
});

test('the template picker works from the keyboard; the library saves, validates and deletes', async () => {
  const ctx = await launchProfile(tempProfile());
  try {
    const { page } = await openApp(ctx, server.url);
    const s0 = await openAmazon(page);
    const id = s0.conversation.id;
    await focusCanvas(page);
    await page.keyboard.press('t');           // opens the picker over the composer
    await settle(page);
    assert.equal(await page.locator('#reply-editor').isVisible(), false, 'the editor stays over the picker');
    await page.keyboard.type('return', { delay: 20 });
    await page.keyboard.press('Enter');
    await settle(page);
    let s = await state(page);
    assert.ok(s.composer.text.length > 100, 'Enter in the picker inserted nothing');
    assert.ok(/return/i.test(s.composer.text));
    assert.equal(await page.locator('#reply-editor').isVisible(), true);

    // A user template: unknown placeholders are refused when saved, with the reason.
    const tpl = { id: 'my-vip', marketplace: 'amazon', category: 'general', title_zh: '老客户问候', guidance_zh: '用于老客户',
      body: { en: 'Hi {customer_name}, thanks for coming back! {coupon}' } };
    let r = await dispatch(page, { type: 'template_save', template: tpl });
    assert.equal(r.ok, false);
    assert.match(r.error, /coupon/);
    tpl.body.en = 'Hi {customer_name}, thank you for shopping with {store_name} again.\nBest regards,\n{agent_name}';
    r = await dispatch(page, { type: 'template_save', template: tpl });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal((await state(page)).templates.count, s.templates.count + 1);
    await dispatch(page, { type: 'draft', id, text: '' });
    r = await dispatch(page, { type: 'insert_template', id, template: 'my-vip' });
    assert.equal(r.ok, true);
    s = await state(page);
    assert.ok(s.composer.text.includes('BrightNest Home') && s.composer.text.endsWith(s.settings.agent_name), s.composer.text);
    r = await dispatch(page, { type: 'template_delete', template: 'my-vip' });
    assert.equal(r.ok, true);
    assert.equal((await state(page)).templates.count, s.templates.count - 1);
    assert.equal((await dispatch(page, { type: 'insert_template', id, template: 'my-vip' })).ok, false);
  } finally { await ctx.close(); }
});
