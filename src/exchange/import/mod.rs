//! Importing a clinic's spreadsheet: find the header row, map the columns, read each row
//! into records, report duplicates and refused rows, and write the good rows in one
//! transaction. The dry run and the import are the same pass over the file, so what the
//! dry run says is what the import does.
//!
//! The file is read twice at most (encoding sniffing, then rows) and streamed: memory
//! holds one row, the duplicate keys and the report, never the sheet.

mod dedupe;
pub mod row;
mod write;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::columns::{Choice, Mapping};
use super::sheet::{self, Format, Info, Row};
use super::values::DateOrder;
use crate::error::{Error, Result};
use crate::model::ValidationError;
use crate::store::Store;
use crate::text::Text;

/// How many rows the header may sit below the top (titles, notes, a group row).
const HEADER_SEARCH_ROWS: usize = 20;

/// What the user chose for this import.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(default)]
#[ts(export)]
pub struct ImportOptions {
    /// How the file writes dates when day and month are both numbers.
    pub dates: DateOrder,
    /// Columns the user mapped, laid over the headers Amparo recognised.
    pub choices: Vec<Choice>,
    /// The kind of case for rows with case details and no kind.
    pub default_kind: Option<String>,
    /// Import the good rows and write the refused ones to a CSV of their own.
    pub only_good_rows: bool,
    /// The file's name (not its folder), for deadlines' sources and the audit log.
    pub file_name: String,
}

/// A row refused, and why: one entry per field with a problem.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export, rename = "ImportRejection")]
pub struct Rejection {
    /// The row number a spreadsheet shows (the header is usually 1).
    pub row: u64,
    pub field: String,
    pub message: String,
    pub message_es: String,
}

impl Rejection {
    pub fn new(row: u64, field: &str, message: Text) -> Rejection {
        Rejection { row, field: field.into(), message: message.en.into_owned(), message_es: message.es.into_owned() }
    }
}

/// A row that is a client already in the vault, or a client an earlier row brings.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export, rename = "ImportDuplicate")]
pub struct Duplicate {
    pub row: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matches_client: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matches_row: Option<u64>,
    pub why: String,
    pub why_es: String,
    /// The row also holds a case (matter, hearing, deadline or receipt), which is not
    /// imported with it: it goes to the rows-to-fix file, to be added on the client's page.
    pub carries_case: bool,
}

/// How many records the import creates (or would create).
#[derive(Clone, Debug, Default, PartialEq, Serialize, ts_rs::TS)]
#[ts(export, rename = "ImportCounts")]
pub struct Counts {
    pub clients: u64,
    pub matters: u64,
    pub hearings: u64,
    /// The sheet's deadlines and the one-year deadlines of its asylum matters.
    pub deadlines: u64,
    pub filings: u64,
}

/// What an import did, or a dry run would do, row by row.
#[derive(Clone, Debug, Default, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportReport {
    /// Data rows read (not the header, not blank rows).
    pub rows: u64,
    pub create: Counts,
    pub duplicates: Vec<Duplicate>,
    pub rejected: Vec<Rejection>,
    /// The row the headers were found on.
    pub header_row: u64,
    pub mapping: Mapping,
    pub sheet: Info,
    /// True once the records are in the vault (never for a dry run).
    pub imported: bool,
    /// Cells with something in them, in columns not imported (no field recognised or
    /// chosen, or right of the last header), and those columns' letters: shown so that
    /// nothing typed is left behind unseen.
    pub ignored_cells: u64,
    pub ignored_columns: Vec<String>,
    /// Where the refused rows were written, with a reason column (`only_good_rows`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejected_file: Option<String>,
}

impl ImportReport {
    /// Rows refused (a row with two bad fields counts once).
    pub fn rejected_rows(&self) -> usize {
        let mut rows: Vec<u64> = self.rejected.iter().map(|r| r.row).collect();
        rows.dedup();
        rows.len()
    }
}

/// Whether to write, where refused rows go, and who hears how far it got.
#[derive(Clone, Default)]
pub struct Run {
    pub dry_run: bool,
    /// Where to write the refused rows; default: beside the file, "NAME-rejected.csv".
    pub rejected_file: Option<PathBuf>,
    /// Called with the number of data rows read so far, every few hundred rows.
    pub progress: Option<std::sync::Arc<dyn Fn(u64) + Send + Sync>>,
}

/// The header row among the first rows: the one naming most known fields (a user's
/// mapping counts); the row right above it is its group row if it has anything in it.
fn find_header(first: &[Row], choices: &[Choice]) -> Option<usize> {
    let scored = first.iter().enumerate().filter(|(_, r)| !r.is_blank()).map(|(i, r)| {
        let texts = r.texts();
        let chosen = choices
            .iter()
            .filter(|c| texts.iter().any(|t| super::columns::fold_header(t) == super::columns::fold_header(&c.column)))
            .count();
        (Mapping::score(&texts) + chosen, i)
    });
    let (best, i) = scored.max_by_key(|(score, i)| (*score, std::cmp::Reverse(*i)))?;
    (best > 0).then_some(i)
}

fn no_header() -> Error {
    Error::Invalid(ValidationError::one(
        "file",
        Text::fixed(
            "No header row was found in the first 20 rows. Amparo looks for headers such as \"First name\", \"Last name\", \"A-number\", \"Nombre\", \"Apellidos\". Add a header row, or name the columns on the Import screen.",
            "No se encontró una fila de encabezados en las primeras 20 filas. Amparo busca encabezados como «Nombre», «Apellidos», «Número A», «First name». Agregue una fila de encabezados, o nombre las columnas en la pantalla de importación.",
        ),
    ))
}

fn sheet_error(field: &str, message: Text) -> Error {
    Error::Invalid(ValidationError::one(field, message))
}

impl Store {
    /// The mapping this vault saved from its last import, laid under the user's choices.
    pub async fn saved_import_choices(&self) -> Result<Vec<Choice>> {
        Ok(self.setting("import_mapping").await?.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default())
    }

    /// Reads `path` and imports it (or, with `run.dry_run`, says what importing would do).
    /// Without `only_good_rows`, one refused row means nothing is written.
    pub async fn import_sheet(&self, path: &Path, opts: &ImportOptions, run: &Run) -> Result<ImportReport> {
        let format = Format::from_name(&path.to_string_lossy());
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let mut opts = opts.clone();
        if opts.file_name.is_empty() {
            opts.file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        }
        let saved = self.saved_import_choices().await?;
        let (tx_rows, rx_rows) = tokio::sync::mpsc::channel::<Msg>(256);
        // The reader runs on its own thread and waits whenever the writer falls behind:
        // one channel's worth of rows is all that is ever held.
        let reader = tokio::task::spawn_blocking(move || {
            let done = sheet::for_each_row(std::io::BufReader::new(file), format, |row| {
                tx_rows.blocking_send(Msg::Row(row)).map_err(|_| Text::fixed("stopped", "detenido"))
            });
            let _ = tx_rows.blocking_send(Msg::End(done));
        });
        let rejected_path = run.rejected_file.clone().unwrap_or_else(|| rejected_beside(path));
        let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same(&rejected_path, path) {
            return Err(sheet_error(
                "rejected_file",
                Text::fixed(
                    "The rows to fix cannot be written over the spreadsheet being imported. Choose another file.",
                    "Las filas por corregir no se pueden escribir sobre la hoja que se importa. Elija otro archivo.",
                ),
            ));
        }
        let existed = rejected_path.exists();
        let result = write::import_rows(self, rx_rows, &opts, &saved, run, &rejected_path).await;
        let _ = reader.await;
        // An import that failed leaves no rows-to-fix file behind that it made.
        if result.is_err() && !existed && !run.dry_run {
            let _ = std::fs::remove_file(&rejected_path);
        }
        result
    }
}

/// What the reading thread sends: rows, then how reading ended.
pub(crate) enum Msg {
    Row(Row),
    End(std::result::Result<Info, Text>),
}

/// "cases.xlsx" → "cases-rejected.csv" in the same folder.
pub fn rejected_beside(path: &Path) -> PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "import".into());
    path.with_file_name(format!("{stem}-rejected.csv"))
}
