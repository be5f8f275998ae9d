//! Realistic vaults made up from a seed, for the benchmarks, the end-to-end tests
//! (`AMPARO_SEED_CLIENTS`) and by hand (`amparo seed`): the same seed gives the same vault.
//! Each client has the shape measured in issue 14 — 3 matters, 2 hearings, 10 deadlines of
//! which 2 are open, 5 filings, 2 notes and 20 audit entries — with names in several
//! scripts, every kind of matter, and computed deadlines carrying their real explanations.
//! Clients go in through the store (so the search index is built as in use); the rest is
//! written in batches, one transaction per batch, so the write-ahead log stays small.

use chrono::{Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::{Sqlite, Transaction};

use crate::error::{Error, Result};
use crate::model::{ClientInput, Forum, MatterKind};
use crate::store::Store;

/// Clients per transaction: about 45 rows each, a few MiB of log at most.
const BATCH: usize = 250;
/// Rows per INSERT statement (each binds at most 18 values, well under SQLite's limit).
const ROWS_PER_STATEMENT: usize = 100;

const GIVEN: &[&str] = &[
    "María",
    "José",
    "Ana",
    "Luis",
    "Carmen",
    "Jorge",
    "Rosa",
    "Juan Carlos",
    "Guadalupe",
    "Wei",
    "Li",
    "Amina",
    "Yonas",
    "Senait",
    "Fatima",
    "Omar",
    "Mariam",
    "Jean",
    "Rose-Marie",
    "Алексей",
    "Ольга",
    "محمد",
    "فاطمة",
    "ሰናይት",
    "ዮናስ",
    "明",
    "丽",
    "Thị Lan",
    "Anh",
    "Kateryna",
    "Darius",
    "Nadia",
];
const FAMILY: &[&str] = &[
    "Ramírez",
    "López",
    "García",
    "Quispe",
    "Mamani",
    "Haile",
    "Tesfaye",
    "Berhe",
    "Zhang",
    "Wang",
    "Pierre",
    "Joseph",
    "Ivanova",
    "Petrov",
    "الحسن",
    "عبد الله",
    "ገብረመድህን",
    "王",
    "Nguyễn",
    "Hernández",
    "Cruz",
    "Morales",
    "Xicará",
    "Tzul",
    "Jean-Baptiste",
    "Shevchenko",
    "Rahimi",
    "Okafor",
    "Mensah",
    "Díaz Ortega",
];
const COUNTRIES: &[&str] =
    &["GT", "HN", "SV", "MX", "VE", "ER", "ET", "HT", "CN", "RU", "AF", "SY", "CU", "NI", "CO", "EC", "VN", "UA", "CM"];
const LANGUAGES: &[&str] =
    &["Spanish", "Tigrinya", "Haitian Creole", "Arabic", "Mandarin", "Russian", "Amharic", "K'iche'", "Dari"];
const COURTS: &[&str] = &[
    "San Diego Immigration Court",
    "Chicago Immigration Court",
    "New York - Broadway Immigration Court",
    "Los Angeles - Olive Immigration Court",
    "Houston Immigration Court",
    "Miami Immigration Court",
    "Atlanta Immigration Court",
    "Baltimore Immigration Court",
];
const FORMS: &[&str] = &["i589", "i765", "g28", "eoir28", "eoir33", "motion", "brief", "evidence", "eoir26"];
const NOTE_WORDS: &[&str] = &[
    "Client called about the hearing notice;",
    "interpreter confirmed for the next meeting;",
    "declaration draft reviewed with the client,",
    "needs the birth certificate translated;",
    "la clienta trajo los documentos de identidad,",
    "hablamos de la audiencia y de la fecha límite;",
    "country conditions index updated for the brief.",
    "Medical letter requested from the clinic.",
];
/// Computed deadlines the generator uses, with the event they count from.
const RULES: &[&str] = &[
    "asylum-one-year",
    "bia-appeal",
    "eoir-filing-individual",
    "eoir-filing-master",
    "ij-motion-reopen",
    "rfe-response",
    "eoir-change-of-address",
    "ead-asylum-clock",
    "bia-brief",
];

/// How many of each record a seeded vault received.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Seeded {
    pub clients: usize,
    pub matters: usize,
    pub hearings: usize,
    pub deadlines: usize,
    pub filings: usize,
    pub notes: usize,
    pub audit_entries: usize,
}

/// Who the made-up cases are assigned to.
pub fn volunteers() -> Vec<String> {
    (1..=40).map(|i| format!("Volunteer {i:02}")).collect()
}

/// Fills an empty vault with `clients` made-up clients and their cases, counted around
/// `today`. Refuses a vault that already holds clients: made-up cases must never mix with
/// real ones.
pub async fn seed(store: &Store, clients: usize, seed: u64, today: NaiveDate) -> Result<Seeded> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM clients").fetch_one(store.pool()).await?;
    if existing > 0 {
        return Err(Error::Invalid(crate::model::ValidationError::one(
            "clients",
            crate::text::Text::fixed(
                "This vault already holds clients; made-up cases go only into a new, empty vault.",
                "Esta bóveda ya tiene clientes; los casos inventados solo van en una bóveda nueva y vacía.",
            ),
        )));
    }
    let mut rng = StdRng::seed_from_u64(seed);
    let templates = Templates::new(today)?;
    let mut total = Seeded::default();
    let mut start = 0;
    while start < clients {
        let n = BATCH.min(clients - start);
        let inputs: Vec<ClientInput> = (start..start + n).map(|i| client(&mut rng, i, today)).collect();
        let ids = store.add_clients(&inputs).await?;
        let mut tx = store.pool().begin().await?;
        let made = cases(&mut tx, &mut rng, &ids, &templates, today).await?;
        tx.commit().await?;
        total.clients += ids.len();
        total.matters += made.matters;
        total.hearings += made.hearings;
        total.deadlines += made.deadlines;
        total.filings += made.filings;
        total.notes += made.notes;
        total.audit_entries += made.audit_entries + 1;
        start += n;
    }
    Ok(total)
}

fn pick<'a>(rng: &mut StdRng, from: &[&'a str]) -> &'a str {
    from[rng.gen_range(0..from.len())]
}

fn client(rng: &mut StdRng, i: usize, today: NaiveDate) -> ClientInput {
    let detained = rng.gen_ratio(1, 20);
    ClientInput {
        given_name: pick(rng, GIVEN).into(),
        family_name: pick(rng, FAMILY).into(),
        other_names: if rng.gen_ratio(1, 10) {
            vec![format!("{} {}", pick(rng, GIVEN), pick(rng, FAMILY))]
        } else {
            vec![]
        },
        date_of_birth: Some((today - Duration::days(rng.gen_range(365 * 2..365 * 70))).to_string()),
        nationality: Some(pick(rng, COUNTRIES).into()),
        languages: vec![pick(rng, LANGUAGES).into()],
        interpreter_needed: rng.gen_ratio(3, 4),
        // Unique by construction; one client in ten has none yet.
        a_number: (i % 10 != 9).then(|| format!("2{:08}", i)),
        no_a_number: i % 10 == 9,
        phone: Some(format!("(619) 555-{:04}", i % 10_000)),
        detention_status: Some(if detained { "detained" } else { "not_detained" }.into()),
        detention_facility: detained.then(|| "Otay Mesa Detention Center".into()),
        detained_since: detained.then(|| (today - Duration::days(rng.gen_range(1..400))).to_string()),
        ..Default::default()
    }
}

/// A rule the generator counts deadlines by: its name, and how far its date usually falls
/// from its trigger, so a trigger can be picked that lands the deadline near a wanted day.
/// Each deadline is then counted by the rule itself, so its date, trigger and explanation
/// (long texts, which make the rows as wide as in use) agree, as in a real vault.
struct Template {
    rule: &'static str,
    title: String,
    span: Duration,
}

struct Templates(Vec<Template>);

impl Templates {
    fn new(today: NaiveDate) -> Result<Self> {
        let mut out = Vec::new();
        for rule in RULES {
            let from = today - Duration::days(30);
            let computed = crate::rules::compute(rule, from, &crate::rules::Options::default())?;
            out.push(Template { rule, title: computed.name.en.to_string(), span: computed.due - from });
        }
        Ok(Templates(out))
    }
}

/// The day itself, or the Monday after a weekend: courts sit and orders fall on weekdays.
fn weekday(day: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    match day.weekday() {
        chrono::Weekday::Sat => day + Duration::days(2),
        chrono::Weekday::Sun => day + Duration::days(1),
        _ => day,
    }
}

/// A value bound into a batched INSERT.
enum V {
    I(i64),
    T(String),
    N,
}

impl From<i64> for V {
    fn from(v: i64) -> Self {
        V::I(v)
    }
}
impl From<String> for V {
    fn from(v: String) -> Self {
        V::T(v)
    }
}
impl From<&str> for V {
    fn from(v: &str) -> Self {
        V::T(v.to_string())
    }
}
impl<T: Into<V>> From<Option<T>> for V {
    fn from(v: Option<T>) -> Self {
        v.map_or(V::N, Into::into)
    }
}

/// Inserts rows into `table` in statements of ROWS_PER_STATEMENT rows; returns the ids.
async fn insert(tx: &mut Transaction<'_, Sqlite>, table: &str, columns: &str, rows: Vec<Vec<V>>) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(rows.len());
    let width = columns.split(',').count();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<V>> = rows.by_ref().take(ROWS_PER_STATEMENT).collect();
        let one = format!("({})", vec!["?"; width].join(", "));
        let sql = format!(
            "INSERT INTO {table} ({columns}) VALUES {} RETURNING id",
            vec![one.as_str(); chunk.len()].join(", ")
        );
        let mut q = sqlx::query_scalar::<_, i64>(&sql);
        for row in chunk {
            debug_assert_eq!(row.len(), width);
            for v in row {
                q = match v {
                    V::I(i) => q.bind(i),
                    V::T(t) => q.bind(t),
                    V::N => q.bind(None::<String>),
                };
            }
        }
        ids.extend(q.fetch_all(&mut **tx).await?);
    }
    Ok(ids)
}

#[derive(Default)]
struct Made {
    matters: usize,
    hearings: usize,
    deadlines: usize,
    filings: usize,
    notes: usize,
    audit_entries: usize,
}

/// Each client's three matters (the first before an immigration court, so it can hold
/// hearings), and everything hanging from them.
async fn cases(
    tx: &mut Transaction<'_, Sqlite>,
    rng: &mut StdRng,
    clients: &[i64],
    templates: &Templates,
    today: NaiveDate,
) -> Result<Made> {
    let at = format!("{}T10:00:00Z", today - Duration::days(rng.gen_range(0..700)));
    let volunteers = volunteers();
    let court_kinds =
        [MatterKind::DefensiveAsylum, MatterKind::WithholdingOfRemoval, MatterKind::Cat, MatterKind::Bond];
    let mut matter_rows = Vec::new();
    let mut matter_of = Vec::new();
    for (n, client) in clients.iter().enumerate() {
        let volunteer = volunteers[rng.gen_range(0..volunteers.len())].clone();
        for slot in 0..3 {
            let (kind, forum) = if slot == 0 {
                (court_kinds[rng.gen_range(0..court_kinds.len())], Forum::ImmigrationCourt)
            } else {
                let kind = MatterKind::ALL[(n * 3 + slot) % MatterKind::ALL.len()];
                (kind, forum_of(kind))
            };
            // The court case and one other are open; the third, one time in three.
            let open = slot < 2 || rng.gen_ratio(1, 3);
            let opened = today - Duration::days(rng.gen_range(30..1500));
            matter_rows.push(vec![
                V::from(*client),
                kind.as_str().into(),
                forum.as_str().into(),
                (forum == Forum::ImmigrationCourt).then(|| pick(rng, COURTS)).into(),
                if open { "open" } else { "closed" }.into(),
                volunteer.as_str().into(),
                opened.to_string().into(),
                (!open).then(|| (opened + Duration::days(rng.gen_range(30..400))).min(today).to_string()).into(),
                (!open).then_some("granted").into(),
                at.as_str().into(),
                at.as_str().into(),
            ]);
            matter_of.push((*client, slot));
        }
    }
    let matters = insert(
        tx,
        "matters",
        "client_id, kind, forum, court_name, status, assigned_to, opened_on, closed_on, outcome, created_at, updated_at",
        matter_rows,
    )
    .await?;

    let mut hearing_rows = Vec::new();
    let mut deadline_rows = Vec::new();
    let mut filing_rows = Vec::new();
    for (i, &matter) in matters.iter().enumerate() {
        let slot = matter_of[i].1;
        if slot == 0 {
            // Two hearings: a past master calendar and one to come (or long past).
            for kind in ["master_calendar", "individual"] {
                let day = weekday(today + Duration::days(rng.gen_range(-700..200)));
                hearing_rows.push(vec![
                    V::from(matter),
                    kind.into(),
                    format!("{day} {:02}:{:02}:00", rng.gen_range(8..16), [0, 30][rng.gen_range(0..2)]).into(),
                    "in_person".into(),
                    at.as_str().into(),
                    at.as_str().into(),
                ]);
            }
        }
        // Ten deadlines per client: 4, 3 and 3 over its matters; two open in all.
        let count = if slot == 0 { 4 } else { 3 };
        for k in 0..count {
            let open = (slot == 0 && k == 0) || (slot == 1 && k == 0);
            let t = &templates.0[rng.gen_range(0..templates.0.len())];
            let wanted = if open {
                // Mostly to come within the year, a few overdue.
                today + Duration::days(rng.gen_range(-10..365))
            } else {
                today - Duration::days(rng.gen_range(1..900))
            };
            let manual = rng.gen_ratio(1, 5);
            let (title, due, trigger, explanation) = if manual {
                ("Written closing argument".to_string(), weekday(wanted), None, None)
            } else {
                let trigger = wanted - t.span;
                let c = crate::rules::compute(t.rule, trigger, &crate::rules::Options::default())?;
                (t.title.clone(), c.due, Some(trigger), Some(c.explanation))
            };
            deadline_rows.push(vec![
                V::from(matter),
                title.into(),
                due.to_string().into(),
                (!manual).then_some(t.rule).into(),
                trigger.map(|d| d.to_string()).into(),
                manual.then_some("Judge's scheduling order").into(),
                if open { "open" } else { "done" }.into(),
                (!open).then(|| (due - Duration::days(rng.gen_range(0..10))).to_string()).into(),
                explanation.as_ref().map(|e| e.en.to_string()).into(),
                explanation.as_ref().map(|e| e.es.to_string()).into(),
                (!manual).then_some(crate::rules::TABLE_VERSION).into(),
                at.as_str().into(),
                at.as_str().into(),
            ]);
        }
        // Five filings per client: 2, 2 and 1.
        let count = if slot == 2 { 1 } else { 2 };
        for _ in 0..count {
            let filed = today - Duration::days(rng.gen_range(1..900));
            let receipt = rng.gen_ratio(1, 3).then(|| format!("ZLA{:010}", matter * 10 + rng.gen_range(0..10)));
            filing_rows.push(vec![
                V::from(matter),
                pick(rng, FORMS).into(),
                filed.to_string().into(),
                receipt.into(),
                ["filed", "received", "approved", "draft"][rng.gen_range(0..4)].into(),
                at.as_str().into(),
                at.as_str().into(),
            ]);
        }
    }
    let hearings =
        insert(tx, "hearings", "matter_id, kind, starts_at, attendance, created_at, updated_at", hearing_rows).await?;
    let deadlines = insert(
        tx,
        "deadlines",
        "matter_id, title, due_on, rule_id, trigger_on, manual_reason, status, done_on, explanation, explanation_es, \
         rule_version, created_at, updated_at",
        deadline_rows,
    )
    .await?;
    let filings =
        insert(tx, "filings", "matter_id, form, filed_on, receipt_number, status, created_at, updated_at", filing_rows)
            .await?;

    // Two notes per client: one on the client, one on the court case.
    let mut note_rows = Vec::new();
    for (n, client) in clients.iter().enumerate() {
        note_rows.push(vec![V::from(*client), V::N, at.as_str().into()]);
        note_rows.push(vec![V::N, V::from(matters[n * 3]), at.as_str().into()]);
    }
    let notes = insert(tx, "notes", "client_id, matter_id, created_at", note_rows).await?;
    let version_rows = notes
        .iter()
        .map(|&note| {
            let words = rng.gen_range(4..12);
            let body: Vec<&str> = (0..words).map(|_| pick(rng, NOTE_WORDS)).collect();
            vec![V::from(note), body.join(" ").into(), at.as_str().into()]
        })
        .collect();
    insert(tx, "note_versions", "note_id, body, written_at", version_rows).await?;

    // Twenty audit entries per client, on its own records.
    let mut audit_rows = Vec::new();
    let (per_hearing, per_deadline, per_filing) = (2, 10, 5);
    for (n, client) in clients.iter().enumerate() {
        let mut entry = |action: &str, entity: &str, id: i64, changes: String| {
            audit_rows.push(vec![
                V::from(at.as_str()),
                V::from(volunteers[(n + id as usize) % volunteers.len()].as_str()),
                action.into(),
                entity.into(),
                V::from(id),
                changes.into(),
            ]);
        };
        entry("update", "client", *client, r#"{"phone":["(619) 555-0100","(619) 555-0101"]}"#.into());
        for m in &matters[n * 3..n * 3 + 3] {
            entry("create", "matter", *m, r#"{"status":"open"}"#.into());
        }
        for h in &hearings[n * per_hearing..(n + 1) * per_hearing] {
            entry("create", "hearing", *h, r#"{"kind":"master_calendar"}"#.into());
        }
        for d in &deadlines[n * per_deadline..(n + 1) * per_deadline] {
            entry("create", "deadline", *d, r#"{"status":"open"}"#.into());
        }
        for f in &filings[n * per_filing..n * per_filing + 4] {
            entry("create", "filing", *f, r#"{"status":"filed"}"#.into());
        }
    }
    let audit_entries = audit_rows.len();
    insert(tx, "audit_log", "at, actor, action, entity, entity_id, changes", audit_rows).await?;
    Ok(Made {
        matters: matters.len(),
        hearings: hearings.len(),
        deadlines: deadlines.len(),
        filings: filings.len(),
        notes: notes.len(),
        audit_entries,
    })
}

/// The forum a matter of this kind is usually before.
fn forum_of(kind: MatterKind) -> Forum {
    match kind {
        MatterKind::AffirmativeAsylum => Forum::UscisAsylumOffice,
        MatterKind::EadC8 | MatterKind::Other => Forum::Uscis,
        MatterKind::BiaAppeal => Forum::Bia,
        MatterKind::PetitionForReview => Forum::CircuitCourt,
        _ => Forum::ImmigrationCourt,
    }
}
