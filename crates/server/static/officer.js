// The officer's wallet on /officer. Enrolment makes a P-256 signing key with WebCrypto that
// cannot be exported (not even by this script) and keeps it in IndexedDB with the credential.
// The page then shows a QR code that it signs afresh every 30 seconds, beside the officer's
// name, rank, shield and command in large type.
import init, { time_step, signing_input, assemble, qr_svg } from "/static/wasm/shieldcheck_wasm.js";

const strings = JSON.parse(document.getElementById("officer-strings").textContent);
const $ = (id) => document.getElementById(id);
const DB = "shieldcheck-officer";
const ready = init();
let timer = null;

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(() => {});
}

function db() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore("wallet");
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

async function tx(mode, fn) {
  const d = await db();
  return new Promise((resolve, reject) => {
    const t = d.transaction("wallet", mode);
    const req = fn(t.objectStore("wallet"));
    t.oncomplete = () => resolve(req && req.result);
    t.onerror = () => reject(t.error);
  });
}

const load = () => tx("readonly", (s) => s.get("credential"));
const save = (value) => tx("readwrite", (s) => s.put(value, "credential"));
const forget = () => tx("readwrite", (s) => s.delete("credential"));

function fromBase64url(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "===".slice((b64.length + 3) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function enrol(event) {
  event.preventDefault();
  const error = $("officer-error");
  error.hidden = true;
  $("officer-enrol").disabled = true;
  $("officer-progress").textContent = strings.enrolling;
  try {
    const keys = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
    const jwk = await crypto.subtle.exportKey("jwk", keys.publicKey);
    const response = await fetch("/api/v1/enrolments", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        code: $("officer-code").value,
        device_public_key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
      }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const code = body.error && body.error.code;
      throw new Error(strings.errors[code] || strings.errors.other);
    }
    await save({
      privateKey: keys.privateKey,
      credential: fromBase64url(body.credential),
      member: body.member,
      expires: body.expires,
    });
    await showWallet();
  } catch (e) {
    error.textContent = e.message || strings.errors.other;
    error.hidden = false;
    $("officer-code").setAttribute("aria-invalid", "true");
    $("officer-code").focus();
  } finally {
    $("officer-enrol").disabled = false;
    $("officer-progress").textContent = "";
  }
}

async function render(wallet) {
  await ready;
  const now = Date.now() / 1000;
  if (now >= wallet.expires) {
    $("officer-qr").hidden = true;
    $("officer-expired").hidden = false;
    return;
  }
  const step = time_step(now);
  const typed = $("officer-challenge").value.replace(/\D/g, "");
  const challenge = typed.length === 4 ? typed : undefined;
  const message = signing_input(wallet.credential, step, challenge);
  const signature = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, wallet.privateKey, message);
  const payload = assemble(wallet.credential, step, challenge, new Uint8Array(signature));
  const svg = payload && qr_svg(payload);
  if (!svg) return;
  const img = $("officer-qr");
  img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
  img.dataset.payload = payload;
  img.dataset.step = String(step);
  img.hidden = false;
}

async function showWallet() {
  const wallet = await load();
  if (!wallet) {
    $("officer-enrolment").hidden = false;
    $("officer-wallet").hidden = true;
    return;
  }
  const m = wallet.member;
  $("officer-name").textContent = m.name;
  $("officer-rank").textContent = strings.ranks[m.rank] || m.rank.replaceAll("_", " ");
  $("officer-number").textContent = m.shield_number || m.tax_registry_number || "";
  $("officer-command").textContent = m.command ? m.command + (m.squad ? " · " + m.squad : "") : m.command_code;
  $("officer-expires").textContent = strings.expires.replace(
    "{date}",
    new Date(wallet.expires * 1000).toLocaleDateString(document.documentElement.lang),
  );
  $("officer-enrolment").hidden = true;
  $("officer-wallet").hidden = false;
  await render(wallet);
  clearInterval(timer);
  // Re-sign just after each 30-second boundary (checked every second).
  let last = Math.floor(Date.now() / 30000);
  timer = setInterval(() => {
    const step = Math.floor(Date.now() / 30000);
    if (step !== last) {
      last = step;
      render(wallet);
    }
  }, 1000);
  $("officer-challenge").oninput = () => render(wallet);
}

$("officer-form").addEventListener("submit", enrol);
$("officer-forget").addEventListener("click", async () => {
  clearInterval(timer);
  await forget();
  await showWallet();
});
document.getElementById("officer-app").hidden = false;
showWallet();
