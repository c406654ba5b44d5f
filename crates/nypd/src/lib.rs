//! The City's vocabulary: how people say what they were told. Text folding (accents, case,
//! other scripts' digits) and forbidden characters, the NYPD command registry with the
//! normaliser for what residents call its commands ("the three-four" → `34`), and ranks with
//! their shield series.
//!
//! A leaf: no other shieldcheck crate below it, and no I/O, so that the browser's verifier
//! (WebAssembly) reads commands exactly as the server does.

pub mod rank;
pub mod registry;
pub mod text;

/// An enum whose values are written as fixed strings (in the database, in files, in JSON):
/// each variant and its string are listed once, and `ALL`, `as_str`, `parse` and serde's
/// `Serialize` all come from that list, so the two directions cannot disagree.
#[macro_export]
macro_rules! str_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $text:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$variant_meta])* $variant, )*
        }

        impl $name {
            /// Every value, in the order listed.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The value as written.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// The value written as `text`, exactly.
            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)*
                    _ => None,
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::str_enum! {
        /// A test enum.
        enum Colour {
            Red = "red",
            /// Documented variants keep their docs.
            DarkBlue = "dark_blue",
        }
    }

    #[test]
    fn str_enums_round_trip() {
        for colour in Colour::ALL {
            assert_eq!(Colour::parse(colour.as_str()), Some(*colour));
        }
        assert_eq!(Colour::DarkBlue.as_str(), "dark_blue");
        assert_eq!(Colour::parse("Dark_Blue"), None);
        assert_eq!(serde_json::to_string(&Colour::Red).unwrap(), "\"red\"");
    }
}
