//! The import's one pass: rows in, records written in one transaction, each row inside a
//! savepoint of its own so that a row the database refuses is reported and undone alone.
//!
//! One transaction rather than committed batches: an import that stops half-way (a
//! crash, a full disk, a damaged row near the end) leaves nothing behind, and the clinic
//! sync never sends half a spreadsheet. SQLite spills the page cache to the WAL as the
//! transaction grows, so memory stays at the cache size; the WAL grows with what the
//! import writes (measured in docs/BENCHMARKS.md) and is folded back and truncated as
//! soon as it commits.

use std::path::Path;

use sqlx::{Sqlite, Transaction};
use tokio::sync::mpsc::Receiver;

use super::dedupe::Seen;
use super::row::{convert, Converted, RowRecord};
use super::{find_header, no_header, sheet_error, Counts, ImportOptions, ImportReport, Msg, Rejection, Run};
use super::{Choice, HEADER_SEARCH_ROWS};
use crate::error::{Error, Result};
use crate::exchange::columns::{fold_header, Mapping};
use crate::exchange::formula;
use crate::exchange::sheet::Row;
use crate::model::DeadlineInput;
use crate::store::{audit, settings::set_setting, Store};
use crate::text::Text;

/// Receives the rows, decides each, and writes the good ones unless this is a dry run.
pub(super) async fn import_rows(
    store: &Store,
    mut rx: Receiver<Msg>,
    opts: &ImportOptions,
    saved: &[Choice],
    run: &Run,
    rejected_path: &Path,
) -> Result<ImportReport> {
    let today = Store::today();
    let mut tx = store.pool().begin().await?;
    let mut seen = Seen::load(&mut tx).await?;
    let mut report = ImportReport::default();

    let mut first: Vec<Row> = Vec::new();
    let mut ended = None;
    while first.len() < HEADER_SEARCH_ROWS {
        match rx.recv().await {
            Some(Msg::Row(r)) => first.push(r),
            Some(Msg::End(e)) => {
                ended = Some(e);
                break;
            }
            None => break,
        }
    }
    if let Some(Err(m)) = &ended {
        return Err(sheet_error("file", m.clone()));
    }
    // Saved choices apply where this file has the column; the user's own come last and win.
    let texts: Vec<Vec<String>> = first.iter().map(Row::texts).collect();
    let present = |c: &Choice| texts.iter().flatten().any(|t| fold_header(t) == fold_header(&c.column));
    let choices: Vec<Choice> = saved.iter().filter(|c| present(c)).chain(&opts.choices).cloned().collect();
    let h = find_header(&first, &choices).ok_or_else(no_header)?;
    let group =
        (h > 0 && first[h - 1].number + 1 == first[h].number && !first[h - 1].is_blank()).then(|| first[h - 1].texts());
    let header = first[h].texts();
    let mapping = Mapping::build(&header, group.as_deref(), &choices).map_err(|m| sheet_error("mapping", m))?;
    report.header_row = first[h].number;
    report.mapping = mapping.clone();

    let mut rejects: Option<csv::Writer<std::fs::File>> = None;
    let volunteers = crate::store::matters::VolunteerNames::load(&mut tx).await?;
    let mut state = Pass { store, opts, run, today, mapping: &mapping, header: &header, rejected_path, volunteers };
    let rest = first.split_off(h + 1);
    for row in rest {
        state.row(&mut tx, &mut seen, &mut report, &mut rejects, row).await?;
    }
    while ended.is_none() {
        match rx.recv().await {
            Some(Msg::Row(row)) => state.row(&mut tx, &mut seen, &mut report, &mut rejects, row).await?,
            Some(Msg::End(e)) => ended = Some(e),
            None => ended = Some(Err(Text::fixed("The file stopped being read.", "Se dejó de leer el archivo."))),
        }
    }
    match ended {
        Some(Ok(info)) => report.sheet = info,
        Some(Err(m)) => return Err(sheet_error("file", m)),
        None => unreachable!("the loop ends only with an end"),
    }
    if let Some(mut w) = rejects {
        w.flush().map_err(|e| Error::io(rejected_path, e))?;
        report.rejected_file = Some(rejected_path.display().to_string());
    }
    if run.dry_run || (!report.rejected.is_empty() && !opts.only_good_rows) {
        tx.rollback().await?;
        return Ok(report);
    }
    let summary = serde_json::json!({
        "file": opts.file_name,
        "format": report.sheet.encoding,
        "rows": report.rows,
        "created": report.create,
        "duplicates": report.duplicates.len(),
        "rejected_rows": report.rejected_rows(),
        "only_good_rows": opts.only_good_rows,
    });
    audit::record(&mut tx, store.actor(), "import", "import", None, summary).await?;
    if !opts.choices.is_empty() {
        let mut keep: Vec<Choice> =
            saved.iter().filter(|s| !opts.choices.iter().any(|c| c.column == s.column)).cloned().collect();
        keep.extend(opts.choices.iter().cloned());
        set_setting(&mut tx, "import_mapping", &serde_json::to_string(&keep).unwrap_or_default()).await?;
    }
    tx.commit().await?;
    // Fold the import's pages into the vault now and give the WAL's space back.
    let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(store.pool()).await;
    report.imported = true;
    Ok(report)
}

/// What every row needs to be decided and written.
struct Pass<'a> {
    store: &'a Store,
    opts: &'a ImportOptions,
    run: &'a Run,
    today: chrono::NaiveDate,
    mapping: &'a Mapping,
    header: &'a [String],
    rejected_path: &'a Path,
    volunteers: crate::store::matters::VolunteerNames,
}

impl Pass<'_> {
    async fn row(
        &mut self,
        tx: &mut Transaction<'_, Sqlite>,
        seen: &mut Seen,
        report: &mut ImportReport,
        rejects: &mut Option<csv::Writer<std::fs::File>>,
        row: Row,
    ) -> Result<()> {
        if row.is_blank() {
            return Ok(());
        }
        report.rows += 1;
        for (i, cell) in row.cells.iter().enumerate() {
            let imported = self
                .mapping
                .columns
                .get(i)
                .is_some_and(|c| c.field.is_some_and(|f| f != crate::exchange::columns::Field::Ignore));
            let chosen_ignore =
                self.mapping.columns.get(i).is_some_and(|c| c.field == Some(crate::exchange::columns::Field::Ignore));
            if !cell.is_empty() && !imported && !chosen_ignore {
                report.ignored_cells += 1;
                let l = crate::exchange::columns::letter(i);
                if !report.ignored_columns.contains(&l) {
                    report.ignored_columns.push(l);
                }
            }
        }
        if report.rows % 250 == 0 {
            if let Some(progress) = &self.run.progress {
                progress(report.rows);
            }
        }
        let mut record = match convert(&row, self.mapping, self.opts, self.today) {
            Converted::Rejected(why) => return self.refuse(report, rejects, &row, why),
            Converted::Good(r) => r,
        };
        if let Some(m) = record.matter.as_mut() {
            m.assigned_to = m.assigned_to.take().map(|v| self.volunteers.canonical(v));
        }
        if let Some(mut d) = seen.check(&record.client, row.number) {
            d.carries_case = record.matter.is_some();
            if d.carries_case {
                // The client is here already; the case the row brings must not vanish.
                let who = match (d.matches_client, d.matches_row) {
                    (Some(id), _) => Text::new(format!("client {id}"), format!("el cliente {id}")),
                    (_, Some(r)) => Text::new(format!("the client of row {r}"), format!("el cliente de la fila {r}")),
                    _ => Text::same(""),
                };
                let (en, es) = (&who.en, &who.es);
                let why = vec![Rejection::new(
                    row.number,
                    "row",
                    crate::tr!(
                        "This client is already in Amparo ({en}); the case on this row was not imported. Add it on the client's page.",
                        "Este cliente ya está en Amparo ({es}); el caso de esta fila no se importó. Agréguelo en la página del cliente."
                    ),
                )];
                // Refused too: without only_good_rows nothing is imported until the user decides.
                report.duplicates.push(d);
                return self.refuse(report, rejects, &row, why);
            }
            report.duplicates.push(d);
            return Ok(());
        }
        // Checks the database makes only on writing, made in the dry run too, so that it
        // says what the import will do: a filing marked sent where the clinic requires review.
        if self.run.dry_run {
            if let Some(f) = &record.filing {
                let sent = crate::clinic::review::is_sent(f);
                if let Err(e) = crate::clinic::review::check_may_send(tx, None, sent).await {
                    let why = vec![Rejection::new(row.number, "receipt_number", Text::same(e.to_string()))];
                    return self.refuse(report, rejects, &row, why);
                }
            }
        }
        // Once a row is refused without only_good_rows, nothing will be written: stop writing.
        let writing = !self.run.dry_run && (self.opts.only_good_rows || report.rejected.is_empty());
        if writing {
            let mut savepoint = sqlx::Acquire::begin(&mut **tx).await?;
            match insert(&mut savepoint, self.store.actor(), &record).await {
                Ok(()) => savepoint.commit().await?,
                Err(e @ (Error::DiskFull | Error::Locked | Error::Io { .. })) => return Err(e),
                Err(e) => {
                    savepoint.rollback().await?;
                    let why = vec![Rejection::new(row.number, "row", Text::same(e.to_string()))];
                    return self.refuse(report, rejects, &row, why);
                }
            }
        }
        add_counts(&mut report.create, &record);
        Ok(())
    }

    /// Records a refused row; with only_good_rows, copies it to the refused-rows file.
    fn refuse(
        &self,
        report: &mut ImportReport,
        rejects: &mut Option<csv::Writer<std::fs::File>>,
        row: &Row,
        why: Vec<Rejection>,
    ) -> Result<()> {
        self.write_to_fix(rejects, row, &why)?;
        report.rejected.extend(why);
        Ok(())
    }

    /// With only_good_rows, copies a row to the rows-to-fix file with its reasons.
    fn write_to_fix(
        &self,
        rejects: &mut Option<csv::Writer<std::fs::File>>,
        row: &Row,
        why: &[Rejection],
    ) -> Result<()> {
        if self.opts.only_good_rows && !self.run.dry_run {
            let path = self.rejected_path;
            if rejects.is_none() {
                let file = private_file(path)?;
                let mut w = csv::WriterBuilder::new().flexible(true).from_writer(file);
                // Amparo's labels ("Next hearing / Date"), which it recognises when the fixed
                // file comes back.
                let mut head: Vec<String> =
                    self.mapping.columns.iter().map(|c| formula::neutralise(&c.header).into_owned()).collect();
                head.extend(["Row".into(), "Reason".into(), "Motivo".into()]);
                w.write_record(&head).map_err(|e| Error::io(path, e.into()))?;
                *rejects = Some(w);
            }
            let w = rejects.as_mut().expect("made above");
            let mut cells: Vec<String> = row.texts().iter().map(|t| formula::neutralise(t).into_owned()).collect();
            cells.resize(self.header.len().max(cells.len()), String::new());
            let reason = |es: bool| {
                why.iter()
                    .map(|r| format!("{}: {}", r.field, if es { &r.message_es } else { &r.message }))
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            cells.extend([
                row.number.to_string(),
                formula::neutralise(&reason(false)).into_owned(),
                formula::neutralise(&reason(true)).into_owned(),
            ]);
            w.write_record(&cells).map_err(|e| Error::io(path, e.into()))?;
        }
        Ok(())
    }
}

/// The refused rows hold client details: readable by the user alone, like the sheet
/// they came from should be.
/// An existing file there is replaced (a fresh file, so its mode is ours), but never
/// through a symlink planted at that name.
fn private_file(path: &Path) -> Result<std::fs::File> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Error::io(path, std::io::Error::other("it is a symbolic link; choose another file")));
    }
    let _ = std::fs::remove_file(path);
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    crate::owner_only::file(&mut o).open(path).map_err(|e| Error::io(path, e))
}

fn add_counts(c: &mut Counts, r: &RowRecord) {
    c.clients += 1;
    c.matters += r.matter.is_some() as u64;
    c.hearings += (r.matter.is_some() && r.hearing.is_some()) as u64;
    c.deadlines += (r.matter.is_some() && r.deadline.is_some()) as u64 + (r.matter.is_some() && r.one_year) as u64;
    c.filings += (r.matter.is_some() && r.filing.is_some()) as u64;
}

/// Writes one row's records, each with its own audit entry (they travel with the case).
async fn insert(tx: &mut Transaction<'_, Sqlite>, actor: &str, r: &RowRecord) -> Result<()> {
    use crate::store::{clients, deadlines, filings, hearings, matters};
    let client_id = clients::insert_client(tx, actor, &r.client).await?;
    let Some(mut matter) = r.matter.clone() else { return Ok(()) };
    matter.client_id = client_id;
    let matter_id = matters::insert_matter(tx, actor, &matter).await?;
    if let Some(mut h) = r.hearing.clone() {
        h.matter_id = matter_id;
        hearings::insert_hearing(tx, actor, &h).await?;
    }
    if let Some(mut d) = r.deadline.clone() {
        d.matter_id = matter_id;
        deadlines::insert_deadline(tx, actor, &d).await?;
    }
    let mut one_year = None;
    if let (true, Some(arrival)) = (r.one_year, r.client.last_arrival) {
        let input = DeadlineInput {
            matter_id,
            title: crate::model::deadline::ONE_YEAR_TITLE.en.to_string(),
            rule_id: Some(crate::store::matters::ONE_YEAR.into()),
            trigger_on: Some(arrival.to_string()),
            ..Default::default()
        };
        one_year = Some(deadlines::insert_deadline(tx, actor, &input.validate()?).await?);
    }
    if let Some(mut f) = r.filing.clone() {
        f.matter_id = matter_id;
        // An I-589 already filed met the one-year deadline on its filing date: linked and
        // marked done, so an old case does not show as a missed deadline.
        let met = match (one_year, f.form, f.filed_on) {
            (Some(id), crate::model::FilingForm::I589, Some(filed)) => Some((id, filed)),
            _ => None,
        };
        if let Some((id, filed)) = met {
            f.deadline_id = Some(id);
            sqlx::query("UPDATE deadlines SET status = 'done', done_on = ?, updated_at = ? WHERE id = ?")
                .bind(filed)
                .bind(crate::store::now())
                .bind(id)
                .execute(&mut **tx)
                .await?;
            let changes = serde_json::json!({ "status": "done", "done_on": filed, "waived_reason": null });
            audit::record(tx, actor, "update", "deadline", Some(id), changes).await?;
        }
        filings::insert_filing(tx, actor, &f).await?;
    }
    Ok(())
}
