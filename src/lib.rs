//! `loa`: a static site generator for Vietnamese provincial campaign portals.
//!
//! The pipeline, one module per stage: `content` (load → validate → model), `markdown`,
//! `render` (the Tera theme), `output` (atomic write); `check` inspects a built portal.
//! `pipeline::build` sequences them. `text` owns Vietnamese text handling for all stages.

#![warn(unreachable_pub)]
pub mod check;
pub mod cli;
pub(crate) mod cms;
pub mod config;
pub mod content;
pub mod date;
pub mod diag;
pub(crate) mod federation;
pub mod feeds;
pub mod hash;
pub(crate) mod i18n;
pub(crate) mod images;
pub mod import;
pub(crate) mod init;
pub mod markdown;
pub(crate) mod new;
pub mod output;
pub mod pipeline;
pub mod pwa;
pub mod qr;
pub mod render;
pub mod scans;
pub(crate) mod search;
pub mod sequencer;
pub mod serve;
pub(crate) mod snippet;
pub mod text;
pub mod weight;
pub mod yaml;
