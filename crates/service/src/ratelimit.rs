//! Rate limiting of claim checks without storing client addresses: a global token bucket,
//! and per-client buckets keyed by a keyed BLAKE3 hash of the address. The key is random per
//! process and lives only in memory, so the keys of the bucket map cannot be turned back into
//! addresses, and nothing about clients survives a restart.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

use rand::Rng as _;

use crate::settings::RateLimitSettings;

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

impl Bucket {
    fn full(capacity: f64, now: Instant) -> Bucket {
        Bucket { tokens: capacity, updated: now }
    }

    /// Refills at `rate` tokens a second up to `capacity`, then takes one token if it can.
    fn take(&mut self, capacity: f64, rate: f64, now: Instant) -> bool {
        let elapsed = now.saturating_duration_since(self.updated).as_secs_f64();
        self.tokens = (self.tokens + elapsed * rate).min(capacity);
        self.updated = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// An opaque client identity: a keyed hash of its address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientKey([u8; 16]);

pub struct RateLimiter {
    settings: RateLimitSettings,
    key: [u8; 32],
    global: Mutex<Bucket>,
    clients: Mutex<HashMap<ClientKey, Bucket>>,
}

// The hashing key must never be printed.
impl std::fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimiter").field("settings", &self.settings).finish_non_exhaustive()
    }
}

impl RateLimiter {
    pub fn new(settings: RateLimitSettings) -> RateLimiter {
        let now = Instant::now();
        RateLimiter {
            global: Mutex::new(Bucket::full(f64::from(settings.global_burst), now)),
            clients: Mutex::new(HashMap::new()),
            key: rand::rng().random(),
            settings,
        }
    }

    /// The opaque key for a client address; `None` (no address known) shares one bucket.
    pub fn client_key(&self, address: Option<IpAddr>) -> ClientKey {
        let bytes = match address {
            Some(IpAddr::V4(v4)) => v4.to_ipv6_mapped().octets(),
            // Clients on IPv6 usually hold a whole /64: limit the prefix, not each address.
            Some(IpAddr::V6(v6)) => {
                let mut octets = v6.octets();
                if v6.to_ipv4_mapped().is_none() {
                    octets[8..].fill(0);
                }
                octets
            }
            None => [0; 16],
        };
        let hash = blake3::keyed_hash(&self.key, &bytes);
        let mut key = [0u8; 16];
        key.copy_from_slice(&hash.as_bytes()[..16]);
        ClientKey(key)
    }

    /// Takes one request from the client's and the global budget; `false` when either is spent.
    pub fn allow(&self, client: ClientKey) -> bool {
        self.allow_at(client, Instant::now())
    }

    fn allow_at(&self, client: ClientKey, now: Instant) -> bool {
        let s = &self.settings;
        let client_capacity = f64::from(s.client_burst.max(1));
        let client_rate = f64::from(s.client_per_minute) / 60.0;
        {
            let mut clients = self.clients.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if clients.len() >= s.max_tracked_clients && !clients.contains_key(&client) {
                // Forget clients whose buckets have refilled; they lose nothing by it. If the
                // map is still full, start over rather than grow without bound.
                clients.retain(|_, b| {
                    let refilled = b.tokens + now.saturating_duration_since(b.updated).as_secs_f64() * client_rate;
                    refilled < client_capacity
                });
                if clients.len() >= s.max_tracked_clients {
                    clients.clear();
                }
            }
            let bucket = clients.entry(client).or_insert_with(|| Bucket::full(client_capacity, now));
            if !bucket.take(client_capacity, client_rate, now) {
                return false;
            }
        }
        let mut global = self.global.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        global.take(f64::from(s.global_burst.max(1)), f64::from(s.global_per_second), now)
    }

    /// How many clients are tracked now (for tests and metrics).
    pub fn tracked_clients(&self) -> usize {
        self.clients.lock().map_or(0, |c| c.len())
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn limiter(client_burst: u32, global_burst: u32, max_tracked_clients: usize) -> RateLimiter {
        RateLimiter::new(RateLimitSettings {
            global_per_second: 1,
            global_burst,
            client_per_minute: 60,
            client_burst,
            max_tracked_clients,
        })
    }

    #[test]
    fn a_client_is_limited_and_refills() {
        let l = limiter(3, 100, 10);
        let a = l.client_key(Some("192.0.2.1".parse().expect("ip")));
        let b = l.client_key(Some("192.0.2.2".parse().expect("ip")));
        let t = Instant::now();
        assert!((0..3).all(|_| l.allow_at(a, t)));
        assert!(!l.allow_at(a, t));
        assert!(l.allow_at(b, t), "another client has its own budget");
        assert!(l.allow_at(a, t + Duration::from_secs(1)), "one token a second comes back");
    }

    #[test]
    fn the_global_budget_holds_for_everyone() {
        let l = limiter(100, 5, 1000);
        let t = Instant::now();
        let allowed = (0..50u8).filter(|i| l.allow_at(l.client_key(Some(IpAddr::from([198, 51, 100, *i]))), t)).count();
        assert_eq!(allowed, 5);
    }

    #[test]
    fn keys_are_keyed_and_ipv6_prefixes_share_a_bucket() {
        let l1 = limiter(1, 1, 1);
        let l2 = limiter(1, 1, 1);
        let ip: IpAddr = "203.0.113.9".parse().expect("ip");
        assert_ne!(l1.client_key(Some(ip)), l2.client_key(Some(ip)), "a fresh random key per process");
        let x: IpAddr = "2001:db8::1".parse().expect("ip");
        let y: IpAddr = "2001:db8::ffff:2".parse().expect("ip");
        assert_eq!(l1.client_key(Some(x)), l1.client_key(Some(y)));
    }

    #[test]
    fn the_client_map_stays_bounded() {
        let l = limiter(5, 10_000, 100);
        let t = Instant::now();
        for i in 0..1000u32 {
            l.allow_at(l.client_key(Some(IpAddr::from(i.to_be_bytes()))), t);
        }
        assert!(l.tracked_clients() <= 100);
    }
}
