// The questionnaire on /report. Everything here happens on the phone: nothing is sent to the
// server before the person presses the send button (no autosave, no analytics, no prefetch).
//
// Before sending, the script finds the proof of work the server asks for: a nonce such that
// SHA-256(challenge ":" nonce) starts with `data-pow-bits` zero bits (see src/pow.rs). The
// form works without this script: the server then accepts a form that has been open for a
// little while instead.
const form = document.getElementById("report-form");

// SHA-256 of a short ASCII string, in plain JavaScript: synchronous and fast enough for tens
// of thousands of tries a second on a cheap phone, where WebCrypto's per-call overhead is not.
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const W = new Uint32Array(64);
// The padded message, reused between calls: a challenge and nonce fit in 4 blocks.
const WORDS = new Uint32Array(64);

// The first 32 bits of SHA-256(text); `text` is ASCII (the challenge, ":" and digits).
function sha256Head(text) {
  const n = text.length;
  const blocks = ((n + 8) >> 6) + 1;
  const words = blocks <= 4 ? WORDS.fill(0, 0, blocks * 16) : new Uint32Array(blocks * 16);
  for (let i = 0; i < n; i++) words[i >> 2] |= text.charCodeAt(i) << (24 - (i & 3) * 8);
  words[n >> 2] |= 0x80 << (24 - (n & 3) * 8);
  words[blocks * 16 - 1] = n * 8;
  let h0 = 0x6a09e667, h1 = 0xbb67ae85, h2 = 0x3c6ef372, h3 = 0xa54ff53a;
  let h4 = 0x510e527f, h5 = 0x9b05688c, h6 = 0x1f83d9ab, h7 = 0x5be0cd19;
  for (let b = 0; b < blocks; b++) {
    for (let t = 0; t < 16; t++) W[t] = words[b * 16 + t];
    for (let t = 16; t < 64; t++) {
      const x = W[t - 15], y = W[t - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      W[t] = (W[t - 16] + s0 + W[t - 7] + s1) | 0;
    }
    let a = h0, bb = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K[t] + W[t]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & bb) ^ (a & c) ^ (bb & c);
      const t2 = (S0 + maj) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = bb; bb = a; a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0; h1 = (h1 + bb) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
  }
  return h0 >>> 0;
}

// Finds a nonce for `challenge` with `bits` leading zero bits (at most 32), in slices that
// leave the page responsive.
function solve(challenge, bits) {
  const mask = bits >= 32 ? 0xffffffff : bits <= 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const prefix = challenge + ":";
  let nonce = 0;
  return new Promise((resolve) => {
    const slice = () => {
      const end = nonce + 20000;
      for (; nonce < end; nonce++) {
        if (((sha256Head(prefix + nonce) & mask) >>> 0) === 0) {
          resolve(String(nonce));
          return;
        }
      }
      setTimeout(slice, 0);
    };
    slice();
  });
}

if (form) {
  const strings = JSON.parse(document.getElementById("report-strings").textContent);
  const bits = Number(form.dataset.powBits) || 0;
  const challenge = form.elements.pow_challenge.value;
  const nonce = form.elements.pow_nonce;
  const status = document.getElementById("report-status");
  const button = document.getElementById("report-submit");
  let work = null;
  const start = () => {
    if (!work) work = solve(challenge, bits);
    return work;
  };

  // The vehicle's details only after "yes" (the stylesheet does the same where it can).
  const details = document.getElementById("vehicle-details");
  const yes = document.getElementById("vehicle_seen-yes");
  const reveal = () => {
    if (details && yes) details.hidden = !yes.checked;
  };
  form.querySelectorAll('input[name="vehicle_seen"]').forEach((r) => r.addEventListener("change", reveal));
  reveal();

  // After a refused send, the list of mistakes is read out first.
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  // The work starts when the person starts answering, so it is usually done by the end.
  form.addEventListener("focusin", start, { once: true });

  let sending = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (sending) return;
    sending = true;
    button.disabled = true;
    status.textContent = strings.preparing;
    nonce.value = await start();
    status.textContent = strings.sending;
    form.submit();
  });

  // Coming back to this page from the browser's history: let the person send again (the
  // server says if this form was already sent).
  window.addEventListener("pageshow", () => {
    sending = false;
    button.disabled = false;
    status.textContent = "";
  });
}
