//! Identifiers from immigration paperwork, parsed once into types that cannot hold a bad
//! value: the A-number (alien registration number) and the USCIS receipt number.

use crate::text::Text;
use crate::tr;

/// Stores, exchanges and exports a parsed identifier as its canonical text.
macro_rules! text_newtype {
    ($name:ident) => {
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl std::str::FromStr for $name {
            type Err = Text;
            fn from_str(s: &str) -> Result<Self, Text> {
                $name::parse(s)
            }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $name::parse(&raw).map_err(serde::de::Error::custom)
            }
        }
        impl sqlx::Type<sqlx::Sqlite> for $name {
            fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
                <&str as sqlx::Type<sqlx::Sqlite>>::type_info()
            }
        }
        impl<'q> sqlx::Encode<'q, sqlx::Sqlite> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut Vec<sqlx::sqlite::SqliteArgumentValue<'q>>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <String as sqlx::Encode<'q, sqlx::Sqlite>>::encode_by_ref(&self.0, buf)
            }
        }
        impl<'r> sqlx::Decode<'r, sqlx::Sqlite> for $name {
            fn decode(value: sqlx::sqlite::SqliteValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                let text = <&str as sqlx::Decode<'r, sqlx::Sqlite>>::decode(value)?;
                $name::parse(text).map_err(Into::into)
            }
        }
    };
}

/// An A-number: canonically 9 digits. Accepts a leading `A`, spaces and dashes, and pads
/// the older 8-digit numbers with a leading zero (as USCIS and EOIR do).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, ts_rs::TS)]
#[ts(export, type = "string")]
pub struct ANumber(String);

impl ANumber {
    pub fn parse(raw: &str) -> Result<ANumber, Text> {
        let trimmed = raw.trim();
        let body = trimmed.strip_prefix(['A', 'a']).unwrap_or(trimmed);
        let mut digits = String::with_capacity(9);
        for c in body.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' => {}
                _ => return Err(a_number_help(raw)),
            }
            if digits.len() > 9 {
                return Err(a_number_help(raw));
            }
        }
        match digits.len() {
            8 => digits.insert(0, '0'),
            9 => {}
            _ => return Err(a_number_help(raw)),
        }
        if digits.bytes().all(|b| b == b'0') {
            return Err(Text::fixed(
                "An A-number cannot be all zeros. Check the number on the client's notice.",
                "Un número A no puede ser todo ceros. Revise el número en la notificación del cliente.",
            ));
        }
        Ok(ANumber(digits))
    }

    /// The 9 digits.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// As printed on EOIR and USCIS notices: `A123-456-789`.
    pub fn display(&self) -> String {
        format!("A{}-{}-{}", &self.0[0..3], &self.0[3..6], &self.0[6..9])
    }
}

fn a_number_help(raw: &str) -> Text {
    let shown: String = raw.trim().chars().take(24).collect();
    tr!(
        "\"{shown}\" is not an A-number. An A-number is 8 or 9 digits, optionally starting with A (for example A123-456-789).",
        "«{shown}» no es un número A. Un número A tiene 8 o 9 dígitos y puede empezar con A (por ejemplo A123-456-789)."
    )
}
text_newtype!(ANumber);

/// A USCIS receipt number: three letters (the service centre) and ten digits, e.g.
/// `IOE0912345678`. Spaces, dashes and the asterisks printed on some notices are dropped.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, ts_rs::TS)]
#[ts(export, type = "string")]
pub struct ReceiptNumber(String);

impl ReceiptNumber {
    pub fn parse(raw: &str) -> Result<ReceiptNumber, Text> {
        let cleaned: String = raw.trim().chars().filter(|c| !matches!(c, ' ' | '-' | '*')).collect();
        let ok = cleaned.len() == 13
            && cleaned.is_char_boundary(3)
            && cleaned[..3].chars().all(|c| c.is_ascii_alphabetic())
            && cleaned[3..].chars().all(|c| c.is_ascii_digit());
        if ok {
            Ok(ReceiptNumber(cleaned.to_ascii_uppercase()))
        } else {
            let shown: String = raw.trim().chars().take(24).collect();
            Err(tr!(
                "\"{shown}\" is not a USCIS receipt number. It is 3 letters followed by 10 digits, for example IOE0912345678.",
                "«{shown}» no es un número de recibo de USCIS. Son 3 letras seguidas de 10 dígitos, por ejemplo IOE0912345678."
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
text_newtype!(ReceiptNumber);

/// A country as an ISO 3166-1 alpha-2 code (`SV`, `HN`, `AF`…).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, ts_rs::TS)]
#[ts(export, type = "string")]
pub struct CountryCode(String);

impl CountryCode {
    pub fn parse(raw: &str) -> Result<CountryCode, Text> {
        let code = raw.trim().to_ascii_uppercase();
        if code.len() == 2 && ISO_3166_ALPHA2.split(' ').any(|c| c == code) {
            Ok(CountryCode(code))
        } else {
            let shown: String = raw.trim().chars().take(24).collect();
            Err(tr!(
                "\"{shown}\" is not a country code. Use the two-letter ISO code, for example SV for El Salvador or AF for Afghanistan.",
                "«{shown}» no es un código de país. Use el código ISO de dos letras, por ejemplo SV para El Salvador o AF para Afganistán."
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
text_newtype!(CountryCode);

/// ISO 3166-1 alpha-2, officially assigned codes (ISO 3166 Maintenance Agency), plus XK
/// (Kosovo), which USCIS and EOIR use.
const ISO_3166_ALPHA2: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_numbers_in_every_accepted_form_become_nine_digits() {
        for raw in
            ["A123456789", "a123456789", "123456789", "A123-456-789", "A 123 456 789", " 123-456-789 ", "A-123-456-789"]
        {
            assert_eq!(ANumber::parse(raw).unwrap().digits(), "123456789", "{raw}");
        }
        assert_eq!(ANumber::parse("A12345678").unwrap().digits(), "012345678");
        assert_eq!(ANumber::parse("12-345-678").unwrap().display(), "A012-345-678");
    }

    #[test]
    fn malformed_a_numbers_are_refused_with_help() {
        for raw in [
            "",
            "A",
            "1234567",
            "1234567890",
            "A12345678X",
            "B123456789",
            "AA123456789",
            "123.456.789",
            "000000000",
            "A00000000",
            "١٢٣٤٥٦٧٨٩",
            "１２３４５６７８９",
        ] {
            let err = ANumber::parse(raw).unwrap_err();
            assert!(err.en.contains("A-number"), "{raw}: {err}");
        }
    }

    #[test]
    fn receipt_numbers() {
        assert_eq!(ReceiptNumber::parse("ioe0912345678").unwrap().as_str(), "IOE0912345678");
        assert_eq!(ReceiptNumber::parse("EAC-21-123-45678").unwrap().as_str(), "EAC2112345678");
        assert_eq!(ReceiptNumber::parse("MSC*2190012345").unwrap().as_str(), "MSC2190012345");
        for raw in [
            "",
            "IOE091234567",
            "IOE09123456789",
            "IO10912345678",
            "1230912345678",
            "IOEO912345678",
            "ÉOE0912345678",
            "IOE091234567８",
        ] {
            assert!(ReceiptNumber::parse(raw).unwrap_err().en.contains("receipt number"), "{raw}");
        }
    }

    #[test]
    fn country_codes() {
        assert_eq!(CountryCode::parse(" sv ").unwrap().as_str(), "SV");
        for raw in ["XX", "SLV", "", "S"] {
            assert!(CountryCode::parse(raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn serde_refuses_bad_values() {
        assert!(serde_json::from_str::<ANumber>("\"12\"").is_err());
        let a: ANumber = serde_json::from_str("\"A12345678\"").unwrap();
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"012345678\"");
    }
}
