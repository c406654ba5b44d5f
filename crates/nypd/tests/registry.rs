//! Data-driven test of the command normaliser: every phrasing in
//! `tests/data/command-phrasings.tsv` must resolve to exactly what the table says.

use std::collections::BTreeSet;

use shieldcheck_nypd::registry::{Registry, Resolution};

fn expected(cell: &str) -> Resolution {
    match cell {
        "unknown" => Resolution::Unknown,
        "not_nypd" => Resolution::NotNypd { why: String::new() },
        codes => Resolution::Commands(codes.split('|').map(str::to_owned).collect::<BTreeSet<_>>()),
    }
}

fn same(a: &Resolution, b: &Resolution) -> bool {
    match (a, b) {
        (Resolution::NotNypd { .. }, Resolution::NotNypd { .. }) => true,
        _ => a == b,
    }
}

#[test]
fn every_phrasing_in_the_table_resolves_as_written() {
    let table = include_str!("data/command-phrasings.tsv");
    let registry = Registry::nypd();
    let mut failures = Vec::new();
    let mut rows = 0;
    for (i, line) in table.lines().enumerate().skip(1) {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let Some((phrase, cell)) = line.split_once('\t') else {
            panic!("line {}: expected phrase<TAB>expected", i + 1);
        };
        rows += 1;
        let want = expected(cell.trim());
        let got = registry.resolve(phrase);
        if !same(&got, &want) {
            failures.push(format!("line {}: {phrase:?}: expected {cell}, got {got:?}", i + 1));
        }
    }
    assert!(rows >= 150, "the table must hold at least 150 phrasings, has {rows}");
    assert!(failures.is_empty(), "{} of {rows} phrasings failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_registry_code_and_name_resolves_to_itself() {
    let registry = Registry::nypd();
    for command in registry.commands() {
        assert_eq!(registry.resolve(&command.code).single(), Some(command.code.as_str()), "{}", command.code);
        let by_name = registry.resolve(&command.name);
        assert!(
            matches!(&by_name, Resolution::Commands(codes) if codes.contains(&command.code)),
            "{} → {by_name:?}",
            command.name
        );
    }
}
