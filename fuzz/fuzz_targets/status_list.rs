//! Any bytes as a status list token (`verify_status_list`) and as a compressed list
//! (`StatusList::decompress`): never a panic, never more than the inflation bound.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| shieldcheck_fuzz::check_status_list(data));
