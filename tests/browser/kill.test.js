// The kill test: SellerDesk must never lose an edit it said was saved. We launch Debian's Chromium
// ourselves (not through playwright's launcher) so we can SIGKILL its whole process group like a
// power cut or an OOM kill, then relaunch on the same profile and check what IndexedDB kept.
//
// Each round: relaunch on the profile, open the app, check the previous round (it loads, no
// notice about a lost inbox, every ACKNOWLEDGED field value is there, and every other touched
// field holds a value that was really written: nothing half-written), then make a random number
// of random edits (read state, labels, status, assignee, draft, notes) on random conversations.
// After some of them we wait for state().save.state === "saved": everything edited up to that
// point is acknowledged (last write wins per field). Then the browser is killed: right after a
// dispatch (mid-sync), after a random delay, right after a burst of edits, during a burst that
// has not even returned yet, or after "saved". One profile for the whole run: state accumulates
// across kills.
//
//   cd tests/browser && node --test --test-reporter=tap kill.test.js      (20 rounds)
//   ROUNDS=200 SEED=12345 node --test kill.test.js                        (or: node kill.test.js --rounds 200 --seed 12345)
//
// The seed is printed; the same seed makes the same edits and kill points (timing still varies,
// so a failure may need a few runs to reproduce). scripts/soak.sh runs it with many rounds.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const { chromium } = require('playwright-core');
const { startServer, tempProfile, numberArg } = require('./harness');

const CHROMIUM = process.env.SD_CHROMIUM || '/usr/bin/chromium';
// The harness's flags (harness.js ARGS), those playwright's launcher adds for it (software WebGL,
// no throttling of background timers), and what launching by hand needs.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  '--enable-unsafe-swiftshader', '--disable-background-timer-throttling', '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows', '--mute-audio', '--hide-scrollbars', '--password-store=basic', '--use-mock-keychain',
  '--headless=new', '--remote-debugging-port=0', '--no-default-browser-check', '--window-size=1400,860'];

const ROUNDS = numberArg('rounds', Number(process.env.ROUNDS) || 20);
const SEED = numberArg('seed', process.env.SEED !== undefined && process.env.SEED !== '' ? Number(process.env.SEED) : (Date.now() ^ (process.pid << 16)) >>> 0) >>> 0;
const VERBOSE = Number(process.env.KILL_VERBOSE || 0);   // 1: a line per round, 2: with the app's start-up marks
const POOL = 40;           // conversations edited (edits pile up on the same ones across rounds)
const LABELS = ['kt_red', 'kt_blue', 'kt_green', 'follow_up'];
const AGENTS = ['', 'Lily Wang', 'Chen Jie', '小周', 'Kill Tester'];
const STATUSES = ['awaiting_seller', 'awaiting_customer', 'closed'];
const NOTE_PREFIX = 'kt-note ';
const WORDS = ['parcel', 'refund', 'tracking', 'buyer', 'called', 'reship', 'address', 'customs', '已退款', '快递', '客户',
  'Grüße', 'naïve', '📦', '✅', 'zwölf', 'order', 'late', 'ok', '—', 'x'];

let server, profile;
let live = null;   // the browser of the current round, killed in after() if a round throws
before(async () => { server = await startServer(); profile = tempProfile(); });
after(async () => {
  if (live) await killBrowser(live);
  if (server) server.stop();
});

// ---- seeded randomness ---------------------------------------------------------------------------
function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(SEED);
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));   // inclusive
const pick = (a) => a[Math.floor(rnd() * a.length)];
function text(minWords, maxWords) {
  const n = int(minWords, maxWords), w = [];
  for (let i = 0; i < n; i++) w.push(pick(WORDS));
  return w.join(' ');
}
// A text that tells whether it arrived whole: it ends with its own length and a checksum.
function sealed(prefix, body) {
  let h = 2166136261;
  for (const ch of body) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
  return `${prefix}${body} |${body.length}:${h.toString(16)}`;
}

// ---- the browser, launched and killed by hand --------------------------------------------------------
// The app's URL is the start page: it loads while playwright connects.
async function launchBrowser(dir, url) {
  const child = spawn(CHROMIUM, [...FLAGS, `--user-data-dir=${dir}`, url], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const b = { child, dir, stderr: '', exited: new Promise((resolve) => child.once('exit', resolve)) };
  live = b;
  const ws = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Chromium did not print its DevTools address in 30 s:\n' + b.stderr.slice(-2000))), 30000);
    child.stderr.on('data', (d) => {
      b.stderr = (b.stderr + d).slice(-20000);
      const m = b.stderr.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.once('exit', (code, sig) => { clearTimeout(timer); reject(new Error(`Chromium exited (${code} ${sig}) before listening:\n${b.stderr.slice(-2000)}`)); });
  });
  b.browser = await chromium.connectOverCDP(ws);
  const ctx = b.browser.contexts()[0];
  b.page = ctx.pages().find((p) => p.url().startsWith(url)) || ctx.pages()[0] || await ctx.newPage();
  b.errors = [];
  b.page.on('pageerror', (e) => b.errors.push(String(e)));
  return b;
}

// Processes still running whose command line names this profile (Chromium's helpers).
function profileProcesses(dir) {
  const pids = [];
  for (const p of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try { if (fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(dir)) pids.push(Number(p)); } catch { /* gone */ }
  }
  return pids;
}

async function killBrowser(b) {
  try { process.kill(-b.child.pid, 'SIGKILL'); } catch { /* already gone */ }
  await b.exited;
  // Every helper process must be gone before the profile is opened again.
  for (let i = 0; ; i++) {
    const left = profileProcesses(b.dir);
    if (!left.length) break;
    if (i === 50) {   // not in our process group (should not happen): kill them by PID
      for (const pid of left) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    }
    if (i > 100) throw new Error('Chromium processes survived SIGKILL: ' + left.join(' '));
    await sleep(100);
  }
  b.browser.close().catch(() => {});   // the connection is dead already; just drop playwright's side
  if (live === b) live = null;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function openApp(b, url) {
  for (let i = 0; i < 100 && !b.page.url().startsWith(server.url); i++) await sleep(50);   // the start page
  if (!b.page.url().startsWith(server.url)) await b.page.goto(url);
  await b.page.waitForFunction(() => window.sellerdesk && window.sellerdesk.ready === true, null, { timeout: 60000, polling: 50 });
  // Every other start reads the message texts after the first frame, as a large inbox does
  // (?defer_texts=1): the export that checks the round needs them in.
  await b.page.waitForFunction(() => window.sellerdesk.state({ max_rows: 0 }).message_texts.ready === true, null, { timeout: 60000, polling: 50 });
}

// ---- the model -------------------------------------------------------------------------------------
// Fields: "<id>|unread", "<id>|status", "<id>|assignee", "<id>|draft", "<id>|label:<name>" (bool),
// "<id>|note:<text>" (bool: the note is there).
const baseline = new Map();      // field -> value read at the start of the round (known to be in IndexedDB)
const allNotes = new Set();      // every note text ever dispatched (whole)
const pinned = new Set();        // fields whose current value was acknowledged ("saved") in some round
const stats = { rounds: 0, acked: 0, ackedNew: 0, fields: 0, lostUnacked: 0, keptUnacked: 0, notPrefix: 0, notices: [], modes: {} };

// A text of about `bytes` UTF-8 bytes.
function bigText(bytes) {
  let t = '';
  while (Buffer.byteLength(t) < bytes) t += pick(WORDS) + ' ';
  return t;
}

let ALL_IDS = [];                // every conversation (set in round 1)
const BULK = 'kt_bulk';          // toggled on all of them at once: "all" or "none", never a mix

// The edit as a command plus the field values it writes. Besides small edits: a bulk label over
// the whole inbox (one journal write of 1,200 records) and drafts of 40-90 kB, so the journal
// grows past the 4 MB at which the app compacts it, and kills also land during compaction.
function randomEdit(pool) {
  const id = pick(pool);
  const big = rnd();
  if (big < 0.05) {
    const add = rnd() < 0.5;
    return { cmd: { type: 'bulk', action: 'label', ids: ALL_IDS, [add ? 'add' : 'remove']: [BULK] }, writes: [[`*|bulk:${BULK}`, add ? 'all' : 'none']] };
  }
  if (big < 0.12) {
    const draft = sealed('kt-draft ', bigText(int(40000, 90000)));
    return { cmd: { type: 'draft', id, text: draft }, writes: [[`${id}|draft`, draft]] };
  }
  const k = rnd();
  if (k < 0.22) {
    const unread = rnd() < 0.5;
    return { cmd: { type: unread ? 'mark_unread' : 'mark_read', id }, writes: [[`${id}|unread`, unread]] };
  }
  if (k < 0.42) {
    const label = pick(LABELS), add = rnd() < 0.6;
    return { cmd: { type: 'label', id, [add ? 'add' : 'remove']: [label] }, writes: [[`${id}|label:${label}`, add]] };
  }
  if (k < 0.56) {
    const status = pick(STATUSES);
    return { cmd: { type: 'set_status', id, status }, writes: [[`${id}|status`, status]] };
  }
  if (k < 0.68) {
    const agent = pick(AGENTS);
    return { cmd: { type: 'assign', id, agent }, writes: [[`${id}|assignee`, agent]] };
  }
  if (k < 0.82) {
    const draft = sealed('kt-draft ', rnd() < 0.15 ? text(300, 900) : text(1, 40));
    return { cmd: { type: 'draft', id, text: draft }, writes: [[`${id}|draft`, draft]] };
  }
  const note = sealed(NOTE_PREFIX, text(1, rnd() < 0.1 ? 600 : 30) + ' #' + allNotes.size);
  allNotes.add(note);
  return { cmd: { type: 'add_note', id, text: note }, writes: [[`${id}|note:${note}`, true]] };
}

// Reads every field of the pool's conversations through the export (no `select`: it would mark read).
async function observe(page, pool) {
  const out = await page.evaluate(({ ids, label }) => {
    const s = window.sellerdesk.state({ max_rows: 0 });
    const ex = JSON.parse(window.sellerdesk.exportJson({ ids, templates: false, settings: false }));
    const bulk = s.filter_counts['label:' + label] || 0;   // the demo flags nothing as spam: every row counts
    return { ready: s.ready, notice: s.notice, conversations: s.conversations, save: s.save, convs: ex.conversations,
      bulk: bulk === 0 ? 'none' : bulk === s.conversations ? 'all' : `partial: ${bulk} of ${s.conversations}`,
      usage: s.storage && s.storage.usage, startup: s.startup };
  }, { ids: pool, label: BULK });
  const fields = new Map([[`*|bulk:${BULK}`, out.bulk]]), problems = [];
  const byId = new Map(out.convs.map((c) => [c.id, c]));
  for (const id of pool) {
    const c = byId.get(id);
    if (!c) { problems.push(`conversation ${id} is missing`); continue; }
    if (typeof c.unread !== 'boolean') problems.push(`${id}: unread is ${JSON.stringify(c.unread)}`);
    if (!STATUSES.includes(c.status)) problems.push(`${id}: status is ${JSON.stringify(c.status)}`);
    fields.set(`${id}|unread`, c.unread);
    fields.set(`${id}|status`, c.status);
    fields.set(`${id}|assignee`, c.assignee || '');
    fields.set(`${id}|draft`, c.draft || '');
    const labels = c.labels || [];
    if (new Set(labels).size !== labels.length) problems.push(`${id}: a label twice ${JSON.stringify(labels)}`);
    for (const l of labels) if (typeof l !== 'string' || !/^[a-z0-9_:.-]+$/i.test(l)) problems.push(`${id}: garbage label ${JSON.stringify(l)}`);
    for (const l of LABELS) fields.set(`${id}|label:${l}`, labels.includes(l));
    const seen = new Set(), ids = new Set();
    for (const n of c.notes || []) {
      if (ids.has(n.id)) problems.push(`${id}: note ${n.id} twice`);
      ids.add(n.id);
      if (typeof n.text !== 'string' || !n.text.startsWith(NOTE_PREFIX)) continue;
      if (!allNotes.has(n.text)) problems.push(`${id}: note ${n.id} is not a note we wrote (torn or garbage): ${JSON.stringify(n.text.slice(0, 200))}`);
      if (seen.has(n.text)) problems.push(`${id}: our note ${JSON.stringify(n.text.slice(0, 60))} is there twice`);
      seen.add(n.text);
      fields.set(`${id}|note:${n.text}`, true);
    }
    fields.set(`${id}|notes`, [...ids]);   // the IDs of all notes, ours and the demo's
  }
  return { ...out, fields, problems };
}

// A field's name for messages (a note's field holds its whole text).
const short = (f) => (f.length > 100 ? f.slice(0, 100) + '…' : f);
const js = (v, n = 200) => { const t = String(JSON.stringify(v)); return t.length > n ? t.slice(0, n) + '…' : t; };
// A field's value; notes not listed are absent.
const valueOf = (fields, f) => (fields.has(f) ? fields.get(f) : (f.includes('|note:') ? false : undefined));

// Checks the observation against the round that was killed. Returns the failures (strings).
function check(round, obs, rec) {
  const fail = [...obs.problems];
  if (!obs.ready) fail.push('the app is not ready');
  if (obs.conversations !== rec.conversations) fail.push(`conversations: ${obs.conversations}, expected ${rec.conversations} (inbox lost or replaced?)`);
  if (obs.notice) {
    stats.notices.push(`round ${round}: ${obs.notice}`);
    // One transaction per flush means a kill should never leave a damaged file; a recovery that
    // kept everything acknowledged (checked below) is reported, an inbox that could not be loaded
    // (files set aside, a new demo started) is a failure.
    if (/could not (re)?load|renamed to|new demo|no snapshot could be loaded|cannot be read either|not give back/i.test(obs.notice))
      fail.push(`the inbox did not load after the kill: ${obs.notice}`);
  }
  // The notes that were there (demo notes and earlier rounds') must all still be there.
  for (const [f, v] of baseline)
    if (f.endsWith('|notes')) {
      const now = new Set(valueOf(obs.fields, f) || []);
      for (const nid of v) if (!now.has(nid)) fail.push(`${f}: note ${nid} vanished`);
    }
  const touched = new Map();   // field -> [index of each write]
  rec.writes.forEach(([f], i) => { if (!touched.has(f)) touched.set(f, []); touched.get(f).push(i); });
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  // Fields this round did not touch keep the value they loaded with (earlier rounds' saved edits
  // must not be lost by later flushes or by compaction).
  for (const [f, v] of baseline) {
    if (f.endsWith('|notes') || touched.has(f)) continue;
    const got = valueOf(obs.fields, f);
    stats.fields++;
    if (pinned.has(f)) stats.acked++;
    if (!same(got, v))
      fail.push(pinned.has(f) ? `ACKNOWLEDGED edit lost (saved in an earlier round, untouched since): ${short(f)} is ${js(got)}; saved ${js(v)}`
        : `${short(f)} changed without an edit: ${js(got)}, was ${js(v)}`);
  }
  for (const [f, idx] of touched) {
    const got = valueOf(obs.fields, f);
    const lastAcked = idx.filter((i) => i < rec.ackMark).pop();
    const expected = lastAcked === undefined ? valueOf(baseline, f) : rec.writes[lastAcked][1];
    const later = idx.filter((i) => i >= rec.ackMark).map((i) => rec.writes[i][1]);
    const allowed = [expected, ...later];
    stats.fields++;
    if (lastAcked !== undefined) { stats.acked++; stats.ackedNew++; }
    if (!allowed.some((v) => same(v, got))) {
      fail.push(lastAcked !== undefined
        ? `ACKNOWLEDGED edit lost: ${short(f)} is ${js(got)}; acknowledged ${js(expected)}` + (later.length ? ` (later unacknowledged writes: ${js(later, 300)})` : '')
        : `${short(f)} is ${js(got)}: neither its saved value ${js(expected)} nor a value written after it`);
    } else if (later.length) {
      if (same(got, later[later.length - 1])) stats.keptUnacked++;
      else stats.lostUnacked++;
    }
    if (lastAcked !== undefined && same(got, expected)) pinned.add(f);
    else if (!same(got, valueOf(baseline, f))) pinned.delete(f);   // now holds an unacknowledged write that survived
  }
  // Is what survived a prefix of the edits (all up to some point, none after)? Reported, not failed.
  let prefix = false;
  for (let cut = rec.ackMark; cut <= rec.writes.length && !prefix; cut++) {
    const exp = new Map();
    for (let i = 0; i < cut; i++) exp.set(rec.writes[i][0], rec.writes[i][1]);
    prefix = [...touched.keys()].every((f) => JSON.stringify(exp.has(f) ? exp.get(f) : valueOf(baseline, f)) === JSON.stringify(valueOf(obs.fields, f)));
  }
  if (!prefix) {
    stats.notPrefix++;
    console.log(`round ${round} (${rec.mode}): the surviving edits are not a prefix of the edits made (seed ${SEED})`);
  }
  return fail;
}

// ---- one round's edits and its kill ---------------------------------------------------------------
// {ok: true}; a bulk action answers {ok, changed, unchanged, refused}.
const accepted = (r) => !!r && r.ok === true && (!r.refused || r.refused.length === 0);

async function doEdit(page, rec, e) {
  const r = await page.evaluate((c) => window.sellerdesk.dispatch(c), e.cmd);
  assert.ok(accepted(r), `${JSON.stringify(e.cmd).slice(0, 200)} was refused: ${JSON.stringify(r).slice(0, 300)} (seed ${SEED})`);
  rec.writes.push(...e.writes);
}

async function waitSaved(page, rec, why) {
  try {
    await page.waitForFunction(() => window.sellerdesk.state({ max_rows: 0 }).save.state === 'saved', null, { timeout: 20000, polling: 20 });
  } catch (err) {
    const s = await page.evaluate(() => window.sellerdesk.state({ max_rows: 0 }).save).catch(() => null);
    throw new Error(`round ${rec.round}: not "saved" 20 s after ${why} (save: ${JSON.stringify(s)}, seed ${SEED})`);
  }
  rec.ackMark = rec.writes.length;   // every edit dispatched so far is in IndexedDB
}

const MODES = ['after_saved', 'mid_sync', 'delayed', 'burst', 'burst_in_flight'];

async function playRound(b, rec, pool) {
  const page = b.page;
  const mode = rec.mode;
  const n = int(1, 6);
  for (let i = 0; i < n; i++) {
    await doEdit(page, rec, randomEdit(pool));
    if (rnd() < 0.25) await waitSaved(page, rec, 'an edit');
    else if (rnd() < 0.3) await sleep(int(0, 120));
  }
  if (mode !== 'after_saved' && rnd() < 0.5) await waitSaved(page, rec, 'the edits before the kill phase');
  if (mode === 'after_saved') {
    await waitSaved(page, rec, 'the last edit');
  } else if (mode === 'mid_sync') {
    await doEdit(page, rec, randomEdit(pool));                  // the kill follows the dispatch at once
  } else if (mode === 'delayed') {
    await doEdit(page, rec, randomEdit(pool));
    await sleep(int(0, 800));                                   // somewhere in (or after) the IndexedDB write
  } else {
    const burst = Array.from({ length: int(5, 30) }, () => randomEdit(pool));
    const run = page.evaluate((cmds) => cmds.map((c) => window.sellerdesk.dispatch(c)), burst.map((e) => e.cmd));
    // The burst's writes may or may not have happened: they are never acknowledged.
    for (const e of burst) rec.writes.push(...e.writes);
    if (mode === 'burst') {
      const res = await run;
      res.forEach((r, i) => assert.ok(accepted(r), `${JSON.stringify(burst[i].cmd).slice(0, 200)} was refused: ${JSON.stringify(r).slice(0, 300)}`));
    } else {
      run.catch(() => {});                                      // killed before it answers
      await sleep(int(0, 30));
    }
  }
}

test(`acknowledged edits survive SIGKILL of the browser (${ROUNDS} rounds)`, { timeout: 120000 + ROUNDS * 60000 }, async () => {
  console.log(`kill test: seed ${SEED}, ${ROUNDS} rounds, profile ${profile}`);
  const t0 = Date.now();
  let pool = null, rec = null, failures = [];
  for (let round = 1; round <= ROUNDS + 1; round++) {
    const tr = Date.now();
    const url = round % 2 === 0 ? server.url + '?defer_texts=1' : server.url;
    const b = await launchBrowser(profile, url);
    const tl = Date.now();
    await openApp(b, url);
    const to = Date.now();
    // Check the round before (round 1 starts on an empty profile: the demo is created).
    if (!pool) {
      ALL_IDS = (await b.page.evaluate(() => window.sellerdesk.state().rows.map((r) => r.id))).sort();
      pool = [];
      while (pool.length < Math.min(POOL, ALL_IDS.length)) { const id = pick(ALL_IDS); if (!pool.includes(id)) pool.push(id); }
    }
    const obs = await observe(b.page, pool);
    if (rec) {
      failures = check(round - 1, obs, rec);
      if (VERBOSE) console.log(`round ${round - 1} (${rec.mode}): ${rec.writes.length} writes, ${rec.ackMark} acknowledged, ${failures.length} failures; ` +
        `edits ${rec.playMs} ms, kill ${rec.killMs} ms, launch ${tl - tr} ms, load ${to - tl} ms, check ${Date.now() - to} ms, storage ${Math.round((obs.usage || 0) / 1024)} kB` +
        (VERBOSE > 1 ? ` startup ${JSON.stringify(obs.startup)}` : ''));
      if (failures.length) {
        await killBrowser(b);
        assert.fail(`round ${round - 1} (kill ${rec.mode}, ${rec.writes.length} edits, ${rec.ackMark} acknowledged; seed ${SEED}, profile ${profile}):\n  ` + failures.slice(0, 30).join('\n  '));
      }
      stats.rounds++;
    } else {
      assert.equal(obs.ready, true);
      assert.equal(obs.notice, '', 'a fresh profile has nothing to report');
      assert.equal(obs.conversations, 1200, 'the default demo');
    }
    if (b.errors.length) assert.fail(`page errors in round ${round}: ${b.errors.join('\n')} (seed ${SEED})`);
    // What loaded is in IndexedDB: it is the starting point of the next round.
    baseline.clear();
    for (const [f, v] of obs.fields) baseline.set(f, v);
    if (round > ROUNDS) { await killBrowser(b); break; }
    rec = { round, mode: pick(MODES), writes: [], ackMark: 0, conversations: obs.conversations };
    stats.modes[rec.mode] = (stats.modes[rec.mode] || 0) + 1;
    const tp = Date.now();
    await playRound(b, rec, pool);
    const tk = Date.now();
    await killBrowser(b);
    rec.playMs = tk - tp;
    rec.killMs = Date.now() - tk;
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`kill modes: ${JSON.stringify(stats.modes)}; field checks ${stats.fields}, of which ${stats.acked} on acknowledged values ` +
    `(${stats.ackedNew} acknowledged in the round just killed, the rest in earlier rounds); unacknowledged writes kept ${stats.keptUnacked}, lost ${stats.lostUnacked}; rounds whose survivors were not a prefix: ${stats.notPrefix}; ${secs} s`);
  for (const n of stats.notices) console.log(`notice: ${n}`);
  console.log(`kill test: ${stats.rounds} rounds, ${stats.acked} acknowledged edits checked, seed ${SEED}`);
  assert.ok(stats.rounds >= ROUNDS);
  fs.rmSync(profile, { recursive: true, force: true });   // kept when a round fails, to look into
});
