//! One spreadsheet row turned into a client and, when the row has them, a matter, its next
//! hearing, a deadline and a USCIS receipt: cells read as their field wants (dates, yes/no,
//! kinds, country names), then checked by the model's own validation, so an imported
//! record is held to the same rules as one typed into a form.

use chrono::{NaiveDate, NaiveTime};

use super::{ImportOptions, Rejection};
use crate::exchange::columns::{Field, Mapping};
use crate::exchange::formula;
use crate::exchange::sheet::{Cell, Row};
use crate::exchange::values::{self, DateOrder};
use crate::model::countries::country_by_name;
use crate::model::{
    ClientFields, ClientInput, DeadlineFields, DeadlineInput, FilingFields, FilingInput, HearingFields, HearingInput,
    MatterFields, MatterInput, ValidationError,
};
use crate::store::similar::words;
use crate::text::Text;
use crate::tr;

/// Everything one good row creates. Ids of the records it hangs from are placeholders
/// (validation needs one) until the row is written.
#[derive(Clone, Debug)]
pub struct RowRecord {
    pub row: u64,
    pub client: ClientFields,
    pub matter: Option<MatterFields>,
    pub hearing: Option<HearingFields>,
    pub deadline: Option<DeadlineFields>,
    pub filing: Option<FilingFields>,
    /// The asylum one-year deadline Amparo adds to an open asylum matter with an arrival date.
    pub one_year: bool,
}

/// A row's cells gathered by field.
struct Values<'a> {
    mapping: &'a Mapping,
    row: &'a Row,
}

impl<'a> Values<'a> {
    fn cells(&self, field: Field) -> impl Iterator<Item = &'a Cell> + '_ {
        self.mapping
            .columns
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.field == Some(field))
            .filter_map(|(i, _)| self.row.cells.get(i))
            .filter(|c| !c.is_empty())
    }

    fn cell(&self, field: Field) -> Option<&'a Cell> {
        self.cells(field).next()
    }

    /// The field's text; joined with spaces where several columns fill it.
    fn text(&self, field: Field) -> Option<String> {
        let parts: Vec<String> =
            self.cells(field).map(|c| formula::restore(c.text().trim()).trim().to_string()).collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// A list field (languages, other names): each column, split on , ; / and line breaks.
    fn list(&self, field: Field) -> Vec<String> {
        self.cells(field)
            .flat_map(|c| {
                let text = c.text();
                formula::restore(text.trim())
                    .split([',', ';', '/', '\n'])
                    .map(|s| s.trim().to_string())
                    .collect::<Vec<_>>()
            })
            .filter(|s| !s.is_empty())
            .collect()
    }

    fn has(&self, field: Field) -> bool {
        self.cell(field).is_some()
    }
}

/// Collects problems by field, as the model's validation does.
#[derive(Default)]
struct Problems(Vec<Rejection>);

impl Problems {
    fn add(&mut self, row: u64, field: &str, message: Text) {
        self.0.push(Rejection::new(row, field, message));
    }

    fn take<T>(&mut self, row: u64, field: Field, r: Result<T, Text>) -> Option<T> {
        r.map_err(|m| self.add(row, field.key(), m)).ok()
    }

    fn validation(&mut self, row: u64, e: ValidationError, rename: &[(&str, &str)]) {
        for f in e.fields {
            let field = rename.iter().find(|(from, _)| *from == f.field).map_or(f.field.as_str(), |(_, to)| to);
            self.add(row, field, f.message);
        }
    }
}

fn formula_error(cell: &Cell) -> Result<(), Text> {
    match cell {
        Cell::Error(e) => Err(tr!(
            "The cell shows a formula error ({e}). Type the value itself instead of a formula.",
            "La celda muestra un error de fórmula ({e}). Escriba el valor mismo en lugar de una fórmula."
        )),
        _ => Ok(()),
    }
}

/// A date cell: a real date, an Excel serial number, or text as people type dates.
fn date_of(cell: Option<&Cell>, order: DateOrder) -> Result<Option<NaiveDate>, Text> {
    let Some(cell) = cell else { return Ok(None) };
    formula_error(cell)?;
    match cell {
        Cell::DateTime(d) => Ok(Some(d.date())),
        Cell::Number(n) => values::serial_in_date_column(*n).map(|d| Some(d.date())),
        other => values::date(&other.text(), order),
    }
}

/// A date-and-time cell; the time is `None` when the cell has only a date.
fn date_time_of(cell: &Cell, order: DateOrder) -> Result<Option<(NaiveDate, Option<NaiveTime>)>, Text> {
    formula_error(cell)?;
    match cell {
        Cell::DateTime(d) => Ok(Some((d.date(), (d.time() != NaiveTime::MIN).then(|| d.time())))),
        Cell::Number(n) => values::excel_serial(*n).map(|d| Some((d.date(), (n.fract() != 0.0).then(|| d.time())))),
        other => values::date_time_parts(&other.text(), order),
    }
}

/// A time cell: a time typed as text, or Excel's fraction of a day.
fn time_of(cell: &Cell) -> Result<NaiveTime, Text> {
    formula_error(cell)?;
    match cell {
        Cell::DateTime(d) => Ok(d.time()),
        Cell::Number(n) if (0.0..1.0).contains(n) => Ok(values::excel_serial(1.0 + n)?.time()),
        other => values::time(&other.text()),
    }
}

fn iso(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// What `convert` decided about one row.
pub enum Converted {
    Good(Box<RowRecord>),
    Rejected(Vec<Rejection>),
}

/// Reads one data row. `today` is the local date rules and validation count from.
pub fn convert(row: &Row, mapping: &Mapping, opts: &ImportOptions, today: NaiveDate) -> Converted {
    let n = row.number;
    let v = Values { mapping, row };
    let mut p = Problems::default();
    for (i, cell) in row.cells.iter().enumerate() {
        if let Some(field) = mapping.columns.get(i).and_then(|c| c.field).filter(|f| *f != Field::Ignore) {
            if let Err(m) = formula_error(cell) {
                p.add(n, field.key(), m);
            }
        }
    }
    if !p.0.is_empty() {
        return Converted::Rejected(p.0);
    }
    let order = opts.dates;
    let date = |p: &mut Problems, f: Field| p.take(n, f, date_of(v.cell(f), order)).flatten();

    // The client.
    let (mut given, mut family) = (v.text(Field::GivenName).unwrap_or_default(), v.text(Field::FamilyName));
    let mut other_names = v.list(Field::OtherNames);
    if let Some(full) = v.text(Field::FullName) {
        match (given.is_empty(), family.is_none()) {
            // "Family, Given" as EOIR writes names; otherwise the whole name, as written.
            (true, true) => match full.split_once(',') {
                Some((f, g)) if !g.trim().is_empty() => (given, family) = (g.trim().into(), Some(f.trim().into())),
                _ => given = full,
            },
            // "Name" beside "Surname": the name column holds the given names.
            (true, false) => given = full,
            (false, true) => family = Some(full),
            // Beside both parts: kept as another name unless it is the same words.
            (false, false) => {
                let (mut a, mut b) = (words(&full), words(&format!("{given} {}", family.as_deref().unwrap_or(""))));
                a.sort();
                b.sort();
                if a != b {
                    other_names.push(full);
                }
            }
        }
    }
    let nationality = v.text(Field::Nationality).and_then(|raw| match country_by_name(&raw) {
        Some(c) => Some(c.code.to_string()),
        None => {
            let shown: String = raw.chars().take(40).collect();
            p.add(
                n,
                Field::Nationality.key(),
                tr!(
                    "\"{shown}\" is not a country Amparo knows. Write the country's name (Guatemala, Haití) or its two-letter code (GT).",
                    "«{shown}» no es un país que Amparo conozca. Escriba el nombre del país (Guatemala, Haití) o su código de dos letras (GT)."
                ),
            );
            None
        }
    });
    let interpreter = v.text(Field::InterpreterNeeded).map(|t| values::yes_no(&t));
    let interpreter_needed = match interpreter {
        Some(r) => p.take(n, Field::InterpreterNeeded, r).flatten().unwrap_or(false),
        None => false,
    };
    let detention = v.text(Field::Detained).and_then(|t| p.take(n, Field::Detained, values::detention(&t)).flatten());
    let detention_facility = v.text(Field::DetentionFacility);
    // A facility named means detained, unless the sheet says otherwise.
    let detention_status = detention.or(detention_facility.as_ref().map(|_| "detained")).map(str::to_string);
    let a_number = v.text(Field::ANumber);
    let client_in = ClientInput {
        given_name: given,
        family_name: family.unwrap_or_default(),
        other_names,
        date_of_birth: iso(date(&mut p, Field::DateOfBirth)),
        nationality,
        languages: v.list(Field::Languages),
        interpreter_needed,
        a_number,
        no_a_number: false,
        phone: v.text(Field::Phone),
        email: v.text(Field::Email),
        address: v.text(Field::Address),
        detained_since: iso(date(&mut p, Field::DetainedSince)),
        detention_status,
        detention_facility,
        last_arrival: iso(date(&mut p, Field::LastArrival)),
        ..Default::default()
    };
    let client = client_in.validate(today).map_err(|e| p.validation(n, e, &[])).ok();

    // The matter, when the row says anything about a case.
    let case_fields = [
        Field::MatterKind,
        Field::Court,
        Field::Judge,
        Field::AssignedTo,
        Field::OpenedOn,
        Field::Stage,
        Field::HearingDate,
        Field::DeadlineDate,
        Field::ReceiptNumber,
        Field::FiledOn,
    ];
    let mut matter = None;
    let mut kind = None;
    if case_fields.iter().any(|f| v.has(*f)) {
        let court = v.text(Field::Court);
        kind = match v.text(Field::MatterKind) {
            Some(t) => p.take(n, Field::MatterKind, values::matter_kind(&t, court.is_some())).flatten(),
            None => match opts.default_kind.as_deref() {
                Some(k) => p.take(n, Field::MatterKind, values::matter_kind(k, court.is_some())).flatten(),
                None => {
                    p.add(
                        n,
                        Field::MatterKind.key(),
                        Text::fixed(
                            "This row has a court, hearing, deadline or receipt but no kind of case. Add a \"Case type\" column, or choose the kind for such rows (--kind).",
                            "Esta fila tiene corte, audiencia, plazo o recibo pero no el tipo de caso. Agregue una columna «Tipo de caso», o elija el tipo para esas filas (--kind).",
                        ),
                    );
                    None
                }
            },
        };
        if let Some(k) = kind {
            let input = MatterInput {
                client_id: 1,
                kind: k.into(),
                forum: values::forum_for(k).into(),
                court_name: court,
                judge: v.text(Field::Judge),
                status: None,
                stage: v.text(Field::Stage),
                assigned_to: v.text(Field::AssignedTo),
                opened_on: iso(date(&mut p, Field::OpenedOn)),
                ..Default::default()
            };
            matter = input
                .validate(today)
                .map_err(|e| p.validation(n, e, &[("court_name", "court"), ("kind", "matter_kind")]))
                .ok();
        }
    }

    // The next hearing.
    let mut hearing = None;
    if let Some(cell) = v.cell(Field::HearingDate) {
        let when = p.take(n, Field::HearingDate, date_time_of(cell, order)).flatten();
        let time = match v.cell(Field::HearingTime) {
            Some(t) => p.take(n, Field::HearingTime, time_of(t)),
            None => when.and_then(|(_, t)| t),
        };
        let hearing_kind = v.text(Field::HearingKind).unwrap_or_default();
        let hearing_kind = p.take(n, Field::HearingKind, values::hearing_kind(&hearing_kind));
        match (when, time) {
            (Some((day, _)), None) if v.cell(Field::HearingTime).is_none() => p.add(
                n,
                Field::HearingTime.key(),
                tr!(
                    "The hearing on {day} has no time. Add the time from the hearing notice (for example {day} 9:00 AM) or a \"Hearing time\" column.",
                    "La audiencia del {day} no tiene hora. Agregue la hora que dice la notificación (por ejemplo {day} 9:00) o una columna «Hora de la audiencia»."
                ),
            ),
            (Some((day, _)), Some(t)) => {
                let input = HearingInput {
                    matter_id: 1,
                    kind: hearing_kind.unwrap_or("other").into(),
                    starts_at: format!("{day} {}", t.format("%H:%M")),
                    court: matter.as_ref().and_then(|m| m.court_name.clone()),
                    judge: matter.as_ref().and_then(|m| m.judge.clone()),
                    detained: client.as_ref().is_some_and(|c| c.detention_status == crate::model::DetentionStatus::Detained),
                    ..Default::default()
                };
                hearing = input.validate(today).map_err(|e| p.validation(n, e, &[("starts_at", "hearing_date")])).ok();
            }
            _ => {}
        }
    }

    if v.has(Field::HearingTime) && !v.has(Field::HearingDate) {
        p.add(
            n,
            Field::HearingTime.key(),
            Text::fixed(
                "This row has a hearing time but no hearing date. Add the date, or clear the time.",
                "Esta fila tiene hora de audiencia pero no fecha. Agregue la fecha, o borre la hora.",
            ),
        );
    }
    if v.has(Field::DeadlineTitle) && !v.has(Field::DeadlineDate) {
        p.add(
            n,
            Field::DeadlineDate.key(),
            Text::fixed(
                "This row says what a deadline is for but not its date. Add the date, or clear the description.",
                "Esta fila dice para qué es un plazo pero no su fecha. Agregue la fecha, o borre la descripción.",
            ),
        );
    }

    // A deadline the sheet names: manual, with where its date came from.
    let mut deadline = None;
    if let Some(due) = date(&mut p, Field::DeadlineDate) {
        let title = v
            .text(Field::DeadlineTitle)
            .unwrap_or_else(|| "Deadline from the imported spreadsheet (check what it is for)".into());
        let file = &opts.file_name;
        let input = DeadlineInput {
            matter_id: 1,
            title,
            due_on: due.to_string(),
            manual_reason: Some(format!("Imported from the spreadsheet {file}, row {n}.")),
            ..Default::default()
        };
        deadline = input
            .validate()
            .map_err(|e| p.validation(n, e, &[("due_on", "deadline_date"), ("title", "deadline_title")]))
            .ok();
    }

    // A USCIS receipt: the asylum application's, or the work permit's, as the case says.
    let mut filing = None;
    if let Some(receipt) = v.text(Field::ReceiptNumber) {
        let form = match kind {
            Some("affirmative_asylum" | "defensive_asylum") => "i589",
            Some("ead_c8") => "i765",
            _ => "other",
        };
        let input = FilingInput {
            matter_id: 1,
            form: form.into(),
            description: Some("Receipt number imported from the spreadsheet".into()),
            receipt_number: Some(receipt),
            filed_on: iso(date(&mut p, Field::FiledOn)),
            status: Some("received".into()),
            ..Default::default()
        };
        filing = input.validate(today).map_err(|e| p.validation(n, e, &[])).ok();
    } else if v.has(Field::FiledOn) {
        p.add(
            n,
            Field::ReceiptNumber.key(),
            Text::fixed(
                "This row has a filing date but no receipt number. Add the receipt number, or clear the date.",
                "Esta fila tiene fecha de presentación pero no número de recibo. Agregue el número de recibo, o borre la fecha.",
            ),
        );
    }

    if !p.0.is_empty() {
        return Converted::Rejected(p.0);
    }
    let Some(client) = client else { return Converted::Rejected(p.0) };
    let one_year = client.last_arrival.is_some()
        && matter.as_ref().is_some_and(|m| {
            matches!(m.kind, crate::model::MatterKind::AffirmativeAsylum | crate::model::MatterKind::DefensiveAsylum)
                && m.status == crate::model::MatterStatus::Open
        });
    Converted::Good(Box::new(RowRecord { row: n, client, matter, hearing, deadline, filing, one_year }))
}
