//! Getting data in and out from the app: the import screen's dry run and import, the
//! calendar export, and reports (shown, saved as CSV or a printable page, or printed).
//! Files are named by path, as on the restore screen; each export is audited by the core.

use std::path::PathBuf;

use tauri::State;

use amparo::exchange::ics::{IcsOptions, IcsSummary};
use amparo::exchange::import::{ImportOptions, ImportReport, Run};
use amparo::exchange::reports::{render, Report, ReportOptions};

use crate::error::{CmdResult, CommandError};
use crate::state::AppState;

fn path_of(raw: &str) -> CmdResult<PathBuf> {
    let p = raw.trim();
    if p.is_empty() {
        let message = amparo::text::Text::fixed("Choose a file.", "Elija un archivo.");
        return Err(CommandError::from(amparo::Error::Invalid(amparo::model::ValidationError::one("file", message))));
    }
    Ok(PathBuf::from(p))
}

/// What importing `file` would do, row by row; writes nothing.
#[tauri::command]
pub async fn import_preview(
    state: State<'_, AppState>,
    file: String,
    options: ImportOptions,
) -> CmdResult<ImportReport> {
    let run = Run { dry_run: true, ..Default::default() };
    Ok(state.store().await?.import_sheet(&path_of(&file)?, &options, &run).await?)
}

/// Imports `file`: every row, or with `only_good_rows` the good ones (the others go to
/// NAME-rejected.csv beside it). A large sheet takes a while: progress is reported for
/// `job_progress`, against the row count a dry run gives first (it reads fast).
#[tauri::command]
pub async fn import_sheet(state: State<'_, AppState>, file: String, options: ImportOptions) -> CmdResult<ImportReport> {
    let store = state.store().await?;
    let path = path_of(&file)?;
    let progress = state.progress.clone();
    progress.start();
    let total = store.import_sheet(&path, &options, &Run { dry_run: true, ..Default::default() }).await.map(|r| r.rows);
    let report = match total {
        Ok(total) => {
            let shown = progress.clone();
            let run =
                Run { progress: Some(std::sync::Arc::new(move |done| shown.set(done, total))), ..Default::default() };
            store.import_sheet(&path, &options, &run).await
        }
        Err(e) => Err(e),
    };
    progress.finish();
    Ok(report?)
}

/// Writes the calendar file.
#[tauri::command]
pub async fn export_calendar(state: State<'_, AppState>, file: String, options: IcsOptions) -> CmdResult<IcsSummary> {
    Ok(state.store().await?.export_ics(&options, &path_of(&file)?).await?)
}

/// A report, to show on screen (nothing leaves the vault).
#[tauri::command]
pub async fn build_report(state: State<'_, AppState>, options: ReportOptions) -> CmdResult<Report> {
    Ok(state.store().await?.report(&options).await?)
}

/// Saves a report as "csv" or "html" to `file`, and records it.
#[tauri::command]
pub async fn save_report(
    state: State<'_, AppState>,
    options: ReportOptions,
    format: String,
    file: String,
) -> CmdResult<String> {
    let store = state.store().await?;
    let path = path_of(&file)?;
    let report = store.report(&options).await?;
    let bytes = match format.as_str() {
        "csv" => render::csv(&report, options.spanish),
        _ => render::html(&report, options.spanish).into_bytes(),
    };
    amparo::exchange::write_private(&path, &bytes)?;
    if let Err(e) = store.record_report(&report, &format, &path.display().to_string()).await {
        let _ = std::fs::remove_file(&path);
        return Err(e.into());
    }
    Ok(path.display().to_string())
}

/// Records that a report is being printed (the page prints itself once this returns).
#[tauri::command]
pub async fn record_printed_report(state: State<'_, AppState>, options: ReportOptions) -> CmdResult<()> {
    let store = state.store().await?;
    let report = store.report(&options).await?;
    Ok(store.record_report(&report, "print", "(printed)").await?)
}
