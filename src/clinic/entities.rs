//! Which tables and columns travel between vaults, how references between records become
//! uids, and which fields a person must settle when two vaults change them at once.

/// A record kind that merges field by field.
pub struct Entity {
    pub name: &'static str,
    pub table: &'static str,
    /// Columns that travel (all but the local id).
    pub columns: &'static [&'static str],
    /// Columns holding another record's local id: (column, entity).
    pub refs: &'static [(&'static str, &'static str)],
    /// Fields whose concurrent change is a conflict for a person to settle.
    pub settled_by_person: &'static [&'static str],
    /// Of those, the dates (the earlier one is shown until settled).
    pub dates: &'static [&'static str],
    /// Fields that only make sense together (the database checks them together): when
    /// two laptops wrote them at once, all of them come from the same laptop's write.
    pub together: &'static [&'static str],
}

/// Records before what refers to them: the order bundles are applied in.
pub const ENTITIES: &[Entity] = &[
    Entity {
        name: "client",
        table: "clients",
        columns: &[
            "given_name",
            "family_name",
            "date_of_birth",
            "nationality",
            "languages",
            "interpreter_needed",
            "a_number",
            "no_a_number",
            "phone",
            "email",
            "address",
            "detention_status",
            "detention_facility",
            "detained_since",
            "released_on",
            "last_arrival",
            "manner_of_entry",
            "principal_id",
            "relationship",
            "derivative",
            "archived_at",
            "created_at",
            "updated_at",
            "deleted_at",
        ],
        refs: &[("principal_id", "client")],
        settled_by_person: &["a_number"],
        dates: &[],
        together: &[],
    },
    Entity {
        name: "matter",
        table: "matters",
        columns: &[
            "client_id",
            "kind",
            "forum",
            "court_name",
            "judge",
            "status",
            "stage",
            "assigned_to",
            "opened_on",
            "closed_on",
            "outcome",
            "closing_reason",
            "representation",
            "created_at",
            "updated_at",
            "deleted_at",
        ],
        refs: &[("client_id", "client")],
        settled_by_person: &[],
        dates: &[],
        together: &[],
    },
    Entity {
        name: "deadline",
        table: "deadlines",
        columns: &[
            "matter_id",
            "title",
            "due_on",
            "rule_id",
            "trigger_on",
            "manual_reason",
            "status",
            "done_on",
            "waived_reason",
            "assigned_to",
            "created_at",
            "updated_at",
            "served_by_mail",
            "explanation",
            "rule_version",
            "computed_due_on",
            "override_reason",
            "explanation_es",
            "rule_days",
            "before_conclusion",
            "washington_area",
        ],
        refs: &[("matter_id", "matter")],
        settled_by_person: &["due_on", "status"],
        dates: &["due_on"],
        together: &["status", "done_on", "waived_reason"],
    },
    Entity {
        name: "hearing",
        table: "hearings",
        columns: &[
            "matter_id",
            "kind",
            "starts_at",
            "court",
            "judge",
            "detained",
            "attendance",
            "outcome",
            "date_source",
            "confirmed_on",
            "created_at",
            "updated_at",
        ],
        refs: &[("matter_id", "matter")],
        settled_by_person: &["starts_at"],
        dates: &["starts_at"],
        together: &[],
    },
    Entity {
        name: "filing",
        table: "filings",
        columns: &[
            "matter_id",
            "form",
            "description",
            "filed_on",
            "method",
            "tracking_number",
            "received_on",
            "receipt_number",
            "status",
            "deadline_id",
            "created_at",
            "updated_at",
            "preparer",
            "status_checked_on",
            "review_status",
            "review_requested_by",
            "review_requested_at",
            "reviewed_by",
            "reviewed_at",
            "review_comment",
        ],
        refs: &[("matter_id", "matter"), ("deadline_id", "deadline")],
        settled_by_person: &["receipt_number"],
        dates: &[],
        together: &[
            "review_status",
            "review_requested_by",
            "review_requested_at",
            "reviewed_by",
            "reviewed_at",
            "review_comment",
        ],
    },
    Entity {
        name: "appointment",
        table: "appointments",
        columns: &[
            "matter_id",
            "kind",
            "starts_at",
            "place",
            "accompanied_by",
            "outcome",
            "outcome_note",
            "created_at",
            "updated_at",
            "deleted_at",
        ],
        refs: &[("matter_id", "matter")],
        settled_by_person: &["starts_at"],
        dates: &["starts_at"],
        together: &[],
    },
    Entity {
        name: "custody_period",
        table: "custody_periods",
        columns: &[
            "client_id",
            "facility",
            "detained_on",
            "released_on",
            "bond_amount",
            "bond_status",
            "alternative",
            "notes",
            "created_at",
            "updated_at",
            "deleted_at",
        ],
        refs: &[("client_id", "client")],
        settled_by_person: &[],
        dates: &[],
        together: &["detained_on", "released_on"],
    },
    Entity {
        name: "note",
        table: "notes",
        columns: &["client_id", "matter_id", "created_at"],
        refs: &[("client_id", "client"), ("matter_id", "matter")],
        settled_by_person: &[],
        dates: &[],
        together: &[],
    },
];

/// The client's other names travel as one field of the client.
pub const ALIASES: &str = "other_names";

pub fn entity(name: &str) -> Option<&'static Entity> {
    ENTITIES.iter().find(|e| e.name == name)
}

/// The local table of any synced kind, including the append-only ones.
pub fn table_of(name: &str) -> Option<&'static str> {
    match name {
        "note_version" => Some("note_versions"),
        "audit" => Some("audit_log"),
        _ => entity(name).map(|e| e.table),
    }
}

impl Entity {
    pub fn has_field(&self, field: &str) -> bool {
        self.columns.contains(&field) || (self.name == "client" && field == ALIASES)
    }

    pub fn ref_target(&self, column: &str) -> Option<&'static str> {
        self.refs.iter().find(|(c, _)| *c == column).map(|(_, e)| *e)
    }

    /// `json_object(...)` of the travelling columns of row `t`, references as uids.
    pub fn select_json(&self) -> String {
        let mut parts: Vec<String> = self
            .columns
            .iter()
            .map(|c| match self.ref_target(c) {
                Some(target) => {
                    format!("'{c}', (SELECT uid FROM sync_ids WHERE entity = '{target}' AND local_id = t.{c})")
                }
                None => format!("'{c}', t.{c}"),
            })
            .collect();
        if self.name == "client" {
            parts.push(format!(
                "'{ALIASES}', json((SELECT json_group_array(name) FROM (SELECT name FROM client_aliases WHERE client_id = t.id ORDER BY id)))"
            ));
        }
        format!("SELECT json_object({}) FROM {} t WHERE t.id = ?", parts.join(", "), self.table)
    }
}
