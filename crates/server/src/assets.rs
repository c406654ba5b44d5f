//! The static files of the public pages, compiled into the binary (so that a fresh clone
//! serves them without a WebAssembly toolchain; `scripts/build-wasm` rebuilds the wasm pair)
//! and served from one table: path, content type and cache policy. Nothing else serves a
//! static file.

use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;

/// How long a browser may keep a file before asking again.
#[derive(Debug, Clone, Copy)]
enum Cache {
    /// Revalidated, not versioned by name: a deploy reaches phones within an hour.
    Hour,
    /// The stylesheet of every page changes least.
    Day,
    /// Browsers check the service worker for updates; never let a cache pin an old one.
    Never,
}

impl Cache {
    fn header(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Cache::Hour => "public, max-age=3600",
            Cache::Day => "public, max-age=86400",
            Cache::Never => "no-cache",
        })
    }
}

#[derive(Debug)]
struct Asset {
    path: &'static str,
    content_type: &'static str,
    cache: Cache,
    body: &'static [u8],
}

const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";

const ASSETS: &[Asset] = &[
    Asset {
        path: "/static/style.css",
        content_type: CSS,
        cache: Cache::Day,
        body: include_bytes!("../static/style.css"),
    },
    Asset { path: "/static/scan.js", content_type: JS, cache: Cache::Hour, body: include_bytes!("../static/scan.js") },
    Asset {
        path: "/static/officer.js",
        content_type: JS,
        cache: Cache::Hour,
        body: include_bytes!("../static/officer.js"),
    },
    Asset {
        path: "/static/report.js",
        content_type: JS,
        cache: Cache::Hour,
        body: include_bytes!("../static/report.js"),
    },
    Asset {
        path: "/static/report.css",
        content_type: CSS,
        cache: Cache::Hour,
        body: include_bytes!("../static/report.css"),
    },
    Asset {
        path: "/static/wasm/shieldcheck_wasm.js",
        content_type: JS,
        cache: Cache::Hour,
        body: include_bytes!("../static/wasm/shieldcheck_wasm.js"),
    },
    Asset {
        path: "/static/wasm/shieldcheck_wasm_bg.wasm",
        content_type: "application/wasm",
        cache: Cache::Hour,
        body: include_bytes!("../static/wasm/shieldcheck_wasm_bg.wasm"),
    },
    Asset { path: "/sw.js", content_type: JS, cache: Cache::Never, body: include_bytes!("../static/sw.js") },
];

/// Every file of the table at its path; any other path under `/static/` is a bare 404.
pub fn router() -> Router<AppState> {
    let router = ASSETS.iter().fold(Router::new(), |router, asset| router.route(asset.path, get(move || serve(asset))));
    router.route("/static/{*rest}", get(|| async { StatusCode::NOT_FOUND }))
}

async fn serve(asset: &'static Asset) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type)),
            (header::CACHE_CONTROL, asset.cache.header()),
        ],
        asset.body,
    )
        .into_response()
}
