//! Clients: the people the clinic represents, and their family members.

use crate::text::Text;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::fields;
use super::ids::{ANumber, CountryCode};
use super::validation::{Checker, ValidationError};
use crate::text_enum;

text_enum!(
    /// Whether the client is in immigration detention.
    DetentionStatus {
        NotDetained = "not_detained": "Not detained",
        Detained = "detained": "Detained",
        Released = "released": "Released from detention",
    }
);

text_enum!(
    /// How the client last entered the United States.
    MannerOfEntry {
        InspectedAtPort = "inspected_at_port": "Inspected and admitted at a port of entry",
        Parole = "parole": "Paroled",
        Visa = "visa": "With a visa",
        WithoutInspection = "without_inspection": "Entered without inspection",
        ApprehendedAtBorder = "apprehended_at_border": "Apprehended at or near the border",
        Other = "other": "Other",
        Unknown = "unknown": "Not known yet",
    }
);

text_enum!(
    /// How a family member relates to the principal applicant.
    Relationship {
        Spouse = "spouse": "Spouse",
        Child = "child": "Child",
        Parent = "parent": "Parent",
        Sibling = "sibling": "Sibling",
        Other = "other": "Other relative",
    }
);

/// A client as typed into a form or the CLI: raw text, not yet trusted.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(default)]
#[ts(export)]
pub struct ClientInput {
    pub given_name: String,
    pub family_name: String,
    pub other_names: Vec<String>,
    pub date_of_birth: Option<String>,
    pub nationality: Option<String>,
    pub languages: Vec<String>,
    pub interpreter_needed: bool,
    pub a_number: Option<String>,
    pub no_a_number: bool,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub detention_status: Option<String>,
    pub detention_facility: Option<String>,
    pub detained_since: Option<String>,
    pub released_on: Option<String>,
    pub last_arrival: Option<String>,
    pub manner_of_entry: Option<String>,
    pub principal_id: Option<i64>,
    pub relationship: Option<String>,
    /// Included on the principal's I-589 (a spouse or child only).
    pub derivative: bool,
}

/// A client's details after validation: every value here is well-formed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct ClientFields {
    pub given_name: String,
    pub family_name: String,
    /// Aliases and other names used (kept in their own table, searchable).
    #[sqlx(skip)]
    pub other_names: Vec<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub nationality: Option<CountryCode>,
    #[sqlx(json)]
    pub languages: Vec<String>,
    pub interpreter_needed: bool,
    pub a_number: Option<ANumber>,
    pub no_a_number: bool,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub detention_status: DetentionStatus,
    pub detention_facility: Option<String>,
    pub detained_since: Option<NaiveDate>,
    pub released_on: Option<NaiveDate>,
    pub last_arrival: Option<NaiveDate>,
    pub manner_of_entry: Option<MannerOfEntry>,
    pub principal_id: Option<i64>,
    pub relationship: Option<Relationship>,
    pub derivative: bool,
}

/// A stored client.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct Client {
    pub id: i64,
    #[sqlx(flatten)]
    #[serde(flatten)]
    #[ts(flatten)]
    pub fields: ClientFields,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
    /// Set when archived (every case closed; purged after the retention period).
    pub archived_at: Option<String>,
}

impl Client {
    /// "Family, Given" as on EOIR notices; a single name stands alone.
    pub fn display_name(&self) -> String {
        match (self.fields.family_name.is_empty(), self.fields.given_name.is_empty()) {
            (false, false) => format!("{}, {}", self.fields.family_name, self.fields.given_name),
            (false, true) => self.fields.family_name.clone(),
            _ => self.fields.given_name.clone(),
        }
    }
}

impl ClientInput {
    /// Checks every field against `today`, reporting all problems together.
    pub fn validate(&self, today: NaiveDate) -> Result<ClientFields, ValidationError> {
        let mut c = Checker::default();
        let given_name = c.take("given_name", fields::line(&self.given_name, &Text::fixed("given name", "nombre")));
        let family_name =
            c.take("family_name", fields::line(&self.family_name, &Text::fixed("family name", "apellidos")));
        if self.given_name.trim().is_empty() && self.family_name.trim().is_empty() {
            c.fail("given_name", Text::fixed("Enter at least one name (given or family). For a person with one name, put it in either field.", "Escriba al menos un nombre (nombre o apellidos). Si la persona tiene un solo nombre, póngalo en cualquiera de los dos campos."));
        }
        let mut other_names = Vec::new();
        for raw in &self.other_names {
            if let Some(Some(n)) =
                c.take("other_names", fields::optional_line(Some(raw), &Text::fixed("other name", "otro nombre")))
            {
                other_names.push(n);
            }
        }
        if other_names.len() > 50 {
            c.fail(
                "other_names",
                Text::fixed(
                    "At most 50 other names can be recorded.",
                    "Se pueden registrar como máximo 50 otros nombres.",
                ),
            );
        }
        let date_of_birth = c.take(
            "date_of_birth",
            fields::optional_date(self.date_of_birth.as_deref()).and_then(|d| {
                d.map(|d| fields::not_after(d, today, &Text::fixed("date of birth", "fecha de nacimiento"))).transpose()
            }),
        );
        let nationality = c.take("nationality", opt(self.nationality.as_deref(), nationality));
        let mut languages = Vec::new();
        for raw in &self.languages {
            if let Some(Some(l)) =
                c.take("languages", fields::optional_line(Some(raw), &Text::fixed("language", "idioma")))
            {
                languages.push(l);
            }
        }
        let a_number = c.take("a_number", opt(self.a_number.as_deref(), ANumber::parse));
        if self.no_a_number && matches!(a_number, Some(Some(_))) {
            c.fail(
                "a_number",
                Text::fixed(
                    "An A-number was entered but \"no A-number yet\" is ticked. Untick it or clear the number.",
                    "Se escribió un número A, pero está marcado «todavía sin número A». Desmárquelo o borre el número.",
                ),
            );
        }
        let phone = c.take("phone", fields::phone(self.phone.as_deref()));
        let email = c.take("email", fields::email(self.email.as_deref()));
        let address =
            c.take("address", fields::optional_text(self.address.as_deref(), &Text::fixed("address", "dirección")));
        let detention_status = c.take(
            "detention_status",
            opt(self.detention_status.as_deref(), str::parse).map(|s| s.unwrap_or(DetentionStatus::NotDetained)),
        );
        let detention_facility = c.take(
            "detention_facility",
            fields::optional_line(
                self.detention_facility.as_deref(),
                &Text::fixed("detention facility", "centro de detención"),
            ),
        );
        let detained_since = c.take(
            "detained_since",
            past_date(self.detained_since.as_deref(), today, &Text::fixed("detention date", "fecha de detención")),
        );
        let released_on = c.take(
            "released_on",
            past_date(self.released_on.as_deref(), today, &Text::fixed("release date", "fecha de liberación")),
        );
        if let (Some(Some(from)), Some(Some(to))) = (detained_since, released_on) {
            if to < from {
                c.fail(
                    "released_on",
                    crate::tr!(
                        "The release date {to} is before the detention date {from}.",
                        "La fecha de liberación {to} es anterior a la fecha de detención {from}."
                    ),
                );
            }
        }
        let last_arrival = c.take(
            "last_arrival",
            past_date(
                self.last_arrival.as_deref(),
                today,
                &Text::fixed("date of last arrival", "fecha de la última llegada"),
            ),
        );
        let manner_of_entry = c.take("manner_of_entry", opt(self.manner_of_entry.as_deref(), str::parse));
        let relationship = c.take("relationship", opt(self.relationship.as_deref(), str::parse));
        if self.principal_id.is_some() != matches!(relationship, Some(Some(_))) {
            c.fail(
                "relationship",
                Text::fixed(
                    "A family member needs both the principal client and the relationship.",
                    "Un familiar necesita tanto el cliente principal como el parentesco.",
                ),
            );
        }
        // INA 208(b)(3)(A): only a spouse or child may be included in the principal's
        // application as a derivative.
        if self.derivative && !matches!(relationship, Some(Some(Relationship::Spouse | Relationship::Child))) {
            c.fail(
                "derivative",
                Text::fixed(
                    "Only a spouse or a child can be a derivative on the principal's I-589 (INA 208(b)(3)(A)).",
                    "Solo el cónyuge o un hijo o hija puede ser derivado en el I-589 del solicitante principal (INA 208(b)(3)(A)).",
                ),
            );
        }
        if let (Some(Some(born)), Some(Some(arrived))) = (date_of_birth, last_arrival) {
            if arrived < born {
                c.fail(
                    "last_arrival",
                    crate::tr!(
                        "The last arrival {arrived} is before the date of birth {born}.",
                        "La última llegada {arrived} es anterior a la fecha de nacimiento {born}."
                    ),
                );
            }
        }
        c.finish()?;
        Ok(ClientFields {
            given_name: given_name.unwrap(),
            family_name: family_name.unwrap(),
            other_names,
            date_of_birth: date_of_birth.unwrap(),
            nationality: nationality.unwrap(),
            languages,
            interpreter_needed: self.interpreter_needed,
            a_number: a_number.unwrap(),
            no_a_number: self.no_a_number,
            phone: phone.unwrap(),
            email: email.unwrap(),
            address: address.unwrap(),
            detention_status: detention_status.unwrap(),
            detention_facility: detention_facility.unwrap(),
            detained_since: detained_since.unwrap(),
            released_on: released_on.unwrap(),
            last_arrival: last_arrival.unwrap(),
            manner_of_entry: manner_of_entry.unwrap(),
            principal_id: self.principal_id,
            relationship: relationship.unwrap(),
            derivative: self.derivative,
        })
    }
}

/// A country as people type it: its code, or its name in English or Spanish ("Haití",
/// "Haiti", "HT"); a name not known is refused with the nearest names.
fn nationality(raw: &str) -> Result<CountryCode, Text> {
    if let Some(country) = super::countries::country_by_name(raw) {
        return CountryCode::parse(country.code);
    }
    let shown: String = raw.trim().chars().take(24).collect();
    let near = super::countries::nearest(raw, 3);
    let list = |spanish: bool| near.iter().map(|c| c.name(spanish)).collect::<Vec<_>>().join(", ");
    let (hint, hint_es) = if near.is_empty() {
        (String::new(), String::new())
    } else {
        (format!(" Did you mean {}?", list(false)), format!(" ¿Quiso decir {}?", list(true)))
    };
    Err(Text::new(
        format!("\"{shown}\" is not a country Amparo knows. Type its name, for example Guatemala, or its two-letter code, GT.{hint}"),
        format!("«{shown}» no es un país que Amparo conozca. Escriba su nombre, por ejemplo Guatemala, o su código de dos letras, GT.{hint_es}"),
    ))
}

/// Parses an optional field with `parse`; empty means none.
pub(crate) fn opt<T>(raw: Option<&str>, parse: impl Fn(&str) -> Result<T, Text>) -> Result<Option<T>, Text> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => parse(s).map(Some),
    }
}

/// An optional date that cannot be in the future.
pub(crate) fn past_date(raw: Option<&str>, today: NaiveDate, what: &Text) -> Result<Option<NaiveDate>, Text> {
    fields::optional_date(raw)?.map(|d| fields::not_after(d, today, what)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn a_valid_client() {
        let input = ClientInput {
            given_name: "Amina".into(),
            family_name: "Haile".into(),
            a_number: Some("A12345678".into()),
            date_of_birth: Some("1990-02-28".into()),
            nationality: Some("er".into()),
            languages: vec!["Tigrinya".into(), " ".into()],
            ..Default::default()
        };
        let f = input.validate(today()).unwrap();
        assert_eq!(f.a_number.unwrap().digits(), "012345678");
        assert_eq!(f.nationality.unwrap().as_str(), "ER");
        assert_eq!(f.languages, vec!["Tigrinya".to_string()]);
        assert_eq!(f.detention_status, DetentionStatus::NotDetained);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let input = ClientInput {
            given_name: " ".into(),
            a_number: Some("12".into()),
            date_of_birth: Some("2030-01-01".into()),
            email: Some("nope".into()),
            detained_since: Some("2026-05-01".into()),
            released_on: Some("2026-04-01".into()),
            manner_of_entry: Some("teleported".into()),
            ..Default::default()
        };
        let err = input.validate(today()).unwrap_err();
        for field in ["given_name", "a_number", "date_of_birth", "email", "released_on", "manner_of_entry"] {
            assert!(err.message_for(field).is_some(), "{field} missing from {err:?}");
        }
    }

    #[test]
    fn a_number_and_no_a_number_conflict() {
        let input = ClientInput {
            given_name: "X".into(),
            a_number: Some("123456789".into()),
            no_a_number: true,
            ..Default::default()
        };
        assert!(input.validate(today()).unwrap_err().message_for("a_number").unwrap().contains("no A-number"));
    }
}
