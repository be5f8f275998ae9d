//! A document's name as Amparo keeps and shows it. The name comes from outside (a file
//! picked or dropped, a bundle from another laptop): folders, control characters and
//! the marks that turn text around ("gpj.exe" shown as "exe.jpg") are taken out, so the
//! name can neither point outside the private folder it is opened in nor lie on screen.

/// The longest name kept, in characters; the extension is kept when a name is cut.
pub const MAX_NAME: usize = 120;

/// The cleaned name, or "document" when nothing is left.
pub fn clean(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    // A drive letter's colon ("C:x.pdf" is a path on Windows) and the other characters
    // Windows refuses in a name become "_", on every system: a name may come in a bundle.
    let kept: String = base
        .chars()
        .filter(|c| !c.is_control() && !is_direction_mark(*c))
        .map(|c| if matches!(c, ':' | '<' | '>' | '"' | '|' | '?' | '*') { '_' } else { c })
        .collect();
    // No leading dot (a hidden file) and no blank at either end, however they alternate.
    let trimmed = kept.trim_start_matches(|c: char| c == '.' || c.is_whitespace()).trim_end();
    let name = if trimmed.is_empty() { "document".to_string() } else { trimmed.to_string() };
    shorten(&name)
}

fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}')
}

/// The longest name kept, in bytes: file systems stop at 255, and the private copy may
/// add an extension (a 120-character name in Ge'ez is 360 bytes).
pub const MAX_NAME_BYTES: usize = 200;

fn shorten(name: &str) -> String {
    let mut cut = shorten_chars(name);
    while cut.len() > MAX_NAME_BYTES {
        cut = shorten_chars_to(&cut, cut.chars().count() - 1);
    }
    cut
}

fn shorten_chars(name: &str) -> String {
    shorten_chars_to(name, MAX_NAME)
}

fn shorten_chars_to(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        return name.to_string();
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e).filter(|e| !e.is_empty() && e.chars().count() <= 10);
    match ext {
        Some(ext) if max > ext.chars().count() + 1 => {
            let keep = max - ext.chars().count() - 1;
            let stem: String = name.chars().take(keep).collect();
            format!("{}.{ext}", stem.trim_end())
        }
        _ => name.chars().take(max).collect::<String>().trim_end().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_controls_and_direction_marks_are_taken_out() {
        assert_eq!(clean("../../etc/passwd"), "passwd");
        assert_eq!(clean("C:\\Users\\ana\\Pasaporte Ana.pdf"), "Pasaporte Ana.pdf");
        // A drive-relative name (a path on Windows) and characters Windows refuses.
        assert_eq!(clean("C:x.pdf"), "C_x.pdf");
        assert_eq!(clean("a<b>c|d?e*\"f\".pdf"), "a_b_c_d_e__f_.pdf");
        assert_eq!(clean("notice\n\r\t\u{7}.pdf"), "notice.pdf");
        assert_eq!(clean("photo\u{202e}gpj.exe"), "photogpj.exe");
        assert_eq!(clean(".bashrc"), "bashrc");
        assert_eq!(clean("../"), "document");
        assert_eq!(clean(" . .x"), "x");
        assert_eq!(clean("  \u{200f} "), "document");
        assert_eq!(clean("Declaración de Haile — ትግርኛ.pdf"), "Declaración de Haile — ትግርኛ.pdf");
    }

    #[test]
    fn a_long_name_is_cut_keeping_its_extension() {
        let long = format!("{}.pdf", "a".repeat(300));
        let cut = clean(&long);
        assert_eq!(cut.chars().count(), MAX_NAME);
        assert!(cut.ends_with(".pdf"));
        let no_ext = "é".repeat(300);
        assert!(clean(&no_ext).len() <= MAX_NAME_BYTES);
        let geez = format!("{}.pdf", "ሰላም".repeat(60));
        let cut = clean(&geez);
        assert!(cut.len() <= MAX_NAME_BYTES && cut.ends_with(".pdf"), "{} bytes", cut.len());
    }
}
