//! `text_enum!`: a closed set of values stored as text, parsed from the CLI and the UI,
//! shown with an English label, and exported to TypeScript. One definition per set.

/// Defines an enum whose values are stored and exchanged as snake_case text.
#[macro_export]
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal : $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        #[ts(export)]
        pub enum $name { $( #[serde(rename = $text)] $variant ),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stored and exchanged text.
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $text),+ } }
            /// The English label.
            pub fn label(self) -> &'static str { match self { $($name::$variant => $label),+ } }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::text::Text;
            fn from_str(s: &str) -> Result<Self, $crate::text::Text> {
                let wanted = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                $name::ALL.iter().copied().find(|v| v.as_str() == wanted).ok_or_else(|| {
                    let names: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                    let shown: String = s.chars().take(40).collect();
                    let names = names.join(", ");
                    $crate::tr!("\"{shown}\" is not a known choice; use one of: {names}.", "«{shown}» no es una opción conocida; use una de: {names}.")
                })
            }
        }

        impl sqlx::Type<sqlx::Sqlite> for $name {
            fn type_info() -> sqlx::sqlite::SqliteTypeInfo { <&str as sqlx::Type<sqlx::Sqlite>>::type_info() }
        }

        impl<'q> sqlx::Encode<'q, sqlx::Sqlite> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut Vec<sqlx::sqlite::SqliteArgumentValue<'q>>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&str as sqlx::Encode<'q, sqlx::Sqlite>>::encode_by_ref(&self.as_str(), buf)
            }
        }

        impl<'r> sqlx::Decode<'r, sqlx::Sqlite> for $name {
            fn decode(value: sqlx::sqlite::SqliteValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                let text = <&str as sqlx::Decode<'r, sqlx::Sqlite>>::decode(value)?;
                text.parse::<$name>().map_err(|e| e.en.into_owned().into())
            }
        }
    };
}
