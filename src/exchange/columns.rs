//! Which spreadsheet column holds what: headers recognised in English and Spanish as
//! clinics write them, a group header above (a merged "Next hearing" over "Date" and
//! "Time") taken into account, and the user's own choices laid over the guess.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::store::similar::fold;
use crate::text::Text;
use crate::tr;

macro_rules! fields {
    ($( $variant:ident = $key:literal : $en:literal / $es:literal => [$($h:literal),* $(,)?] ),* $(,)?) => {
        /// What a column can hold. The keys are what `--map "Column=field"` takes.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
        #[serde(rename_all = "snake_case")]
        #[ts(export, rename = "ImportField")]
        pub enum Field { $($variant),* }

        impl Field {
            pub const ALL: &'static [Field] = &[$(Field::$variant),*];

            /// The key used on the command line and in saved mappings.
            pub fn key(self) -> &'static str {
                match self { $(Field::$variant => $key),* }
            }

            /// What the column holds, in words.
            pub fn label(self) -> Text {
                match self { $(Field::$variant => Text::fixed($en, $es)),* }
            }

            /// Headers that mean this field, folded (lower case, no accents, words).
            fn headers(self) -> &'static [&'static str] {
                match self { $(Field::$variant => &[$($h),*]),* }
            }
        }
    };
}

fields! {
    GivenName = "given_name": "Given name" / "Nombre" => [
        "first name", "given name", "given names", "given", "first", "nombre", "nombres", "primer nombre",
        "nombre de pila", "name first", "forename", "segundo nombre", "middle name",
    ],
    FamilyName = "family_name": "Family name" / "Apellidos" => [
        "last name", "surname", "family name", "family", "last", "apellido", "apellidos", "apellido s",
        "primer apellido", "segundo apellido", "name last", "last names",
    ],
    FullName = "full_name": "Full name" / "Nombre completo" => [
        "name", "full name", "client", "client name", "nombre completo", "cliente", "nombre del cliente",
        "nombre y apellido", "nombre y apellidos", "respondent", "applicant",
    ],
    OtherNames = "other_names": "Other names" / "Otros nombres" => [
        "other names", "aliases", "alias", "aka", "a k a", "otros nombres", "tambien conocido como",
    ],
    ANumber = "a_number": "A-number" / "Número A" => [
        "a#", "a number", "anumber", "a no", "a num", "alien number", "alien#", "alien registration number",
        "numero a", "numero de a", "no a", "n a", "numero de extranjero", "a#s", "a numbers", "anum",
    ],
    DateOfBirth = "date_of_birth": "Date of birth" / "Fecha de nacimiento" => [
        "dob", "d o b", "date of birth", "birth date", "birthdate", "born", "birthday", "fecha de nacimiento",
        "fecha nacimiento", "f nacimiento", "nacimiento", "fdn", "fecha de nac", "f de nac", "fec nac",
    ],
    Nationality = "nationality": "Country of nationality" / "País de nacionalidad" => [
        "country", "nationality", "country of nationality", "citizenship", "country of origin",
        "country of citizenship", "pais", "nacionalidad", "pais de origen", "pais de nacionalidad",
    ],
    Languages = "languages": "Languages" / "Idiomas" => [
        "language", "languages", "idioma", "idiomas", "lengua", "primary language", "idioma principal",
        "preferred language", "idioma preferido",
    ],
    InterpreterNeeded = "interpreter_needed": "Needs an interpreter" / "Necesita intérprete" => [
        "interpreter", "interpreter needed", "needs interpreter", "interprete", "necesita interprete",
    ],
    Phone = "phone": "Phone" / "Teléfono" => [
        "phone", "telephone", "phone number", "cell", "cell phone", "mobile", "telefono", "celular", "tel",
        "numero de telefono",
    ],
    Email = "email": "Email" / "Correo electrónico" => ["email", "e mail", "correo", "correo electronico"],
    Address = "address": "Address" / "Dirección" => [
        "address", "mailing address", "home address", "direccion", "domicilio", "direccion postal",
    ],
    Detained = "detained": "Detained" / "Detenido/a" => [
        "detained", "detention", "in detention", "detenido", "detenida", "detencion", "detenido a",
        "custody", "detention status", "en detencion",
    ],
    DetentionFacility = "detention_facility": "Detention facility" / "Centro de detención" => [
        "facility", "detention facility", "detention center", "centro de detencion", "where detained",
        "detention location", "lugar de detencion",
    ],
    DetainedSince = "detained_since": "Detained since" / "Detenido/a desde" => [
        "detained since", "date detained", "detention date", "fecha de detencion", "detenido desde",
        "detenida desde",
    ],
    LastArrival = "last_arrival": "Date of last arrival" / "Fecha de la última llegada" => [
        "entry date", "date of entry", "arrival", "arrival date", "last arrival", "date of last arrival",
        "fecha de entrada", "fecha de llegada", "llegada", "entrada", "doe", "ultima llegada",
        "fecha de ultima entrada", "date entered us", "date of arrival",
    ],
    MatterKind = "matter_kind": "Kind of case" / "Tipo de caso" => [
        "case type", "type of case", "matter type", "relief", "relief sought", "case", "matter", "tipo de caso",
        "caso", "tipo", "type", "tipo de alivio", "kind of case",
    ],
    Court = "court": "Court" / "Corte" => [
        "court", "immigration court", "tribunal", "corte", "corte de inmigracion", "tribunal de inmigracion",
        "hearing location", "base city",
    ],
    Judge = "judge": "Judge" / "Juez/a" => ["judge", "ij", "immigration judge", "juez", "jueza", "juez a"],
    AssignedTo = "assigned_to": "Volunteer" / "Voluntario/a" => [
        "volunteer", "assigned to", "attorney", "advocate", "voluntario", "voluntaria", "voluntario a",
        "asignado a", "asignada a", "abogado", "abogada", "caseworker", "responsable", "staff",
    ],
    OpenedOn = "opened_on": "Date opened" / "Fecha de apertura" => [
        "intake date", "date opened", "opened", "open date", "opened on", "fecha de ingreso",
        "fecha de apertura", "fecha de intake", "intake", "fecha de admision", "date of intake",
    ],
    Stage = "stage": "Stage" / "Etapa" => ["stage", "etapa", "next step", "proximo paso"],
    HearingDate = "hearing_date": "Next hearing (date, or date and time)" / "Próxima audiencia (fecha, o fecha y hora)" => [
        "next hearing", "hearing", "hearing date", "next court date", "court date", "next hearing date",
        "proxima audiencia", "audiencia", "fecha de audiencia", "fecha de corte", "proxima corte",
        "proxima fecha de corte", "next mch", "hearing date and time",
    ],
    HearingTime = "hearing_time": "Hearing time" / "Hora de la audiencia" => [
        "hearing time", "time", "hora", "hora de audiencia", "hora de la audiencia", "court time",
        "next hearing time",
    ],
    HearingKind = "hearing_kind": "Kind of hearing" / "Tipo de audiencia" => [
        "hearing type", "type of hearing", "tipo de audiencia", "hearing kind", "next hearing type",
    ],
    DeadlineDate = "deadline_date": "Deadline (date)" / "Plazo (fecha)" => [
        "deadline", "due", "due date", "next deadline", "fecha limite", "plazo", "vence", "vencimiento",
        "due on", "proximo plazo",
    ],
    DeadlineTitle = "deadline_title": "What the deadline is for" / "Para qué es el plazo" => [
        "deadline for", "what is due", "task", "deadline description", "tarea", "que vence", "plazo para",
        "deadline task", "descripcion del plazo",
    ],
    ReceiptNumber = "receipt_number": "USCIS receipt number" / "Número de recibo de USCIS" => [
        "receipt", "receipt number", "receipt#", "receipt no", "numero de recibo", "recibo", "i 589 receipt",
        "uscis receipt", "receipt number i 589", "i589 receipt", "no de recibo",
    ],
    FiledOn = "filed_on": "Date the receipt's form was filed" / "Fecha de presentación del formulario del recibo" => [
        "date filed", "filed on", "filed", "filing date", "fecha de presentacion", "presentado", "fecha presentado",
        "i 589 filed", "date i 589 filed", "fecha de envio",
    ],
    Ignore = "ignore": "(not imported)" / "(no se importa)" => [],
}

impl std::str::FromStr for Field {
    type Err = Text;
    fn from_str(s: &str) -> Result<Self, Text> {
        let wanted = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        if wanted.is_empty() || wanted == "none" || wanted == "skip" {
            return Ok(Field::Ignore);
        }
        Field::ALL.iter().copied().find(|f| f.key() == wanted).ok_or_else(|| {
            let keys = Field::ALL.iter().map(|f| f.key()).collect::<Vec<_>>().join(", ");
            let shown: String = s.trim().chars().take(40).collect();
            tr!(
                "\"{shown}\" is not a field Amparo imports. Use one of: {keys}.",
                "«{shown}» no es un campo que Amparo importe. Use uno de: {keys}."
            )
        })
    }
}

impl Field {
    /// Fields several columns may fill together, joined in column order ("Primer apellido"
    /// and "Segundo apellido"; two language columns).
    pub fn joins(self) -> bool {
        matches!(self, Field::GivenName | Field::FamilyName | Field::OtherNames | Field::Languages | Field::Ignore)
    }
}

/// A header folded for matching: lower case, no accents, punctuation as spaces, one space
/// between words, and "A #" written "a#".
pub fn fold_header(raw: &str) -> String {
    let f: String = fold(raw).chars().map(|c| if c.is_alphanumeric() || c == '#' { c } else { ' ' }).collect();
    f.split_whitespace().collect::<Vec<_>>().join(" ").replace(" #", "#")
}

/// The field a header names, if Amparo knows it. "Next hearing / Date", as Amparo labels a
/// column under a group header (and writes it in a refused-rows file), is read as such.
pub fn recognise(header: &str) -> Option<Field> {
    if let Some((group, cell)) = header.rsplit_once(" / ") {
        if let Some(f) = recognise_in_group(group, cell) {
            return Some(f);
        }
    }
    let h = fold_header(header);
    if h.is_empty() {
        return None;
    }
    Field::ALL.iter().copied().find(|f| f.headers().contains(&h.as_str()))
}

/// The field a header names under a group header ("Next hearing" over "Date").
fn recognise_in_group(group: &str, header: &str) -> Option<Field> {
    let (g, h) = (fold_header(group), fold_header(header));
    let hearing = recognise(group) == Some(Field::HearingDate) || g.contains("hearing") || g.contains("audiencia");
    let deadline = recognise(group) == Some(Field::DeadlineDate) || g.contains("deadline") || g.contains("plazo");
    let is = |words: &[&str]| words.contains(&h.as_str());
    if hearing {
        if is(&["date", "fecha", "date and time", "fecha y hora", "when", "cuando"]) {
            return Some(Field::HearingDate);
        }
        if is(&["time", "hora"]) {
            return Some(Field::HearingTime);
        }
        if is(&["type", "tipo", "kind"]) {
            return Some(Field::HearingKind);
        }
    }
    if deadline {
        if is(&["date", "fecha", "due", "vence"]) {
            return Some(Field::DeadlineDate);
        }
        if is(&["what", "for", "task", "description", "descripcion", "tarea", "que", "para"]) {
            return Some(Field::DeadlineTitle);
        }
    }
    None
}

/// Which field each column holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, ts_rs::TS)]
#[ts(export, rename = "ImportColumn")]
pub struct Column {
    /// A, B, … as the spreadsheet labels it.
    pub letter: String,
    /// The header as written (with its group header, if any: "Next hearing / Date").
    pub header: String,
    pub field: Option<Field>,
    /// True when the user chose the field (a --map or a saved mapping), not Amparo.
    pub chosen: bool,
}

/// The columns of one file and what each holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, ts_rs::TS)]
#[ts(export, rename = "ImportMapping")]
pub struct Mapping {
    pub columns: Vec<Column>,
}

/// The spreadsheet's letters for a column: A … Z, AA …
pub fn letter(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII")
}

/// A user's choice: a header (as written, any case or accents), a column letter, or a
/// column number from 1, mapped to a field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export, rename = "ImportChoice")]
pub struct Choice {
    pub column: String,
    pub field: Field,
}

impl Choice {
    /// Parses `Column=field` as the command line takes it.
    pub fn parse(raw: &str) -> Result<Choice, Text> {
        let Some((column, field)) = raw.rsplit_once('=') else {
            let shown: String = raw.chars().take(40).collect();
            return Err(tr!(
                "\"{shown}\" is not a mapping. Write it as \"Column=field\", for example \"Fecha nac.=date_of_birth\".",
                "«{shown}» no es una asignación. Escríbala como \"Columna=campo\", por ejemplo \"Fecha nac.=date_of_birth\"."
            ));
        };
        Ok(Choice { column: column.trim().to_string(), field: field.parse()? })
    }
}

impl Mapping {
    /// Maps a header row (and the group row above it, if any), then lays `choices` over
    /// the guess. A choice naming no column is an error, as is one field in two columns.
    pub fn build(header: &[String], group: Option<&[String]>, choices: &[Choice]) -> Result<Mapping, Text> {
        let mut columns = Vec::with_capacity(header.len());
        let mut current_group = String::new();
        for (i, h) in header.iter().enumerate() {
            if let Some(g) = group.and_then(|g| g.get(i)) {
                // A merged group cell is written once, in its first column.
                if !g.trim().is_empty() {
                    current_group = g.trim().to_string();
                }
            }
            // A group header names only the columns it explains ("Date" under "Next
            // hearing"); a CSV does not say where a merged cell ends, so others keep their own.
            let in_group = (!current_group.is_empty()).then(|| recognise_in_group(&current_group, h)).flatten();
            let field = in_group.or_else(|| recognise(h));
            let shown = if in_group.is_some() {
                format!("{} / {}", current_group, h.trim())
            } else if h.trim().is_empty() {
                current_group.clone()
            } else {
                h.trim().to_string()
            };
            columns.push(Column { letter: letter(i), header: shown, field, chosen: false });
        }
        let mut m = Mapping { columns };
        for choice in choices {
            let i = m.find(&choice.column).ok_or_else(|| {
                let c = &choice.column;
                tr!(
                    "There is no column \"{c}\" in this file. Name it by its header, its letter (C) or its number (3).",
                    "No hay ninguna columna «{c}» en este archivo. Nómbrela por su encabezado, su letra (C) o su número (3)."
                )
            })?;
            m.columns[i].field = Some(choice.field);
            m.columns[i].chosen = true;
        }
        m.check()?;
        Ok(m)
    }

    fn find(&self, column: &str) -> Option<usize> {
        let wanted = fold_header(column);
        if let Some(i) = self.columns.iter().position(|c| fold_header(&c.header) == wanted) {
            return Some(i);
        }
        if let Some(i) = self.columns.iter().position(|c| {
            c.header.rsplit_once(" / ").is_some_and(|(_, h)| fold_header(h) == wanted) || c.letter == column.trim()
        }) {
            return Some(i);
        }
        column.trim().parse::<usize>().ok().filter(|n| (1..=self.columns.len()).contains(n)).map(|n| n - 1)
    }

    /// One field in two columns is refused, except for the fields that join.
    fn check(&self) -> Result<(), Text> {
        let mut seen: BTreeMap<Field, &Column> = BTreeMap::new();
        for c in &self.columns {
            let Some(f) = c.field else { continue };
            if f.joins() {
                continue;
            }
            if let Some(first) = seen.insert(f, c) {
                let (a, b, en, es) = (&first.letter, &c.letter, f.label().en, f.label().es);
                return Err(tr!(
                    "Columns {a} and {b} both look like \"{en}\". Choose which one to import (or set the other to \"ignore\").",
                    "Las columnas {a} y {b} parecen ser «{es}». Elija cuál importar (o marque la otra como «ignore»)."
                ));
            }
        }
        let has_name = self
            .columns
            .iter()
            .any(|c| matches!(c.field, Some(Field::GivenName | Field::FamilyName | Field::FullName)));
        if !has_name {
            return Err(Text::fixed(
                "No column holds the client's name. Amparo looks for headers such as \"First name\", \"Last name\", \"Nombre\" or \"Apellidos\"; name the column with --map \"Header=given_name\" or choose it on the Import screen.",
                "Ninguna columna tiene el nombre del cliente. Amparo busca encabezados como «Nombre», «Apellidos», «First name» o «Last name»; indique la columna con --map \"Encabezado=given_name\" o elíjala en la pantalla de importación.",
            ));
        }
        Ok(())
    }

    /// How many headers Amparo recognised in a row: the header row is the one with most.
    pub fn score(row: &[String]) -> usize {
        row.iter().filter(|h| recognise(h).is_some()).count()
    }

    /// The user's choices in this mapping, to save for the next file.
    pub fn choices(&self) -> Vec<Choice> {
        self.columns
            .iter()
            .filter(|c| c.chosen)
            .filter_map(|c| c.field.map(|field| Choice { column: c.header.clone(), field }))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_in_english_and_spanish() {
        for (h, f) in [
            ("First name", Field::GivenName),
            ("Given", Field::GivenName),
            ("Nombre", Field::GivenName),
            ("Apellido(s)", Field::FamilyName),
            ("A#", Field::ANumber),
            ("A #", Field::ANumber),
            ("A-Number", Field::ANumber),
            ("Número A", Field::ANumber),
            ("DOB", Field::DateOfBirth),
            ("D.O.B.", Field::DateOfBirth),
            ("Fecha de nacimiento", Field::DateOfBirth),
            ("Country", Field::Nationality),
            ("País", Field::Nationality),
            ("Next hearing", Field::HearingDate),
            ("Court", Field::Court),
            ("Judge", Field::Judge),
            ("  JUEZ ", Field::Judge),
        ] {
            assert_eq!(recognise(h), Some(f), "{h}");
        }
        assert_eq!(recognise("Favourite colour"), None);
        assert_eq!(recognise(""), None);
    }

    #[test]
    fn a_group_header_names_the_columns_under_it() {
        let group = row(&["Cliente", "", "Próxima audiencia", "", ""]);
        let header = row(&["Nombre", "Apellidos", "Fecha", "Hora", "Tipo"]);
        let m = Mapping::build(&header, Some(&group), &[]).unwrap();
        let fields: Vec<_> = m.columns.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            vec![
                Some(Field::GivenName),
                Some(Field::FamilyName),
                Some(Field::HearingDate),
                Some(Field::HearingTime),
                Some(Field::HearingKind)
            ]
        );
        assert_eq!(m.columns[3].header, "Próxima audiencia / Hora");
    }

    #[test]
    fn choices_override_and_are_checked() {
        let header = row(&["Nombre", "Apellidos", "Fecha nac.", "Notas"]);
        let choices = vec![Choice::parse("fecha NAC.=date_of_birth").unwrap(), Choice::parse("D=ignore").unwrap()];
        let m = Mapping::build(&header, None, &choices).unwrap();
        assert_eq!(m.columns[2].field, Some(Field::DateOfBirth));
        assert!(m.columns[2].chosen);
        assert_eq!(m.columns[3].field, Some(Field::Ignore));
        assert_eq!(m.choices().len(), 2);
        assert!(Mapping::build(&header, None, &[Choice::parse("Z=email").unwrap()]).is_err());
        assert!(Choice::parse("Nombre=shoe_size").unwrap_err().en.contains("given_name"));
        assert!(Choice::parse("no equals sign").is_err());
        let twice = row(&["Nombre", "DOB", "Fecha de nacimiento"]);
        assert!(Mapping::build(&twice, None, &[]).unwrap_err().en.contains("B and C"));
        assert!(Mapping::build(&row(&["Colour", "Size"]), None, &[]).unwrap_err().en.contains("name"));
    }

    #[test]
    fn column_letters() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(701), "ZZ");
        assert_eq!(letter(702), "AAA");
    }
}
