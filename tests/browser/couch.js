// PouchDB Server (npm pouchdb-server, in-memory) for the live sync's tests: started on a free
// loopback port with CORS on for the page's origin, killed and restarted on the same port (it
// then has no data: an in-memory server forgets everything), stopped.
//   const couch = await startCouch();   couch.url  'http://127.0.0.1:PORT'
//   await couch.restart();   await couch.stop();   await waitSync(page, 'idle');
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { freePort } = require('./harness');

const BIN = path.join(__dirname, 'node_modules', '.bin', 'pouchdb-server');

async function waitAnswering(url, ms) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url + '/');
      if (r.ok) return;
    } catch (e) { /* not listening yet */ }
    if (Date.now() > until) throw new Error('pouchdb-server did not answer at ' + url);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startCouch() {
  if (!fs.existsSync(BIN)) throw new Error(BIN + ' is missing: run scripts/setup.sh (npm install in tests/browser)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sellerdesk-couch-'));
  // CORS for the page's origin (another port of 127.0.0.1), read by express-pouchdb from its config.
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({
    httpd: { enable_cors: 'true' },
    cors: { origins: '*', credentials: 'true', methods: 'GET, HEAD, POST, PUT, DELETE, COPY', headers: 'accept, content-type, authorization, origin, referer' },
    log: { file: path.join(dir, 'log.txt'), level: 'warning' },
  }));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let proc = null;
  async function start() {
    proc = spawn(BIN, ['--in-memory', '--host', '127.0.0.1', '--port', String(port), '--config', path.join(dir, 'config.json'), '--no-stdout-logs'],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    proc.stderr.on('data', () => {});
    await waitAnswering(url, 30000);
  }
  function kill() {
    if (!proc) return Promise.resolve();
    const p = proc;
    proc = null;
    return new Promise((resolve) => { p.once('exit', resolve); p.kill('SIGKILL'); });
  }
  await start();
  return {
    url,
    port,
    kill,
    start,
    async restart() { await kill(); await start(); },
    async stop() { await kill(); fs.rmSync(dir, { recursive: true, force: true }); },
    // A request to the server from the test (Node's fetch), as admin when the admin party is over.
    async request(method, p, body, auth) {
      const headers = { 'Content-Type': 'application/json' };
      if (auth) headers.Authorization = 'Basic ' + Buffer.from(auth).toString('base64');
      const r = await fetch(url + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: r.status, body: await r.json().catch(() => null) };
    },
  };
}

// Waits until the page's live sync is in state `want` ("idle": with nothing left to send).
async function waitSync(page, want, ms = 60000) {
  await page.waitForFunction((w) => {
    const s = window.sellerdesk.state({ max_rows: 0 }).sync;
    return s.state === w && (w !== 'idle' || s.pending === 0);
  }, want, { timeout: ms, polling: 100 });
}

module.exports = { startCouch, waitSync };
