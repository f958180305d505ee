//! Property and fuzz tests of every parser a content author or an imported document
//! reaches: random, structured-random and mutated input must never panic, hang, exhaust
//! memory or write outside the output folder. Small case counts by default;
//! `benches/fuzz.sh` runs each property with 1,000,000 cases.

mod content;
mod import;
mod portal;
mod search;
mod support;

#[global_allocator]
static ALLOCATOR: support::CountingAllocator = support::CountingAllocator;
