//! Any text as a presentation payload: `verify_presentation`, `answer::verify_published`, the
//! batch path and challenge mode must never panic and must agree.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| shieldcheck_fuzz::check_presentation(data));
