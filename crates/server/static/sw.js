// shieldcheck's service worker: keeps what an offline check needs (the scanner page, its
// script, the WebAssembly verifier, the issuer key set and the signed status list) so that a
// resident can verify an officer's code with the network off. Trust data is fetched from the
// network first and the copy kept; the copy is used only when the network fails. Nothing
// posted is ever cached.
const CACHE = "shieldcheck-v1";
const SHELL = [
  "/verify",
  "/officer",
  "/static/style.css",
  "/static/scan.js",
  "/static/officer.js",
  "/static/wasm/shieldcheck_wasm.js",
  "/static/wasm/shieldcheck_wasm_bg.wasm",
  "/.well-known/shieldcheck/keys",
  "/api/v1/status-lists/1",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => Promise.all(SHELL.map((url) => cache.add(url).catch(() => {}))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: request.mode === "navigate" ? false : true });
    if (cached) return cached;
    if (request.mode === "navigate") {
      const page = await cache.match(new URL(request.url).pathname);
      if (page) return page;
    }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  const offline =
    path === "/verify" ||
    path === "/officer" ||
    path.startsWith("/static/") ||
    path === "/.well-known/shieldcheck/keys" ||
    path === "/api/v1/status-lists/1";
  if (offline) event.respondWith(networkFirst(request));
});
