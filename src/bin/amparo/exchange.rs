//! Getting data in and out: `import csv|xlsx`, `export ics`, `report`.

use amparo::exchange::columns::Choice;
use amparo::exchange::import::{ImportOptions, ImportReport, Run};
use amparo::model::ValidationError;
use amparo::{Error, Result, Store};

use crate::args::{ExportCmd, ImportArgs, ImportCmd, ReportArgs};
use crate::output::print;

fn invalid(field: &str, message: amparo::text::Text) -> Error {
    Error::Invalid(ValidationError::one(field, message))
}

pub async fn import(store: Store, cmd: ImportCmd, json: bool) -> Result<()> {
    let args: ImportArgs = match cmd {
        ImportCmd::Csv(a) | ImportCmd::Xlsx(a) => a,
    };
    let mut choices = Vec::new();
    for m in &args.map {
        choices.push(Choice::parse(m).map_err(|t| invalid("map", t))?);
    }
    let opts = ImportOptions {
        dates: args.dates.parse().map_err(|t| invalid("dates", t))?,
        choices,
        default_kind: args.kind.clone(),
        only_good_rows: args.only_good_rows,
        file_name: String::new(),
    };
    let run = Run { dry_run: args.dry_run, rejected_file: args.rejected_file.clone(), progress: None };
    let report = store.import_sheet(&args.file, &opts, &run).await?;
    print(json, &report, || summary(&report, args.dry_run));
    if !args.dry_run && !report.imported {
        let n = report.rejected_rows();
        return Err(Error::Conflict(format!(
            "{n} row(s) have problems, so nothing was imported. Fix them and import again, or import the good rows with --only-good-rows (the others go to a file of their own)."
        )));
    }
    Ok(())
}

fn summary(r: &ImportReport, dry_run: bool) -> String {
    let c = &r.create;
    let verb = if dry_run {
        "Would create"
    } else if r.imported {
        "Created"
    } else {
        "Nothing created; would have created"
    };
    let mut out = vec![format!(
        "{} data rows (headers on row {}). {verb}: {} clients, {} matters, {} hearings, {} deadlines, {} filings.",
        r.rows, r.header_row, c.clients, c.matters, c.hearings, c.deadlines, c.filings
    )];
    for col in &r.mapping.columns {
        let field = col.field.map(|f| f.key()).unwrap_or("(not recognised: not imported)");
        out.push(format!("  column {:<3} {:<40} -> {field}", col.letter, col.header));
    }
    if r.ignored_cells > 0 {
        out.push(format!(
            "{} filled cells in column(s) {} are not imported: no field is chosen for them (--map \"Header=field\", or \"Header=ignore\" to say so).",
            r.ignored_cells,
            r.ignored_columns.join(", ")
        ));
    }
    for d in &r.duplicates {
        let what = match (d.matches_client, d.matches_row) {
            (Some(id), _) => format!("client {id}"),
            (_, Some(row)) => format!("row {row}"),
            _ => "another".into(),
        };
        out.push(format!("duplicate: row {} is {what} ({}); not imported", d.row, d.why));
    }
    for x in &r.rejected {
        out.push(format!("refused: row {} {}: {}", x.row, x.field, x.message));
    }
    if let Some(f) = &r.rejected_file {
        out.push(format!("The refused rows were written to {f}, with the reason for each."));
    }
    out.join("\n")
}

fn date_arg(field: &str, raw: Option<&str>, default: chrono::NaiveDate) -> Result<chrono::NaiveDate> {
    match raw {
        None => Ok(default),
        Some(r) => amparo::exchange::values::date(r, amparo::exchange::values::DateOrder::Auto)
            .map_err(|t| invalid(field, t))?
            .ok_or_else(|| invalid(field, amparo::text::Text::fixed("Give a date.", "Indique una fecha."))),
    }
}

pub async fn export(store: Store, cmd: ExportCmd, json: bool) -> Result<()> {
    let ExportCmd::Ics { out, from, to, names, yes, spanish } = cmd;
    let names: amparo::exchange::ics::Names = names.parse().map_err(|t| invalid("names", t))?;
    let from = date_arg("from", from.as_deref(), Store::today())?;
    let to = date_arg("to", to.as_deref(), from + chrono::Duration::days(365))?;
    if names == amparo::exchange::ics::Names::Full && !yes && !confirm_full_names()? {
        return Err(Error::Conflict("Nothing was exported.".into()));
    }
    let opts = amparo::exchange::ics::IcsOptions { from, to, names, spanish, confirmed_full_names: true };
    let done = store.export_ics(&opts, &out).await?;
    print(json, &done, || {
        let floating = if done.floating > 0 {
            format!(
                " {} hearing(s) are at courts whose time zone Amparo does not know: they show at the notice's time wherever the phone is.",
                done.floating
            )
        } else {
            String::new()
        };
        format!(
            "Wrote {} hearing(s) and {} deadline(s) from {from} to {to} to {}.{floating}",
            done.hearings, done.deadlines, done.path
        )
    });
    Ok(())
}

/// Full names in a phone calendar leave the vault for good: ask, on the terminal.
fn confirm_full_names() -> Result<bool> {
    use std::io::{BufRead, IsTerminal, Write};
    if !std::io::stdin().is_terminal() {
        return Err(Error::Conflict(
            "Full names go to a calendar that syncs to servers outside Amparo. Add --yes to confirm.".into(),
        ));
    }
    eprint!("Client full names will be written into the calendar file, and from there into whatever calendar service it is imported into. Type yes to go on: ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| Error::io("stdin", e))?;
    Ok(line.trim().eq_ignore_ascii_case("yes"))
}

pub async fn report(store: Store, args: ReportArgs, json: bool) -> Result<()> {
    use amparo::exchange::reports::{render, ReportOptions};
    let opts = ReportOptions {
        kind: args.kind.parse().map_err(|t| invalid("kind", t))?,
        from: date_arg("from", Some(&args.from), Store::today())?,
        to: date_arg("to", Some(&args.to), Store::today())?,
        deidentified: args.deidentified,
        threshold: args.threshold,
        spanish: args.spanish,
    };
    let format = args.format.to_ascii_lowercase();
    let report = store.report(&opts).await?;
    let bytes = match format.as_str() {
        "csv" => render::csv(&report, args.spanish),
        "html" => render::html(&report, args.spanish).into_bytes(),
        _ => {
            return Err(invalid(
                "format",
                amparo::text::Text::fixed("The format must be csv or html.", "El formato debe ser csv o html."),
            ))
        }
    };
    let destination = args.out.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "(printed)".into());
    match &args.out {
        Some(path) => {
            amparo::exchange::write_private(path, &bytes)?;
            // A report that could not be recorded does not stay behind unrecorded.
            if let Err(e) = store.record_report(&report, &format, &destination).await {
                let _ = std::fs::remove_file(path);
                return Err(e);
            }
            print(json, &serde_json::json!({ "rows": report.rows.len(), "path": destination }), || {
                format!("Wrote the {} report ({} rows) to {destination}.", report.kind.key(), report.rows.len())
            });
        }
        None => {
            use std::io::Write;
            store.record_report(&report, &format, &destination).await?;
            let _ = std::io::stdout().write_all(&bytes);
        }
    }
    Ok(())
}
