//! Custody history: each period a client spent in immigration detention, the facility, the
//! bond and how it stands, and any alternative to detention imposed on release. A client
//! may be detained, released on bond and detained again; one facility and one date on the
//! client cannot say that.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::client::{opt, past_date};
use super::fields;
use super::validation::{Checker, ValidationError};
use crate::text::Text;
use crate::text_enum;

text_enum!(
    /// Where the bond stands.
    BondStatus {
        NotRequested = "not_requested": "Not requested",
        Requested = "requested": "Bond hearing requested",
        Set = "set": "Bond set",
        Denied = "denied": "Bond denied",
        Posted = "posted": "Bond posted (paid)",
        Ineligible = "ineligible": "Not eligible for bond",
    }
);

text_enum!(
    /// An alternative to detention (ICE's ATD program, run as ISAP) on release.
    Alternative {
        None = "none": "None",
        AnkleMonitor = "ankle_monitor": "Ankle monitor (GPS)",
        SmartLink = "smartlink": "SmartLINK phone app",
        Telephonic = "telephonic": "Telephone reporting",
        OrderOfSupervision = "order_of_supervision": "Order of supervision",
        Other = "other": "Other",
    }
);

/// The largest bond accepted, in dollars: far above any bond set in practice, so a typo
/// of extra zeros is caught.
pub const MAX_BOND: i64 = 10_000_000;

/// A custody period as typed.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(default)]
#[ts(export)]
pub struct CustodyInput {
    pub client_id: i64,
    pub facility: Option<String>,
    pub detained_on: String,
    pub released_on: Option<String>,
    /// Dollars, as typed ("$7,500", "7500").
    pub bond_amount: Option<String>,
    pub bond_status: Option<String>,
    pub alternative: Option<String>,
    pub notes: Option<String>,
}

/// A custody period's validated details.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct CustodyFields {
    pub client_id: i64,
    pub facility: Option<String>,
    pub detained_on: NaiveDate,
    pub released_on: Option<NaiveDate>,
    /// Whole dollars.
    pub bond_amount: Option<i64>,
    pub bond_status: Option<BondStatus>,
    pub alternative: Option<Alternative>,
    pub notes: Option<String>,
}

/// A stored custody period.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct CustodyPeriod {
    pub id: i64,
    #[sqlx(flatten)]
    #[serde(flatten)]
    #[ts(flatten)]
    pub fields: CustodyFields,
    pub created_at: String,
    pub updated_at: String,
}

impl CustodyInput {
    pub fn validate(&self, today: NaiveDate) -> Result<CustodyFields, ValidationError> {
        let mut c = Checker::default();
        let facility = c.take(
            "facility",
            fields::optional_line(self.facility.as_deref(), &Text::fixed("detention facility", "centro de detención")),
        );
        let detained_on = c.take(
            "detained_on",
            fields::date(&self.detained_on)
                .and_then(|d| fields::not_after(d, today, &Text::fixed("date detained", "fecha de la detención"))),
        );
        let released_on = c.take(
            "released_on",
            past_date(self.released_on.as_deref(), today, &Text::fixed("date released", "fecha de la liberación")),
        );
        let bond_amount = c.take("bond_amount", bond(self.bond_amount.as_deref()));
        let bond_status = c.take("bond_status", opt(self.bond_status.as_deref(), str::parse));
        let alternative = c.take("alternative", opt(self.alternative.as_deref(), str::parse));
        let notes = c.take("notes", fields::optional_text(self.notes.as_deref(), &Text::fixed("notes", "notas")));
        if let (Some(d), Some(Some(r))) = (detained_on, released_on) {
            if r < d {
                c.fail(
                    "released_on",
                    Text::fixed(
                        "The release date is before the date detained: check both dates.",
                        "La fecha de liberación es anterior a la de detención: revise las dos fechas.",
                    ),
                );
            }
        }
        if let (Some(Some(_)), Some(Some(BondStatus::NotRequested | BondStatus::Ineligible | BondStatus::Denied))) =
            (bond_amount, bond_status)
        {
            c.fail(
                "bond_amount",
                Text::fixed(
                    "A bond amount goes with a bond that was set or posted: clear the amount or change the status.",
                    "Un monto de fianza corresponde a una fianza fijada o pagada: borre el monto o cambie el estado.",
                ),
            );
        }
        if self.client_id <= 0 {
            c.fail("client_id", Text::fixed("Choose the client.", "Elija el cliente."));
        }
        c.finish()?;
        Ok(CustodyFields {
            client_id: self.client_id,
            facility: facility.unwrap(),
            detained_on: detained_on.unwrap(),
            released_on: released_on.unwrap(),
            bond_amount: bond_amount.unwrap(),
            bond_status: bond_status.unwrap(),
            alternative: alternative.unwrap(),
            notes: notes.unwrap(),
        })
    }
}

/// A dollar amount as people write it: "$7,500", "7500", "7500.00". Cents are refused
/// rather than rounded (bonds are set in whole dollars).
fn bond(raw: Option<&str>) -> Result<Option<i64>, Text> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else { return Ok(None) };
    let digits = raw.trim_start_matches('$').trim().replace([',', ' '], "");
    let whole = digits.strip_suffix(".00").unwrap_or(&digits);
    match whole.parse::<i64>() {
        Ok(n) if (0..=MAX_BOND).contains(&n) => Ok(Some(n)),
        Ok(_) => Err(Text::fixed(
            "That bond amount is not plausible: type it in dollars, for example 7500.",
            "Ese monto de fianza no es verosímil: escríbalo en dólares, por ejemplo 7500.",
        )),
        Err(_) => {
            let shown: String = raw.chars().take(40).collect();
            Err(crate::tr!(
                "\"{shown}\" is not an amount in whole dollars: type it like 7500 or $7,500.",
                "«{shown}» no es un monto en dólares enteros: escríbalo como 7500 o $7,500."
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
    }

    #[test]
    fn bonds_are_read_as_people_write_them() {
        assert_eq!(bond(Some("$7,500")).unwrap(), Some(7500));
        assert_eq!(bond(Some(" 1500.00 ")).unwrap(), Some(1500));
        assert_eq!(bond(Some("")).unwrap(), None);
        assert!(bond(Some("7500.50")).is_err());
        assert!(bond(Some("-5")).is_err());
        assert!(bond(Some("99999999999")).is_err());
    }

    #[test]
    fn a_period_is_checked_as_a_whole() {
        let mut p = CustodyInput {
            client_id: 3,
            facility: Some("Adelanto ICE Processing Center".into()),
            detained_on: "2026-03-01".into(),
            released_on: Some("2026-02-01".into()),
            bond_amount: Some("5000".into()),
            bond_status: Some("denied".into()),
            ..Default::default()
        };
        let e = p.validate(today()).unwrap_err();
        assert!(e.message_for("released_on").is_some());
        assert!(e.message_for("bond_amount").is_some());
        p.released_on = Some("2026-04-15".into());
        p.bond_status = Some("posted".into());
        p.alternative = Some("ankle_monitor".into());
        let f = p.validate(today()).unwrap();
        assert_eq!((f.bond_amount, f.alternative), (Some(5000), Some(Alternative::AnkleMonitor)));
        p.detained_on = "2027-01-01".into();
        assert!(p.validate(today()).unwrap_err().message_for("detained_on").is_some());
    }
}
