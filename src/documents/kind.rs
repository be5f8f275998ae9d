//! What a file is, read from its first bytes (its name's extension says nothing: a
//! program can be called "passport.pdf"). Only kinds a clinic keeps as evidence are
//! offered to the system's viewer; a program is refused outright.

use serde::Serialize;

/// The broad kind of a document, for its icon, for whether it may be opened, and for
/// the words the app uses about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FileKind {
    Pdf,
    Image,
    Word,
    Spreadsheet,
    Audio,
    Video,
    Text,
    /// A zip or other archive: kept, never unpacked or opened by Amparo (a zip bomb
    /// posing as a document stays inert), exported on request.
    Archive,
    Other,
}

impl FileKind {
    /// Whether the app hands it to the system's viewer.
    pub fn can_open(self) -> bool {
        !matches!(self, FileKind::Archive | FileKind::Other)
    }

    pub(crate) fn from_media_type(media: &str) -> FileKind {
        match media {
            "application/pdf" => FileKind::Pdf,
            "application/msword"
            | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            | "application/vnd.oasis.opendocument.text"
            | "application/rtf" => FileKind::Word,
            "application/vnd.ms-excel"
            | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            | "application/vnd.oasis.opendocument.spreadsheet" => FileKind::Spreadsheet,
            "text/plain" => FileKind::Text,
            m if m.starts_with("image/") => FileKind::Image,
            m if m.starts_with("audio/") => FileKind::Audio,
            m if m.starts_with("video/") => FileKind::Video,
            "application/zip"
            | "application/x-7z-compressed"
            | "application/x-rar-compressed"
            | "application/x-tar"
            | "application/gzip"
            | "application/x-bzip2"
            | "application/x-xz"
            | "application/zstd" => FileKind::Archive,
            _ => FileKind::Other,
        }
    }
}

/// What the first bytes say.
#[derive(Debug, PartialEq, Eq)]
pub enum Detected {
    Kept {
        media_type: String,
        kind: FileKind,
    },
    /// A program or script: not evidence, and never to be opened from here.
    Program(&'static str),
}

/// Reads the kind from the first bytes of a file (at least the first few KiB; a Word
/// file is told from other zips by its first entries).
pub fn detect(head: &[u8]) -> Detected {
    if head.starts_with(b"#!") {
        return Detected::Program("a script");
    }
    // infer wants a whole ELF header; a truncated one is still no document.
    const MACH_O: [&[u8]; 4] = [b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe"];
    if head.starts_with(b"\x7fELF") || MACH_O.iter().any(|m| head.starts_with(m)) {
        return Detected::Program("a program");
    }
    if let Some(t) = infer::get(head) {
        if t.matcher_type() == infer::MatcherType::App {
            return Detected::Program("a program");
        }
        let media = t.mime_type();
        if media == "application/x-shellscript" {
            return Detected::Program("a script");
        }
        return Detected::Kept { media_type: media.to_string(), kind: FileKind::from_media_type(media) };
    }
    if head.starts_with(b"{\\rtf") {
        return Detected::Kept { media_type: "application/rtf".into(), kind: FileKind::Word };
    }
    let text = !head.contains(&0) && std::str::from_utf8(trim_cut_char(head)).is_ok();
    let media = if text { "text/plain" } else { "application/octet-stream" };
    Detected::Kept { media_type: media.into(), kind: FileKind::from_media_type(media) }
}

/// The head may end inside a multi-byte character: up to three bytes are left out.
fn trim_cut_char(head: &[u8]) -> &[u8] {
    for cut in 0..4.min(head.len() + 1) {
        if std::str::from_utf8(&head[..head.len() - cut]).is_ok() {
            return &head[..head.len() - cut];
        }
    }
    head
}

/// Finds, across chunk boundaries, whether a PDF names JavaScript or a launch action, so
/// the app can say so before it is opened. A marker split between two chunks is found.
#[derive(Default)]
pub struct ScriptScan {
    tail: Vec<u8>,
    pub found: bool,
}

const MARKERS: [&[u8]; 3] = [b"/JavaScript", b"/JS", b"/Launch"];
const KEEP: usize = 16;

impl ScriptScan {
    pub fn feed(&mut self, chunk: &[u8]) {
        if self.found {
            return;
        }
        // The seam: what came before (at most KEEP bytes) and the start of this chunk.
        let mut seam = std::mem::take(&mut self.tail);
        seam.extend_from_slice(&chunk[..chunk.len().min(KEEP)]);
        self.found = contains_marker(&seam) || contains_marker(chunk);
        // The last KEEP bytes seen, whether this chunk is longer or shorter than that.
        self.tail = if chunk.len() >= KEEP {
            chunk[chunk.len() - KEEP..].to_vec()
        } else {
            let mut t = seam[..seam.len() - chunk.len()].to_vec();
            t.extend_from_slice(chunk);
            t[t.len().saturating_sub(KEEP)..].to_vec()
        };
    }
}

fn contains_marker(hay: &[u8]) -> bool {
    MARKERS.iter().any(|m| hay.windows(m.len()).any(|w| w == *m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(bytes: &[u8]) -> Detected {
        detect(bytes)
    }

    #[test]
    fn the_content_decides_not_the_name() {
        assert_eq!(
            kind(b"%PDF-1.7\n1 0 obj"),
            Detected::Kept { media_type: "application/pdf".into(), kind: FileKind::Pdf }
        );
        assert!(matches!(kind(b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0"), Detected::Program(_)));
        assert!(matches!(kind(b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff"), Detected::Program(_)));
        assert!(matches!(kind(b"#!/bin/sh\nrm -rf ~\n"), Detected::Program(_)));
        assert_eq!(
            kind(b"PK\x03\x04\x14\0\0\0\0\0"),
            Detected::Kept { media_type: "application/zip".into(), kind: FileKind::Archive }
        );
        assert_eq!(
            kind("Declaración de María\n".as_bytes()),
            Detected::Kept { media_type: "text/plain".into(), kind: FileKind::Text }
        );
        // A multi-byte character cut at the end of the head is still text.
        let cut = &"ñññ".as_bytes()[..5];
        assert_eq!(kind(cut), Detected::Kept { media_type: "text/plain".into(), kind: FileKind::Text });
        assert_eq!(
            kind(&[0, 1, 2, 3, 0xff, 0xfe]),
            Detected::Kept { media_type: "application/octet-stream".into(), kind: FileKind::Other }
        );
        assert!(!FileKind::Archive.can_open() && !FileKind::Other.can_open() && FileKind::Pdf.can_open());
    }

    #[test]
    fn a_script_marker_split_between_chunks_is_found() {
        let mut scan = ScriptScan::default();
        scan.feed(b"%PDF-1.7 << /Type /Catalog /OpenAction << /S /Java");
        assert!(!scan.found);
        scan.feed(b"Script /JS (app.alert(1)) >> >>");
        assert!(scan.found);
        let mut tiny = ScriptScan::default();
        for piece in b"<< /S /JavaScript >>".chunks(3) {
            tiny.feed(piece);
        }
        assert!(tiny.found, "a marker over several small chunks");
        let mut plain = ScriptScan::default();
        plain.feed(b"%PDF-1.7 << /Type /Catalog >>");
        plain.feed(b"/Pages 2 0 R");
        assert!(!plain.found);
    }
}
