//! `loa`: a static site generator for Vietnamese provincial campaign portals.
//!
//! The pipeline, one module per stage: `content` (load → validate → model), `markdown`,
//! `render` (Tera theme), `output` (atomic write). `build::build` sequences them.

pub mod config;
pub mod content;
pub mod date;
pub mod diag;
pub mod markdown;
pub mod text;
