//! A report written out: as CSV (one table, re-readable, formulas defused) or as a page to
//! print (HTML with its own print styles, no scripts and nothing fetched from anywhere,
//! laid out like a legal-aid office's paper: letterhead, period, table, notes, footer).

use super::{Cell, Report};
use crate::exchange::formula::neutralise;

/// The report as CSV: a header row, then one row per line of the table.
pub fn csv(report: &Report, spanish: bool) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let head: Vec<String> = report.columns.iter().map(|c| neutralise(c.pick(spanish)).into_owned()).collect();
    let _ = w.write_record(&head);
    for row in &report.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Text(s) => neutralise(s).into_owned(),
                Cell::Count(n) => report.shown(*n, spanish),
            })
            .collect();
        let _ = w.write_record(&cells);
    }
    w.into_inner().unwrap_or_default()
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
@page { size: letter; margin: 2cm 2cm 2.2cm 2cm; }
body { font-family: 'Times New Roman', 'Liberation Serif', Georgia, serif; color: #111; font-size: 11pt; margin: 0; }
header { border-bottom: 2px solid #111; padding-bottom: 6pt; margin-bottom: 14pt; }
header .clinic { font-variant: small-caps; letter-spacing: 0.04em; font-size: 13pt; }
header h1 { font-size: 16pt; margin: 6pt 0 2pt; font-weight: bold; }
header .meta { font-size: 10pt; }
.notice { border: 1px solid #111; padding: 5pt 8pt; font-size: 9.5pt; margin-bottom: 12pt; }
table { border-collapse: collapse; width: 100%; font-size: 10.5pt; }
thead th { border-top: 1.5px solid #111; border-bottom: 1px solid #111; text-align: left; padding: 4pt 6pt; vertical-align: bottom; }
td { border-bottom: 0.5px solid #999; padding: 3pt 6pt; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.n { white-space: nowrap; }
td:first-child { white-space: nowrap; }
tr { page-break-inside: avoid; }
.notes { font-size: 9.5pt; margin-top: 10pt; }
footer { margin-top: 18pt; border-top: 0.5px solid #111; padding-top: 4pt; font-size: 9pt; }
@media screen { body { max-width: 48rem; margin: 2rem auto; padding: 0 1rem; } }
";

/// The report as a printable page.
pub fn html(report: &Report, spanish: bool) -> String {
    let lang = if spanish { "es" } else { "en" };
    let tr = |en: &str, es: &str| if spanish { es.to_string() } else { en.to_string() };
    let clinic =
        if report.clinic.is_empty() { tr("Legal clinic", "Clínica jurídica") } else { report.clinic.clone() };
    let title = report.title.pick(spanish);
    let period = format!("{} {} {} {}", tr("Period:", "Periodo:"), report.from, tr("to", "a"), report.to);
    let generated = format!("{} {}", tr("Prepared on", "Preparado el"), report.generated_on);
    let notice = if report.deidentified {
        let t = report.threshold;
        if spanish {
            format!("Anonimizado: sin nombres, números A, fechas de nacimiento ni texto libre. Los recuentos menores que {t} se muestran como «menos de {t}».")
        } else {
            format!("De-identified: no names, A-numbers, dates of birth or free text. Counts below {t} are shown as \"fewer than {t}\".")
        }
    } else {
        tr(
            "Confidential: contains client information protected by attorney–client privilege. Do not share outside the clinic.",
            "Confidencial: contiene información de clientes protegida por el secreto profesional. No la comparta fuera de la clínica.",
        )
    };
    let mut rows = String::new();
    for row in &report.rows {
        rows.push_str("<tr>");
        for c in row {
            match c {
                Cell::Text(s) => rows.push_str(&format!("<td>{}</td>", escape(s))),
                Cell::Count(n) => {
                    rows.push_str(&format!("<td class=\"n\">{}</td>", escape(&report.shown(*n, spanish))))
                }
            }
        }
        rows.push_str("</tr>\n");
    }
    if report.rows.is_empty() {
        let span = report.columns.len().max(1);
        rows.push_str(&format!(
            "<tr><td colspan=\"{span}\">{}</td></tr>",
            tr("Nothing in this period.", "Nada en este periodo.")
        ));
    }
    let numeric: Vec<bool> = (0..report.columns.len())
        .map(|i| report.rows.first().is_some_and(|r| matches!(r.get(i), Some(Cell::Count(_)))))
        .collect();
    let head: String = report
        .columns
        .iter()
        .zip(&numeric)
        .map(|(c, n)| format!("<th{}>{}</th>", if *n { " class=\"n\"" } else { "" }, escape(c.pick(spanish))))
        .collect();
    let notes: String = report.notes.iter().map(|n| format!("<p>{}</p>", escape(n.pick(spanish)))).collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{title_e}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <header><div class=\"clinic\">{clinic_e}</div><h1>{title_e}</h1><div class=\"meta\">{period_e} · {generated_e}</div></header>\n\
         <div class=\"notice\">{notice_e}</div>\n\
         <table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n\
         <div class=\"notes\">{notes}</div>\n\
         <footer>{footer}</footer>\n</body>\n</html>\n",
        title_e = escape(title),
        clinic_e = escape(&clinic),
        period_e = escape(&period),
        generated_e = escape(&generated),
        notice_e = escape(&notice),
        footer = escape(&tr("Prepared with Amparo from the clinic's own records.", "Preparado con Amparo a partir de los registros de la clínica.")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_everything_it_is_given() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}
