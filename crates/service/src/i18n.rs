//! The translation catalogue of the public pages and API answers: Project Fluent files in
//! `i18n/`, one per language of `data/languages.csv`, embedded at compile time.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

/// A language the public pages speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Es,
    ZhHant,
    ZhHans,
    Ru,
    Bn,
    Ht,
    Ko,
    Ar,
    Ur,
    Fr,
    Pl,
}

impl Lang {
    /// In the order of `data/languages.csv`.
    pub const ALL: [Lang; 12] = [
        Lang::En,
        Lang::Es,
        Lang::ZhHant,
        Lang::ZhHans,
        Lang::Ru,
        Lang::Bn,
        Lang::Ht,
        Lang::Ko,
        Lang::Ar,
        Lang::Ur,
        Lang::Fr,
        Lang::Pl,
    ];

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::ZhHant => "zh-Hant",
            Lang::ZhHans => "zh-Hans",
            Lang::Ru => "ru",
            Lang::Bn => "bn",
            Lang::Ht => "ht",
            Lang::Ko => "ko",
            Lang::Ar => "ar",
            Lang::Ur => "ur",
            Lang::Fr => "fr",
            Lang::Pl => "pl",
        }
    }

    /// The language's name in itself, for the language picker.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
            Lang::ZhHant => "中文（繁體）",
            Lang::ZhHans => "中文（简体）",
            Lang::Ru => "Русский",
            Lang::Bn => "বাংলা",
            Lang::Ht => "Kreyòl ayisyen",
            Lang::Ko => "한국어",
            Lang::Ar => "العربية",
            Lang::Ur => "اردو",
            Lang::Fr => "Français",
            Lang::Pl => "Polski",
        }
    }

    pub fn is_rtl(self) -> bool {
        matches!(self, Lang::Ar | Lang::Ur)
    }

    /// The value of the HTML `dir` attribute.
    pub fn dir(self) -> &'static str {
        if self.is_rtl() { "rtl" } else { "ltr" }
    }

    fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../i18n/en.ftl"),
            Lang::Es => include_str!("../i18n/es.ftl"),
            Lang::ZhHant => include_str!("../i18n/zh-Hant.ftl"),
            Lang::ZhHans => include_str!("../i18n/zh-Hans.ftl"),
            Lang::Ru => include_str!("../i18n/ru.ftl"),
            Lang::Bn => include_str!("../i18n/bn.ftl"),
            Lang::Ht => include_str!("../i18n/ht.ftl"),
            Lang::Ko => include_str!("../i18n/ko.ftl"),
            Lang::Ar => include_str!("../i18n/ar.ftl"),
            Lang::Ur => include_str!("../i18n/ur.ftl"),
            Lang::Fr => include_str!("../i18n/fr.ftl"),
            Lang::Pl => include_str!("../i18n/pl.ftl"),
        }
    }

    /// Reads a language tag as browsers and people write it: case-insensitive, with region
    /// or script subtags ("es-US", "zh-TW", "zh_CN", "ar-EG"). Unknown tags give `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        let mut parts = tag.split('-');
        let primary = parts.next().unwrap_or("");
        let rest: Vec<&str> = parts.collect();
        Some(match primary {
            "en" => Lang::En,
            "es" => Lang::Es,
            "zh" | "yue" | "cmn" => {
                let traditional = rest.iter().any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"));
                if traditional { Lang::ZhHant } else { Lang::ZhHans }
            }
            "ru" => Lang::Ru,
            "bn" => Lang::Bn,
            "ht" => Lang::Ht,
            "ko" => Lang::Ko,
            "ar" => Lang::Ar,
            "ur" => Lang::Ur,
            "fr" => Lang::Fr,
            "pl" => Lang::Pl,
            _ => return None,
        })
    }

    /// The best language for an `Accept-Language` header, by quality; English when none fits.
    pub fn negotiate(accept_language: &str) -> Lang {
        let mut choices: Vec<(f32, usize, Lang)> = accept_language
            .split(',')
            .take(32)
            .enumerate()
            .filter_map(|(i, item)| {
                let mut parts = item.split(';');
                let lang = Lang::from_tag(parts.next()?)?;
                let q =
                    parts.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
                (q > 0.0).then_some((q, i, lang))
            })
            .collect();
        choices.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        choices.first().map_or(Lang::En, |c| c.2)
    }
}

/// Every language's messages.
pub struct Catalog {
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
}

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalog").field("languages", &self.bundles.len()).finish()
    }
}

impl Catalog {
    /// The embedded catalogue. Its completeness is checked by the tests.
    pub fn get() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| {
            let bundles = Lang::ALL
                .into_iter()
                .map(|lang| {
                    let resource =
                        FluentResource::try_new(lang.source().to_owned()).unwrap_or_else(|(partial, errors)| {
                            tracing::error!(
                                lang = lang.tag(),
                                errors = errors.len(),
                                "translation file has syntax errors"
                            );
                            partial
                        });
                    let id: LanguageIdentifier = lang.tag().parse().unwrap_or_default();
                    let mut bundle = FluentBundle::new_concurrent(vec![id]);
                    // Plain text: bidi isolation is done in HTML (<bdi>), not with invisible marks.
                    bundle.set_use_isolating(false);
                    if let Err(errors) = bundle.add_resource(resource) {
                        tracing::error!(lang = lang.tag(), errors = errors.len(), "translation file has duplicate ids");
                    }
                    (lang, bundle)
                })
                .collect();
            Catalog { bundles }
        })
    }

    /// The message `id` in `lang`, falling back to English, then to the id itself.
    pub fn message(&self, lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        for lang in [lang, Lang::En] {
            let Some(bundle) = self.bundles.get(&lang) else {
                continue;
            };
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle.format_pattern(pattern, args, &mut errors).into_owned();
            }
        }
        id.to_owned()
    }

    /// The message ids `lang` defines.
    pub fn ids(&self, lang: Lang) -> Vec<String> {
        let resource = FluentResource::try_new(lang.source().to_owned()).unwrap_or_else(|(partial, _)| partial);
        resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }
}

/// The catalogue in one language: what templates and handlers use.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
    catalog: &'static Catalog,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang, catalog: Catalog::get() }
    }

    /// A message.
    pub fn t(&self, id: &str) -> String {
        self.catalog.message(self.lang, id, None)
    }

    /// A message with one argument.
    pub fn t1(&self, id: &str, name: &'static str, value: &str) -> String {
        let mut args = FluentArgs::new();
        args.set(name, value.to_owned());
        self.catalog.message(self.lang, id, Some(&args))
    }

    /// A message with several arguments.
    pub fn t_with(&self, id: &str, values: &[(&'static str, String)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in values {
            args.set(*name, value.clone());
        }
        self.catalog.message(self.lang, id, Some(&args))
    }

    pub fn tag(&self) -> &'static str {
        self.lang.tag()
    }

    pub fn dir(&self) -> &'static str {
        self.lang.dir()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_key_and_no_other() {
        let catalog = Catalog::get();
        let english = catalog.ids(Lang::En);
        assert!(english.len() > 50);
        for lang in Lang::ALL {
            let ids = catalog.ids(lang);
            let missing: Vec<_> = english.iter().filter(|id| !ids.contains(id)).collect();
            let extra: Vec<_> = ids.iter().filter(|id| !english.contains(id)).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", lang.tag());
            assert!(extra.is_empty(), "{} has unknown {extra:?}", lang.tag());
            let source = lang.source();
            assert!(FluentResource::try_new(source.to_owned()).is_ok(), "{} has syntax errors", lang.tag());
            for id in &ids {
                let text = catalog.message(lang, id, None);
                assert!(!text.trim().is_empty(), "{} {id} is empty", lang.tag());
            }
        }
    }

    #[test]
    fn the_catalogue_covers_languages_csv() {
        let csv = include_str!("../../../data/languages.csv");
        let tags: Vec<&str> = csv.lines().skip(1).filter_map(|l| l.split(',').next()).collect();
        assert_eq!(tags, Lang::ALL.map(Lang::tag));
        for line in csv.lines().skip(1) {
            let cols: Vec<&str> = line.split(',').collect();
            let lang = Lang::from_tag(cols[0]).expect("known tag");
            assert_eq!(lang.dir(), cols[2], "{}", cols[0]);
        }
    }

    #[test]
    fn accept_language_is_negotiated() {
        assert_eq!(Lang::negotiate("ar-EG,ar;q=0.9,en;q=0.8"), Lang::Ar);
        assert_eq!(Lang::negotiate("de-DE,es;q=0.5,en;q=0.4"), Lang::Es);
        assert_eq!(Lang::negotiate("zh-TW"), Lang::ZhHant);
        assert_eq!(Lang::negotiate("zh-CN,zh"), Lang::ZhHans);
        assert_eq!(Lang::negotiate("en;q=0.1, ur"), Lang::Ur);
        assert_eq!(Lang::negotiate("xx, ;;;,"), Lang::En);
        assert_eq!(Lang::negotiate(""), Lang::En);
    }

    #[test]
    fn arguments_are_filled_in() {
        let text = Tr::new(Lang::Es).t1("next-step-call_desk", "command", "34th Precinct");
        assert!(text.contains("34th Precinct"), "{text}");
    }
}
