//! Reading the members: each member's `api/v1/index.json`, then only the lists whose version
//! differs from the cached copy, all checked before anything is kept. The last good copy of
//! each member lives in `.loa-cache/federation/<member>/` beside the portal; a member that
//! cannot be read, or whose data fails the checks, keeps that copy with a warning, and a
//! member with no good copy is left out with a warning. No member can fail the build.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{IndexFile, Member, National};
use crate::config::{FederationMember, MemberSource};
use crate::date::PartialDate;
use crate::diag::Diagnostic;

/// The cache of members' last good copies, under the portal folder.
pub(crate) const CACHE_DIR: &str = ".loa-cache/federation";
/// The largest `index.json` read from a member.
const MAX_INDEX_BYTES: u64 = 1 << 20;
/// The largest list read from a member: a 200,000-directive list with room to spare.
const MAX_LIST_BYTES: u64 = 256 << 20;
/// How long one request may take, from connecting to the last byte.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

const LISTS: [&str; 3] = ["campaigns", "directives", "deadlines"];

/// What reading the members did: the data, the warnings, and which lists were fetched (for
/// the build's report and the tests).
#[derive(Debug, Default)]
pub struct Report {
    pub national: National,
    pub warnings: Vec<Diagnostic>,
    /// `member/list` for each list fetched from a member (not taken from the cache).
    pub fetched: Vec<String>,
}

/// Reads the members of `config`'s `federation:` (None when it has none), with warnings
/// pointing at `site.yaml`: what `loa build` and `loa serve` both call.
pub(crate) fn read_configured(root: &Path, config: &crate::config::Config) -> Option<Report> {
    (!config.federation.is_empty()).then(|| read_members(root, Path::new("site.yaml"), &config.federation))
}

/// Reads every member of `members`, in parallel; `root` is the portal folder (where the cache
/// is) and `site_yaml` the file warnings point at.
pub(crate) fn read_members(root: &Path, site_yaml: &Path, members: &[FederationMember]) -> Report {
    let agent = agent();
    let results: Vec<(Option<Member>, Option<Diagnostic>, Vec<String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = members
            .iter()
            .map(|member| {
                let agent = &agent;
                scope.spawn(move || read_member(root, site_yaml, agent, member))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or((None, None, Vec::new()))).collect()
    });
    let mut report = Report::default();
    for (member, warning, fetched) in results {
        report.national.members.extend(member);
        report.warnings.extend(warning);
        report.fetched.extend(fetched);
    }
    report
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(REQUEST_TIMEOUT))
        .timeout_connect(Some(CONNECT_TIMEOUT))
        .max_redirects(3)
        .user_agent(concat!("loa/", env!("CARGO_PKG_VERSION"), " (federation)"))
        .build()
        .into()
}

/// One member: fresh when its data reads and checks, else its last good copy.
fn read_member(
    root: &Path,
    site_yaml: &Path,
    agent: &ureq::Agent,
    member: &FederationMember,
) -> (Option<Member>, Option<Diagnostic>, Vec<String>) {
    let cache = root.join(CACHE_DIR).join(&member.slug);
    let mut fetched = Vec::new();
    let position = member.position;
    let problem = match fresh(root, &cache, agent, member, &mut fetched) {
        Ok(member) => return (Some(member), None, fetched),
        Err(problem) => problem,
    };
    let kept = cached(&cache, member);
    let warning = match &kept {
        Some(copy) => Diagnostic::warning(
            site_yaml,
            position,
            crate::msg!("federation-member-kept", member = member.name, problem, built = copy.generated),
        ),
        None => Diagnostic::warning(
            site_yaml,
            position,
            crate::msg!("federation-member-dropped", member = member.name, problem),
        ),
    }
    .with_hint(crate::msg!("federation-member-hint"));
    (kept, Some(warning), fetched)
}

/// Reads the member's index, the lists whose version changed, checks all of it and saves it
/// as the last good copy.
fn fresh(
    root: &Path,
    cache: &Path,
    agent: &ureq::Agent,
    member: &FederationMember,
    fetched: &mut Vec<String>,
) -> Result<Member, crate::diag::Text> {
    let source = Source::new(root, member);
    let index_bytes = source.get(agent, "api/v1/index.json", MAX_INDEX_BYTES)?;
    let index = super::parse_index(&index_bytes, source.base())?;
    let old_index = read_cached(cache, "index.json", MAX_INDEX_BYTES)
        .and_then(|bytes| super::parse_index(&bytes, source.base()).ok());
    let mut lists = Vec::new();
    for name in LISTS {
        let wanted = list_ref(&index, name);
        let unchanged = old_index.as_ref().is_some_and(|old| list_ref(old, name).version == wanted.version);
        let cached_bytes = unchanged.then(|| read_cached(cache, &format!("{name}.json"), MAX_LIST_BYTES)).flatten();
        let bytes = match cached_bytes {
            Some(bytes) => bytes,
            None => {
                fetched.push(format!("{}/{name}", member.slug));
                source.get(agent, &source.list_path(name, &wanted.url), MAX_LIST_BYTES)?
            }
        };
        lists.push(bytes);
    }
    let (campaigns, directives, deadlines) = super::parse_lists(&index.url, &lists[0], &lists[1], &lists[2])?;
    // Lists first, the index last: a copy cut short keeps an index whose versions do not
    // match, so the next build fetches again rather than trusting a half-written list.
    for (name, bytes) in LISTS.iter().zip(&lists) {
        save(cache, &format!("{name}.json"), bytes);
    }
    save(cache, "index.json", &index_bytes);
    Ok(member_of(member, index, false, campaigns, directives, deadlines))
}

fn member_of(
    member: &FederationMember,
    index: IndexFile,
    stale: bool,
    campaigns: Vec<super::Campaign>,
    directives: Vec<super::Directive>,
    deadlines: Vec<super::Deadline>,
) -> Member {
    Member {
        name: member.name.clone(),
        slug: member.slug.clone(),
        title: crate::text::nfc(&index.title),
        generated: PartialDate::parse(&index.generated).unwrap_or(PartialDate::full(1970, 1, 1)),
        url: index.url,
        stale,
        campaigns,
        directives,
        deadlines,
    }
}

fn list_ref<'a>(index: &'a IndexFile, name: &str) -> &'a super::ListRef {
    match name {
        "campaigns" => &index.lists.campaigns,
        "directives" => &index.lists.directives,
        _ => &index.lists.deadlines,
    }
}

/// The last good copy, checked again (the cache is a file anyone could have changed).
fn cached(cache: &Path, member: &FederationMember) -> Option<Member> {
    let base = match &member.source {
        MemberSource::Url(url) => Some(url.as_str()),
        MemberSource::Folder(_) => None,
    };
    let index = super::parse_index(&read_cached(cache, "index.json", MAX_INDEX_BYTES)?, base).ok()?;
    let list = |name: &str| read_cached(cache, &format!("{name}.json"), MAX_LIST_BYTES);
    let (campaigns, directives, deadlines) =
        super::parse_lists(&index.url, &list("campaigns")?, &list("directives")?, &list("deadlines")?).ok()?;
    Some(member_of(member, index, true, campaigns, directives, deadlines))
}

fn read_cached(cache: &Path, name: &str, limit: u64) -> Option<Vec<u8>> {
    crate::content::load::read_regular(&cache.join(name), limit).ok()
}

/// Writes a cache file whole (a temporary file renamed over it). The cache only saves work:
/// a build that cannot write it is still a good build.
fn save(cache: &Path, name: &str, bytes: &[u8]) {
    if std::fs::create_dir_all(cache).is_err() {
        return;
    }
    let temporary = cache.join(format!(".{name}.part"));
    if std::fs::write(&temporary, bytes).is_ok() {
        let _ = std::fs::rename(&temporary, cache.join(name));
    }
}

/// Where a member's files are read from.
enum Source {
    Url(String),
    Folder(PathBuf),
}

impl Source {
    fn new(root: &Path, member: &FederationMember) -> Source {
        match &member.source {
            MemberSource::Url(url) => Source::Url(url.clone()),
            MemberSource::Folder(folder) => Source::Folder(root.join(folder)),
        }
    }

    /// The configured address, which the member's index must name.
    fn base(&self) -> Option<&str> {
        match self {
            Source::Url(url) => Some(url),
            Source::Folder(_) => None,
        }
    }

    /// A list's path under the member: its versioned address from the index over HTTP (so
    /// no cache between serves an old copy), its plain file in a folder.
    fn list_path(&self, name: &str, url: &str) -> String {
        match self {
            Source::Url(base) => url.strip_prefix(base.as_str()).unwrap_or(url).to_owned(),
            Source::Folder(_) => format!("api/v1/{name}.json"),
        }
    }

    fn get(&self, agent: &ureq::Agent, path: &str, limit: u64) -> Result<Vec<u8>, crate::diag::Text> {
        match self {
            Source::Url(base) => {
                let url = format!("{base}{path}");
                let mut response =
                    agent.get(&url).call().map_err(|error| crate::msg!("federation-cannot-read", url, error))?;
                response
                    .body_mut()
                    .with_config()
                    .limit(limit)
                    .read_to_vec()
                    .map_err(|error| crate::msg!("federation-cannot-read", url, error))
            }
            Source::Folder(folder) => {
                let file = folder.join(path);
                crate::content::load::read_regular(&file, limit).map_err(|e| {
                    let why = match e {
                        crate::content::load::ReadError::Io(error) => crate::msg!("federation-io", error),
                        crate::content::load::ReadError::TooLarge(bytes) => {
                            crate::msg!("federation-file-too-large", bytes, limit)
                        }
                        crate::content::load::ReadError::NotRegular(what) => {
                            crate::msg!("federation-not-regular", what)
                        }
                    };
                    crate::msg!("federation-cannot-read", url = file.display(), error = why)
                })
            }
        }
    }
}
