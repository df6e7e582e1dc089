// 連携ノート service worker: makes the app shell work offline.
//
// tools/precache.mjs (run by tools/build.mjs) rewrites the two quoted
// placeholders below in the built copy of this file:
//   the precache token -> JSON array of URL paths of the build, e.g. ["/","/index.html",…]
//   the build token    -> JSON string, a hash of the build, e.g. "3f9c0a1b2c3d4e5f"
// Each token must stay exactly once in this file, inside its quotes.
//
// Privacy rule: only files of the build are ever cached. Records typed by the
// staff live in IndexedDB, and API traffic (/api/…) is never intercepted or
// cached, so no personal data ends up in Cache Storage.

const PRECACHE_VALUE = "__RENKEI_PRECACHE__";
const BUILD = "__RENKEI_BUILD__";

// Unprocessed file (hook did not run): the token is still a string. Cache
// nothing rather than something wrong; navigations then simply use the network.
const PRECACHE = Array.isArray(PRECACHE_VALUE) ? PRECACHE_VALUE : [];
const PRECACHE_SET = new Set(PRECACHE);
// One cache per build: an old app version keeps working from its own cache
// until the new worker activates, and activation can drop old caches by prefix.
const CACHE_PREFIX = "renkei-";
const CACHE = CACHE_PREFIX + BUILD;
const SHELL = "/index.html";

self.addEventListener("install", (event) => {
  // No skipWaiting() here: a new version must not take over while someone is
  // typing a record; the page asks for it with {type: "SKIP_WAITING"}.
  event.waitUntil(precache());
});

// The build's content-hashed names: name-0123456789abcdef.js, …_bg.wasm, ….css.
function isHashed(path) {
  return /-[0-9a-f]{16}(_bg)?\.(wasm|js|css)$/.test(path);
}

async function precache() {
  const cache = await caches.open(CACHE);
  try {
    await Promise.all(
      PRECACHE.map(async (path) => {
        // A file whose name carries its content hash cannot be stale, so it
        // may come from the HTTP cache (the page has usually just fetched
        // it: the wasm is not downloaded twice). Any other file bypasses the
        // HTTP cache so we never store a stale one under a new build's name.
        const mode = isHashed(path) ? "default" : "reload";
        const response = await fetch(new Request(path, { cache: mode }));
        if (!response.ok) throw new Error(`precache ${path}: HTTP ${response.status}`);
        await cache.put(path, response.redirected ? await unredirect(response) : response);
      }),
    );
  } catch (err) {
    // A half-filled cache must not survive; the browser retries install later.
    await caches.delete(CACHE);
    throw err;
  }
}

// Chromium refuses to answer a navigation with a response marked
// "redirected" (e.g. a server that redirects /index.html to /), so store a
// copy without that flag.
async function unredirect(response) {
  return new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "SKIP_WAITING") {
    self.skipWaiting();
  } else if (data.type === "GET_VERSION") {
    const reply = { type: "VERSION", build: BUILD };
    if (event.ports && event.ports[0]) event.ports[0].postMessage(reply);
    else if (event.source) event.source.postMessage(reply);
  }
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // Old builds' files are useless now and only use the user's quota.
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE)
          .map((name) => caches.delete(name)),
      );
      // Control pages opened before this worker existed (first visit), so
      // they work offline without a reload.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  // Not calling respondWith() leaves the request to the browser's normal
  // network handling: used for everything we do not own.
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/")) return;

  if (request.mode === "navigate") {
    // The SPA's routes (/, /records/…) all get the app shell; a direct
    // navigation to a file of the build gets that file.
    const path = url.pathname !== "/" && PRECACHE_SET.has(url.pathname) ? url.pathname : SHELL;
    if (PRECACHE_SET.has(path)) event.respondWith(cacheFirst(path, request));
    return;
  }
  if (PRECACHE_SET.has(url.pathname)) {
    event.respondWith(cacheFirst(url.pathname, request));
  }
  // Anything else: network, uncached.
});

async function cacheFirst(path, request) {
  const cache = await caches.open(CACHE);
  // Look up by path so a query string (?v=…) cannot miss the cached file.
  // ignoreVary: a server "Vary" header must not make the shell unfindable.
  const cached = await cache.match(path, { ignoreVary: true });
  if (cached) return cached;
  // Not cached (e.g. install still running): plain network, not stored.
  return fetch(request);
}
