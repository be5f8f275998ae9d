//! Formula injection: a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage
//! return) is run as a formula by Excel and LibreOffice when a CSV is opened. Amparo never
//! evaluates what it imports (every cell is stored as text); every CSV it writes prefixes
//! such a cell with an apostrophe, as OWASP's "CSV Injection" guidance advises, and the
//! import takes that one apostrophe off again so a refused-rows file re-imports as it was.

use std::borrow::Cow;

fn dangerous(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The cell as it is safe to write into a CSV file.
pub fn neutralise(s: &str) -> Cow<'_, str> {
    if dangerous(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// A cell read back: the apostrophe `neutralise` added is removed, nothing else.
pub fn restore(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if dangerous(rest) => rest,
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_restored() {
        for cell in ["=HYPERLINK(\"http://x\",\"click\")", "+1 202 555 0100", "-2+3", "@SUM(A1)", "\tx"] {
            let safe = neutralise(cell);
            assert!(safe.starts_with('\''), "{cell}");
            assert_eq!(restore(&safe), cell);
        }
        assert_eq!(neutralise("María"), "María");
        assert_eq!(restore("'quoted"), "'quoted");
        assert_eq!(restore("María"), "María");
    }
}
