//! Client details read from a file or standard input rather than from argv, where the
//! shell history on a stolen disk would keep them.

use std::io::Read;
use std::path::Path;

use amparo::{Error, Result};

/// The most text read this way: a note or a client record, not a spreadsheet.
const MAX: u64 = 1 << 20;

/// The whole text of `path`, or of standard input for "-".
pub fn read_text(path: &Path) -> Result<String> {
    let mut text = String::new();
    let read = if path == Path::new("-") {
        std::io::stdin().take(MAX + 1).read_to_string(&mut text)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX + 1).read_to_string(&mut text))
    };
    read.map_err(|e| Error::io(path, e))?;
    if text.len() as u64 > MAX {
        return Err(Error::io(path, std::io::Error::other("it is longer than 1 MiB")));
    }
    Ok(text)
}
