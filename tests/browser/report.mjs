// Headless-Chromium checks for the questionnaire at /report and the follow-up page /followup.
//
// Run as:   node tests/browser/report.mjs BASE_URL      (e.g. http://127.0.0.1:8080)
//
// The server must have a case-team key registered (`shieldcheck team-keys init`), so that
// reports can be stored, and should accept a form without JavaScript after a short wait
// (SHIELDCHECK_REPORTS__POW_MIN_FORM_SECS=2; the no-JavaScript case waits
// $SHIELDCHECK_MIN_FORM_SECS + 0.5 seconds). The Rust harness (the CLI crate's
// public_pages_in_headless_chromium test) starts such a server and runs this script after
// verify.mjs. Setup as in verify.mjs: apt-get install -y chromium; cd tests/browser && npm ci.
//
// Every case runs in a fresh browser context 360 px wide. Any request to an origin other than
// BASE_URL's (data: aside) fails the case. Each case prints "ok - name" or "not ok - name:
// reason"; the last line is "N passed, M failed", and the exit status is 1 if anything failed.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const MAX_PAGE_BYTES = 100_000;
const LANGS = ['en', 'es', 'zh-Hant', 'zh-Hans', 'ru', 'bn', 'ht', 'ko', 'ar', 'ur', 'fr', 'pl'];
const MIN_FORM_SECS = Number(process.env.SHIELDCHECK_MIN_FORM_SECS || '2');
const RECEIPT = /^\d{3}-\d{3}-\d{4}-\d{6}$/;
// A phone photo with EXIF GPS (the core's tests check what it carries).
const PHOTO = fs.readFileSync(new URL('../../crates/report/tests/data/photo-exif-gps.jpg', import.meta.url));

// The text fields of a multipart/form-data body (the questionnaire is sent as one, for its
// photos): name -> every value sent under it.
function multipartFields(raw) {
  const fields = new Map();
  for (const m of raw.matchAll(/Content-Disposition: form-data; name="([^"]+)"\r\n\r\n([^\r]*)\r\n/g)) {
    fields.set(m[1], [...(fields.get(m[1]) || []), m[2]]);
  }
  return { get: (name) => (fields.get(name) || [])[0], getAll: (name) => fields.get(name) || [] };
}

let passed = 0;
let failed = 0;

function check(cond, message) {
  if (!cond) throw new Error(message);
}

// Runs one case in a fresh context; fn(page, ctx) throws to fail the case.
async function runCase(browser, name, fn, contextOptions = {}) {
  let context;
  try {
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, ...contextOptions });
    context.setDefaultTimeout(20_000);
    const foreign = new Set();
    const bodies = [];
    const requests = [];
    context.on('request', (req) => {
      const url = req.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      if (new URL(url).origin !== BASE.origin) foreign.add(url);
      requests.push(req);
    });
    context.on('response', (resp) => {
      bodies.push((async () => {
        try { return (await resp.body()).length; } catch { return 0; }
      })());
    });
    const ctx = {
      context,
      requests,
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

async function expectAccessible(page) {
  // Injected through the DevTools protocol, which the page's CSP does not govern.
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

// Presses Tab until the element with `id` has the focus: proves it is reachable by keyboard.
async function tabTo(page, id, limit = 250) {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((want) => document.activeElement && document.activeElement.id === want, id)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`#${id} was not reached with the Tab key`);
}

async function receiptOf(page) {
  const el = await page.waitForSelector('#receipt');
  return (await el.textContent()).trim();
}

async function main(browser) {
  const base = BASE.href.replace(/\/$/, '');

  await runCase(browser, 'report: filled with the keyboard, proof of work solved, receipt shown', async (page, ctx) => {
    await page.goto(`${base}/report?lang=en`);
    await page.waitForLoadState('networkidle');
    const before = ctx.requests.length;
    check(!(await page.locator('#vehicle-details').isVisible()), 'vehicle questions shown before a yes');
    await tabTo(page, 'agency');
    await page.keyboard.type('NYPD detectives');
    await tabTo(page, 'titles-detective');
    await page.keyboard.press('Space');
    await tabTo(page, 'asks-come_to_precinct');
    await page.keyboard.press('Space');
    await tabTo(page, 'vehicle_seen-yes');
    await page.keyboard.press('Space');
    check(await page.locator('#vehicle-details').isVisible(), 'vehicle questions hidden after yes');
    await tabTo(page, 'vehicle_plate');
    await page.keyboard.type('HXR 45');
    await tabTo(page, 'narrative');
    await page.keyboard.type('Two men said they were from the 34th precinct and asked for my brother.');
    // Nothing was sent while the form was filled in.
    check(ctx.requests.length === before, `requests before submitting: ${ctx.requests.slice(before).map((r) => r.url()).join(', ')}`);
    await tabTo(page, 'report-submit');
    const posted = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/report');
    await page.keyboard.press('Enter');
    const request = await posted;
    check((request.headers()['content-type'] || '').startsWith('multipart/form-data'), 'the form is not sent as multipart');
    const body = multipartFields(request.postData() || '');
    check(/^\d+$/.test(body.get('pow_nonce') || ''), 'the proof of work was not solved before sending');
    check(body.getAll('titles').includes('detective'), 'the checkbox chosen with Space was not sent');
    const receipt = await receiptOf(page);
    check(RECEIPT.test(receipt), `receipt '${receipt}'`);
    await expectAccessible(page);
  });

  await runCase(browser, 'report: works without JavaScript (old-enough form), receipt shown', async (page) => {
    await page.goto(`${base}/report?lang=es`);
    check(!(await page.locator('#vehicle-details').isVisible()), 'vehicle questions shown before a yes (CSS :has)');
    await page.check('#vehicle_seen-yes');
    check(await page.locator('#vehicle-details').isVisible(), 'vehicle questions hidden after yes (CSS :has)');
    await page.fill('#narrative', 'Dijeron que eran de la policía de inmigración del precinto 34.');
    await page.waitForTimeout(MIN_FORM_SECS * 1000 + 500);
    await page.click('#report-submit');
    const receipt = await receiptOf(page);
    check(RECEIPT.test(receipt), `receipt '${receipt}'`);
    check(await page.evaluate(() => document.documentElement.lang) === 'es', 'receipt not in Spanish');
  }, { javaScriptEnabled: false });

  await runCase(browser, 'report: a photo chosen in the file input goes with the report', async (page) => {
    await page.goto(`${base}/report?lang=ht`);
    await page.fill('#narrative', 'Yo te di yo se polis 34yèm distri a.');
    await page.setInputFiles('#attachment', { name: 'pot.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
    await page.click('#report-submit');
    const receipt = await receiptOf(page);
    check(RECEIPT.test(receipt), `receipt '${receipt}'`);
  });

  await runCase(browser, 'report: a file that is not a photo comes back beside the file input', async (page) => {
    await page.goto(`${base}/report?lang=en`);
    await page.fill('#narrative', 'They said they were detectives.');
    await page.setInputFiles('#attachment', { name: 'fake.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a jpeg at all') });
    await page.click('#report-submit');
    await page.waitForSelector('#error-summary');
    const invalid = await page.getAttribute('#attachment', 'aria-invalid');
    check(invalid === 'true', 'the file input is not marked invalid');
    check(await page.inputValue('#narrative') === 'They said they were detectives.', 'the story was not kept');
    await expectAccessible(page);
  });

  await runCase(browser, 'report: mistakes are listed, linked and announced (ar, right-to-left)', async (page) => {
    await page.goto(`${base}/report?lang=ar`);
    await page.fill('#people_count', 'كم');
    await page.click('#report-submit');
    await page.waitForSelector('#error-summary');
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    check(focused === 'error-summary', `the summary does not take the focus (${focused})`);
    const invalid = await page.getAttribute('#people_count', 'aria-invalid');
    check(invalid === 'true', 'the field is not marked invalid');
    const describedby = await page.getAttribute('#people_count', 'aria-describedby');
    check(describedby.includes('people_count-error'), `aria-describedby '${describedby}'`);
    check(await page.inputValue('#people_count') === 'كم', 'the answer was not kept');
    check(await page.evaluate(() => document.documentElement.dir) === 'rtl', 'not right-to-left');
    await expectAccessible(page);
  });

  await runCase(browser, 'report: a failed check links to a report with its answer filled in', async (page) => {
    await page.goto(`${base}/verify?lang=en`);
    await page.fill('#name', 'Det. Ana Rivera');
    await page.fill('#shield_number', '9999999');
    await page.fill('#command', '34');
    await page.click('#check-submit');
    await page.click('#claim-report');
    await page.waitForSelector('#report-form');
    check(await page.inputValue('#check') === 'no_match', 'the check result was not filled in');
  });

  for (const lang of LANGS) {
    await runCase(browser, `a11y and size: /report?lang=${lang}`, async (page, ctx) => {
      const resp = await page.goto(`${base}/report?lang=${lang}`);
      check(resp && resp.ok(), `HTTP ${resp ? resp.status() : 'no response'}`);
      await page.waitForLoadState('networkidle');
      await expectAccessible(page);
      const bytes = await ctx.bytes();
      check(bytes <= MAX_PAGE_BYTES, `page weighs ${bytes} bytes, over ${MAX_PAGE_BYTES}`);
    });
  }

  // 200% zoom on a 360 x 740 screen is a 180 x 370 CSS-pixel viewport at twice the density:
  // every part of the questionnaire must fit without scrolling sideways.
  for (const lang of LANGS) {
    await runCase(browser, `200% zoom on a 360-px screen: /report?lang=${lang} reflows`, async (page) => {
      await page.goto(`${base}/report?lang=${lang}`);
      await page.check('#vehicle_seen-yes');
      const wide = await page.evaluate(() => [...document.querySelectorAll('#main *')]
        .filter((el) => !el.closest('.hp') && el.getClientRects().length > 0)
        .filter((el) => { const r = el.getBoundingClientRect(); return r.right > window.innerWidth + 1 || r.left < -1; })
        .slice(0, 3).map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} '${(el.textContent || '').trim().slice(0, 30)}'`));
      check(wide.length === 0, `wider than the screen: ${wide.join(', ')}`);
    }, { viewport: { width: 180, height: 370 }, deviceScaleFactor: 2 });
  }

  await runCase(browser, 'followup: from the receipt page, with the keyboard (the page has no script)', async (page) => {
    await page.goto(`${base}/report?lang=en`);
    await page.fill('#narrative', 'Two men said they were detectives from the three-four.');
    await page.waitForTimeout(MIN_FORM_SECS * 1000 + 500);
    await page.click('#report-submit');
    const receipt = await receiptOf(page);
    await page.click('#followup-link');
    check(new URL(page.url()).pathname === '/followup', `the receipt page links to ${page.url()}`);
    await expectAccessible(page);
    // A receipt with a letter: the error is announced, linked and tied to the field.
    await tabTo(page, 'receipt');
    await page.keyboard.type(receipt.replace(/.$/, 'O'));
    await page.keyboard.press('Enter');
    await page.waitForSelector('#error-summary');
    check(await page.getAttribute('#receipt', 'aria-invalid') === 'true', 'the receipt field is not marked invalid');
    check((await page.getAttribute('#receipt', 'aria-describedby') || '').includes('receipt-error'), 'the error is not tied to the field');
    await expectAccessible(page);
    // The right receipt: the report's state, then an addendum typed with the keyboard.
    await page.fill('#receipt', '');
    await tabTo(page, 'receipt');
    await page.keyboard.type(receipt);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#status-heading');
    check(!page.url().includes(receipt.slice(-6)), 'the receipt is in the URL');
    check((await page.textContent('#opened')).includes('0'), 'the opened count is shown');
    await tabTo(page, 'addendum');
    await page.keyboard.type('They came back on Tuesday.');
    await tabTo(page, 'addendum-submit');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#notice');
    check((await page.textContent('.messages')).includes('They came back on Tuesday.'), 'the addendum is not shown');
    check(!page.url().includes(receipt.slice(-6)), 'the receipt is in the URL');
    await expectAccessible(page);
  });

  for (const lang of LANGS) {
    await runCase(browser, `followup: /followup?lang=${lang} is small, accessible and reflows at 200% zoom`, async (page, ctx) => {
      await page.goto(`${base}/followup?lang=${lang}`);
      await page.waitForLoadState('networkidle');
      await expectAccessible(page);
      const bytes = await ctx.bytes();
      check(bytes <= MAX_PAGE_BYTES, `page weighs ${bytes} bytes, over ${MAX_PAGE_BYTES}`);
      const wide = await page.evaluate(() => [...document.querySelectorAll('#main *')]
        .filter((el) => el.getClientRects().length > 0)
        .filter((el) => { const r = el.getBoundingClientRect(); return r.right > window.innerWidth + 1 || r.left < -1; })
        .slice(0, 3).map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}`));
      check(wide.length === 0, `wider than the screen: ${wide.join(', ')}`);
    }, { viewport: { width: 180, height: 370 }, deviceScaleFactor: 2 });
  }

  for (const lang of ['en', 'ur']) {
    await runCase(browser, `a11y and size: receipt page (${lang})`, async (page, ctx) => {
      await page.goto(`${base}/report?lang=${lang}`);
      await page.fill('#narrative', 'They showed a paper badge and asked where my cousin works.');
      await page.click('#report-submit');
      const receipt = await receiptOf(page);
      check(RECEIPT.test(receipt), `receipt '${receipt}'`);
      await page.waitForLoadState('networkidle');
      await expectAccessible(page);
      const bytes = await ctx.bytes();
      check(bytes <= MAX_PAGE_BYTES * 2, `form and receipt weigh ${bytes} bytes`);
    });
  }
}

let BASE;
let browser;
try {
  const arg = process.argv[2];
  if (!arg) throw new Error('usage: node report.mjs BASE_URL');
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
