//! The counts behind each report, one grouped query each. Only living clients and matters
//! count; "in the period" means between `from` and `to`, both days included.

use chrono::{Datelike, NaiveDate};
use sqlx::SqliteConnection;

use super::{Cell, ReportKind, ReportOptions};
use crate::error::Result;
use crate::model::spanish;
use crate::text::Text;

type Table = (Vec<Text>, Vec<Vec<Cell>>, Vec<Text>);

fn t(en: &'static str, es: &'static str) -> Text {
    Text::fixed(en, es)
}

pub(super) async fn build(conn: &mut SqliteConnection, o: &ReportOptions, today: NaiveDate) -> Result<Table> {
    match o.kind {
        ReportKind::Caseload => caseload(conn, o, today).await,
        ReportKind::Outcomes => outcomes(conn, o).await,
        ReportKind::Hearings => hearings(conn, o).await,
        ReportKind::Deadlines => deadlines(conn, o, today).await,
        ReportKind::Clients => clients(conn, o).await,
    }
}

/// "Volunteer A", "Volunteer B"… in the order of the table, for a de-identified report.
fn pseudonym(i: usize) -> String {
    format!("Volunteer {}", crate::exchange::columns::letter(i))
}

async fn caseload(conn: &mut SqliteConnection, o: &ReportOptions, today: NaiveDate) -> Result<Table> {
    let rows: Vec<(String, i64, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT COALESCE(NULLIF(TRIM(m.assigned_to), ''), '') AS who, \
           SUM(m.status <> 'closed'), \
           SUM(m.opened_on BETWEEN ?1 AND ?2), \
           SUM(m.closed_on BETWEEN ?1 AND ?2), \
           (SELECT COUNT(*) FROM hearings h JOIN matters m2 ON m2.id = h.matter_id \
              JOIN clients c2 ON c2.id = m2.client_id \
              WHERE m2.deleted_at IS NULL AND c2.deleted_at IS NULL AND COALESCE(NULLIF(TRIM(m2.assigned_to), ''), '') = \
                    COALESCE(NULLIF(TRIM(m.assigned_to), ''), '') \
              AND substr(h.starts_at, 1, 10) BETWEEN ?1 AND ?2), \
           (SELECT COUNT(*) FROM deadlines d JOIN matters m3 ON m3.id = d.matter_id \
              JOIN clients c3 ON c3.id = m3.client_id \
              WHERE m3.deleted_at IS NULL AND c3.deleted_at IS NULL AND COALESCE(NULLIF(TRIM(m3.assigned_to), ''), '') = \
                    COALESCE(NULLIF(TRIM(m.assigned_to), ''), '') \
              AND d.status = 'open' AND d.due_on < ?3) \
         FROM matters m JOIN clients c ON c.id = m.client_id \
         WHERE m.deleted_at IS NULL AND c.deleted_at IS NULL GROUP BY who ORDER BY who = '', who",
    )
    .bind(o.from)
    .bind(o.to)
    .bind(today)
    .fetch_all(conn)
    .await?;
    let columns = vec![
        t("Volunteer", "Voluntario/a"),
        t("Open matters now", "Casos abiertos hoy"),
        t("Opened in the period", "Abiertos en el periodo"),
        t("Closed in the period", "Cerrados en el periodo"),
        t("Hearings in the period", "Audiencias en el periodo"),
        t("Deadlines overdue today", "Plazos vencidos hoy"),
    ];
    let mut rows = rows;
    if o.deidentified {
        // Letters follow the size of each caseload, not the names' alphabetical order
        // (which a staff list would turn back into names).
        rows.sort_by(|a, b| {
            (a.0.is_empty(), std::cmp::Reverse(a.1), std::cmp::Reverse(a.2)).cmp(&(
                b.0.is_empty(),
                std::cmp::Reverse(b.1),
                std::cmp::Reverse(b.2),
            ))
        });
    }
    let out = rows
        .into_iter()
        .enumerate()
        .map(|(i, (who, open, opened, closed, hearings, overdue))| {
            let name = match (who.is_empty(), o.deidentified) {
                (true, _) => if o.spanish { "(nadie)" } else { "(no one)" }.to_string(),
                (false, true) => pseudonym(i),
                (false, false) => who,
            };
            vec![
                Cell::Text(name),
                Cell::Count(open),
                Cell::Count(opened),
                Cell::Count(closed),
                Cell::Count(hearings),
                Cell::Count(overdue),
            ]
        })
        .collect();
    Ok((columns, out, vec![]))
}

async fn outcomes(conn: &mut SqliteConnection, o: &ReportOptions) -> Result<Table> {
    type Row = (
        crate::model::MatterKind,
        crate::model::Forum,
        Option<crate::model::Representation>,
        Option<crate::model::Outcome>,
        i64,
        i64,
    );
    // Funders ask how many clients had a lawyer of record and how many had help only.
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT m.kind, m.forum, m.representation, CASE WHEN m.closed_on BETWEEN ?1 AND ?2 THEN m.outcome END AS outcome, \
           SUM(m.opened_on BETWEEN ?1 AND ?2), SUM(m.closed_on BETWEEN ?1 AND ?2) \
         FROM matters m JOIN clients c ON c.id = m.client_id \
         WHERE m.deleted_at IS NULL AND c.deleted_at IS NULL \
           AND (m.opened_on BETWEEN ?1 AND ?2 OR m.closed_on BETWEEN ?1 AND ?2) \
         GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
    )
        .bind(o.from)
        .bind(o.to)
        .fetch_all(conn)
        .await?;
    let columns = vec![
        t("Kind of case", "Tipo de caso"),
        t("Forum", "Foro"),
        t("Representation", "Representación"),
        t("Outcome (closed in the period)", "Resultado (cerrados en el periodo)"),
        t("Opened", "Abiertos"),
        t("Closed", "Cerrados"),
    ];
    let out = rows
        .into_iter()
        .map(|(kind, forum, representation, outcome, opened, closed)| {
            vec![
                Cell::Text(spanish::matter_kind(kind).pick(o.spanish).to_string()),
                Cell::Text(spanish::forum(forum).pick(o.spanish).to_string()),
                Cell::Text(
                    representation
                        .map(|r| spanish::representation(r).pick(o.spanish).to_string())
                        .unwrap_or_else(|| "—".into()),
                ),
                Cell::Text(
                    outcome.map(|x| spanish::outcome(x).pick(o.spanish).to_string()).unwrap_or_else(|| "—".into()),
                ),
                Cell::Count(opened),
                Cell::Count(closed),
            ]
        })
        .collect();
    Ok((columns, out, vec![]))
}

async fn hearings(conn: &mut SqliteConnection, o: &ReportOptions) -> Result<Table> {
    let rows: Vec<(String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT COALESCE(NULLIF(TRIM(h.court), ''), '') AS court, COUNT(*), SUM(h.kind = 'individual'), \
           SUM(h.detained), SUM(h.attendance <> 'in_person') \
         FROM hearings h JOIN matters m ON m.id = h.matter_id JOIN clients c ON c.id = m.client_id \
         WHERE m.deleted_at IS NULL AND c.deleted_at IS NULL AND substr(h.starts_at, 1, 10) BETWEEN ?1 AND ?2 \
         GROUP BY court ORDER BY court = '', court",
    )
    .bind(o.from)
    .bind(o.to)
    .fetch_all(conn)
    .await?;
    let columns = vec![
        t("Court", "Corte"),
        t("Hearings", "Audiencias"),
        t("Individual hearings", "Audiencias individuales"),
        t("Detained", "Detenidos/as"),
        t("By video or phone", "Por video o teléfono"),
    ];
    let out = rows
        .into_iter()
        .map(|(court, all, individual, detained, remote)| {
            let court = if court.is_empty() {
                if o.spanish { "(sin corte)" } else { "(no court given)" }.into()
            } else {
                court
            };
            vec![
                Cell::Text(court),
                Cell::Count(all),
                Cell::Count(individual),
                Cell::Count(detained),
                Cell::Count(remote),
            ]
        })
        .collect();
    Ok((columns, out, vec![]))
}

async fn deadlines(conn: &mut SqliteConnection, o: &ReportOptions, today: NaiveDate) -> Result<Table> {
    let rows: Vec<(Option<String>, i64, i64, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT d.rule_id, COUNT(*), \
           SUM(d.status = 'done' AND d.done_on <= d.due_on), \
           SUM(d.status = 'done' AND d.done_on > d.due_on), \
           SUM(d.status = 'open' AND d.due_on < ?3), \
           SUM(d.status = 'waived'), \
           SUM(d.status = 'open' AND d.due_on >= ?3) \
         FROM deadlines d JOIN matters m ON m.id = d.matter_id JOIN clients c ON c.id = m.client_id \
         WHERE m.deleted_at IS NULL AND c.deleted_at IS NULL AND d.due_on BETWEEN ?1 AND ?2 \
         GROUP BY d.rule_id ORDER BY d.rule_id IS NULL, d.rule_id",
    )
    .bind(o.from)
    .bind(o.to)
    .bind(today)
    .fetch_all(conn)
    .await?;
    let columns = vec![
        t("Deadline", "Plazo"),
        t("Due in the period", "Vencen en el periodo"),
        t("Met", "Cumplidos"),
        t("Done late", "Cumplidos tarde"),
        t("Missed (still open, past due)", "Incumplidos (abiertos, vencidos)"),
        t("No longer applied", "Ya no aplicaban"),
        t("Still to come", "Por venir"),
    ];
    let out = rows
        .into_iter()
        .map(|(rule, due, met, late, missed, waived, coming)| {
            let name = match rule.as_deref().and_then(crate::rules::table::find) {
                Some(r) => r.name.pick(o.spanish).to_string(),
                None => if o.spanish { "Fijado a mano" } else { "Set by hand" }.into(),
            };
            [Cell::Text(name)].into_iter().chain([due, met, late, missed, waived, coming].map(Cell::Count)).collect()
        })
        .collect();
    let note = t(
        "Met: marked done on or before its date. Done late: marked done after it. Missed: still open after its date.",
        "Cumplidos: marcados como hechos en su fecha o antes. Cumplidos tarde: marcados después. Incumplidos: abiertos después de su fecha.",
    );
    Ok((columns, out, vec![note]))
}

/// The age band of someone born on `dob`, on `on`.
fn age_band(dob: Option<NaiveDate>, on: NaiveDate) -> &'static str {
    let Some(dob) = dob else { return "unknown" };
    let mut age = on.year() - dob.year();
    if (on.month(), on.day()) < (dob.month(), dob.day()) {
        age -= 1;
    }
    match age {
        i32::MIN..=-1 => "unknown",
        0..=17 => "0–17",
        18..=24 => "18–24",
        25..=34 => "25–34",
        35..=49 => "35–49",
        50..=64 => "50–64",
        _ => "65+",
    }
}

async fn clients(conn: &mut SqliteConnection, o: &ReportOptions) -> Result<Table> {
    // Clients with a matter active at some time in the period.
    let rows: Vec<(Option<String>, String, String, Option<NaiveDate>)> = sqlx::query_as(
        "SELECT c.nationality, c.languages, c.detention_status, c.date_of_birth FROM clients c \
         WHERE c.deleted_at IS NULL AND EXISTS (SELECT 1 FROM matters m WHERE m.client_id = c.id \
           AND m.deleted_at IS NULL AND m.opened_on <= ?2 AND (m.closed_on IS NULL OR m.closed_on >= ?1))",
    )
    .bind(o.from)
    .bind(o.to)
    .fetch_all(conn)
    .await?;
    let mut counts: std::collections::BTreeMap<(u8, String), i64> = Default::default();
    let unknown = if o.spanish { "(no consta)" } else { "(not recorded)" };
    for (nationality, languages, detention, dob) in &rows {
        let country = nationality
            .as_deref()
            .and_then(|c| crate::model::countries::country_name(c, o.spanish))
            .unwrap_or(unknown)
            .to_string();
        let language = serde_json::from_str::<Vec<String>>(languages)
            .ok()
            .and_then(|l| l.into_iter().next())
            .unwrap_or_else(|| unknown.into());
        let detention = detention
            .parse::<crate::model::DetentionStatus>()
            .map(|d| spanish::detention(d).pick(o.spanish).to_string())
            .unwrap_or_default();
        let band = age_band(*dob, o.to);
        let band = if band == "unknown" { unknown.to_string() } else { band.to_string() };
        for key in [(0, country), (1, language), (2, detention), (3, band)] {
            *counts.entry(key).or_default() += 1;
        }
    }
    let dimension = |d: u8| match d {
        0 => t("Nationality", "Nacionalidad"),
        1 => t("First language", "Primer idioma"),
        2 => t("Detention", "Detención"),
        _ => t("Age (at the end of the period)", "Edad (al final del periodo)"),
    };
    // De-identified, the groups below the threshold are merged into one unnamed group per
    // dimension: a small group's count could otherwise be worked out from the others, and
    // its name (a rare language, a rare country) would point at the person.
    if o.deidentified {
        let small: Vec<(u8, String)> =
            counts.iter().filter(|(_, n)| **n < o.threshold as i64).map(|(k, _)| k.clone()).collect();
        let other =
            if o.spanish { "Otros grupos (cada uno con menos de {t})" } else { "Other groups (each fewer than {t})" }
                .replace("{t}", &o.threshold.to_string());
        for (d, value) in small {
            let n = counts.remove(&(d, value)).unwrap_or(0);
            *counts.entry((d, format!("\u{10FFFF}{other}"))).or_default() += n;
        }
    }
    let columns = vec![t("Of", "Por"), t("Group", "Grupo"), t("Clients", "Clientes")];
    let out = counts
        .into_iter()
        .map(|((d, value), n)| {
            let dim = dimension(d);
            // The merged group sorts last in its dimension; its marker is not shown.
            let value = value.trim_start_matches('\u{10FFFF}').to_string();
            vec![Cell::Text(dim.pick(o.spanish).to_string()), Cell::Text(value), Cell::Count(n)]
        })
        .collect();
    let n = rows.len() as i64;
    // The total is a count like any other: hidden when small in a de-identified report.
    let total = super::shown_count(n, o.deidentified.then_some(o.threshold));
    let (en, es) = (&total.en, &total.es);
    let note = Text::new(
        format!("Clients with a matter open at some time in the period: {en}."),
        format!("Clientes con algún caso abierto durante el periodo: {es}."),
    );
    Ok((columns, out, vec![note]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_bands_count_birthdays() {
        let on = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let born = |y, m, d| Some(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(age_band(born(2008, 7, 1), on), "0–17");
        assert_eq!(age_band(born(2008, 6, 30), on), "18–24");
        assert_eq!(age_band(born(1960, 1, 1), on), "65+");
        assert_eq!(age_band(None, on), "unknown");
    }
}
