// The dashboard in a real browser: Debian's headless Chromium, driven by
// playwright-core, against `minsheng-server --demo` on loopback.
//
// Environment: SERVER_BIN and MINSHENG_BIN (default: the workspace's
// target/debug binaries), CHROMIUM (default /usr/bin/chromium),
// SCREENSHOT_DIR (default docs/ at the repository root).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const target = process.env.CARGO_TARGET_DIR || join(root, 'target');
const SERVER_BIN = process.env.SERVER_BIN || join(target, 'debug', 'minsheng-server');
const MINSHENG_BIN = process.env.MINSHENG_BIN || join(target, 'debug', 'minsheng');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = process.env.SCREENSHOT_DIR || join(root, 'docs');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let server, base, tokens = {}, browser, dbDir;

function startServer() {
  dbDir = mkdtempSync(join(tmpdir(), 'minsheng-dash-'));
  server = spawn(SERVER_BIN, ['--demo', '--listen', '127.0.0.1:0', '--db', join(dbDir, 'demo.sqlite')],
    { env: { ...process.env, RUST_LOG: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: server.stdout });
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('the server did not start within 60 s')), 60000);
    server.on('exit', (code) => fail(new Error(`the server exited with ${code}`)));
    lines.on('line', (line) => {
      const m = line.match(/^listening on (http:\/\/\S+)/);
      if (m) base = m[1];
      const t = line.match(/^token (\S+) (msk_[0-9a-f]+)/);
      if (t) tokens[t[1]] = t[2];
      if (base && tokens['demo-supervisor'] && tokens['demo-reader'] && tokens['demo-hrss']) {
        clearTimeout(timer);
        ok();
      }
    });
  });
}

/** `minsheng progress --format json`: target id → status. */
function cliStatuses(asOf) {
  const out = execFileSync(MINSHENG_BIN, ['progress', join(root, 'examples/data/qinghai-2021.json'),
    join(root, 'examples/data/progress/qinghai-2021-2021-06-30.json'), '--as-of', asOf, '--format', 'json']);
  const doc = JSON.parse(out.toString());
  return Object.fromEntries(doc.evaluation.targets.map((t) => [t.target, t.status]));
}

async function domStatuses(page) {
  return Object.fromEntries(await page.$$eval('li.target[data-target]',
    (els) => els.map((e) => [e.dataset.target, e.dataset.status])));
}

/** A signed-in page that records console errors and uncaught exceptions. */
async function signedIn(token, viewport = { width: 1100, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const r = await page.goto(`${base}/login?token=${token}`);
  assert.equal(r.status(), 200);
  return { context, page, errors };
}

async function visit(page, path) {
  const r = await page.goto(base + path);
  assert.equal(r.status(), 200, `${path}: ${r.status()}`);
  await page.waitForLoadState('load');
}

before(async () => {
  await startServer();
  // playwright-core starts Chromium with a fresh, empty --user-data-dir of its own.
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  mkdirSync(SHOTS, { recursive: true });
}, { timeout: 120000 });

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  if (dbDir) rmSync(dbDir, { recursive: true, force: true });
});

test('every page loads without console errors; screenshots for the README', { timeout: 120000 }, async () => {
  const { context, page, errors } = await signedIn(tokens['demo-supervisor']);
  await visit(page, '/');
  assert.equal(await page.locator('li[data-programme]').count(), 5);
  await page.screenshot({ path: join(SHOTS, 'dashboard-list.png') });
  await visit(page, '/p/qinghai-2021?as_of=2021-06-30');
  await page.screenshot({ path: join(SHOTS, 'dashboard-programme.png') });
  await visit(page, '/p/qinghai-2021/departments?as_of=2021-06-30');
  assert.ok(await page.locator('tr[data-unit]').count() > 10);
  const lagging = await page.$$eval('tr[data-unit]', (rows) => rows.map((r) => Number(r.dataset.lagging)));
  assert.deepEqual(lagging, [...lagging].sort((a, b) => b - a), 'sorted by how far behind');
  await page.screenshot({ path: join(SHOTS, 'dashboard-departments.png') });
  await visit(page, '/p/haidong-2024/calendar?as_of=2024-08-01');
  assert.ok(await page.locator('section.duties.overdue li[data-due]').count() > 0, 'overdue reports listed');
  await page.screenshot({ path: join(SHOTS, 'dashboard-calendar.png') });
  await visit(page, '/p/qinghai-2021/task/t2?as_of=2021-06-30');
  assert.equal(await page.locator('section.targetcard').count(), 2);
  assert.ok(await page.locator('svg.chart').count() > 0, 'a chart of the reported figures');
  await page.screenshot({ path: join(SHOTS, 'dashboard-task.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the statuses as of 2021-06-30 are those of `minsheng progress`', { timeout: 60000 }, async () => {
  const { context, page, errors } = await signedIn(tokens['demo-reader']);
  await visit(page, '/p/qinghai-2021?as_of=2021-06-30');
  const expected = cliStatuses('2021-06-30');
  assert.ok(Object.keys(expected).length > 30);
  assert.deepEqual(await domStatuses(page), expected);
  // Exact figures: 46200 of 100000 as the report gave it, not a rounded float.
  assert.match(await page.locator('li.target[data-target="t1-1"]').innerText(), /46200/);
  assert.equal(await page.locator('#elapsed').getAttribute('data-share'), '49.59');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the date picker changes the statuses', { timeout: 60000 }, async () => {
  const { context, page, errors } = await signedIn(tokens['demo-reader']);
  await visit(page, '/p/qinghai-2021?as_of=2021-06-30');
  const before = await domStatuses(page);
  await Promise.all([
    page.waitForURL(/as_of=2021-12-31/),
    page.locator('#as_of').fill('2021-12-31'),
  ]);
  await page.waitForLoadState('load');
  assert.equal(await page.locator('#asof').innerText(), '2021-12-31');
  const after = await domStatuses(page);
  assert.deepEqual(after, cliStatuses('2021-12-31'));
  assert.notDeepEqual(after, before);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a department sees only its own tasks, on a phone-width screen', { timeout: 60000 }, async () => {
  const { context, page, errors } = await signedIn(tokens['demo-hrss'], { width: 390, height: 844 });
  await visit(page, '/');
  assert.deepEqual(await page.$$eval('li[data-programme]', (l) => l.map((e) => e.dataset.programme)), ['qinghai-2021']);
  await visit(page, '/p/qinghai-2021?as_of=2021-06-30');
  assert.deepEqual(Object.keys(await domStatuses(page)), ['t1-1', 't2-1', 't2-2']);
  assert.deepEqual(await page.$$eval('li.task[data-task]', (l) => l.map((e) => e.dataset.task)), ['t1', 't2', 't3']);
  const text = await page.locator('main').innerText();
  assert.ok(!text.includes('幼儿园'), 'no other department’s task on the page');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling on a phone (${width}px)`);
  await page.screenshot({ path: join(SHOTS, 'dashboard-phone.png') });
  // Another department's task page, and another programme, are refused.
  const other = await page.goto(`${base}/p/qinghai-2021/task/t4?as_of=2021-06-30`);
  assert.equal(other.status(), 404);
  const elsewhere = await page.goto(`${base}/p/duji-2021`);
  assert.equal(elsewhere.status(), 403);
  assert.deepEqual(errors.filter((e) => !/40[34]/.test(e)), []);
  await context.close();
});

test('without a token the pages ask for one', { timeout: 30000 }, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const r = await page.goto(`${base}/p/qinghai-2021`);
  assert.equal(r.status(), 401);
  assert.equal(await page.locator('form.login').count(), 1);
  await context.close();
});
