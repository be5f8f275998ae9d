//! The Amparo desktop app: a Tauri shell whose commands call the `amparo` core.
//! One file per area of commands; the core does the work.

mod auto_lock;
mod backups;
#[cfg(test)]
mod capability_tests;
mod clients;
mod clinic;
#[cfg(test)]
mod concurrency_tests;
mod dashboard;
mod deadlines;
mod desk;
mod documents;
pub mod error;
mod exchange;
mod idle;
#[cfg(target_os = "linux")]
mod lock_signals;
#[cfg(all(test, target_os = "linux"))]
mod lock_signals_tests;
#[cfg(test)]
mod locking_tests;
mod matters;
#[cfg(test)]
mod secret_args_tests;
mod settings;
mod state;
mod vault;
mod window_guard;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use tauri::Manager;

/// What this run was started on: `--vault PATH`, or the files a desktop hands over when
/// one is double-clicked (`Exec=amparo-app %f`): a `.amparo` vault, or a clinic's
/// `.amparo-invite` for the join form. Anything else is left alone.
#[derive(Debug, Default, PartialEq)]
struct Launch {
    vault: Option<PathBuf>,
    invitation: Option<PathBuf>,
}

/// Arguments are taken as the system gives them (a file name need not be UTF-8), and a
/// relative one is read from `cwd`, the folder of the launch that named it (a second
/// launch hands its arguments to the running app, whose own folder may be elsewhere).
fn launch_from(args: &[OsString], cwd: Option<&Path>) -> Launch {
    let place = |arg: &OsString| {
        let path = PathBuf::from(arg);
        match cwd {
            Some(dir) if path.is_relative() => dir.join(path),
            _ => path,
        }
    };
    let mut launch = Launch::default();
    let mut args = args.iter().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--vault" {
            launch.vault = args.next().map(place);
            continue;
        }
        if arg.as_encoded_bytes().starts_with(b"-") {
            continue;
        }
        // The desktop's globs ignore case (`*.amparo` matches `CLINIC.AMPARO`), so this does.
        match Path::new(arg).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("amparo-invite") => launch.invitation = Some(place(arg)),
            Some("amparo") => {
                launch.vault.get_or_insert_with(|| place(arg));
            }
            _ => {}
        }
    }
    launch
}

/// Starts the app.
pub fn run() {
    // Before WebKit starts: its processes inherit the core-file limit of 0.
    let _ = amparo::process_guard::harden();
    // Measure the machine for new passphrase slots now, off the async threads, so the
    // first creation or change does not stall one of them for a second.
    std::thread::spawn(amparo::vault::KdfParams::calibrated);
    tauri::Builder::default()
        // A second launch focuses the running window instead of opening the vault twice.
        // An invitation opened while Amparo runs goes to the join form; another vault does
        // not replace the open one.
        .plugin(tauri_plugin_single_instance::init(|app, args, cwd| {
            let args: Vec<OsString> = args.into_iter().map(OsString::from).collect();
            if let Some(invitation) = launch_from(&args, Some(Path::new(&cwd))).invitation {
                *app.state::<state::AppState>().opened_invitation.lock().unwrap() = Some(invitation);
            }
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_notification::init())
        // Called from Rust only (src/documents.rs); the page is granted none of it.
        .plugin(tauri_plugin_dialog::init())
        .plugin(window_guard::navigation())
        .manage({
            let launch = launch_from(&std::env::args_os().collect::<Vec<_>>(), None);
            let state = state::AppState::new(launch.vault.unwrap_or_else(amparo::vault::paths::default_vault_path));
            *state.opened_invitation.lock().unwrap() = launch.invitation;
            state.activity.set_limit(settings::load(&settings::settings_path()).auto_lock_minutes);
            state
        })
        .invoke_handler(tauri::generate_handler![
            vault::vault_status,
            vault::create_vault,
            vault::unlock,
            vault::vault_integrity,
            vault::lock,
            vault::passphrase_strength,
            vault::heartbeat,
            vault::change_passphrase,
            vault::recover,
            vault::new_recovery_code,
            vault::job_progress,
            backups::backup_status,
            backups::set_backup_settings,
            backups::back_up_now,
            backups::preview_restore,
            backups::restore_backup,
            clients::list_clients,
            clients::search_clients,
            clients::similar_clients,
            clients::get_client,
            clients::add_client,
            clients::update_client,
            clients::delete_client,
            clients::restore_client,
            clients::add_custody_period,
            clients::update_custody_period,
            clients::delete_custody_period,
            clients::archive_client,
            clients::unarchive_client,
            clients::retention,
            clients::set_retention_years,
            clients::purge_client,
            matters::list_matters,
            matters::add_matter,
            matters::get_matter,
            matters::add_hearing,
            matters::update_hearing,
            matters::add_appointment,
            matters::update_appointment,
            matters::delete_appointment,
            matters::confirm_filing_status,
            matters::update_matter,
            matters::close_matter,
            matters::reopen_matter,
            matters::reopen_deadline,
            clients::countries,
            clients::volunteer_names,
            clients::save_draft,
            clients::take_draft,
            matters::add_deadline,
            matters::complete_deadline,
            matters::set_deadline_date,
            matters::waive_deadline,
            matters::add_filing,
            matters::update_filing,
            matters::add_note,
            dashboard::dashboard,
            dashboard::calendar,
            dashboard::deadline_group,
            dashboard::reminder,
            dashboard::notify,
            settings::get_settings,
            settings::save_settings,
            settings::get_user_name,
            settings::set_user_name,
            deadlines::propose_deadlines,
            deadlines::add_event_deadlines,
            deadlines::move_trigger,
            clinic::clinic_view,
            clinic::clinic_create,
            clinic::clinic_invite,
            clinic::clinic_join,
            clinic::opened_invitation,
            clinic::clinic_request_words,
            clinic::clinic_admit,
            clinic::clinic_remove,
            clinic::set_clinic_remote,
            clinic::sync_now,
            clinic::list_conflicts,
            clinic::resolve_conflict,
            clinic::clinic_alerts,
            clinic::dismiss_alert,
            desk::caseload,
            desk::member_cases,
            desk::matter_assign,
            desk::assignment_history,
            desk::offboard,
            desk::new_to_me,
            desk::seen_new_case,
            desk::review_request,
            desk::review_decide,
            desk::reviews,
            desk::set_require_review,
            desk::set_supervisor,
            desk::desk_calendar,
            desk::court_day,
            desk::courts,
            exchange::import_preview,
            exchange::import_sheet,
            exchange::export_calendar,
            exchange::build_report,
            exchange::save_report,
            exchange::record_printed_report,
            documents::pick_documents,
            documents::dropped_documents,
            documents::attach_document,
            documents::documents,
            documents::document_history,
            documents::remove_document,
            documents::open_document,
            documents::export_document,
            documents::checklist,
            documents::mark_checklist_item,
            documents::add_clinic_item,
        ])
        .on_window_event(|window, event| {
            // A drop is taken in Rust and the page told, by name only (src/documents.rs).
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                // Off the window's thread: the vault's lock may be held for seconds (a
                // backup), and waiting for it here would freeze the window meanwhile.
                let app = window.app_handle().clone();
                let paths = paths.clone();
                tauri::async_runtime::spawn(async move {
                    let state = app.state::<state::AppState>();
                    // Nothing dropped on the lock screen is kept for after the unlock.
                    if state.vault.lock().await.is_none() {
                        return;
                    }
                    state.picked.dropped(paths);
                    if let Some(w) = app.get_webview_window("main") {
                        let _ = w.eval(documents::DROP_EVENT_SCRIPT);
                    }
                });
            }
        })
        .setup(|app| {
            // Copies a crashed Amparo left. Here, not before: a second launch only
            // focuses this one (single-instance).
            let _ = amparo::documents::private_copy::sweep_orphans();
            window_guard::forget_recent_files();
            window_guard::main_window(app.handle())?;
            // Auto-lock: the idle timer and the desktop's signals ask, one task locks.
            let (requests, queue) = tokio::sync::mpsc::channel(8);
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                let page = auto_lock::MainWindow(handle.clone());
                auto_lock::serve(&handle.state::<state::AppState>(), &page, queue, auto_lock::GRACE).await;
            });
            let handle = app.handle().clone();
            let idle = requests.clone();
            tauri::async_runtime::spawn(async move {
                auto_lock::watch_idle(&handle.state::<state::AppState>(), idle).await;
            });
            #[cfg(target_os = "linux")]
            tauri::async_runtime::spawn(lock_signals::listen(requests));
            #[cfg(unix)]
            tauri::async_runtime::spawn(window_guard::quit_on_signal(app.handle().clone()));
            // The clinic syncs on its own: after an unlock and every N minutes.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                loop {
                    tokio::time::sleep(std::time::Duration::from_secs(10)).await;
                    handle.state::<state::AppState>().auto_sync().await;
                }
            });
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("error while building Amparo")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                window_guard::on_exit(app);
            }
        });
}

#[cfg(test)]
mod launch_tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        std::iter::once("amparo-app").chain(a.iter().copied()).map(OsString::from).collect()
    }

    #[test]
    fn a_double_clicked_vault_or_invitation_is_taken_and_anything_else_ignored() {
        assert_eq!(launch_from(&args(&[]), None), Launch::default());
        assert_eq!(launch_from(&args(&["--vault", "/v/a.amparo"]), None).vault, Some(PathBuf::from("/v/a.amparo")));
        assert_eq!(
            launch_from(&args(&["/home/ana/clinic.amparo"]), None).vault,
            Some(PathBuf::from("/home/ana/clinic.amparo"))
        );
        assert_eq!(
            launch_from(&args(&["/home/ana/CLINIC.AMPARO"]), None).vault,
            Some(PathBuf::from("/home/ana/CLINIC.AMPARO"))
        );
        let invited = launch_from(&args(&["/media/usb/invitation.amparo-invite"]), None);
        assert_eq!(
            invited,
            Launch { vault: None, invitation: Some(PathBuf::from("/media/usb/invitation.amparo-invite")) }
        );
        // --vault wins over a file named after it; other files and flags are not vaults.
        assert_eq!(
            launch_from(&args(&["--vault", "/a.amparo", "/b.amparo"]), None).vault,
            Some(PathBuf::from("/a.amparo"))
        );
        assert_eq!(launch_from(&args(&["notes.txt", "--flag.amparo", "--x.amparo-invite"]), None), Launch::default());
    }

    #[test]
    fn a_relative_name_from_a_second_launch_is_read_from_that_launchs_folder() {
        let launch = launch_from(&args(&["invitation.amparo-invite"]), Some(Path::new("/home/ana/Descargas")));
        assert_eq!(launch.invitation, Some(PathBuf::from("/home/ana/Descargas/invitation.amparo-invite")));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_name_that_is_not_utf8_neither_stops_the_app_nor_is_lost() {
        use std::os::unix::ffi::OsStringExt;
        let odd = OsString::from_vec(b"/home/ana/cl\xednica.amparo".to_vec());
        let all = vec![OsString::from("amparo-app"), odd.clone()];
        assert_eq!(launch_from(&all, None).vault, Some(PathBuf::from(odd)));
    }
}
