//! The byte format of everything the clinic exchange writes: bundles, rosters, invitations
//! and join requests. One frame, one parser that refuses anything unexpected (fuzzed in
//! `fuzz/fuzz_targets/clinic_frame.rs`):
//!
//! `"AMPARO-CLINIC\n"` | kind (1 byte) | version | u32 header length | header (UTF-8 JSON)
//! | 64-byte Ed25519 signature over kind, version and header | u32 payload length | payload
//! | zero padding to a Padmé size (bundles and rosters only)
//!
//! The signature covers the header; the header carries the payload's length and SHA-256.

pub const MAGIC: &[u8; 14] = b"AMPARO-CLINIC\n";
/// 2: filings carry their review and preparer, rosters co-assignees, reviewers and the
/// review setting. 3: appointments and custody periods, filings their status check. 4:
/// documents (described in bundles, their content in objects of their own). Any change to what a frame may carry raises it, so that an older
/// Amparo waits for an update instead of refusing fields it does not know. Frames of every
/// version up to this one are read.
pub const VERSION: u8 = 4;
/// How a frame from a newer Amparo is refused: such a frame waits (it is read again after
/// an update), and one refused by an older version of this vault is read again now.
pub const NEWER: &str = "it was written by a newer Amparo";
pub const MAX_HEADER: usize = 4 << 20;
pub const MAX_PAYLOAD: usize = 1 << 30;

/// What a frame holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Bundle = 1,
    Roster = 2,
    Invite = 3,
    JoinRequest = 4,
}

impl Kind {
    fn from_byte(b: u8) -> Option<Kind> {
        Some(match b {
            1 => Kind::Bundle,
            2 => Kind::Roster,
            3 => Kind::Invite,
            4 => Kind::JoinRequest,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Bundle => "a clinic bundle",
            Kind::Roster => "a clinic roster",
            Kind::Invite => "a clinic invitation",
            Kind::JoinRequest => "a request to join a clinic",
        }
    }
}

/// A parsed frame. The signature is not checked here: only the caller knows whose it must be.
#[derive(Debug, PartialEq, Eq)]
pub struct Frame {
    pub kind: Kind,
    /// The format version it was written in (frames are written in `VERSION`).
    pub version: u8,
    pub header: Vec<u8>,
    pub signature: [u8; 64],
    pub payload: Vec<u8>,
}

impl Frame {
    /// The bytes the signature covers, for a frame written now.
    pub fn signed_bytes(kind: Kind, header: &[u8]) -> Vec<u8> {
        Self::signed_bytes_v(kind, VERSION, header)
    }

    /// The bytes a frame of `version` was signed over.
    pub fn signed_bytes_v(kind: Kind, version: u8, header: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(header.len() + 2);
        out.push(kind as u8);
        out.push(version);
        out.extend_from_slice(header);
        out
    }

    /// The bytes this frame's signature covers.
    pub fn signed(&self) -> Vec<u8> {
        Self::signed_bytes_v(self.kind, self.version, &self.header)
    }

    pub fn encode(&self, pad: bool) -> Vec<u8> {
        let mut out = Vec::with_capacity(MAGIC.len() + 10 + self.header.len() + 64 + self.payload.len());
        out.extend_from_slice(MAGIC);
        out.push(self.kind as u8);
        out.push(self.version);
        out.extend_from_slice(&(self.header.len() as u32).to_be_bytes());
        out.extend_from_slice(&self.header);
        out.extend_from_slice(&self.signature);
        out.extend_from_slice(&(self.payload.len() as u32).to_be_bytes());
        out.extend_from_slice(&self.payload);
        if pad {
            out.resize(padme(out.len()), 0);
        }
        out
    }

    /// Parses a frame of the `expected` kind. The message says what is wrong, for a person.
    pub fn decode(bytes: &[u8], expected: Kind) -> Result<Frame, String> {
        let rest = bytes.strip_prefix(MAGIC.as_slice()).ok_or_else(|| format!("it is not {}", expected.name()))?;
        let (&kind, rest) = rest.split_first().ok_or("it ends too early")?;
        let kind = Kind::from_byte(kind).ok_or("it is of an unknown kind")?;
        if kind != expected {
            return Err(format!("it is {}, not {}", kind.name(), expected.name()));
        }
        let (&version, rest) = rest.split_first().ok_or("it ends too early")?;
        if version > VERSION {
            return Err(format!("{NEWER} (format {version}); update Amparo to read it"));
        }
        if version == 0 {
            return Err("it is of an unknown format".into());
        }
        let (header, rest) = take_sized(rest, MAX_HEADER, "header")?;
        if std::str::from_utf8(header).is_err() {
            return Err("its header is not text".into());
        }
        if rest.len() < 64 {
            return Err("it ends too early (no signature)".into());
        }
        let (sig, rest) = rest.split_at(64);
        let (payload, padding) = take_sized(rest, MAX_PAYLOAD, "content")?;
        if padding.iter().any(|&b| b != 0) {
            return Err("it has bytes after its end".into());
        }
        Ok(Frame {
            kind,
            version,
            header: header.to_vec(),
            signature: sig.try_into().expect("64 bytes"),
            payload: payload.to_vec(),
        })
    }
}

fn take_sized<'a>(bytes: &'a [u8], max: usize, what: &str) -> Result<(&'a [u8], &'a [u8]), String> {
    if bytes.len() < 4 {
        return Err("it ends too early".into());
    }
    let (len, rest) = bytes.split_at(4);
    let len = u32::from_be_bytes(len.try_into().expect("4 bytes")) as usize;
    if len > max {
        return Err(format!("its {what} is too large"));
    }
    if rest.len() < len {
        return Err(format!("it is cut short (its {what} is incomplete)"));
    }
    Ok(rest.split_at(len))
}

/// Padmé (Nikitin et al., PETS 2019): rounds a length up so that at most O(log log n) bits
/// of it show, costing at most 12% more bytes.
pub fn padme(len: usize) -> usize {
    if len < 2 {
        return len;
    }
    let e = usize::BITS - 1 - len.leading_zeros();
    let s = u32::BITS - e.leading_zeros();
    let last_bits = e - s;
    let mask = (1usize << last_bits) - 1;
    (len + mask) & !mask
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame() -> Frame {
        Frame {
            kind: Kind::Bundle,
            version: VERSION,
            header: br#"{"a":1}"#.to_vec(),
            signature: [7; 64],
            payload: b"changes".to_vec(),
        }
    }

    #[test]
    fn round_trips_with_and_without_padding() {
        for pad in [false, true] {
            assert_eq!(Frame::decode(&frame().encode(pad), Kind::Bundle).unwrap(), frame());
        }
    }

    #[test]
    fn refuses_truncation_wrong_kind_and_trailing_bytes() {
        let bytes = frame().encode(false);
        for cut in 0..bytes.len() {
            assert!(Frame::decode(&bytes[..cut], Kind::Bundle).is_err(), "cut at {cut}");
        }
        assert!(Frame::decode(&bytes, Kind::Roster).unwrap_err().contains("not a clinic roster"));
        let mut extra = bytes.clone();
        extra.push(1);
        assert!(Frame::decode(&extra, Kind::Bundle).is_err());
    }

    #[test]
    fn older_versions_are_read_with_their_own_signed_bytes_and_newer_ones_wait() {
        let old = Frame { version: 1, ..frame() };
        let read = Frame::decode(&old.encode(true), Kind::Bundle).unwrap();
        assert_eq!(read.version, 1);
        assert_eq!(read.signed()[1], 1, "the signature of a format-1 frame covers its own version byte");
        assert_ne!(read.signed(), Frame::signed_bytes(Kind::Bundle, &read.header));
        let newer = Frame { version: VERSION + 1, ..frame() };
        let err = Frame::decode(&newer.encode(true), Kind::Bundle).unwrap_err();
        assert!(err.starts_with(NEWER), "{err}");
        assert!(Frame::decode(&Frame { version: 0, ..frame() }.encode(false), Kind::Bundle).is_err());
    }

    #[test]
    fn padme_rounds_up_by_at_most_an_eighth() {
        for n in [2usize, 100, 1000, 4097, 100_000, 9_999_999] {
            let p = padme(n);
            assert!(p >= n && p <= n + n / 8 + 1, "{n} -> {p}");
        }
        assert_eq!(padme(1000), 1024);
    }
}
