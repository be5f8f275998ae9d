//! Is this row a client already here? The same A-number, or the same name (accents, case
//! and word order aside) with the same date of birth, as a living client of the vault or
//! as an earlier row of the same file.

use std::collections::HashMap;

use futures::TryStreamExt;

use super::Duplicate;
use crate::error::Result;
use crate::model::ClientFields;
use crate::store::similar::words;

/// The keys of every living client, and of the rows taken so far.
#[derive(Default)]
pub(super) struct Seen {
    vault_a: HashMap<String, i64>,
    /// Name key → (client, its A-number).
    vault_name: HashMap<String, (i64, Option<String>)>,
    file_a: HashMap<String, u64>,
    file_name: HashMap<String, (u64, Option<String>)>,
}

/// Two records with different A-numbers are two people, whatever their names.
fn same_person<T: Copy>(found: Option<&(T, Option<String>)>, a: Option<&String>) -> Option<T> {
    match (found, a) {
        (Some((_, Some(theirs))), Some(mine)) if theirs != mine => None,
        (Some((id, _)), _) => Some(*id),
        (None, _) => None,
    }
}

/// "maria jose|perez|1990-02-28": name words sorted, with the date of birth. A name with
/// no date of birth has no key: two people share names too often to call it the same one.
fn name_key(given: &str, family: &str, dob: Option<&str>) -> Option<String> {
    let dob = dob?;
    let mut w = words(&format!("{given} {family}"));
    if w.is_empty() {
        return None;
    }
    w.sort();
    Some(format!("{}|{dob}", w.join(" ")))
}

fn key_of(c: &ClientFields) -> Option<String> {
    name_key(&c.given_name, &c.family_name, c.date_of_birth.map(|d| d.to_string()).as_deref())
}

impl Seen {
    /// Streams the vault's living clients' keys (ids, A-numbers and folded names only).
    pub(super) async fn load(conn: &mut sqlx::SqliteConnection) -> Result<Seen> {
        let mut seen = Seen::default();
        let mut rows = sqlx::query_as::<_, (i64, String, String, Option<String>, Option<String>)>(
            "SELECT id, given_name, family_name, date_of_birth, a_number FROM clients WHERE deleted_at IS NULL",
        )
        .fetch(conn);
        while let Some((id, given, family, dob, a)) = rows.try_next().await? {
            if let Some(k) = name_key(&given, &family, dob.as_deref()) {
                seen.vault_name.entry(k).or_insert((id, a.clone()));
            }
            if let Some(a) = a {
                seen.vault_a.entry(a).or_insert(id);
            }
        }
        Ok(seen)
    }

    /// The client this row duplicates, if any; otherwise the row is remembered.
    pub(super) fn check(&mut self, c: &ClientFields, row: u64) -> Option<Duplicate> {
        let a = c.a_number.as_ref().map(|a| a.digits().to_string());
        let name = key_of(c);
        let by_a = (
            "same A-number",
            "mismo número A",
            a.as_ref().and_then(|a| self.vault_a.get(a)),
            a.as_ref().and_then(|a| self.file_a.get(a)),
        );
        let by_name = (
            "same name and date of birth",
            "mismo nombre y fecha de nacimiento",
            name.as_ref().and_then(|k| same_person(self.vault_name.get(k), a.as_ref())),
            name.as_ref().and_then(|k| same_person(self.file_name.get(k), a.as_ref())),
        );
        let (by_a_client, by_a_row) = (by_a.2.copied(), by_a.3.copied());
        for (why, why_es, client, earlier) in [(by_a.0, by_a.1, by_a_client, by_a_row), by_name] {
            if client.is_some() || earlier.is_some() {
                return Some(Duplicate {
                    row,
                    matches_client: client,
                    matches_row: if client.is_some() { None } else { earlier },
                    why: why.into(),
                    why_es: why_es.into(),
                    carries_case: false,
                });
            }
        }
        if let Some(k) = name {
            self.file_name.insert(k, (row, a.clone()));
        }
        if let Some(a) = a {
            self.file_a.insert(a, row);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_whatever_the_accents_case_and_order() {
        let a = name_key("María José", "Pérez", Some("1990-02-28"));
        assert_eq!(a, name_key("maria jose", "PEREZ", Some("1990-02-28")));
        assert_eq!(a, name_key("Pérez", "María José", Some("1990-02-28")));
        assert_ne!(a, name_key("María José", "Pérez", Some("1990-02-27")));
        assert_eq!(name_key("María", "Pérez", None), None);
    }

    #[test]
    fn the_same_name_and_birth_date_with_other_a_numbers_are_two_people() {
        let key = Some(&(7, Some("123456789".to_string())));
        assert_eq!(same_person(key, Some(&"987654321".to_string())), None);
        assert_eq!(same_person(key, Some(&"123456789".to_string())), Some(7));
        assert_eq!(same_person(key, None), Some(7));
        assert_eq!(same_person(Some(&(7, None)), Some(&"987654321".to_string())), Some(7));
    }
}
