//! Integration tests: each builds a small portal from `tests/fixtures/` and checks what a
//! user of that feature would see.

mod build_output;
mod cms;
mod deploy;
mod federation;
mod files;
mod format;
mod import;
mod import_eval;
mod init;
mod languages;
mod layering;
mod life;
mod messages;
mod model_patch;
mod open_data;
mod output_safety;
mod qr;
mod results;
mod scans;
mod schedule;
mod search;
mod security_csp;
mod security_fs;
mod security_import;
mod security_nesting;
mod security_paths;
mod security_sanitize;
mod security_yaml;
mod sequencer;
pub mod serve;
mod serve_edits;
mod support;
mod terminal;
mod validation;
mod weight;
