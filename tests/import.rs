//! Spreadsheet import on messy files made the way clinics make them: a title and a merged
//! group row above the headers, Spanish headers, a byte-order mark and semicolons, blank
//! rows, accents and non-Latin scripts, US and European dates, Excel serial dates, clients
//! already in the vault and twice in the file, bad A-numbers and receipt numbers, formula
//! cells. Each test checks the exact result for every row.

mod common;

use std::path::{Path, PathBuf};

use amparo::exchange::columns::{Choice, Field};
use amparo::exchange::import::{ImportOptions, ImportReport, Run};
use amparo::exchange::values::DateOrder;
use amparo::model::ClientInput;
use amparo::Store;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn dry() -> Run {
    Run { dry_run: true, ..Default::default() }
}

fn real() -> Run {
    Run::default()
}

/// (row, field) of every refusal, in order.
fn refused(r: &ImportReport) -> Vec<(u64, String)> {
    r.rejected.iter().map(|x| (x.row, x.field.clone())).collect()
}

/// (row, matches_client, matches_row, why) of every duplicate.
fn dups(r: &ImportReport) -> Vec<(u64, Option<i64>, Option<u64>, String)> {
    r.duplicates.iter().map(|d| (d.row, d.matches_client, d.matches_row, d.why.clone())).collect()
}

async fn count(s: &Store, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(s.pool()).await.unwrap()
}

/// A clinic's sheet: title row, a group row over the hearing columns, Spanish headers,
/// UTF-8 with a byte-order mark, semicolons, and a blank row.
fn clinic_csv() -> Vec<u8> {
    let lines = [
        "Clínica de Asilo — casos 2026;;;;;;;;;;;",
        ";;;;;;Próxima audiencia;;;;;",
        "Nombre;Apellido(s);A#;Fecha de nacimiento;País;Tipo de caso;Fecha;Hora;Tribunal;Fecha de entrada;Recibo;Presentado",
        // 4: good, defensive asylum with a hearing at a known court and an arrival date.
        "María José;Ramírez López;A123-456-789;25/11/1990;Guatemala;Asilo;15/01/2027;9:00 AM;Arlington Immigration Court;2026-06-01;;",
        // 5: good, Tigrinya script, 8-digit A-number, affirmative asylum with a receipt.
        "ዮናስ;Tesfaye;12345678;1985-02-01;Eritrea;asilo afirmativo;;;;2026-03-01;IOE0912345678;2026-04-15",
        "",
        // 7: already in the vault (same A-number as the client added first).
        "Old;Client;A999888777;;Honduras;;;;;;;",
        // 8: the same person as row 4, accents and case aside.
        "maria jose;RAMIREZ LOPEZ;;25/11/1990;GT;;;;;;;",
        // 9: bad A-number and an unknown country.
        "Bad;Anum;A12;;Atlantis;;;;;;;",
        // 10: a date that reads both ways.
        "Jean;Pierre;;03/04/1990;Haïti;;;;;;;",
        // 11: a bad receipt number.
        "Ana;Receipt;;;;ead;;;;;XYZ123;",
        // 12: a formula cell, stored as text; Arabic script.
        "\"=HYPERLINK(\"\"http://evil\"\";\"\"x\"\")\";محمد;;;Sudán;;;;;;;",
        // 13: a hearing without a time.
        "Wang;王;;;China;bond;2027-02-01;;;;;",
    ];
    let mut out = vec![0xEF, 0xBB, 0xBF];
    out.extend(lines.join("\r\n").into_bytes());
    out.extend(b"\r\n");
    out
}

async fn vault_with_one_client() -> (tempfile::TempDir, amparo::Vault, Store) {
    let (dir, path) = common::temp_vault_path();
    let v = common::create(&path).await;
    let s = common::store(&v);
    s.add_client(&ClientInput {
        given_name: "Old".into(),
        family_name: "Client".into(),
        a_number: Some("999888777".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    (dir, v, s)
}

#[tokio::test]
async fn a_messy_clinic_csv_row_by_row() {
    let (dir, v, s) = vault_with_one_client().await;
    let file = write(dir.path(), "casos.csv", &clinic_csv());
    let report = s.import_sheet(&file, &ImportOptions::default(), &dry()).await.unwrap();
    assert_eq!(report.sheet.encoding, "UTF-8");
    assert_eq!(report.sheet.delimiter.as_deref(), Some(";"));
    assert_eq!(report.header_row, 3);
    assert_eq!(report.rows, 9, "the blank row is not a data row");
    let fields: Vec<Option<Field>> = report.mapping.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        [
            Field::GivenName,
            Field::FamilyName,
            Field::ANumber,
            Field::DateOfBirth,
            Field::Nationality,
            Field::MatterKind,
            Field::HearingDate,
            Field::HearingTime,
            Field::Court,
            Field::LastArrival,
            Field::ReceiptNumber,
            Field::FiledOn
        ]
        .map(Some)
    );
    assert_eq!(
        dups(&report),
        vec![(7, Some(1), None, "same A-number".into()), (8, None, Some(4), "same name and date of birth".into()),]
    );
    assert_eq!(
        refused(&report),
        vec![
            (9, "nationality".into()),
            (9, "a_number".into()),
            (10, "date_of_birth".into()),
            (11, "receipt_number".into()),
            (11, "filed_on".into()),
            (13, "hearing_time".into()),
        ]
    );
    assert!(
        report.rejected[2].message.contains("March 4, 1990") && report.rejected[2].message.contains("April 3, 1990")
    );
    // Good rows: 4, 5 and 12. Row 4: client, matter, hearing, one-year deadline. Row 5:
    // client, matter, one-year deadline, receipt. Row 12: a client only.
    let c = &report.create;
    assert_eq!((c.clients, c.matters, c.hearings, c.deadlines, c.filings), (3, 2, 1, 2, 1));
    assert!(!report.imported);
    assert_eq!(count(&s, "clients").await, 1, "a dry run writes nothing");
    v.lock().await;
}

#[tokio::test]
async fn one_refused_row_stops_the_import_unless_only_good_rows() {
    let (dir, v, s) = vault_with_one_client().await;
    let file = write(dir.path(), "casos.csv", &clinic_csv());
    let audit_before = count(&s, "audit_log").await;
    let all_or_nothing = s.import_sheet(&file, &ImportOptions::default(), &real()).await.unwrap();
    assert!(!all_or_nothing.imported);
    assert_eq!(count(&s, "clients").await, 1);
    assert_eq!(count(&s, "audit_log").await, audit_before, "nothing written, not even the audit entry");
    assert!(!dir.path().join("casos-rejected.csv").exists());

    let opts = ImportOptions { only_good_rows: true, ..Default::default() };
    let done = s.import_sheet(&file, &opts, &real()).await.unwrap();
    assert!(done.imported);
    assert_eq!(done.create, all_or_nothing.create, "the import does what the dry run said");
    assert_eq!((count(&s, "clients").await, count(&s, "matters").await), (4, 2));
    assert_eq!((count(&s, "hearings").await, count(&s, "deadlines").await, count(&s, "filings").await), (1, 2, 1));

    // What was written is what the sheet says, checked by the model's own types.
    let (maria_id, family, dob, a): (i64, String, Option<String>, Option<String>) =
        sqlx::query_as("SELECT id, family_name, date_of_birth, a_number FROM clients WHERE given_name = 'María José'")
            .fetch_one(s.pool())
            .await
            .unwrap();
    assert_eq!(
        (family.as_str(), dob.as_deref(), a.as_deref()),
        ("Ramírez López", Some("1990-11-25"), Some("123456789"))
    );
    let (kind, forum, court): (String, String, String) =
        sqlx::query_as("SELECT kind, forum, court_name FROM matters WHERE client_id = ?")
            .bind(maria_id)
            .fetch_one(s.pool())
            .await
            .unwrap();
    assert_eq!(
        (kind.as_str(), forum.as_str(), court.as_str()),
        ("defensive_asylum", "immigration_court", "Arlington Immigration Court")
    );
    let starts: String = sqlx::query_scalar("SELECT starts_at FROM hearings").fetch_one(s.pool()).await.unwrap();
    assert!(starts.starts_with("2027-01-15") && starts.contains("09:00"), "{starts}");
    let one_year: (String, String) = sqlx::query_as(
        "SELECT due_on, rule_id FROM deadlines d JOIN matters m ON m.id = d.matter_id WHERE m.client_id = ?",
    )
    .bind(maria_id)
    .fetch_one(s.pool())
    .await
    .unwrap();
    assert_eq!(one_year, ("2027-06-01".to_string(), "asylum-one-year".to_string()));
    let tigrinya: (String, String) =
        sqlx::query_as("SELECT a_number, nationality FROM clients WHERE given_name = 'ዮናስ'")
            .fetch_one(s.pool())
            .await
            .unwrap();
    assert_eq!(tigrinya, ("012345678".into(), "ER".into()));
    let (form, receipt): (String, String) =
        sqlx::query_as("SELECT form, receipt_number FROM filings").fetch_one(s.pool()).await.unwrap();
    assert_eq!((form.as_str(), receipt.as_str()), ("i589", "IOE0912345678"));
    // The I-589 filed on 2026-04-15 met the one-year deadline: linked and done that day.
    let met: (String, Option<String>, bool) = sqlx::query_as(
        "SELECT d.status, d.done_on, f.deadline_id = d.id FROM deadlines d JOIN filings f ON f.matter_id = d.matter_id \
         WHERE d.rule_id = 'asylum-one-year'",
    )
    .fetch_one(s.pool())
    .await
    .unwrap();
    assert_eq!(met, ("done".into(), Some("2026-04-15".into()), true));
    let formula: String = sqlx::query_scalar("SELECT given_name FROM clients WHERE family_name = 'محمد'")
        .fetch_one(s.pool())
        .await
        .unwrap();
    assert_eq!(formula, "=HYPERLINK(\"http://evil\";\"x\")", "a formula is kept as the text it is");
    let audit: String =
        sqlx::query_scalar("SELECT changes FROM audit_log WHERE action = 'import' AND entity = 'import'")
            .fetch_one(s.pool())
            .await
            .unwrap();
    let audit: serde_json::Value = serde_json::from_str(&audit).unwrap();
    assert_eq!(
        (audit["rows"].as_u64(), audit["rejected_rows"].as_u64(), audit["file"].as_str()),
        (Some(9), Some(4), Some("casos.csv"))
    );

    // The refused rows, with reasons, in a file of their own: formulas defused, readable
    // by the user alone; fixed and imported again, they come in.
    let rejected = dir.path().join("casos-rejected.csv");
    assert_eq!(done.rejected_file.as_deref(), Some(rejected.to_str().unwrap()));
    #[cfg(unix)]
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&rejected).unwrap().permissions()) & 0o777,
        0o600
    );
    let text = std::fs::read_to_string(&rejected).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert!(lines[0].ends_with("Row,Reason,Motivo"));
    assert!(lines[1].starts_with("Bad,Anum,A12,") && lines[1].contains(",9,") && lines[1].contains("not an A-number"));
    let fixed = text.replace("A12,", "A111-222-333,").replace("Atlantis", "Cuba").replace("03/04/1990", "1990-04-03");
    let fixed = fixed.replace("XYZ123,", "EAC2612345678,2026-05-01").replace("2027-02-01,,", "2027-02-01,10:30,");
    let again = write(dir.path(), "fixed.csv", fixed.as_bytes());
    let second = s.import_sheet(&again, &ImportOptions::default(), &real()).await.unwrap();
    assert_eq!(refused(&second), vec![], "{:?}", second.rejected);
    assert!(second.imported);
    assert_eq!(second.create.clients, 4);
    assert_eq!(count(&s, "clients").await, 8);
    v.lock().await;
}

#[tokio::test]
async fn dates_declared_and_columns_chosen() {
    let (dir, v, s) = vault_with_one_client().await;
    let csv = "First name,Last name,Born,Notes\nJean,Pierre,03/04/1990,likes tea\nLuc,Paul,04/03/1991,\n";
    let file = write(dir.path(), "us.csv", csv.as_bytes());
    let plain = s.import_sheet(&file, &ImportOptions::default(), &dry()).await.unwrap();
    assert_eq!(plain.mapping.columns[2].field, Some(Field::DateOfBirth), "\"Born\" is a known header");
    assert_eq!(
        (plain.ignored_cells, plain.ignored_columns.clone()),
        (1, vec!["D".to_string()]),
        "the note is shown as not imported"
    );
    assert_eq!(refused(&plain), vec![(2, "date_of_birth".into()), (3, "date_of_birth".into())]);
    let us = ImportOptions { dates: DateOrder::MonthFirst, ..Default::default() };
    assert!(s.import_sheet(&file, &us, &real()).await.unwrap().imported);
    let dobs: Vec<String> =
        sqlx::query_scalar("SELECT date_of_birth FROM clients WHERE date_of_birth IS NOT NULL ORDER BY id")
            .fetch_all(s.pool())
            .await
            .unwrap();
    assert_eq!(dobs, vec!["1990-03-04", "1991-04-03"]);

    // A column Amparo does not know, chosen by the user, and remembered for next time.
    let odd = "Given,Family,Fecha nac.\nAna,Sol,1999-12-31\n";
    let odd_file = write(dir.path(), "odd.csv", odd.as_bytes());
    let unmapped = s.import_sheet(&odd_file, &ImportOptions::default(), &dry()).await.unwrap();
    assert_eq!(unmapped.mapping.columns[2].field, None);
    let chosen =
        ImportOptions { choices: vec![Choice::parse("Fecha nac.=date_of_birth").unwrap()], ..Default::default() };
    assert!(s.import_sheet(&odd_file, &chosen, &real()).await.unwrap().imported);
    let remembered = s.import_sheet(&odd_file, &ImportOptions::default(), &dry()).await.unwrap();
    assert_eq!(remembered.mapping.columns[2].field, Some(Field::DateOfBirth));
    assert!(remembered.mapping.columns[2].chosen);
    assert_eq!(dups(&remembered), vec![(2, Some(4), None, "same name and date of birth".into())]);
    v.lock().await;
}

#[tokio::test]
async fn excel_with_merged_headers_and_serial_dates() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let (dir, v, s) = vault_with_one_client().await;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let when = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    sheet.merge_range(0, 0, 0, 5, "Intake spreadsheet (do not share)", &bold).unwrap();
    sheet.merge_range(1, 3, 1, 4, "Next hearing", &bold).unwrap();
    for (c, h) in ["Given", "Surname", "DOB", "Date", "Type", "Case type"].iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    // Row 4: real Excel dates (a date, and a date with a time).
    sheet.write_string(3, 0, "Amina").unwrap();
    sheet.write_string(3, 1, "Haile").unwrap();
    sheet.write_datetime_with_format(3, 2, ExcelDateTime::from_ymd(1990, 2, 28).unwrap(), &date).unwrap();
    let hearing = ExcelDateTime::from_ymd(2027, 3, 4).unwrap().and_hms(13, 30, 0).unwrap();
    sheet.write_datetime_with_format(3, 3, hearing, &when).unwrap();
    sheet.write_string(3, 4, "MCH").unwrap();
    sheet.write_string(3, 5, "defensive asylum").unwrap();
    // Row 6 (row 5 left blank): a date typed as a plain serial number, and a text formula.
    sheet.write_string(5, 0, "Omar").unwrap();
    sheet.write_string(5, 1, "=cmd|' /C calc'!A0").unwrap();
    sheet.write_number(5, 2, 45658.0).unwrap();
    let file = dir.path().join("intake.xlsx");
    book.save(&file).unwrap();

    let report = s.import_sheet(&file, &ImportOptions::default(), &real()).await.unwrap();
    assert_eq!((report.header_row, report.rows), (3, 2));
    assert_eq!(report.mapping.columns[3].field, Some(Field::HearingDate), "{:?}", report.mapping);
    assert_eq!(report.mapping.columns[4].field, Some(Field::HearingKind));
    assert_eq!(refused(&report), vec![]);
    assert!(report.imported);
    let rows: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT given_name, family_name, date_of_birth FROM clients WHERE id > 1 ORDER BY id")
            .fetch_all(s.pool())
            .await
            .unwrap();
    assert_eq!(
        rows,
        vec![
            ("Amina".into(), "Haile".into(), Some("1990-02-28".into())),
            ("Omar".into(), "=cmd|' /C calc'!A0".into(), Some("2025-01-01".into())),
        ]
    );
    let (kind, starts): (String, String) =
        sqlx::query_as("SELECT kind, starts_at FROM hearings").fetch_one(s.pool()).await.unwrap();
    assert_eq!(kind, "master_calendar");
    assert!(starts.starts_with("2027-03-04") && starts.contains("13:30"), "{starts}");
    v.lock().await;
}

#[tokio::test]
async fn hostile_files_are_refused_and_change_nothing() {
    let (dir, v, s) = vault_with_one_client().await;
    let before = count(&s, "clients").await;
    // A zip bomb posing as Excel: one part that unpacks a thousandfold.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflate = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("xl/sharedStrings.xml", deflate).unwrap();
    std::io::Write::write_all(&mut zip, &vec![b'a'; 16 * 1024 * 1024]).unwrap();
    let bomb = zip.finish().unwrap().into_inner();
    let bomb_file = write(dir.path(), "bomb.xlsx", &bomb);
    let e = s.import_sheet(&bomb_file, &ImportOptions::default(), &real()).await.unwrap_err();
    assert!(e.to_string().contains("zip bomb"), "{e}");
    // Not a spreadsheet at all.
    let junk = write(dir.path(), "junk.xlsx", b"PK\x03\x04 this is not a workbook");
    assert!(s
        .import_sheet(&junk, &ImportOptions::default(), &real())
        .await
        .unwrap_err()
        .to_string()
        .contains("could not be read"));
    // No header row anywhere.
    let headless = write(dir.path(), "headless.csv", b"1,2,3\n4,5,6\n");
    assert!(s
        .import_sheet(&headless, &ImportOptions::default(), &real())
        .await
        .unwrap_err()
        .to_string()
        .contains("header"));
    // A cell far larger than any value, after good rows: nothing of the file is kept.
    let mut huge = b"Nombre,Apellidos\nAna,Sol\n".to_vec();
    huge.extend(format!("Luz,{}\n", "x".repeat(200_000)).into_bytes());
    let huge_file = write(dir.path(), "huge.csv", &huge);
    let opts = ImportOptions { only_good_rows: true, ..Default::default() };
    assert!(s.import_sheet(&huge_file, &opts, &real()).await.unwrap_err().to_string().contains("KB"));
    // Control characters and a 10,000-character name: refused by the model's own checks.
    let hostile = format!("Nombre,Apellidos\nA\u{7}na,Sol\n{},Luz\n", "n".repeat(10_000));
    let hostile_file = write(dir.path(), "hostile.csv", hostile.as_bytes());
    let r = s.import_sheet(&hostile_file, &ImportOptions::default(), &dry()).await.unwrap();
    assert_eq!(refused(&r), vec![(2, "given_name".into()), (3, "given_name".into())]);
    assert_eq!(count(&s, "clients").await, before);
    v.lock().await;
}

#[tokio::test]
async fn review_findings_names_years_and_duplicates_that_bring_cases() {
    let (dir, v, s) = vault_with_one_client().await;
    let csv = "Name,Surname,A-Number,DOB,Case type,Court\n\
               María,Pérez,,1985,,\n\
               Old,Client,A999888777,,bond,Miami Immigration Court\n\
               Ana,Sol,A111111111,1990-01-01,,\n\
               Ana,Sol,A222222222,1990-01-01,,\n";
    let file = write(dir.path(), "review.csv", csv.as_bytes());
    let r = s.import_sheet(&file, &ImportOptions::default(), &dry()).await.unwrap();
    // A year alone is not Excel's 1905; "Name" beside "Surname" is the given name.
    assert_eq!(refused(&r)[0], (2, "date_of_birth".into()));
    assert!(r.rejected[0].message.contains("year alone"), "{:?}", r.rejected[0]);
    // A duplicate that brings a case is refused too, so the case cannot vanish unseen.
    assert_eq!(dups(&r), vec![(3, Some(1), None, "same A-number".into())]);
    assert!(r.duplicates[0].carries_case);
    assert_eq!(refused(&r)[1], (3, "row".into()));
    // Same name and birth date, different A-numbers: two people, both imported.
    assert_eq!(r.create.clients, 2, "{:?}", r);
    let fixed = csv.replace(",1985,", ",1985-06-15,");
    let file = write(dir.path(), "review.csv", fixed.as_bytes());
    let opts = ImportOptions { only_good_rows: true, ..Default::default() };
    let done = s.import_sheet(&file, &opts, &real()).await.unwrap();
    assert!(done.imported);
    let names: Vec<(String, String)> =
        sqlx::query_as("SELECT given_name, family_name FROM clients WHERE id > 1 ORDER BY id")
            .fetch_all(s.pool())
            .await
            .unwrap();
    assert_eq!(
        names,
        vec![("María".into(), "Pérez".into()), ("Ana".into(), "Sol".into()), ("Ana".into(), "Sol".into())]
    );
    let to_fix = std::fs::read_to_string(dir.path().join("review-rejected.csv")).unwrap();
    assert!(to_fix.contains("Old,Client,A999888777") && to_fix.contains("already in Amparo (client 1)"), "{to_fix}");
    v.lock().await;
}
