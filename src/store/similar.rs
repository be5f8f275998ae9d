//! "Is this person already here?": before a client is added, and across a clinic, find
//! existing clients who may be the same person or family, and say why. Names are compared
//! accent-, case- and order-insensitively, word by word, with a sound-alike key for the
//! spellings that Spanish and English names drift between (Ramírez/Ramires, Gonzalez/
//! Gonsales, Yesenia/Llesenia); an A-number or a date of birth in common counts too.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::Store;
use crate::error::Result;
use crate::text::Text;
use crate::tr;

/// What is known of the person being looked for.
#[derive(Clone, Debug, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(export)]
pub struct SimilarQuery {
    /// The name as typed, in any order (given and family names, other names).
    pub name: String,
    pub date_of_birth: Option<String>,
    pub a_number: Option<String>,
}

/// A client who may be the same person, with the reasons.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SimilarClient {
    pub client_id: i64,
    pub given_name: String,
    pub family_name: String,
    pub date_of_birth: Option<String>,
    pub a_number: Option<String>,
    /// 0 to 100: how likely the same person.
    pub score: u32,
    pub reasons: Vec<Text>,
}

/// A name word folded for comparison: lower case, accents and marks removed.
pub fn fold(word: &str) -> String {
    word.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

/// The words of a name, folded.
pub fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric() && !unicode_normalization::char::is_combining_mark(c))
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect()
}

/// A sound-alike key: the first sound, then the consonant sounds, with the letters Spanish
/// and English spellings confuse made one (v/b, z/s/soft c, ll/y, qu/k, silent h, j/soft g,
/// doubled letters).
pub fn sound(word: &str) -> String {
    let w: Vec<char> = fold(word).chars().filter(|c| c.is_alphabetic()).collect();
    let mut out = String::new();
    let mut i = 0;
    while i < w.len() {
        let next = w.get(i + 1).copied();
        let (c, skip) = match (w[i], next) {
            ('c', Some('h')) => ('x', 2),
            ('l', Some('l')) => ('y', 2),
            ('q', Some('u')) => ('k', 2),
            ('c', Some('e' | 'i')) => ('s', 1),
            ('g', Some('e' | 'i')) => ('j', 1),
            ('c' | 'q' | 'k', _) => ('k', 1),
            ('z' | 's', _) => ('s', 1),
            ('v' | 'b', _) => ('b', 1),
            ('x', _) if i == 0 => ('j', 1),
            ('h', _) => ('-', 1),
            ('ñ', _) => ('n', 1),
            (c, _) => (c, 1),
        };
        i += skip;
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w' | '-');
        if out.is_empty() {
            if c != '-' {
                out.push(if vowel { 'a' } else { c });
            }
        } else if !vowel && !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// How well two words match: 100 the same, 80 sound alike, 60 one begins the other
/// (three letters or more), 30 an initial.
fn word_match(a: &str, b: &str) -> u32 {
    if a == b {
        100
    } else if a.chars().count() >= 3 && b.chars().count() >= 3 && sound(a) == sound(b) {
        80
    } else if (a.len() >= 3 && b.starts_with(a)) || (b.len() >= 3 && a.starts_with(b)) {
        60
    } else if a.chars().count() >= 5 && b.chars().count() >= 5 && one_typo(a, b) {
        // Xochilt for Xochitl, Guadalupe for Guadalpue: a slip of the keyboard.
        55
    } else if (a.chars().count() == 1 && b.starts_with(a)) || (b.chars().count() == 1 && a.starts_with(b)) {
        30
    } else {
        0
    }
}

/// Whether two words differ by one slip: two neighbouring letters swapped, one letter
/// changed, added or left out.
fn one_typo(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[start..], &b[start..]);
    let end = ra.iter().rev().zip(rb.iter().rev()).take_while(|(x, y)| x == y).count();
    let (ma, mb) = (&ra[..ra.len() - end.min(ra.len())], &rb[..rb.len() - end.min(rb.len())]);
    match (ma.len(), mb.len()) {
        (1, 1) | (1, 0) | (0, 1) => true,
        (2, 2) => ma[0] == mb[1] && ma[1] == mb[0],
        _ => false,
    }
}

/// 0 to 100: how much of the shorter name is found in the other, word for word, in any
/// order. "María José Ramírez Pérez" and "Maria Ramirez" meet at 100.
pub fn name_score(a: &[String], b: &[String]) -> u32 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return 0;
    }
    let mut used = vec![false; long.len()];
    let mut total = 0;
    for w in short {
        let best = long.iter().enumerate().filter(|(i, _)| !used[*i]).map(|(i, l)| (word_match(w, l), i)).max();
        if let Some((score, i)) = best.filter(|(s, _)| *s > 0) {
            used[i] = true;
            total += score;
        }
    }
    // One word in common out of one is weak evidence: count a one-word name as half.
    let score = total / short.len() as u32;
    if short.len() == 1 {
        score / 2
    } else {
        score
    }
}

impl Store {
    /// Living clients who may be the person described, most likely first (at most `limit`).
    pub async fn similar_clients(&self, q: &SimilarQuery, limit: usize) -> Result<Vec<SimilarClient>> {
        let wanted = words(&q.name);
        let a_number = match q.a_number.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            Some(a) => Some(
                crate::model::ANumber::parse(a)
                    .map_err(|m| crate::model::ValidationError::one("a_number", m))?
                    .to_string(),
            ),
            None => None,
        };
        let dob = match q.date_of_birth.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => Some(
                crate::model::fields::date(d)
                    .map_err(|m| crate::model::ValidationError::one("date_of_birth", m))?
                    .to_string(),
            ),
            None => None,
        };
        // Candidates: anyone sharing an A-number or a birth date, or a word's first three letters
        // (found through the accent-blind search index), so a clinic of 100,000 is not read
        // whole for each question.
        let prefixes: Vec<String> = wanted.iter().map(|w| w.chars().take(3).collect::<String>()).collect();
        let fts = prefixes.iter().map(|p| format!("\"{p}\"*")).collect::<Vec<_>>().join(" OR ");
        let rows: Vec<(i64, String, String, Option<String>, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT c.id, c.given_name, c.family_name, c.date_of_birth, c.a_number, \
                    (SELECT group_concat(name, ' ') FROM client_aliases WHERE client_id = c.id) \
             FROM clients c WHERE c.deleted_at IS NULL AND (c.a_number = ?1 OR c.date_of_birth = ?2 \
               OR (?3 <> '' AND c.id IN (SELECT rowid FROM search_index WHERE search_index MATCH ?3)))",
        )
        .bind(&a_number)
        .bind(&dob)
        .bind(&fts)
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::new();
        for (id, given, family, birth, a, aliases) in rows {
            let mut reasons = Vec::new();
            let mut score = 0;
            if a_number.is_some() && a == a_number {
                score = 100;
                reasons.push(tr!("Same A-number", "Mismo número A"));
            }
            let main = name_score(&wanted, &words(&format!("{given} {family}")));
            let alias = aliases
                .as_deref()
                .map(|al| name_score(&wanted, &words(&format!("{given} {family} {al}"))))
                .unwrap_or(0);
            let by_name = main.max(alias);
            if by_name >= 50 {
                let (en, es) =
                    if by_name == 100 { ("same name", "mismo nombre") } else { ("similar name", "nombre parecido") };
                let via = if alias > main {
                    tr!(" (other names)", " (otros nombres)")
                } else {
                    Text::new(String::new(), String::new())
                };
                reasons.push(Text::new(format!("{}{}", capital(en), via.en), format!("{}{}", capital(es), via.es)));
            }
            score = score.max(by_name * 9 / 10);
            if dob.is_some() && birth == dob {
                score = (score + 30).min(100);
                reasons.push(tr!("Same date of birth", "Misma fecha de nacimiento"));
            }
            if score >= 45 && !reasons.is_empty() {
                out.push(SimilarClient {
                    client_id: id,
                    given_name: given,
                    family_name: family,
                    date_of_birth: birth,
                    a_number: a,
                    score,
                    reasons,
                });
            }
        }
        out.sort_by(|x, y| y.score.cmp(&x.score).then(x.client_id.cmp(&y.client_id)));
        out.truncate(limit.clamp(1, 200));
        Ok(out)
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn one_slip_of_the_keyboard_still_meets() {
        assert!(one_typo("xochilt", "xochitl"));
        assert!(one_typo("guadalupe", "guadalpue"));
        assert!(one_typo("benavides", "benavidez"));
        assert!(one_typo("fernando", "fernado"));
        assert!(!one_typo("fernando", "fernanda2x"));
        assert!(!one_typo("martinez", "ramirezz"));
        assert!(name_score(&w("Xochilt Benavidez"), &w("Xochitl Benavides")) >= 50);
    }

    #[test]
    fn accents_case_and_order_do_not_matter() {
        assert_eq!(name_score(&w("María José Ramírez Pérez"), &w("Maria Ramirez")), 100);
        assert_eq!(name_score(&w("RAMIREZ, maria"), &w("María Ramírez")), 100);
        assert_eq!(words("Núñez-García"), vec!["nunez", "garcia"]);
    }

    #[test]
    fn spellings_that_sound_alike_meet() {
        for (a, b) in [
            ("Ramírez", "Ramires"),
            ("González", "Gonsales"),
            ("Yesenia", "Llesenia"),
            ("Jiménez", "Ximenez"),
            ("Valdivia", "Baldibia"),
            ("Quispe", "Kispe"),
            ("Hernández", "Ernandez"),
            ("Cecilia", "Sesilia"),
        ] {
            assert_eq!(sound(a), sound(b), "{a} / {b}");
        }
        for (a, b) in [("Ramírez", "Rodríguez"), ("López", "Pérez"), ("Hernández", "Fernández")] {
            assert_ne!(sound(a), sound(b), "{a} / {b}");
        }
        assert!(name_score(&w("Yesenia Gonsales"), &w("Llesenia González")) >= 80);
    }

    #[test]
    fn a_different_family_name_is_not_a_match() {
        assert!(name_score(&w("Maria Lopez"), &w("Maria Ramirez")) < 60);
        assert!(name_score(&w("Ramirez"), &w("Maria Ramirez")) <= 50, "one word alone is weak");
        assert_eq!(name_score(&w(""), &w("Maria Ramirez")), 0);
    }
}
