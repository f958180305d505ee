//! `loa-manifest.json`: every file of a build's output with its size and MD5, written last,
//! so that any deploy tool can tell which files changed between two builds without reading
//! the previous output (or the bucket) back.
//!
//! MD5 because it is what S3-compatible object storage reports as the ETag of an object
//! uploaded in one part, and what `rclone sync --checksum` and `rclone md5sum` compare: a
//! manifest line can be checked against a bucket listing as it is. It identifies content; it
//! is not a security check (attachments carry their SHA-256 on their own pages).

use std::sync::Mutex;

use md5::{Digest, Md5};

/// The manifest's file name at the output root.
pub const FILE: &str = "loa-manifest.json";

/// The manifest's format version: bumped when a field changes meaning.
const FORMAT: u32 = 1;

/// Files collected while the build writes them (from every rendering thread).
#[derive(Debug, Default)]
pub struct Manifest {
    files: Mutex<Vec<(String, u64, [u8; 16])>>,
}

impl Manifest {
    /// Records one output file (path relative to the output root) and its bytes.
    pub fn add(&self, path: &str, bytes: &[u8]) {
        let digest: [u8; 16] = Md5::digest(bytes).into();
        let path = path.trim_start_matches('/').to_owned();
        self.files.lock().expect("manifest").push((path, bytes.len() as u64, digest));
    }

    /// The manifest as JSON: files sorted by path (byte order), one object per file, no
    /// time stamp, so two builds of the same content write the same bytes. `version` is the
    /// output's version (the one `sw.js` carries).
    pub fn to_json(&self, version: &str) -> Vec<u8> {
        let mut files = std::mem::take(&mut *self.files.lock().expect("manifest"));
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        files.dedup_by(|a, b| a.0 == b.0);
        let total: u64 = files.iter().map(|f| f.1).sum();
        // One file per line: compact (it is uploaded with every deploy) and diffable by line.
        let mut out = format!(
            "{{\"format\":{FORMAT},\"generator\":\"loa\",\"version\":{},\"files_count\":{},\"bytes\":{total},\"files\":[",
            serde_json::Value::from(version),
            files.len()
        )
        .into_bytes();
        for (i, (path, size, md5)) in files.iter().enumerate() {
            out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
            let entry = serde_json::json!({ "path": path, "size": size, "md5": hex(md5) });
            out.extend_from_slice(&serde_json::to_vec(&entry).expect("a JSON value serializes"));
        }
        out.extend_from_slice(b"\n]}");
        out.push(b'\n');
        out
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_files_sorted_with_their_md5_whatever_the_order_they_came_in() {
        let a = Manifest::default();
        a.add("b/index.html", b"b");
        a.add("/a.txt", b"");
        let b = Manifest::default();
        b.add("a.txt", b"");
        b.add("b/index.html", b"b");
        let json = a.to_json("v1");
        assert_eq!(json, b.to_json("v1"), "deterministic");
        let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(value["files"][0]["path"], "a.txt");
        assert_eq!(value["files"][0]["md5"], "d41d8cd98f00b204e9800998ecf8427e", "MD5 of nothing");
        assert_eq!(value["files"][1]["size"], 1);
        assert_eq!(value["files_count"], 2);
    }
}
