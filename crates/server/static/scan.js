// The public scanner on /verify: reads an officer's live QR code with the camera and checks
// it here, on the phone, with shieldcheck's Rust verifier compiled to WebAssembly, against
// the published key set and signed status list (kept by the service worker for offline use).
// The scanned code never leaves the phone.
import init, { verify, decode_qr_rgba } from "/static/wasm/shieldcheck_wasm.js";

const section = document.getElementById("scan");
const strings = JSON.parse(document.getElementById("scan-strings").textContent);
const $ = (id) => document.getElementById(id);
const video = $("scan-video");
const status = $("scan-status");
const result = $("scan-result");
let stream = null;
let challenge = null;
let scanning = false;
const ready = init();

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(() => {});
}
section.hidden = false;

function say(text) {
  status.textContent = text;
}

function stop() {
  scanning = false;
  if (stream) stream.getTracks().forEach((t) => t.stop());
  stream = null;
  video.hidden = true;
  $("scan-stop").hidden = true;
  $("scan-start").hidden = false;
}

async function fetchTrust() {
  // Network first (the service worker falls back to its copies when offline).
  const [keys, list] = await Promise.all([
    fetch("/.well-known/shieldcheck/keys").then((r) => (r.ok ? r.text() : null)).catch(() => null),
    fetch("/api/v1/status-lists/1")
      .then((r) => (r.ok ? r.arrayBuffer() : null))
      .catch(() => null),
  ]);
  return { keys, list: list ? new Uint8Array(list) : undefined };
}

function row(label, value) {
  const dt = document.createElement("dt");
  dt.textContent = label;
  const dd = document.createElement("dd");
  dd.textContent = value;
  return [dt, dd];
}

function show(answer) {
  const valid = answer.result === "valid";
  result.className = "result " + (valid ? "result-yes" : "result-no");
  result.dataset.result = answer.result;
  const h = $("scan-verdict");
  h.textContent = valid ? strings.valid : strings.invalid;
  $("scan-reason").textContent = valid ? strings.compare : strings.reasons[answer.result] || "";
  const details = $("scan-details");
  details.replaceChildren();
  const m = answer.member;
  // Details only beside a valid answer, so that a name cannot make "not valid" look good.
  if (valid && m) {
    const number = m.shield_number || m.tax_registry_number || "";
    const rank = strings.ranks[m.rank] || m.rank.replaceAll("_", " ");
    const command = m.command ? m.command + (m.squad ? " · " + m.squad : "") : m.command_code;
    details.append(
      ...row(strings.name, m.name),
      ...row(strings.rank, rank),
      ...row(strings.number, number),
      ...row(strings.command, command),
    );
  }
  const desk = $("scan-desk");
  if (valid && m && m.command_phone) {
    const digits = m.command_phone.replace(/\D/g, "");
    $("scan-desk-text").textContent = strings.call_desk + " ";
    const a = $("scan-desk-phone");
    a.href = "tel:" + (digits.length === 10 ? "+1" + digits : digits);
    a.textContent = m.command_phone;
    desk.hidden = false;
  } else {
    desk.hidden = true;
  }
  // A failed scan can be reported at once, its answer filled in on the questionnaire.
  const report = $("scan-report-link");
  const reportUrl = new URL(report.href, location.href);
  reportUrl.searchParams.set("check", answer.result);
  report.href = reportUrl.pathname + reportUrl.search;
  $("scan-report").hidden = valid;
  $("scan-as-of").textContent = answer.status_as_of
    ? strings.as_of.replace("{time}", new Date(answer.status_as_of * 1000).toLocaleString(document.documentElement.lang))
    : "";
  result.hidden = false;
  result.focus();
}

async function check(payload) {
  say(strings.checking);
  await ready;
  const trust = await fetchTrust();
  const answer = JSON.parse(
    verify(payload, trust.keys || "", trust.list, Date.now() / 1000, challenge === null ? undefined : challenge),
  );
  say("");
  show(answer);
}

async function decodeFrame(canvas, detector) {
  if (detector) {
    const codes = await detector.detect(video);
    return codes.length ? codes[0].rawValue : null;
  }
  const scale = Math.min(1, 720 / Math.max(video.videoWidth, video.videoHeight));
  const w = Math.round(video.videoWidth * scale);
  const h = Math.round(video.videoHeight * scale);
  if (!w || !h) return null;
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  ctx.drawImage(video, 0, 0, w, h);
  return decode_qr_rgba(ctx.getImageData(0, 0, w, h).data, w, h) || null;
}

async function start() {
  result.hidden = true;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
  } catch {
    say(strings.no_camera);
    return;
  }
  video.srcObject = stream;
  video.hidden = false;
  await video.play().catch(() => {});
  $("scan-start").hidden = true;
  $("scan-stop").hidden = false;
  say(strings.looking);
  await ready;
  let detector = null;
  if ("BarcodeDetector" in window) {
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      if (formats.includes("qr_code")) detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    } catch {
      detector = null;
    }
  }
  const canvas = document.createElement("canvas");
  scanning = true;
  while (scanning) {
    const text = await decodeFrame(canvas, detector).catch(() => null);
    if (text && text.startsWith("SC1:")) {
      stop();
      await check(text);
      return;
    }
    await new Promise((r) => setTimeout(r, 120));
  }
}

$("scan-start").addEventListener("click", start);
$("scan-stop").addEventListener("click", () => {
  stop();
  say("");
});
$("scan-again").addEventListener("click", start);
$("scan-challenge").addEventListener("change", (e) => {
  const out = $("scan-challenge-code");
  if (e.target.checked) {
    const n = crypto.getRandomValues(new Uint16Array(1))[0] % 10000;
    challenge = n;
    out.textContent = strings.challenge.replace("{code}", String(n).padStart(4, "0"));
    out.hidden = false;
  } else {
    challenge = null;
    out.hidden = true;
  }
});
