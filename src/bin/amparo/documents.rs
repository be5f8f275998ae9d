//! `amparo document …` and `amparo checklist …`: attach files to a record, list them,
//! export a copy; a case's evidence checklist.

use std::path::PathBuf;

use amparo::documents::checklist::ItemState;
use amparo::documents::{AddDocument, Document, DocumentSubject};
use amparo::model::MatterKind;
use amparo::{Result, Store};
use clap::{Args, Subcommand};

use crate::output::print;

/// Which record: exactly one of the four.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct Subject {
    #[arg(long)]
    client: Option<i64>,
    #[arg(long)]
    matter: Option<i64>,
    #[arg(long)]
    hearing: Option<i64>,
    #[arg(long)]
    filing: Option<i64>,
}

impl Subject {
    fn get(&self) -> DocumentSubject {
        match (self.client, self.matter, self.hearing, self.filing) {
            (Some(id), ..) => DocumentSubject::Client(id),
            (_, Some(id), ..) => DocumentSubject::Matter(id),
            (_, _, Some(id), _) => DocumentSubject::Hearing(id),
            (.., id) => DocumentSubject::Filing(id.expect("clap requires one")),
        }
    }
}

#[derive(Subcommand)]
pub enum DocumentCmd {
    /// Attach a file (kept encrypted inside the vault; the file itself is left as it is).
    Add {
        #[command(flatten)]
        subject: Subject,
        /// The file to attach.
        file: PathBuf,
        /// The checklist item it stands for (see `amparo checklist show`).
        #[arg(long)]
        item: Option<String>,
        /// Add it as a new version of this document (the old one stays in the history).
        #[arg(long)]
        supersedes: Option<i64>,
        /// The name to keep, if not the file's own.
        #[arg(long)]
        name: Option<String>,
    },
    /// The current documents of a record.
    List {
        #[command(flatten)]
        subject: Subject,
    },
    /// Every version of a document.
    History { id: i64 },
    /// Write a copy of a document to a new file (recorded in the audit log).
    Export {
        id: i64,
        /// The file to write; an existing file is never overwritten.
        #[arg(long)]
        out: PathBuf,
    },
    /// Remove a document attached by mistake (its latest version): its content is
    /// deleted and its name blanked; the history keeps who removed it, when and why.
    Remove {
        id: i64,
        /// Why (for example: attached to the wrong case).
        #[arg(long)]
        reason: String,
    },
}

#[derive(Subcommand)]
pub enum ChecklistCmd {
    /// A case's checklist: what is attached, marked, and still missing.
    Show { matter: i64 },
    /// Mark an item by hand: have (the clinic has it), not_needed, or missing (clear).
    Mark { matter: i64, item: String, state: String },
    /// Add the clinic's own item to every case of a kind.
    AddItem {
        #[arg(long)]
        kind: String,
        #[arg(long)]
        label: String,
    },
}

fn line(d: &Document) -> String {
    let mut s = format!("{:>5}  {}  ({}, {})", d.id, d.name, d.media_type, size(d.size));
    if d.version > 1 {
        s.push_str(&format!("  version {}", d.version));
    }
    if let Some(item) = &d.checklist_item {
        s.push_str(&format!("  for {item}"));
    }
    if d.scripted {
        s.push_str("  [contains scripts]");
    }
    s
}

fn size(bytes: i64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1u64 << 20) as f64),
        b if b >= 1 << 10 => format!("{} KB", b >> 10),
        b => format!("{b} bytes"),
    }
}

pub async fn document(store: Store, cmd: DocumentCmd, json: bool) -> Result<()> {
    match cmd {
        DocumentCmd::Add { subject, file, item, supersedes, name } => {
            let add = AddDocument { name, checklist_item: item, supersedes };
            let d = store.add_document(subject.get(), &file, &add).await?;
            print(json, &d, || format!("Attached document {}: {} ({}, {}).", d.id, d.name, d.media_type, size(d.size)));
        }
        DocumentCmd::List { subject } => {
            let list = store.documents(subject.get()).await?;
            print(json, &list, || {
                if list.is_empty() {
                    "No documents.".into()
                } else {
                    list.iter().map(line).collect::<Vec<_>>().join("\n")
                }
            });
        }
        DocumentCmd::History { id } => {
            let list = store.document_history(id).await?;
            print(json, &list, || {
                list.iter()
                    .map(|d| format!("{}  added {} by {}", line(d), d.added_at, d.added_by))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        DocumentCmd::Export { id, out } => {
            let d = store.export_document(id, &out).await?;
            #[derive(serde::Serialize)]
            struct Exported<'a> {
                document: &'a Document,
                out: String,
            }
            let shown = out.display().to_string();
            print(json, &Exported { document: &d, out: shown.clone() }, || {
                format!("Wrote {} to {shown} (checked against its SHA-256).", d.name)
            });
        }
        DocumentCmd::Remove { id, reason } => {
            store.remove_document(id, &reason).await?;
            #[derive(serde::Serialize)]
            struct Removed {
                removed: i64,
            }
            print(json, &Removed { removed: id }, || format!("Removed document {id}; its content is deleted."));
        }
    }
    Ok(())
}

pub async fn checklist(store: Store, cmd: ChecklistCmd, json: bool) -> Result<()> {
    match cmd {
        ChecklistCmd::Show { matter } => {
            let c = store.checklist(matter).await?;
            print(json, &c, || render(&c));
        }
        ChecklistCmd::Mark { matter, item, state } => {
            let state = match state.trim() {
                "have" => ItemState::Have,
                "not_needed" | "not-needed" => ItemState::NotNeeded,
                "missing" => ItemState::Missing,
                other => {
                    let shown: String = other.chars().take(30).collect();
                    return Err(amparo::model::ValidationError::one(
                        "state",
                        amparo::text::Text::new(
                            format!("\"{shown}\" is not a mark; use have, not_needed or missing."),
                            format!("«{shown}» no es una marca; use have, not_needed o missing."),
                        ),
                    )
                    .into());
                }
            };
            let c = store.mark_checklist_item(matter, &item, state).await?;
            print(json, &c, || render(&c));
        }
        ChecklistCmd::AddItem { kind, label } => {
            let kind: MatterKind = kind.parse().map_err(|t| amparo::model::ValidationError::one("kind", t))?;
            let item = store.add_clinic_item(kind, &label).await?;
            print(json, &item, || format!("Added {} to the checklist of every {} case.", item.id, item.kind.label()));
        }
    }
    Ok(())
}

fn render(c: &amparo::documents::checklist::Checklist) -> String {
    let mut out = vec![format!("Checklist of case {} ({}), {} missing:", c.matter_id, c.kind.label(), c.missing)];
    for l in &c.lines {
        let mark = match l.state {
            ItemState::Missing => "[ ]",
            ItemState::Attached => "[x]",
            ItemState::Have => "[~]",
            ItemState::NotNeeded => "[-]",
        };
        let doubt = if l.doubt.is_some() { "  (?)" } else { "" };
        out.push(format!("{mark} {:<28} {}{doubt}", l.item, l.label.en));
    }
    out.push("[x] attached  [~] marked as had  [-] not needed  (?) source not yet confirmed: see --json".into());
    out.join("\n")
}
