//! Reading a spreadsheet as rows of cells, whatever wrote it: CSV in UTF-8 (with or
//! without a byte-order mark), UTF-16 or Windows-1252, separated by commas, semicolons or
//! tabs; Excel (.xlsx, streamed cell by cell) and LibreOffice or old Excel files (.ods,
//! .xls, read whole). Rows are numbered as the spreadsheet shows them, so a message about
//! "row 9" points at the row the user sees. Hostile files meet limits before memory does.

use std::io::{BufReader, Read, Seek, SeekFrom};

use chrono::NaiveDateTime;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use serde::{Deserialize, Serialize};

use crate::text::Text;
use crate::tr;

/// Limits a spreadsheet must stay within; past them it is refused, whole.
pub const MAX_COLUMNS: usize = 256;
pub const MAX_CELL_BYTES: usize = 64 * 1024;
pub const MAX_ROWS: u64 = 1_000_000;
/// What an Excel file may unpack to, in all: a 100,000-row sheet is about 60 MB.
pub const MAX_UNPACKED_BYTES: u64 = 1024 * 1024 * 1024;

/// The largest .ods or .xls file, which is read whole.
pub const MAX_WHOLE_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The kind of file, from its name or the user's choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "SheetFormat")]
pub enum Format {
    Csv,
    /// Excel 2007 and later (.xlsx, .xlsm).
    Xlsx,
    /// LibreOffice (.ods) and Excel 97–2003 (.xls, .xlsb): read whole, not streamed.
    Other,
}

impl Format {
    /// The format a file name says, CSV when it says nothing known.
    pub fn from_name(name: &str) -> Format {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
            Format::Xlsx
        } else if lower.ends_with(".ods") || lower.ends_with(".xls") || lower.ends_with(".xlsb") {
            Format::Other
        } else {
            Format::Csv
        }
    }
}

/// One cell as the file holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    DateTime(NaiveDateTime),
    Bool(bool),
    /// A formula's error value (#VALUE!, #REF!…).
    Error(String),
}

impl Cell {
    /// The cell as text, as the spreadsheet would show it.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Error(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::DateTime(d) if d.time() == chrono::NaiveTime::MIN => d.date().to_string(),
            Cell::DateTime(d) => d.format("%Y-%m-%d %H:%M").to_string(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// One row: its number as the spreadsheet shows it (from 1), and its cells.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub number: u64,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_empty)
    }

    pub fn texts(&self) -> Vec<String> {
        self.cells.iter().map(Cell::text).collect()
    }
}

/// What was found about a CSV file, for the dry run to show.
#[derive(Clone, Debug, Default, PartialEq, Serialize, ts_rs::TS)]
#[ts(export, rename = "SheetInfo")]
pub struct Info {
    /// "UTF-8", "UTF-16LE", "windows-1252", or "xlsx" for Excel.
    pub encoding: String,
    /// ",", ";" or "\t" for CSV.
    pub delimiter: Option<String>,
}

fn refuse(en: String, es: String) -> Text {
    Text::new(en, es)
}

fn unreadable(detail: impl std::fmt::Display) -> Text {
    let d = detail.to_string();
    tr!(
        "The file could not be read as a spreadsheet ({d}). Save it again from the spreadsheet program as CSV or Excel (.xlsx).",
        "No se pudo leer el archivo como hoja de cálculo ({d}). Guárdelo de nuevo desde el programa de hojas de cálculo como CSV o Excel (.xlsx)."
    )
}

/// Reads every row of `source` in order, calling `each` with it; stops at the first error
/// `each` returns. Blank rows are passed too (they keep their numbers).
pub fn for_each_row<R, F>(mut source: R, format: Format, mut each: F) -> Result<Info, Text>
where
    R: Read + Seek,
    F: FnMut(Row) -> Result<(), Text>,
{
    match format {
        Format::Csv => {
            let encoding = detect_encoding(&mut source)?;
            source.seek(SeekFrom::Start(0)).map_err(unreadable)?;
            let delimiter = detect_delimiter(&mut source, encoding)?;
            source.seek(SeekFrom::Start(0)).map_err(unreadable)?;
            csv_rows(source, encoding, delimiter, &mut each)?;
            Ok(Info { encoding: encoding.name().to_string(), delimiter: Some((delimiter as char).to_string()) })
        }
        Format::Xlsx => {
            check_unpacked_size(&mut source)?;
            source.seek(SeekFrom::Start(0)).map_err(unreadable)?;
            xlsx_rows(source, &mut each)?;
            Ok(Info { encoding: "xlsx".into(), delimiter: None })
        }
        Format::Other => {
            let mut magic = [0u8; 4];
            let n = source.read(&mut magic).map_err(unreadable)?;
            source.seek(SeekFrom::Start(0)).map_err(unreadable)?;
            // .ods and .xlsb are zips and are checked like .xlsx; .xls is not a zip.
            if n == 4 && magic == *b"PK\x03\x04" {
                check_unpacked_size(&mut source)?;
            }
            source.seek(SeekFrom::Start(0)).map_err(unreadable)?;
            other_rows(source, &mut each)?;
            Ok(Info { encoding: "spreadsheet".into(), delimiter: None })
        }
    }
}

/// Reads a whole file held in memory (tests, fuzzing, the app's small files).
pub fn read_all(bytes: &[u8], format: Format) -> Result<(Info, Vec<Row>), Text> {
    let mut rows = Vec::new();
    let info = for_each_row(std::io::Cursor::new(bytes), format, |r| {
        rows.push(r);
        Ok(())
    })?;
    Ok((info, rows))
}

/// The encoding: a byte-order mark says it; else UTF-16 shows in its zero bytes; else
/// UTF-8 if every byte of the file is valid UTF-8; else Windows-1252, which is what
/// Excel on Windows writes when it saves "CSV".
fn detect_encoding<R: Read>(source: &mut R) -> Result<&'static Encoding, Text> {
    let mut head = [0u8; 4096];
    let mut n = 0;
    while n < head.len() {
        let got = source.read(&mut head[n..]).map_err(unreadable)?;
        if got == 0 {
            break;
        }
        n += got;
    }
    let head = &head[..n];
    if let Some((enc, _)) = Encoding::for_bom(head) {
        return Ok(enc);
    }
    if n >= 4 {
        let zeros_at = |parity: usize| head.iter().skip(parity).step_by(2).filter(|b| **b == 0).count();
        let half = n / 2;
        if zeros_at(1) * 3 > half && zeros_at(0) * 10 < half {
            return Ok(UTF_16LE);
        }
        if zeros_at(0) * 3 > half && zeros_at(1) * 10 < half {
            return Ok(UTF_16BE);
        }
    }
    // Validate the whole file as UTF-8, a chunk at a time, carrying a cut character over.
    // A file that is UTF-8 with accents up to some point and then has a byte that is not
    // (two files pasted together, a damaged save) is refused: read as Windows-1252 every
    // accented name before that point would come in garbled.
    let mut carry: Vec<u8> = head.to_vec();
    let mut buf = vec![0u8; 64 * 1024];
    let (mut read_before, mut accents_seen) = (0usize, false);
    loop {
        let valid = match std::str::from_utf8(&carry) {
            Ok(_) => carry.len(),
            Err(e) => e.valid_up_to(),
        };
        accents_seen |= carry[..valid].iter().any(|b| *b >= 0x80);
        match std::str::from_utf8(&carry) {
            Ok(_) => carry.clear(),
            Err(e) if e.error_len().is_none() => carry.drain(..e.valid_up_to()).for_each(drop),
            Err(e) if accents_seen => {
                let at = read_before + e.valid_up_to();
                return Err(refuse(
                    format!("The file is in UTF-8 with accents, but byte {at} is not UTF-8: parts of it were saved differently. Open it in a spreadsheet program and save it again as \"CSV UTF-8\"."),
                    format!("El archivo está en UTF-8 con acentos, pero el byte {at} no es UTF-8: partes se guardaron de otra forma. Ábralo en un programa de hojas de cálculo y guárdelo de nuevo como «CSV UTF-8»."),
                ));
            }
            Err(_) => return Ok(WINDOWS_1252),
        }
        read_before += valid;
        let got = source.read(&mut buf).map_err(unreadable)?;
        if got == 0 {
            return Ok(if carry.is_empty() { UTF_8 } else { WINDOWS_1252 });
        }
        carry.extend_from_slice(&buf[..got]);
    }
}

fn decoder<R: Read>(source: R, encoding: &'static Encoding) -> impl Read {
    encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding))
        .bom_override(true)
        .strip_bom(true)
        .build(source)
}

/// The separator: of comma, semicolon and tab, the one found the same number of times
/// (outside quotes) on most of the first lines; comma when the file has one column.
fn detect_delimiter<R: Read>(source: &mut R, encoding: &'static Encoding) -> Result<u8, Text> {
    let mut text = String::new();
    decoder(source.take(64 * 1024), encoding).read_to_string(&mut text).map_err(unreadable)?;
    let mut lines: Vec<[usize; 3]> = Vec::new();
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            '\n' if !quoted => {
                if counts.iter().any(|n| *n > 0) {
                    lines.push(counts);
                }
                counts = [0; 3];
                if lines.len() >= 30 {
                    break;
                }
            }
            _ => {}
        }
    }
    if counts.iter().any(|n| *n > 0) && lines.len() < 30 {
        lines.push(counts);
    }
    // Score: lines agreeing with the most common non-zero count for that separator.
    let mut best = (0usize, 0usize, b',');
    for (i, sep) in [b',', b';', b'\t'].into_iter().enumerate() {
        let mut tally: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        for l in &lines {
            if l[i] > 0 {
                *tally.entry(l[i]).or_default() += 1;
            }
        }
        if let Some((&per_line, &agreeing)) = tally.iter().max_by_key(|(n, agree)| (**agree, **n)) {
            if (agreeing, per_line) > (best.0, best.1) {
                best = (agreeing, per_line, sep);
            }
        }
    }
    Ok(best.2)
}

fn too_many_columns(number: u64, n: usize) -> Text {
    refuse(
        format!("Row {number} has {n} columns; Amparo reads at most {MAX_COLUMNS}. Remove the empty or extra columns and save again."),
        format!("La fila {number} tiene {n} columnas; Amparo lee como máximo {MAX_COLUMNS}. Quite las columnas vacías o de más y guarde de nuevo."),
    )
}

fn cell_too_long(number: u64) -> Text {
    let kb = MAX_CELL_BYTES / 1024;
    refuse(
        format!("A cell in row {number} holds more than {kb} KB of text, which is not a spreadsheet value Amparo imports. Shorten it or move it to a note."),
        format!("Una celda de la fila {number} tiene más de {kb} KB de texto, que no es un valor que Amparo importe. Acórtela o pásela a una nota."),
    )
}

fn row_too_long(number: u64) -> Text {
    refuse(
        format!("Row {number} holds more than 1 MB of text, which is not a row of cases. Check it in the spreadsheet."),
        format!(
            "La fila {number} tiene más de 1 MB de texto, que no es una fila de casos. Revísela en la hoja de cálculo."
        ),
    )
}

fn too_many_rows() -> Text {
    refuse(
        format!("The file has more than {MAX_ROWS} rows. Split it into smaller files."),
        format!("El archivo tiene más de {MAX_ROWS} filas. Divídalo en archivos más pequeños."),
    )
}

fn check_row(row: &Row) -> Result<(), Text> {
    // Trailing empty cells do not count: spreadsheets pad rows to the widest one.
    let used = row.cells.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
    if used > MAX_COLUMNS {
        return Err(too_many_columns(row.number, used));
    }
    if row.number > MAX_ROWS {
        return Err(too_many_rows());
    }
    Ok(())
}

/// The CSV reader skips blank lines, but a spreadsheet shows them as rows and counts them.
/// This passes the text through line by line and turns each blank line outside quotes into
/// a one-cell marker row, so every record the reader returns is one spreadsheet row. It
/// follows quotes as the reader does (a quote opens a quoted field only at the field's
/// start; `""` inside one is a quote), and refuses a row longer than any spreadsheet row.
struct MarkBlankLines<R> {
    inner: R,
    delimiter: u8,
    line: Vec<u8>,
    at: usize,
    /// Inside a quoted field at the end of the last line.
    quoted: bool,
    /// Bytes of the row read so far (a quoted field may span lines).
    row_bytes: usize,
}

/// The marker a blank line becomes (a NUL never appears in a spreadsheet's text).
const BLANK: &str = "\0";
/// The longest row read: far more than any row of cases (a row of 256 full cells is
/// refused by the cell limit long before).
pub const MAX_ROW_BYTES: usize = 1024 * 1024;

impl<R> MarkBlankLines<R> {
    /// Carries the quote state through one line, as the CSV reader reads it.
    fn follow_quotes(&mut self) {
        let mut at_field_start = !self.quoted;
        let mut i = 0;
        let line = &self.line;
        while i < line.len() {
            let b = line[i];
            if self.quoted {
                if b == b'"' {
                    if line.get(i + 1) == Some(&b'"') {
                        i += 1;
                    } else {
                        self.quoted = false;
                    }
                }
            } else if b == b'"' && at_field_start {
                self.quoted = true;
            }
            at_field_start = !self.quoted && (b == self.delimiter || b == b'\n' || b == b'\r');
            i += 1;
        }
    }
}

impl<R: std::io::BufRead> Read for MarkBlankLines<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.line.len() {
            self.line.clear();
            self.at = 0;
            loop {
                let chunk = self.inner.fill_buf()?;
                if chunk.is_empty() {
                    break;
                }
                let (take, done) = match chunk.iter().position(|b| *b == b'\n') {
                    Some(i) => (i + 1, true),
                    None => (chunk.len(), false),
                };
                self.line.extend_from_slice(&chunk[..take]);
                self.inner.consume(take);
                if self.row_bytes + self.line.len() > MAX_ROW_BYTES {
                    return Err(std::io::Error::other(
                        "a row is longer than 1 MB (an unclosed quote can make one row of the rest of the file)",
                    ));
                }
                if done {
                    break;
                }
            }
            let blank = self.line.iter().all(|b| matches!(b, b'\r' | b'\n'));
            if !self.quoted && blank && !self.line.is_empty() {
                self.line = format!("{BLANK}\n").into_bytes();
            } else {
                self.follow_quotes();
            }
            self.row_bytes = if self.quoted { self.row_bytes + self.line.len() } else { 0 };
        }
        let n = out.len().min(self.line.len() - self.at);
        out[..n].copy_from_slice(&self.line[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

fn csv_rows<R: Read>(
    source: R,
    encoding: &'static Encoding,
    delimiter: u8,
    each: &mut impl FnMut(Row) -> Result<(), Text>,
) -> Result<(), Text> {
    let marked = MarkBlankLines {
        inner: BufReader::new(decoder(source, encoding)),
        delimiter,
        line: Vec::new(),
        at: 0,
        quoted: false,
        row_bytes: 0,
    };
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(marked);
    let mut record = csv::StringRecord::new();
    let mut number = 0u64;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let row = number + 1;
                return Err(refuse(
                    format!("The CSV file is damaged at row {row}: {e}. Open it in a spreadsheet program and save it again."),
                    format!("El archivo CSV está dañado en la fila {row}: {e}. Ábralo en un programa de hojas de cálculo y guárdelo de nuevo."),
                ));
            }
        }
        number += 1;
        if record.len() == 1 && &record[0] == BLANK {
            each(Row { number, cells: Vec::new() })?;
            continue;
        }
        if record.len() > MAX_COLUMNS && record.iter().skip(MAX_COLUMNS).any(|c| !c.trim().is_empty()) {
            return Err(too_many_columns(number, record.len()));
        }
        if record.as_slice().len() > MAX_ROW_BYTES {
            return Err(row_too_long(number));
        }
        let mut cells = Vec::with_capacity(record.len().min(MAX_COLUMNS));
        for field in record.iter().take(MAX_COLUMNS) {
            if field.len() > MAX_CELL_BYTES {
                return Err(cell_too_long(number));
            }
            cells.push(if field.trim().is_empty() { Cell::Empty } else { Cell::Text(field.to_string()) });
        }
        let row = Row { number, cells };
        check_row(&row)?;
        each(row)?;
    }
    Ok(())
}

/// Refuses an Excel or LibreOffice file whose parts declare more than the limit unpacked:
/// a zip bomb posing as a spreadsheet.
fn check_unpacked_size<R: Read + Seek>(source: &mut R) -> Result<(), Text> {
    let mut zip = zip::ZipArchive::new(source).map_err(unreadable)?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(unreadable)?;
        total = total.saturating_add(entry.size());
        // Sheet XML compresses about 10:1 (50:1 for very repetitive sheets); a large part
        // packed two-hundredfold is a bomb, not a sheet.
        if entry.size() > 10 * 1024 * 1024 && entry.size() / entry.compressed_size().max(1) > 200 {
            return Err(bomb());
        }
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(bomb());
    }
    Ok(())
}

fn bomb() -> Text {
    Text::fixed(
        "This file unpacks to far more than any spreadsheet of cases (it may be a \"zip bomb\"). It was not opened.",
        "Este archivo se descomprime en mucho más que cualquier hoja de casos (puede ser una «bomba zip»). No se abrió.",
    )
}

/// A streamed cell, read as a whole-sheet cell is.
fn data_cell(v: &calamine::DataRef<'_>) -> Cell {
    owned_cell(&calamine::Data::from(v.clone()))
}

fn owned_cell(v: &calamine::Data) -> Cell {
    use calamine::Data as D;
    match v {
        D::Empty => Cell::Empty,
        D::String(s) => Cell::Text(s.clone()),
        D::Int(i) => Cell::Number(*i as f64),
        D::Float(f) => Cell::Number(*f),
        D::Bool(b) => Cell::Bool(*b),
        D::DateTime(d) if d.is_duration() => Cell::Number(d.as_f64()),
        D::DateTime(d) => d.as_datetime().map(Cell::DateTime).unwrap_or(Cell::Number(d.as_f64())),
        D::DateTimeIso(s) | D::DurationIso(s) => Cell::Text(s.clone()),
        D::Error(e) => Cell::Error(format!("#{e:?}").to_uppercase()),
    }
}

fn push_cell(row: &mut Row, col: usize, cell: Cell) -> Result<(), Text> {
    if col >= MAX_COLUMNS {
        return if cell.is_empty() { Ok(()) } else { Err(too_many_columns(row.number, col + 1)) };
    }
    if let Cell::Text(s) = &cell {
        if s.len() > MAX_CELL_BYTES {
            return Err(cell_too_long(row.number));
        }
        let used: usize = row.cells.iter().map(|c| if let Cell::Text(t) = c { t.len() } else { 8 }).sum();
        if used + s.len() > MAX_ROW_BYTES {
            return Err(row_too_long(row.number));
        }
    }
    if row.cells.len() <= col {
        row.cells.resize(col + 1, Cell::Empty);
    }
    row.cells[col] = cell;
    Ok(())
}

/// Excel, streamed: the first sheet's cells in the order the file stores them (by row).
fn xlsx_rows<R: Read + Seek>(source: R, each: &mut impl FnMut(Row) -> Result<(), Text>) -> Result<(), Text> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(BufReader::new(source)).map_err(unreadable)?;
    let first = book.sheet_names().first().cloned().ok_or_else(|| unreadable("the workbook has no sheet"))?;
    let mut cells = book.worksheet_cells_reader(&first).map_err(unreadable)?;
    let mut current: Option<Row> = None;
    let mut next = 1u64;
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        let (r, c) = cell.get_position();
        let number = r as u64 + 1;
        if number > MAX_ROWS {
            return Err(too_many_rows());
        }
        if current.as_ref().map_or(true, |row| row.number != number) {
            if let Some(done) = current.take() {
                next = done.number + 1;
                each(done)?;
            }
            if number < next {
                return Err(unreadable("its rows are out of order"));
            }
            for blank in next..number {
                each(Row { number: blank, cells: Vec::new() })?;
            }
            current = Some(Row { number, cells: Vec::new() });
        }
        push_cell(current.as_mut().expect("set above"), c as usize, data_cell(cell.get_value()))?;
    }
    if let Some(done) = current {
        each(done)?;
    }
    Ok(())
}

/// LibreOffice and old Excel: the first sheet, read whole (calamine streams only .xlsx).
fn other_rows<R: Read + Seek>(source: R, each: &mut impl FnMut(Row) -> Result<(), Text>) -> Result<(), Text> {
    use calamine::Reader;
    let mut bytes = Vec::new();
    source.take(MAX_WHOLE_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > MAX_WHOLE_FILE_BYTES {
        let mb = MAX_WHOLE_FILE_BYTES / (1024 * 1024);
        return Err(refuse(
            format!("This file is larger than {mb} MB. Save it as Excel (.xlsx) or CSV, which Amparo reads a row at a time."),
            format!("Este archivo pesa más de {mb} MB. Guárdelo como Excel (.xlsx) o CSV, que Amparo lee fila por fila."),
        ));
    }
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(unreadable)?;
    let first = book.sheet_names().first().cloned().ok_or_else(|| unreadable("the workbook has no sheet"))?;
    let range = book.worksheet_range(&first).map_err(unreadable)?;
    let Some((top, left)) = range.start() else { return Ok(()) };
    for blank in 1..=top as u64 {
        each(Row { number: blank, cells: Vec::new() })?;
    }
    for (i, values) in range.rows().enumerate() {
        let mut row = Row { number: top as u64 + i as u64 + 1, cells: Vec::new() };
        if row.number > MAX_ROWS {
            return Err(too_many_rows());
        }
        for (j, v) in values.iter().enumerate() {
            if !matches!(v, calamine::Data::Empty) {
                push_cell(&mut row, left as usize + j, owned_cell(v))?;
            }
        }
        each(row)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[Row]) -> Vec<(u64, Vec<String>)> {
        rows.iter().map(|r| (r.number, r.texts())).collect()
    }

    #[test]
    fn utf8_with_bom_and_semicolons() {
        let (info, rows) = read_all("\u{feff}Nombre;Apellidos\nMaría;Pérez\n".as_bytes(), Format::Csv).unwrap();
        assert_eq!(info.encoding, "UTF-8");
        assert_eq!(info.delimiter.as_deref(), Some(";"));
        assert_eq!(
            texts(&rows),
            vec![(1, vec!["Nombre".into(), "Apellidos".into()]), (2, vec!["María".into(), "Pérez".into()])]
        );
    }

    #[test]
    fn utf16_and_windows_1252() {
        let text = "Name\tCountry\r\nJosé\tGuatemala\r\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let (info, rows) = read_all(&le, Format::Csv).unwrap();
        assert_eq!((info.encoding.as_str(), info.delimiter.as_deref()), ("UTF-16LE", Some("\t")));
        assert_eq!(rows[1].texts(), vec!["José", "Guatemala"]);
        let no_bom: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(read_all(&no_bom, Format::Csv).unwrap().1[1].texts(), vec!["José", "Guatemala"]);
        let (w, _, _) = WINDOWS_1252.encode("Nombre,País\nMaría,Perú\n");
        let (info, rows) = read_all(&w, Format::Csv).unwrap();
        assert_eq!(info.encoding, "windows-1252");
        assert_eq!(rows[1].texts(), vec!["María", "Perú"]);
        // UTF-8 accents, then one Windows-1252 byte: refused, not read garbled (review).
        let mut mixed = "Nombre\nMaría\n".as_bytes().to_vec();
        mixed.extend(b"Jos\xe9\n");
        assert!(read_all(&mixed, Format::Csv).unwrap_err().en.contains("is not UTF-8"));
    }

    #[test]
    fn rows_keep_the_numbers_a_spreadsheet_shows() {
        let csv = "a,b\n\n\"two\nlines\",x\n\nlast,y\n";
        let rows = read_all(csv.as_bytes(), Format::Csv).unwrap().1;
        let numbered: Vec<(u64, bool)> = rows.iter().map(|r| (r.number, r.is_blank())).collect();
        assert_eq!(numbered, vec![(1, false), (2, true), (3, false), (4, true), (5, false)]);
        assert_eq!(rows[4].texts(), vec!["last", "y"]);
        // A quote inside a field (5'11") does not open a quoted field: the blank row after
        // it still counts (found in review).
        let inch = read_all(b"a,b\nJuan \"Chepe,5'11\"\n\nlast,y\n", Format::Csv).unwrap().1;
        assert_eq!(
            inch.iter().map(|r| (r.number, r.is_blank())).collect::<Vec<_>>(),
            vec![(1, false), (2, false), (3, true), (4, false)]
        );
        // An unclosed quote cannot swallow the rest of a large file unnoticed.
        let mut open = b"a,b\n\"never closed,x\n".to_vec();
        open.extend(std::iter::repeat(b"row,of text\n".as_slice()).take(100_000).flatten());
        assert!(read_all(&open, Format::Csv).unwrap_err().en.contains("1 MB"));
        let no_final_break = read_all(b"a,b\n\nlast,y", Format::Csv).unwrap().1;
        assert_eq!(no_final_break.iter().map(|r| r.number).collect::<Vec<_>>(), vec![1, 2, 3]);
    }

    #[test]
    fn hostile_csv_is_refused_with_a_reason() {
        let wide = (0..300).map(|i| i.to_string()).collect::<Vec<_>>().join(",");
        assert!(read_all(wide.as_bytes(), Format::Csv).unwrap_err().en.contains("columns"));
        let long = format!("a\n{}\n", "x".repeat(MAX_CELL_BYTES + 1));
        assert!(read_all(long.as_bytes(), Format::Csv).unwrap_err().en.contains("KB"));
        assert!(read_all(b"PK\x03\x04garbage", Format::Xlsx).unwrap_err().en.contains("could not be read"));
    }

    #[test]
    fn formats_from_names() {
        assert_eq!(Format::from_name("Intake.XLSX"), Format::Xlsx);
        assert_eq!(Format::from_name("casos.ods"), Format::Other);
        assert_eq!(Format::from_name("casos.csv"), Format::Csv);
        assert_eq!(Format::from_name("casos.txt"), Format::Csv);
    }
}
