//! The time zone of each U.S. immigration court, so that a hearing typed as "Arlington Immigration Court
//! 08:30" lands in a calendar at the right instant.
//!
//! SOURCE — NOT CHECKED AGAINST THE PRIMARY LIST. EOIR's own lists, "EOIR Immigration Court Listing"
//! (https://www.justice.gov/eoir/eoir-immigration-court-listing) and the "Immigration Court
//! Administrative Control List" (linked from each court's page on https://www.justice.gov/eoir), were
//! not reachable with the tools at hand when this table was written (searched 2026-12-06). The table
//! was built from general knowledge of EOIR's courts and hearing locations, with a few spot checks
//! against EOIR pages that were available: the Sacramento and Los Angeles – N. Los Angeles Street court
//! pages, and EOIR Policy Manual Part I, ch. 1.5, which says the list lives in Appendix A and on the EOIR
//! website. Check it against the current EOIR Immigration Court Listing before relying on it; courts open
//! and close every year.
//!
//! What can be trusted regardless: the zone given for each place is the IANA zone of that city, so a key
//! for a place where EOIR turns out to have no court costs nothing. Places whose standing as a court is
//! least certain are marked "(unconfirmed)". The traps, deliberately handled: Arizona keeps no daylight
//! saving time (America/Phoenix); El Paso and Otero County, NM are Mountain time (America/Denver), while
//! the rest of Texas is Central; Memphis is Central, Louisville is Eastern (America/Kentucky/Louisville);
//! Indianapolis, Detroit and Boise have their own IANA zones; Puerto Rico keeps Atlantic Standard Time all
//! year (America/Puerto_Rico); Saipan is Chamorro Standard Time (Pacific/Saipan).
//!
//! Keys are courts and cities only. A state name alone is never a key: a typed "Texas" or "Florida" does
//! not say which side of a time-zone line the court is on.

use unicode_normalization::UnicodeNormalization;

/// (key, IANA zone). A key is one or more lower-case words, without accents or punctuation, that
/// identify a court or its city inside a typed court name. [`court_zone`] takes the longest key found.
pub const COURT_ZONES: &[(&str, &str)] = &[
    // Arizona: no daylight saving time.
    ("phoenix", "America/Phoenix"),
    ("tucson", "America/Phoenix"),
    ("eloy", "America/Phoenix"),
    ("florence", "America/Phoenix"),
    // California.
    ("adelanto", "America/Los_Angeles"),
    ("concord", "America/Los_Angeles"),
    ("imperial", "America/Los_Angeles"),
    ("los angeles", "America/Los_Angeles"), // Los Angeles – Olive Street, – N. Los Angeles Street
    ("van nuys", "America/Los_Angeles"),
    ("otay mesa", "America/Los_Angeles"),
    ("sacramento", "America/Los_Angeles"),
    ("san diego", "America/Los_Angeles"),
    ("san francisco", "America/Los_Angeles"),
    ("santa ana", "America/Los_Angeles"),
    // Colorado.
    ("aurora", "America/Denver"),
    ("centennial", "America/Denver"), // (unconfirmed)
    ("denver", "America/Denver"),
    // Connecticut.
    ("hartford", "America/New_York"),
    // Florida (the courts are all on the Eastern side of the state).
    ("krome", "America/New_York"), // Miami – Krome
    ("miami", "America/New_York"),
    ("orlando", "America/New_York"),
    // Georgia.
    ("atlanta", "America/New_York"), // Atlanta – Peachtree Street, Atlanta – Ted Turner Drive
    ("peachtree", "America/New_York"),
    ("ted turner", "America/New_York"),
    ("stewart", "America/New_York"), // Stewart Detention Center, Lumpkin
    ("lumpkin", "America/New_York"),
    // Hawaii.
    ("honolulu", "Pacific/Honolulu"),
    // Idaho (southern Idaho is Mountain time).
    ("boise", "America/Boise"), // (unconfirmed)
    // Illinois.
    ("chicago", "America/Chicago"),
    // Indiana.
    ("indianapolis", "America/Indiana/Indianapolis"),
    // Kentucky.
    ("louisville", "America/Kentucky/Louisville"), // (unconfirmed)
    // Louisiana.
    ("new orleans", "America/Chicago"),
    ("nueva orleans", "America/Chicago"),
    ("oakdale", "America/Chicago"),
    ("jena", "America/Chicago"), // LaSalle ICE Processing Center, Jena
    ("lasalle", "America/Chicago"),
    ("la salle", "America/Chicago"),
    // Maryland.
    ("baltimore", "America/New_York"),
    ("hyattsville", "America/New_York"),
    // Massachusetts.
    ("boston", "America/New_York"),
    ("chelmsford", "America/New_York"),
    // Michigan.
    ("detroit", "America/Detroit"),
    // Minnesota.
    ("fort snelling", "America/Chicago"),
    ("ft snelling", "America/Chicago"),
    ("minneapolis", "America/Chicago"),
    ("st paul", "America/Chicago"),
    ("saint paul", "America/Chicago"),
    // Missouri.
    ("kansas city", "America/Chicago"),
    ("st louis", "America/Chicago"),    // (unconfirmed)
    ("saint louis", "America/Chicago"), // (unconfirmed)
    // Nebraska.
    ("omaha", "America/Chicago"),
    // Nevada.
    ("las vegas", "America/Los_Angeles"),
    // New Jersey.
    ("elizabeth", "America/New_York"),
    ("newark", "America/New_York"),
    // New Mexico: Mountain time.
    ("otero", "America/Denver"), // Otero County Processing Center, Chaparral
    ("chaparral", "America/Denver"),
    ("cibola", "America/Denver"), // Cibola County Correctional Center, Milan (hearing location)
    // New York.
    ("new york", "America/New_York"), // New York – Broadway, New York – Federal Plaza, Varick
    ("nueva york", "America/New_York"),
    ("nyc", "America/New_York"),
    ("broadway", "America/New_York"),
    ("federal plaza", "America/New_York"),
    ("varick", "America/New_York"),
    ("batavia", "America/New_York"),
    ("buffalo", "America/New_York"),
    ("ulster", "America/New_York"), // Ulster Correctional Facility, Napanoch
    ("napanoch", "America/New_York"),
    ("fishkill", "America/New_York"), // (unconfirmed)
    // North Carolina.
    ("charlotte", "America/New_York"),
    // Northern Mariana Islands.
    ("saipan", "Pacific/Saipan"),
    // Ohio.
    ("cleveland", "America/New_York"),
    ("columbus", "America/New_York"),
    // Oregon; Alaska's hearings are held from here or by video.
    ("portland", "America/Los_Angeles"),
    ("anchorage", "America/Anchorage"), // hearing location
    // Pennsylvania.
    ("philadelphia", "America/New_York"),
    ("filadelfia", "America/New_York"),
    ("pittsburgh", "America/New_York"), // (unconfirmed)
    ("york", "America/New_York"),       // York County Prison
    // Puerto Rico: Atlantic Standard Time, no daylight saving time.
    ("san juan", "America/Puerto_Rico"), // Guaynabo (San Juan)
    ("guaynabo", "America/Puerto_Rico"),
    // Tennessee: Memphis is Central.
    ("memphis", "America/Chicago"),
    // Texas: Central, except El Paso (below).
    ("conroe", "America/Chicago"),
    ("dallas", "America/Chicago"),
    ("fort worth", "America/Chicago"),
    ("ft worth", "America/Chicago"),
    ("prairieland", "America/Chicago"), // Prairieland Detention Center, Alvarado
    ("alvarado", "America/Chicago"),
    ("harlingen", "America/Chicago"),
    ("houston", "America/Chicago"), // Houston, Houston – S. Gessner Road, Houston SPC
    ("laredo", "America/Chicago"),
    ("port isabel", "America/Chicago"), // Port Isabel Service Processing Center, Los Fresnos
    ("los fresnos", "America/Chicago"),
    ("san antonio", "America/Chicago"),
    ("pearsall", "America/Chicago"), // (unconfirmed)
    ("dilley", "America/Chicago"),   // (unconfirmed)
    ("karnes", "America/Chicago"),   // (unconfirmed)
    // Texas: El Paso is Mountain time.
    ("el paso", "America/Denver"), // El Paso, El Paso SPC
    // Utah.
    ("salt lake", "America/Denver"),
    ("west valley city", "America/Denver"), // (unconfirmed)
    // Virginia.
    ("annandale", "America/New_York"),
    ("arlington", "America/New_York"),
    ("falls church", "America/New_York"),
    ("richmond", "America/New_York"),
    ("sterling", "America/New_York"),
    // Washington.
    ("seattle", "America/Los_Angeles"),
    ("tacoma", "America/Los_Angeles"),
];

/// The IANA time zone of the immigration court named in `court` ("Arlington Immigration Court",
/// "New York - Broadway", "EL PASO SPC"), found by the longest key of [`COURT_ZONES`] that appears in it
/// as whole words, ignoring case, accents and punctuation. `None` when no key appears.
pub fn court_zone(court: &str) -> Option<&'static str> {
    court_entry(court).map(|(_, zone)| zone)
}

/// The entry of [`COURT_ZONES`] whose key is the longest found in `court`; the first such entry on a tie.
fn court_entry(court: &str) -> Option<(&'static str, &'static str)> {
    let text = format!(" {} ", fold(court));
    COURT_ZONES
        .iter()
        .filter(|(key, _)| text.contains(&format!(" {key} ")))
        .min_by_key(|(key, _)| std::cmp::Reverse(key.len()))
        .copied()
}

/// Lower case, without accents, with every run of anything but letters and digits made one space:
/// "St. Louis" becomes "st louis", "Nueva York (Broadway)" becomes "nueva york broadway".
fn fold(s: &str) -> String {
    let plain: String = s
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn typed_court_names_find_their_zone() {
        for (typed, zone) in [
            ("Arlington Immigration Court", "America/New_York"),
            ("Phoenix", "America/Phoenix"),
            ("Tucson Immigration Court", "America/Phoenix"),
            ("El Paso SPC", "America/Denver"),
            ("San Juan", "America/Puerto_Rico"),
            ("Honolulu", "Pacific/Honolulu"),
            ("Memphis", "America/Chicago"),
            ("Louisville", "America/Kentucky/Louisville"),
            ("New York - Broadway", "America/New_York"),
            ("NEW YORK – FEDERAL PLAZA", "America/New_York"),
            ("Varick", "America/New_York"),
            ("Port Isabel", "America/Chicago"),
            ("Otay Mesa Immigration Court", "America/Los_Angeles"),
            ("Miami - Krome", "America/New_York"),
            ("Atlanta - Ted Turner Drive", "America/New_York"),
            ("Stewart Immigration Court", "America/New_York"),
            ("LaSalle/Jena", "America/Chicago"),
            ("Otero County Processing Center", "America/Denver"),
            ("Houston SPC", "America/Chicago"),
            ("Saipan", "Pacific/Saipan"),
            ("Guaynabo (San Juan), PR", "America/Puerto_Rico"),
            ("Detroit", "America/Detroit"),
            ("Indianapolis Immigration Court", "America/Indiana/Indianapolis"),
            ("St. Louis", "America/Chicago"),
            ("Corte de Inmigración de Nueva York", "America/New_York"),
            ("  los   ángeles - olive st. ", "America/Los_Angeles"),
        ] {
            assert_eq!(court_zone(typed), Some(zone), "{typed:?}");
        }
    }

    #[test]
    fn keys_match_whole_words_only() {
        assert_eq!(court_zone("Nowhere court"), None);
        assert_eq!(court_zone(""), None);
        assert_eq!(court_zone("Phoenixville"), None);
        assert_eq!(court_zone("Yorktown"), None);
        assert_eq!(court_zone("Texas"), None);
    }

    #[test]
    fn the_longest_key_found_wins() {
        let key = |typed: &str| court_entry(typed).map(|(key, _)| key);
        // "new york", "varick" and "york" (York County Prison, PA) are all in it.
        assert_eq!(key("New York - Varick"), Some("new york"));
        assert_eq!(key("New York - Federal Plaza"), Some("federal plaza"));
        assert_eq!(key("Port Isabel SPC"), Some("port isabel"));
        assert_eq!(key("Salt Lake City"), Some("salt lake"));
        assert_eq!(key("El Paso SPC"), Some("el paso"));
    }

    #[test]
    fn keys_are_folded_and_unique() {
        let mut seen = HashSet::new();
        for (key, _) in COURT_ZONES {
            assert_eq!(fold(key), *key, "key not in folded form");
            assert!(seen.insert(*key), "{key} twice");
        }
    }

    #[test]
    fn every_zone_is_an_iana_name() {
        for (key, zone) in COURT_ZONES {
            assert!(zone.contains('/'), "{key}: {zone}");
            assert!(zone.parse::<chrono_tz::Tz>().is_ok(), "{key}: {zone}");
        }
    }
}
