//! Checks on a built portal, for `loa check` (and a portal's own CI).

pub mod links;
pub mod nd42;
