//! The command line, as clap types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(name = "amparo", version, about = "Amparo: encrypted case tracker for asylum and legal-aid clinics")]
pub struct Cli {
    /// The vault file (default: $AMPARO_VAULT, else $XDG_DATA_HOME/amparo/vault.amparo).
    #[arg(long, global = true, env = "AMPARO_VAULT", hide_env_values = true)]
    pub vault: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// Your name, for the audit log and assignments (default: $AMPARO_USER, else $USER).
    #[arg(long = "as", global = true, env = "AMPARO_USER", hide_env_values = true)]
    pub actor: Option<String>,
    /// Read the vault's passphrase from the first line of this file (mode 600), for
    /// scripts. Safer than $AMPARO_PASSPHRASE, which child processes inherit.
    #[arg(long, global = true, conflicts_with = "passphrase_fd")]
    pub passphrase_file: Option<PathBuf>,
    /// Read the vault's passphrase from this open file descriptor (e.g. 3, with `3<file`).
    #[arg(long, global = true)]
    pub passphrase_fd: Option<i32>,
    /// `rekey`, `recover`: read the new passphrase from the first line of this file (mode 600).
    #[arg(long, global = true)]
    pub new_passphrase_file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Create a new vault (asks for the passphrase twice, or reads $AMPARO_PASSPHRASE).
    Init,
    /// Check that the vault unlocks and is intact.
    UnlockCheck,
    /// Change the vault's passphrase: re-encrypts the whole vault under a fresh key (new
    /// passphrase from $AMPARO_NEW_PASSPHRASE or asked twice).
    Rekey,
    /// Back up the vault now (to --to, else the folder set in the app), or check a backup.
    Backup(BackupArgs),
    /// Put a backup in place of the vault (the replaced vault is kept aside, never deleted).
    Restore {
        /// The backup file (.amparo-backup).
        file: PathBuf,
        /// Do not ask before replacing.
        #[arg(long)]
        yes: bool,
    },
    /// Set a new passphrase with the recovery code (code from $AMPARO_RECOVERY_CODE or asked;
    /// new passphrase from $AMPARO_NEW_PASSPHRASE or asked twice).
    Recover,
    /// Make a new recovery code; the old one stops working.
    RecoveryCode,
    /// Clients (`amparo clients …` works too).
    #[command(subcommand, visible_alias = "clients")]
    Client(ClientCmd),
    /// Matters (cases).
    #[command(subcommand)]
    Matter(MatterCmd),
    /// Hearings.
    #[command(subcommand)]
    Hearing(HearingCmd),
    /// Appointments that are not hearings: ICE and ISAP check-ins, biometrics, interviews.
    #[command(subcommand)]
    Appointment(crate::tracking::AppointmentCmd),
    /// Periods in immigration custody, with bond and release terms.
    #[command(subcommand)]
    Custody(crate::tracking::CustodyCmd),
    /// Deadlines.
    #[command(subcommand)]
    Deadline(DeadlineCmd),
    /// Notes on a client or matter.
    #[command(subcommand)]
    Note(NoteCmd),
    /// The clinic: create, invite, join, admit, members.
    #[command(subcommand)]
    Clinic(ClinicCmd),
    /// Send this vault's changes to the clinic's remote and apply everyone else's.
    Sync {
        /// A folder, or s3://BUCKET/PREFIX (credentials from AWS_* variables, never from
        /// here). Default: the remote used last time.
        #[arg(long)]
        remote: Option<String>,
    },
    /// The coordinator's caseload board: each member's open matters, hearings in 14 days,
    /// overdue and due-in-7 deadlines, stale matters, conflicts, and when last heard from.
    Caseload(CaseloadArgs),
    /// Fill a new, empty vault with made-up clients and cases (names in several scripts,
    /// every kind of case), to try Amparo or to measure it. Refused on a vault that holds
    /// clients: made-up cases never mix with real ones.
    Seed {
        /// How many clients; each gets 3 cases, 2 hearings, 10 deadlines, 5 filings, 2 notes.
        #[arg(long, default_value_t = 1000)]
        clients: usize,
        /// The same seed makes the same vault.
        #[arg(long, default_value_t = 14)]
        seed: u64,
    },
    /// Review and sign-off of filings before they are filed.
    #[command(subcommand)]
    Review(ReviewCmd),
    /// Filings (forms, motions, briefs) on a matter.
    #[command(subcommand)]
    Filing(FilingCmd),
    /// Every hearing and open deadline in a range, with the volunteer holding each case;
    /// flags hearings no one holds and deadlines of volunteers silent for 7 days.
    Calendar {
        /// First day, YYYY-MM-DD (default today).
        #[arg(long)]
        from: Option<String>,
        /// Last day (default: 4 weeks after the first).
        #[arg(long)]
        to: Option<String>,
        /// Only this member's cases (name or id; "none" for cases no one holds).
        #[arg(long)]
        member: Option<String>,
        #[arg(long)]
        court: Option<String>,
    },
    /// One court's hearings on one day, to print (initials only unless --full-names).
    CourtDay {
        #[arg(long)]
        court: String,
        /// YYYY-MM-DD (default today).
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        full_names: bool,
    },
    /// Conflicting changes from two laptops: list them, or settle one.
    Conflicts {
        /// The conflict to settle (its number in the list).
        #[arg(long, requires = "keep")]
        resolve: Option<i64>,
        /// mine, theirs, or the value to keep (a date, for dates).
        #[arg(long, requires = "resolve")]
        keep: Option<String>,
    },
    /// The deadline rules: list them, or compute one (needs no vault).
    #[command(subcommand)]
    Rules(RulesCmd),
    /// Import clients and their cases from a spreadsheet (CSV, Excel, LibreOffice).
    #[command(subcommand)]
    Import(ImportCmd),
    /// Export hearings and deadlines to a calendar file.
    #[command(subcommand)]
    Export(ExportCmd),
    /// A report for the clinic or its funders, as CSV or a page to print (HTML).
    Report(ReportArgs),
    /// Documents attached to a client, a matter, a hearing or a filing.
    #[command(subcommand)]
    Document(crate::documents::DocumentCmd),
    /// A case's evidence checklist.
    #[command(subcommand)]
    Checklist(crate::documents::ChecklistCmd),
}

#[derive(Args)]
pub struct ReportArgs {
    /// caseload, outcomes, hearings, deadlines or clients.
    pub kind: String,
    /// First day of the period, YYYY-MM-DD.
    #[arg(long)]
    pub from: String,
    /// Last day of the period.
    #[arg(long)]
    pub to: String,
    /// csv or html.
    #[arg(long, default_value = "csv")]
    pub format: String,
    /// For funders: no names, A-numbers, dates of birth or free text, and small counts
    /// hidden.
    #[arg(long)]
    pub deidentified: bool,
    /// With --deidentified: counts below this are shown as "fewer than N".
    #[arg(long, default_value_t = 5)]
    pub threshold: u32,
    /// The file to write (default: print it).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Write the report's words in Spanish.
    #[arg(long)]
    pub spanish: bool,
}

#[derive(Subcommand)]
pub enum ExportCmd {
    /// An .ics calendar (RFC 5545) of hearings and open deadlines, with reminders. Client
    /// names are left out unless --names full is chosen (and confirmed).
    Ics {
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
        /// First day, YYYY-MM-DD (default today).
        #[arg(long)]
        from: Option<String>,
        /// Last day (default: a year after the first).
        #[arg(long)]
        to: Option<String>,
        /// How to name clients: reference (M-12, the default), initials, or full.
        #[arg(long, default_value = "reference")]
        names: String,
        /// Confirm full names without being asked.
        #[arg(long)]
        yes: bool,
        /// Write the events' words in Spanish.
        #[arg(long)]
        spanish: bool,
    },
}

#[derive(Subcommand)]
pub enum ImportCmd {
    /// A CSV file: UTF-8 (with or without BOM), UTF-16 or Windows-1252; commas, semicolons
    /// or tabs.
    Csv(ImportArgs),
    /// An Excel (.xlsx) or LibreOffice (.ods) file: its first sheet.
    Xlsx(ImportArgs),
}

#[derive(Args)]
pub struct ImportArgs {
    /// The spreadsheet.
    pub file: PathBuf,
    /// Say what would be imported, row by row, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import the good rows and write the refused ones, with a reason column, to
    /// NAME-rejected.csv beside the file (or --rejected-file).
    #[arg(long)]
    pub only_good_rows: bool,
    /// Where to write the refused rows.
    #[arg(long)]
    pub rejected_file: Option<PathBuf>,
    /// A column and the field it holds: "Header=field", "C=field" or "3=field" (repeat for
    /// more; "Header=ignore" skips a column). Remembered for the next import.
    #[arg(long = "map")]
    pub map: Vec<String>,
    /// How the file writes dates when both day and month are numbers: auto (refuse what
    /// reads both ways), mdy (11/25/2026) or dmy (25/11/2026).
    #[arg(long, default_value = "auto")]
    pub dates: String,
    /// The kind of case for rows with case details but no kind (e.g. defensive_asylum).
    #[arg(long)]
    pub kind: Option<String>,
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BackupArgs {
    #[command(subcommand)]
    pub cmd: Option<BackupCmd>,
    /// The folder to write the backup to this time.
    #[arg(long)]
    pub to: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum BackupCmd {
    /// Open a backup with the passphrase, check it, and say what it holds.
    Verify {
        /// The backup file (.amparo-backup).
        file: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum RulesCmd {
    /// Every rule with its id, name and citation.
    List,
    /// Compute a deadline from its trigger date, with the explanation.
    Compute {
        /// The rule id, e.g. bia-appeal (see `amparo rules list`).
        rule: String,
        /// The trigger date, YYYY-MM-DD (decision, hearing, arrival…).
        #[arg(long)]
        from: String,
        /// The triggering notice was served by mail.
        #[arg(long)]
        served_by_mail: bool,
        /// A day the court or agency was closed: YYYY-MM-DD=reason (repeat for more).
        #[arg(long = "closure")]
        closures: Vec<String>,
        /// A stop of the asylum EAD clock: YYYY-MM-DD..YYYY-MM-DD (repeat for more).
        #[arg(long = "clock-stop")]
        clock_stops: Vec<String>,
        /// The days the order set (vd-departure): at most 60 at the conclusion of
        /// proceedings, 120 before.
        #[arg(long)]
        days: Option<u32>,
        /// Voluntary departure was granted before the conclusion of proceedings.
        #[arg(long)]
        before_conclusion: bool,
        /// The court or office is in the Inauguration Day area of 5 U.S.C. 6103(c) (the
        /// Annandale and Hyattsville courts; not Sterling, in Loudoun County): Inauguration
        /// Day is then an optional closure. BIA rules always are.
        #[arg(long)]
        washington_area: bool,
    },
}

#[derive(Subcommand)]
pub enum ClientCmd {
    /// Add a client.
    Add(Box<ClientAdd>),
    /// List clients.
    List {
        #[arg(long)]
        detained: bool,
        /// Show the deleted clients instead.
        #[arg(long)]
        deleted: bool,
        /// Show the archived clients instead.
        #[arg(long)]
        archived: bool,
        #[arg(long)]
        country: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: i64,
        #[arg(long, default_value_t = 0)]
        offset: i64,
    },
    /// Show one client in full.
    Show { id: i64 },
    /// Find clients by name, other name, A-number, court or judge.
    /// Four to eight digits find the A-numbers and receipt numbers that end with them.
    Search {
        /// "-" reads it from standard input (kept out of the shell history).
        query: String,
        /// Only detained clients.
        #[arg(long)]
        detained: bool,
        #[arg(long, default_value_t = 20)]
        limit: i64,
    },
    /// Before adding someone: clients who may be the same person (name in any order,
    /// accents and sound-alike spellings, date of birth, A-number), with the reasons.
    Similar {
        /// The name as typed, e.g. "María José Ramírez Pérez".
        #[arg(default_value = "")]
        name: String,
        #[arg(long)]
        dob: Option<String>,
        #[arg(long)]
        a_number: Option<String>,
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Move a client to the deleted items (undo with `restore`).
    Delete { id: i64 },
    /// Bring back a deleted client.
    Restore { id: i64 },
    /// Archive a client whose cases are all closed (out of lists; purged after the
    /// retention period).
    Archive { id: i64 },
    /// Bring an archived client back to the lists.
    Unarchive { id: i64 },
    /// Archived clients and the first day each may be purged.
    Archived,
    /// Remove an archived client past the retention period for good, leaving only a
    /// tombstone in the history. Asks for --yes.
    Purge {
        id: i64,
        #[arg(long)]
        yes: bool,
    },
    /// Show or set the retention period in years.
    Retention { years: Option<u32> },
}

#[derive(Args)]
pub struct ClientAdd {
    /// Read the client as JSON from this file, or from standard input with "-", instead
    /// of from the flags below, so that no client detail goes into the shell history.
    /// Fields: given_name, family_name, a_number, date_of_birth, nationality, phone…
    #[arg(long)]
    pub input: Option<PathBuf>,
    #[arg(long, default_value = "")]
    pub given: String,
    #[arg(long, default_value = "")]
    pub family: String,
    /// Another name or alias (repeat for more).
    #[arg(long = "other-name")]
    pub other_names: Vec<String>,
    #[arg(long)]
    pub a_number: Option<String>,
    /// The client has no A-number yet.
    #[arg(long)]
    pub no_a_number: bool,
    /// Date of birth, YYYY-MM-DD.
    #[arg(long)]
    pub dob: Option<String>,
    /// Country of nationality, two-letter ISO code.
    #[arg(long)]
    pub country: Option<String>,
    /// A language spoken (repeat for more).
    #[arg(long = "language")]
    pub languages: Vec<String>,
    #[arg(long)]
    pub interpreter: bool,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    /// Date of last arrival in the United States, YYYY-MM-DD.
    #[arg(long)]
    pub arrived: Option<String>,
    /// not_detained, detained or released.
    #[arg(long)]
    pub detention: Option<String>,
    #[arg(long)]
    pub facility: Option<String>,
    /// The principal applicant this person is a family member of.
    #[arg(long)]
    pub principal: Option<i64>,
    /// spouse, child, parent, sibling or other.
    #[arg(long)]
    pub relationship: Option<String>,
    /// Included on the principal's I-589 (a spouse or child).
    #[arg(long)]
    pub derivative: bool,
}

#[derive(Subcommand)]
pub enum ClinicCmd {
    /// Create a clinic, with you as its coordinator.
    Create {
        #[arg(long)]
        name: String,
    },
    /// Write an invitation for a volunteer (coordinators).
    Invite {
        #[arg(long)]
        out: PathBuf,
    },
    /// Join the clinic of an invitation; writes the request to give back to the coordinator.
    Join {
        file: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// Admit the volunteer behind a join request, once the words on both screens match.
    Admit {
        file: PathBuf,
        /// The words the volunteer's screen shows (asked for when not given).
        #[arg(long)]
        fingerprint: Option<String>,
        /// volunteer (default) or coordinator.
        #[arg(long, default_value = "volunteer")]
        role: String,
    },
    /// The clinic's members and who carries which case.
    Members,
    /// Remove a member: nothing new is encrypted to them (what they had stays readable to them).
    Remove { member: String },
    /// Possible duplicate clients and records kept against a delete.
    Alerts,
    /// Hand every open case of a leaving member to another member in one step.
    Offboard {
        member: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        reason: Option<String>,
        /// Also remove the member from the clinic afterwards.
        #[arg(long)]
        remove: bool,
    },
    /// Mark a member as supervising attorney or accredited representative (they may then
    /// approve filings), or neither.
    Reviewer {
        member: String,
        /// attorney, accredited-representative or none.
        #[arg(long = "as")]
        role: String,
    },
    /// Whether a filing must be approved before it may be marked filed: on or off.
    RequireReview { setting: String },
    /// Cases given to you since you last looked.
    New {
        /// Mark this matter as seen.
        #[arg(long)]
        seen: Option<i64>,
    },
}

#[derive(Args)]
pub struct CaseloadArgs {
    /// The day to count from (default today).
    #[arg(long)]
    pub today: Option<String>,
    #[arg(long)]
    pub court: Option<String>,
    #[arg(long)]
    pub judge: Option<String>,
    /// A matter kind, e.g. defensive_asylum.
    #[arg(long)]
    pub kind: Option<String>,
    /// Only clients in detention.
    #[arg(long)]
    pub detained: bool,
    /// A language the client speaks.
    #[arg(long)]
    pub language: Option<String>,
    /// List this member's open cases instead (name or id).
    #[arg(long)]
    pub member: Option<String>,
}

#[derive(Subcommand)]
pub enum ReviewCmd {
    /// Ask a reviewer to look at a draft filing.
    Request {
        filing: i64,
        #[arg(long)]
        comment: Option<String>,
    },
    /// Approve a filing (reviewers).
    Approve {
        filing: i64,
        #[arg(long)]
        comment: Option<String>,
    },
    /// Ask for changes, saying which (reviewers).
    Changes {
        filing: i64,
        #[arg(long)]
        comment: String,
    },
    /// Filings in review, the ones waiting on you first.
    List,
}

#[derive(Subcommand)]
pub enum FilingCmd {
    /// Record a filing (a draft unless --filed is given).
    Add {
        #[arg(long)]
        matter: i64,
        /// i589, i765, eoir26, motion, brief…
        #[arg(long)]
        form: String,
        #[arg(long)]
        description: Option<String>,
        /// Who helped prepare it (8 CFR 208.3(c)(2) for the I-589).
        #[arg(long)]
        preparer: Option<String>,
        /// The date it was filed, YYYY-MM-DD.
        #[arg(long)]
        filed: Option<String>,
        /// The USCIS receipt number (marks it received).
        #[arg(long)]
        receipt: Option<String>,
    },
    /// Mark a filing filed on a date.
    Filed {
        filing: i64,
        #[arg(long)]
        on: String,
        /// mail, in_person, ecas, uscis_online or other.
        #[arg(long)]
        method: Option<String>,
    },
    /// A matter's filings.
    List {
        #[arg(long)]
        matter: i64,
    },
}

#[derive(Subcommand)]
pub enum MatterCmd {
    /// Hand a case to a member of the clinic (coordinators).
    Assign {
        matter: i64,
        /// The primary volunteer (name or member id).
        #[arg(long)]
        to: String,
        /// A co-assignee (repeat for more). The case's co-assignees become exactly these.
        #[arg(long)]
        also: Vec<String>,
        #[arg(long)]
        reason: Option<String>,
        /// The date of the hand-off, YYYY-MM-DD (default today).
        #[arg(long)]
        on: Option<String>,
    },
    /// Who held a case, oldest first.
    History { matter: i64 },
    /// Open a matter for a client.
    Add {
        #[arg(long)]
        client: i64,
        /// e.g. defensive_asylum, affirmative_asylum, bond, bia_appeal.
        #[arg(long)]
        kind: String,
        /// uscis_asylum_office, uscis, immigration_court, bia or circuit_court.
        #[arg(long)]
        forum: String,
        #[arg(long)]
        court: Option<String>,
        #[arg(long)]
        judge: Option<String>,
        #[arg(long)]
        assigned_to: Option<String>,
        /// YYYY-MM-DD (default: today).
        #[arg(long)]
        opened: Option<String>,
    },
    /// List matters, of one client or all.
    List {
        #[arg(long)]
        client: Option<i64>,
    },
    /// Close a matter with its outcome; its open deadlines stay open unless waived.
    Close {
        matter: i64,
        /// YYYY-MM-DD.
        #[arg(long)]
        on: String,
        /// granted, denied, withdrawn, dismissed, terminated, administratively_closed…
        #[arg(long)]
        outcome: String,
        #[arg(long)]
        reason: Option<String>,
        /// Mark its open deadlines as no longer applying.
        #[arg(long)]
        waive_open_deadlines: bool,
    },
    /// Reopen a closed matter.
    Reopen { matter: i64 },
}

#[derive(Subcommand)]
pub enum HearingCmd {
    /// Add a hearing to a matter.
    Add {
        #[arg(long)]
        matter: i64,
        /// master_calendar, individual, bond, credible_fear_review…
        #[arg(long)]
        kind: String,
        /// Local court time, "YYYY-MM-DD HH:MM".
        #[arg(long)]
        at: String,
        #[arg(long)]
        court: Option<String>,
        #[arg(long)]
        judge: Option<String>,
        #[arg(long)]
        detained: bool,
    },
    /// A matter's hearings.
    List {
        #[arg(long)]
        matter: i64,
    },
}

#[derive(Subcommand)]
pub enum DeadlineCmd {
    /// Add a deadline: from a rule and its trigger date, or by hand with a reason.
    Add {
        #[arg(long)]
        matter: i64,
        #[arg(long)]
        title: String,
        /// YYYY-MM-DD; may be left out for a rule, which computes it.
        #[arg(long, default_value = "")]
        due: String,
        /// A rule id (see `amparo rules list`).
        #[arg(long)]
        rule: Option<String>,
        /// The date that starts the rule's period.
        #[arg(long)]
        trigger: Option<String>,
        /// The triggering notice was served by mail.
        #[arg(long)]
        served_by_mail: bool,
        /// The days the order set, for a rule that takes them (vd-departure).
        #[arg(long)]
        days: Option<u32>,
        /// Voluntary departure was granted before the conclusion of proceedings.
        #[arg(long)]
        before_conclusion: bool,
        /// The forum is in the Washington area (Inauguration Day is an optional closure).
        #[arg(long)]
        washington_area: bool,
        /// Why --due differs from the rule's date.
        #[arg(long)]
        override_reason: Option<String>,
        /// Where the date comes from, for a deadline entered by hand.
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        assigned_to: Option<String>,
    },
    /// Open deadlines due within a span (overdue ones included).
    /// Move a deadline to another date, saying why (kept in its history).
    SetDate {
        id: i64,
        #[arg(long)]
        date: String,
        #[arg(long)]
        reason: String,
    },
    List {
        /// e.g. 14d or 2w.
        #[arg(long, default_value = "30d")]
        due_within: String,
    },
    /// Mark a deadline done.
    Done {
        id: i64,
        /// YYYY-MM-DD (default: today).
        #[arg(long)]
        on: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum NoteCmd {
    /// Add a note to a client (--client) or a matter (--matter).
    Add {
        #[arg(long, conflicts_with = "matter", required_unless_present = "matter")]
        client: Option<i64>,
        #[arg(long)]
        matter: Option<i64>,
        /// The note; "-" or nothing reads it from standard input (kept out of the shell
        /// history).
        text: Option<String>,
    },
    /// List the notes on a client or a matter.
    List {
        #[arg(long, conflicts_with = "matter", required_unless_present = "matter")]
        client: Option<i64>,
        #[arg(long)]
        matter: Option<i64>,
    },
}
