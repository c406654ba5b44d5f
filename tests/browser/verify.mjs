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
const PATHS = ['/', '/verify', '/precincts'];
const ARABIC = /[\u0600-\u06FF]/;

const VALID_CLAIM = { name: 'Det. Ana Rivera', rank: 'detective', shield: '4471', command: 'the three-four' };
const MADE_UP_CLAIM = { name: 'Det. Ana Rivera', rank: 'detective', shield: '9999999', command: '34' };
const IMMIGRATION_CLAIM = { name: 'Smith', command: 'immigration squad' };

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
      bodies.push((async () => {
        try { return (await resp.body()).length; } catch { return 0; } // redirects have no body
      })());
    });
    const ctx = {
      bytes: async () => (await Promise.all(bodies)).reduce((a, b) => a + b, 0),
    };
    const page = await context.newPage();
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
  await page.addScriptTag({ content: AXE_SOURCE });
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

async function main(browser) {
  const base = BASE.href.replace(/\/$/, '');

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

  // axe runs as an injected inline script: bypassCSP lets it past the
  // server's Content-Security-Policy (the page's own scripts are unaffected).
  for (const path of PATHS) {
    for (const lang of LANGS) {
      await runCase(browser, `a11y and size: ${path}?lang=${lang}`, async (page, ctx) => {
        const resp = await page.goto(`${base}${path}?lang=${lang}`);
        check(resp && resp.ok(), `HTTP ${resp ? resp.status() : 'no response'}`);
        await page.waitForLoadState('networkidle');
        await expectAccessible(page);
        const bytes = await ctx.bytes();
        check(bytes <= MAX_PAGE_BYTES, `page weighs ${bytes} bytes, over ${MAX_PAGE_BYTES}`);
      }, { bypassCSP: true });
    }
  }

  for (const lang of ['en', 'ar']) {
    await runCase(browser, `a11y: result page (${lang})`, async (page) => {
      await page.goto(`${base}/verify?lang=${lang}`);
      await expectResult(page, VALID_CLAIM, 'matches_active_member');
      await page.waitForLoadState('load');
      await expectAccessible(page);
    }, { bypassCSP: true });
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
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
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
