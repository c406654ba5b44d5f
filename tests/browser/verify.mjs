// Headless-Chromium checks for shieldcheck's public pages.
//
// Run as:   node tests/browser/verify.mjs BASE_URL      (e.g. http://127.0.0.1:8080)
//
// The Rust test harness starts the shieldcheck server on a local port and runs
// this script with that URL; the script never starts a server itself.
// Setup (once): apt-get install -y chromium; cd tests/browser && npm ci
// (never `npx playwright install`: Chromium comes from Debian's package).
// The browser binary is $SHIELDCHECK_CHROMIUM, or /usr/bin/chromium.
//
// Every case runs in a fresh browser context (360x740 viewport). Any request
// to an origin other than BASE_URL's (data: and blob: aside) fails the case.
//
// Officer credentials (run when the harness sets them):
//   SHIELDCHECK_FAKE_CAMERA   a Y4M video of an officer's live QR code; Chromium's fake
//                             camera plays it, /verify scans it (online, then offline)
//   SHIELDCHECK_ENROLMENT_CODE  a one-time code; /officer enrols with it and shows a live QR
// Each case prints "ok - name" or "not ok - name: reason"; the last line is
// "N passed, M failed", and the exit status is 1 if anything failed.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const MAX_PAGE_BYTES = 100_000;
const LANGS = ['en', 'es', 'zh-Hant', 'zh-Hans', 'ru', 'bn', 'ht', 'ko', 'ar', 'ur', 'fr', 'pl'];
const PATHS = ['/', '/verify', '/precincts', '/officer', '/report'];
const FAKE_CAMERA = process.env.SHIELDCHECK_FAKE_CAMERA;
const ENROLMENT_CODE = process.env.SHIELDCHECK_ENROLMENT_CODE;
const ARABIC = /[\u0600-\u06FF]/;

const VALID_CLAIM = { name: 'Det. Ana Rivera', rank: 'detective', shield: '4471', command: 'the three-four' };
const MADE_UP_CLAIM = { name: 'Det. Ana Rivera', rank: 'detective', shield: '9999999', command: '34' };
const IMMIGRATION_CLAIM = { name: 'Smith', command: 'immigration squad' };

const PAGE_ERRORS = [];
let passed = 0;
let failed = 0;

function check(cond, message) {
  if (!cond) throw new Error(message);
}

// Runs one case in a fresh context; fn(page, ctx) throws to fail the case.
// ctx.bytes() sums the bodies of every response seen so far in the context.
async function runCase(browser, name, fn, contextOptions = {}) {
  let context;
  try {
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, ...contextOptions });
    context.setDefaultTimeout(15_000);
    const foreign = new Set();
    const bodies = [];
    context.on('request', (req) => {
      const url = req.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      if (new URL(url).origin !== BASE.origin) foreign.add(url);
    });
    context.on('response', (resp) => {
      // The budget is for the page before WebAssembly.
      if (new URL(resp.url()).pathname.endsWith('.wasm')) return;
      bodies.push((async () => {
        try { return (await resp.body()).length; } catch { return 0; } // redirects have no body
      })());
    });
    const ctx = {
      context,
      bytes: async () => (await Promise.all(bodies)).reduce((a, b) => a + b, 0),
    };
    const page = await context.newPage();
    PAGE_ERRORS.length = 0;
    page.on('pageerror', (e) => PAGE_ERRORS.push(String(e.message).split('\n')[0]));
    page.on('console', (m) => { if (m.type() === 'error') PAGE_ERRORS.push(m.text().split('\n')[0]); });
    await fn(page, ctx);
    check(foreign.size === 0, `requests to other origins: ${[...foreign].slice(0, 5).join(', ')}`);
    passed++;
    console.log(`ok - ${name}`);
  } catch (err) {
    failed++;
    const reason = String(err && err.message ? err.message : err).split('\n')[0];
    console.log(`not ok - ${name}: ${reason}`);
  } finally {
    if (context) await context.close().catch(() => {});
  }
}

async function htmlLangDir(page) {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    bodyDir: getComputedStyle(document.body).direction,
  }));
}

async function expectLangDir(page, lang, dir) {
  const got = await htmlLangDir(page);
  check(got.lang === lang, `html lang is '${got.lang}', expected '${lang}'`);
  check(got.dir === dir, `html dir is '${got.dir}', expected '${dir}'`);
  return got;
}

// Fills the claim form with the given fields, submits, and returns data-result.
async function submitClaim(page, claim) {
  if (claim.name !== undefined) await page.fill('#name', claim.name);
  if (claim.rank !== undefined) await page.selectOption('#rank', claim.rank);
  if (claim.shield !== undefined) await page.fill('#shield_number', claim.shield);
  if (claim.command !== undefined) await page.fill('#command', claim.command);
  await page.click('#check-submit');
  const result = await page.waitForSelector('#claim-result');
  return result.getAttribute('data-result');
}

async function expectResult(page, claim, expected) {
  const got = await submitClaim(page, claim);
  check(got === expected, `data-result is '${got}', expected '${expected}'`);
}

// Injects axe-core and fails on any WCAG 2.x A/AA violation.
async function expectAccessible(page) {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does
  // not govern, so pages are checked under their real policy.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const res = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return res.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      count: v.nodes.length,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  }, AXE_TAGS);
  check(violations.length === 0, 'axe violations: ' + violations
    .map((v) => `${v.id} (${v.impact}, ${v.count} node(s): ${v.targets.join(' | ')})`).join('; '));
}

// Scans the fake camera's QR code on /verify and returns the scan result element's data.
async function scan(page) {
  await page.evaluate(() => {
    const r = document.getElementById('scan-result');
    r.hidden = true;
    delete r.dataset.result;
  });
  await page.click('#scan-start');
  const result = await page.waitForSelector('#scan-result[data-result]', { timeout: 30_000 }).catch(async (e) => {
    const status = await page.textContent('#scan-status').catch(() => '?');
    throw new Error(`no scan result (status '${status}', page errors: ${PAGE_ERRORS.join(' | ')}): ${e.message}`);
  });
  return {
    result: await result.getAttribute('data-result'),
    verdict: await page.textContent('#scan-verdict'),
    details: await page.textContent('#scan-details'),
    asOf: await page.textContent('#scan-as-of'),
  };
}

async function credentialCases(browser, base) {
  if (FAKE_CAMERA) {
    await runCase(browser, 'scan: a live QR from the fake camera is valid, online then offline', async (page, ctx) => {
      await page.goto(`${base}/verify?lang=en`);
      // Wait until the service worker controls the page, so that its caches are filled.
      await page.evaluate(async () => { await navigator.serviceWorker.ready; });
      await page.reload();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      let got = await scan(page);
      check(got.result === 'valid', `online scan gave '${got.result}'`);
      check(got.verdict.includes('VALID') && !got.verdict.includes('NOT'), `verdict '${got.verdict}'`);
      check(got.details.includes('Ana Rivera') && got.details.includes('4471') && got.details.includes('34th Precinct'),
        `details do not name the officer: '${got.details}'`);
      check(await page.locator('#scan-desk-phone[href^="tel:"]').isVisible(), 'no desk phone offered');
      await ctx.context.setOffline(true);
      await page.reload();
      got = await scan(page);
      check(got.result === 'valid', `offline scan gave '${got.result}'`);
      check(got.asOf.length > 0, 'offline answer does not say how old the status is');
      await ctx.context.setOffline(false);
    }, { permissions: ['camera'] });

    await runCase(browser, 'scan: the result screen is accessible (ar, right-to-left)', async (page) => {
      await page.goto(`${base}/verify?lang=ar`);
      const got = await scan(page);
      check(got.result === 'valid', `scan gave '${got.result}'`);
      const verdict = await page.textContent('#scan-verdict');
      check(ARABIC.test(verdict), `verdict not in Arabic: '${verdict}'`);
      await expectAccessible(page);
    }, { permissions: ['camera'] });
  }

  if (ENROLMENT_CODE) {
    await runCase(browser, 'officer: enrol with a one-time code, show a live QR that verifies', async (page) => {
      await page.goto(`${base}/officer?lang=en`);
      await page.fill('#officer-code', 'AAAA-AAAA-AAAA');
      await page.click('#officer-enrol');
      await page.waitForSelector('#officer-error:not([hidden])');
      await page.fill('#officer-code', ENROLMENT_CODE.toLowerCase());
      await page.click('#officer-enrol');
      const qr = await page.waitForSelector('#officer-qr[data-payload]');
      const name = await page.textContent('#officer-name');
      check(name === 'Ana Rivera', `wallet shows '${name}'`);
      const payload = await qr.getAttribute('data-payload');
      const step = Number(await qr.getAttribute('data-step'));
      const answer = await (await page.request.post(`${base}/api/v1/verify`, { data: { payload } })).json();
      check(answer.result === 'valid', `the wallet's QR verifies as '${answer.result}'`);
      check(answer.member && answer.member.name === 'Ana Rivera', 'the wallet QR names someone else');
      // The device key cannot be read back out of the browser.
      const extractable = await page.evaluate(() => new Promise((resolve) => {
        const open = indexedDB.open('shieldcheck-officer', 1);
        open.onsuccess = () => {
          const get = open.result.transaction('wallet').objectStore('wallet').get('credential');
          get.onsuccess = () => resolve(get.result.privateKey.extractable);
        };
      }));
      check(extractable === false, 'the device key is extractable');
      // A challenge typed by the officer is signed into the code.
      await page.fill('#officer-challenge', '0427');
      await page.waitForFunction(
        (old) => document.getElementById('officer-qr').dataset.payload !== old, payload);
      const withChallenge = await page.getAttribute('#officer-qr', 'data-payload');
      const challenged = await (await page.request.post(`${base}/api/v1/verify`,
        { data: { payload: withChallenge, challenge: 427 } })).json();
      check(challenged.result === 'valid', `challenge presentation gave '${challenged.result}'`);
      // The code refreshes at the next 30-second step.
      await page.waitForFunction((s) => Number(document.getElementById('officer-qr').dataset.step) > s,
        step, { timeout: 35_000 });
      // Used once: the same code cannot enrol again.
      const jwk = await page.evaluate(async () => {
        const k = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
        const j = await crypto.subtle.exportKey('jwk', k.publicKey);
        return { kty: j.kty, crv: j.crv, x: j.x, y: j.y };
      });
      const again = await page.request.post(`${base}/api/v1/enrolments`,
        { data: { code: ENROLMENT_CODE, device_public_key: jwk } });
      const body = await again.json();
      check(again.status() === 403 && body.error.code === 'invalid_enrolment_code',
        `reused code answered ${again.status()} ${body.error && body.error.code}`);
      await expectAccessible(page);
    });
  }
}

async function main(browser) {
  const base = BASE.href.replace(/\/$/, '');
  await credentialCases(browser, base);
  // SHIELDCHECK_ONLY=credentials runs just the credential cases (while working on them).
  if (process.env.SHIELDCHECK_ONLY === 'credentials') return;

  await runCase(browser, 'en: valid claim matches an active member', async (page) => {
    await page.goto(`${base}/verify?lang=en`);
    await expectLangDir(page, 'en', 'ltr');
    await expectResult(page, VALID_CLAIM, 'matches_active_member');
    const tel = await page.locator('a[href^="tel:"]').count();
    check(tel > 0, 'no tel: link (precinct desk phone) on the result page');
  });

  await runCase(browser, 'en: made-up shield number gives no_match', async (page) => {
    await page.goto(`${base}/verify?lang=en`);
    await expectResult(page, MADE_UP_CLAIM, 'no_match');
  });

  await runCase(browser, 'en: immigration unit is not an NYPD unit', async (page) => {
    await page.goto(`${base}/verify?lang=en`);
    await expectResult(page, IMMIGRATION_CLAIM, 'unit_not_in_nypd');
  });

  await runCase(browser, 'ar: ?lang=ar is right-to-left and results are in Arabic', async (page) => {
    await page.goto(`${base}/verify?lang=ar`);
    const got = await expectLangDir(page, 'ar', 'rtl');
    check(got.bodyDir === 'rtl', `computed body direction is '${got.bodyDir}', expected 'rtl'`);
    await expectResult(page, VALID_CLAIM, 'matches_active_member');
    const heading = await page.textContent('#claim-result h2');
    check(heading !== null && ARABIC.test(heading), `result heading has no Arabic text: '${heading}'`);
  });

  await runCase(browser, 'ar: Accept-Language alone selects right-to-left', async (page) => {
    await page.goto(`${base}/verify`);
    const got = await htmlLangDir(page);
    check(got.dir === 'rtl', `html dir is '${got.dir}' (lang '${got.lang}'), expected 'rtl'`);
  }, { locale: 'ar', extraHTTPHeaders: { 'Accept-Language': 'ar' } });

  await runCase(browser, 'language picker switches to Spanish', async (page) => {
    await page.goto(`${base}/verify?lang=en`);
    await page.selectOption('#lang-select', 'es');
    await page.click('#lang-submit');
    await page.waitForFunction(() => document.documentElement.lang === 'es')
      .catch(() => {});
    await page.waitForLoadState('load');
    const got = await htmlLangDir(page);
    check(got.lang === 'es', `html lang is '${got.lang}' after choosing Spanish`);
  });

  for (const path of PATHS) {
    for (const lang of LANGS) {
      await runCase(browser, `a11y and size: ${path}?lang=${lang}`, async (page, ctx) => {
        const resp = await page.goto(`${base}${path}?lang=${lang}`);
        check(resp && resp.ok(), `HTTP ${resp ? resp.status() : 'no response'}`);
        await page.waitForLoadState('networkidle');
        await expectAccessible(page);
        const bytes = await ctx.bytes();
        check(bytes <= MAX_PAGE_BYTES, `page weighs ${bytes} bytes, over ${MAX_PAGE_BYTES}`);
      });
    }
  }

  for (const lang of ['en', 'ar']) {
    await runCase(browser, `a11y: result page (${lang})`, async (page) => {
      await page.goto(`${base}/verify?lang=${lang}`);
      await expectResult(page, VALID_CLAIM, 'matches_active_member');
      await page.waitForLoadState('load');
      await expectAccessible(page);
    });
  }
}

let BASE;
let browser;
try {
  const arg = process.argv[2];
  if (!arg) throw new Error('usage: node verify.mjs BASE_URL');
  BASE = new URL(arg);
  const executablePath = process.env.SHIELDCHECK_CHROMIUM || '/usr/bin/chromium';
  browser = await chromium.launch({
    executablePath,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...(FAKE_CAMERA ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${FAKE_CAMERA}`] : [])],
  });
  await main(browser);
} catch (err) {
  failed++;
  console.log(`not ok - run aborted: ${err && err.message ? err.message.split('\n')[0] : err}`);
  if (err && err.stack) console.error(err.stack);
} finally {
  if (browser) await browser.close().catch(() => {});
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
