//! National aggregation: five generated provincial portals of 2,000 directives each, built
//! in parallel and served on loopback (one small HTTP server each, counting requests), and a
//! national portal built from them with `federation:`. Then one province is rebuilt with a
//! change (the national build re-reads that member's changed list only), one goes down and
//! one publishes an invalid API (a schema violation, then hostile text): warnings naming the
//! member, the last good copy kept, nothing invalid published.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde_json::Value;

use crate::support::TestSite;

/// Directives per member portal.
const DIRECTIVES: usize = 2_000;

/// Each member: its name, and a place name only its documents hold (what the national
/// search must find).
const MEMBERS: [(&str, &str); 5] = [
    ("Thanh Hóa", "Sầm Sơn"),
    ("Nghệ An", "Cửa Lò"),
    ("Hà Tĩnh", "Hồng Lĩnh"),
    ("Quảng Bình", "Đồng Hới"),
    ("Quảng Trị", "Đông Hà"),
];

/// A loopback server of one member's output folder: it counts the requests for each path
/// and can be taken down (requests are then dropped unanswered) or made to serve other
/// bytes for one path.
struct Member {
    site: TestSite,
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
    down: Arc<AtomicBool>,
    replaced: Arc<Mutex<BTreeMap<String, Vec<u8>>>>,
}

impl Member {
    fn start(name: &str, place: &str) -> Member {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("a loopback port");
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let site = TestSite::from_fixture("minimal");
        let member = Member { site, port, requests: Arc::default(), down: Arc::default(), replaced: Arc::default() };
        member.write_portal(name, place, "");
        let (out, requests, down, replaced) =
            (member.site.out(), member.requests.clone(), member.down.clone(), member.replaced.clone());
        std::thread::spawn(move || serve(server, &out, &requests, &down, &replaced));
        member
    }

    fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// The member portal: the `minimal` fixture under the member's name and address, with
    /// [`DIRECTIVES`] directives naming `place`; `extra` is added to the second one's title
    /// (one without a deadline, so the change reaches the directive list only).
    fn write_portal(&self, name: &str, place: &str, extra: &str) {
        self.site.write(
            "site.yaml",
            &format!(
                "title: Cổng thi đua tỉnh {name}\nbase_url: {}\nprovince: {name}\norganization: so-khcn-mau\n\
                 build_date: 2024-07-01\n",
                self.base_url()
            ),
        );
        for n in 0..DIRECTIVES {
            let extra = if n == 1 { extra } else { "" };
            let deadline = if n % 10 == 0 {
                format!("deadlines:\n  - date: 2024-{:02}-{:02}\n    what: Gửi báo cáo {n}\n", 7 + n % 6, 1 + n % 28)
            } else {
                String::new()
            };
            self.site.write(
                &format!("content/directives/2024/vb-{n:04}.md"),
                &format!(
                    "---\ntitle: Kế hoạch thi đua số {n} tại {place}{extra}\ndoc_type: ke-hoach\n\
                     number: {n}/KH-SKHCN\nissuer: so-khcn-mau\ndate: 2024-{:02}-{:02}\n\
                     campaigns: [hoi-thi-mau]\n{deadline}---\nNội dung kế hoạch {n} của tỉnh {name}.\n",
                    1 + n % 12,
                    1 + n % 28
                ),
            );
        }
    }

    /// The member's published list `name` (as served now).
    fn published(&self, name: &str) -> Value {
        let path = format!("/api/v1/{name}.json");
        let bytes = self.replaced.lock().unwrap().get(&path).cloned();
        let bytes = bytes.unwrap_or_else(|| std::fs::read(self.site.out().join(&path[1..])).unwrap());
        serde_json::from_slice(&bytes).unwrap()
    }

    /// Serves `bytes` as list `name`, under a new version in the served `index.json`.
    fn publish(&self, name: &str, bytes: Vec<u8>) {
        static VERSIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let mut index = self.published("index");
        index["lists"][name]["version"] = Value::from(format!("{:032x}", VERSIONS.fetch_add(1, Ordering::SeqCst)));
        let mut replaced = self.replaced.lock().unwrap();
        replaced.insert("/api/v1/index.json".into(), serde_json::to_vec(&index).unwrap());
        replaced.insert(format!("/api/v1/{name}.json"), bytes);
    }

    /// The paths requested since the last call, without query strings.
    fn take_requests(&self) -> Vec<String> {
        std::mem::take(&mut *self.requests.lock().unwrap())
    }
}

fn serve(
    server: tiny_http::Server,
    out: &Path,
    requests: &Mutex<Vec<String>>,
    down: &AtomicBool,
    replaced: &Mutex<BTreeMap<String, Vec<u8>>>,
) {
    for request in server.incoming_requests() {
        if down.load(Ordering::SeqCst) {
            drop(request);
            continue;
        }
        let path = request.url().split('?').next().unwrap_or("/").to_owned();
        requests.lock().unwrap().push(path.clone());
        let bytes = replaced.lock().unwrap().get(&path).cloned().or_else(|| {
            let relative = path.trim_start_matches('/');
            (!relative.contains("..")).then(|| std::fs::read(out.join(relative)).ok()).flatten()
        });
        let _ = match bytes {
            Some(bytes) => request.respond(tiny_http::Response::from_data(bytes)),
            None => request.respond(tiny_http::Response::empty(404)),
        };
    }
}

/// The national portal: the `minimal` fixture with a `federation:` list of the members.
fn national(members: &[Member]) -> TestSite {
    let site = TestSite::from_fixture("minimal");
    let mut yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    yaml.push_str("federation:\n");
    for (member, (name, _)) in members.iter().zip(MEMBERS) {
        yaml.push_str(&format!("  - name: {name}\n    base_url: {}\n", member.base_url()));
    }
    site.write("site.yaml", &yaml);
    site
}

/// Every file under the national search index, as text.
fn search_index_text(site: &TestSite) -> String {
    let mut text = String::new();
    for (path, bytes) in crate::support::snapshot(&site.out().join("tim-kiem/chi-muc")) {
        if !path.to_string_lossy().ends_with(".gz") {
            text.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
    text
}

fn warnings(diagnostics: &[loa::diag::Diagnostic]) -> Vec<String> {
    diagnostics.iter().map(|d| d.to_string()).collect()
}

#[test]
fn a_national_portal_aggregates_five_provinces_and_survives_their_faults() {
    let started = Instant::now();
    let members: Vec<Member> = MEMBERS.iter().map(|(name, place)| Member::start(name, place)).collect();
    // The provinces build in parallel, each in its own CI in real life.
    std::thread::scope(|scope| {
        for member in &members {
            scope.spawn(|| member.site.build_ok());
        }
    });
    let provinces_built = started.elapsed();

    // First national build: every member's index and its three lists.
    let site = national(&members);
    let first = Instant::now();
    let diagnostics = site.build_ok();
    let first_build = first.elapsed();
    assert!(warnings(&diagnostics).iter().all(|w| !w.contains("federation")), "{:?}", warnings(&diagnostics));
    for member in &members {
        let mut requests = member.take_requests();
        requests.sort();
        assert_eq!(
            requests,
            ["/api/v1/campaigns.json", "/api/v1/deadlines.json", "/api/v1/directives.json", "/api/v1/index.json"]
        );
    }
    let list = site.page("toan-quoc/index.html");
    let index = search_index_text(&site);
    for (member, (name, place)) in members.iter().zip(MEMBERS) {
        assert!(list.contains(&format!("href=\"{}\">{name}</a>", member.base_url())), "{name} is listed");
        assert!(list.contains(&format!("href=\"{}phong-trao/hoi-thi-mau/\"", member.base_url())), "{name}'s campaign");
        // The national search holds each province's documents, by its own place name, and
        // links to the province's page.
        assert!(index.contains(&format!("{}van-ban/vb-0001/", member.base_url())), "{name}'s document is indexed");
        assert!(index.contains(&format!("Kế hoạch thi đua số 1 tại {place}")), "{name}'s title is indexed");
        let folded = loa::text::fold(place).to_lowercase();
        assert!(index.contains(&format!("\"{folded}\"")), "`{folded}` is a search key");
    }
    assert!(!site.out().join("van-ban/vb-0001").exists(), "no copies of members' documents");
    let ics = site.page("toan-quoc/lich.ics");
    let member_events: usize = members
        .iter()
        .map(|m| {
            let list: Value =
                serde_json::from_slice(&std::fs::read(m.site.out().join("api/v1/deadlines.json")).unwrap()).unwrap();
            list["deadlines"].as_array().unwrap().len()
        })
        .sum();
    assert!(member_events >= 5 * DIRECTIVES / 10, "every member's deadlines are in its API");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), member_events, "one event per member deadline or period");
    let uid = format!("UID:thanh-hoa.van-ban-vb-0000-han-1@127.0.0.1:{}\r\n", members[0].port);
    assert!(ics.contains(&uid), "UIDs are the member's own under its slug: {uid}");
    let deadlines = site.page("toan-quoc/han/index.html");
    assert!(deadlines.contains("Hạn: Gửi báo cáo 30</a>"), "an upcoming deadline is listed");
    assert!(
        deadlines.contains(" hạn chót khác có trong tệp lịch:"),
        "past the page's length, the calendar has the rest"
    );

    // Nothing changed: only the indexes are read again.
    let unchanged = Instant::now();
    site.build_ok();
    let unchanged_build = unchanged.elapsed();
    for member in &members {
        assert_eq!(member.take_requests(), ["/api/v1/index.json"]);
    }

    // One province changes a directive and rebuilds: only its directive list is re-read.
    let (name, place) = MEMBERS[1];
    members[1].write_portal(name, place, " (sửa đổi)");
    members[1].site.build_ok();
    site.build_ok();
    for (n, member) in members.iter().enumerate() {
        let mut requests = member.take_requests();
        requests.sort();
        let expected: &[&str] =
            if n == 1 { &["/api/v1/directives.json", "/api/v1/index.json"] } else { &["/api/v1/index.json"] };
        assert_eq!(requests, expected, "member {n}");
    }
    assert!(search_index_text(&site).contains("Kế hoạch thi đua số 1 tại Cửa Lò (sửa đổi)"));

    // Faults, in one build: Hà Tĩnh is down, Quảng Bình's directive list violates the schema,
    // Quảng Trị publishes hostile text that the schema allows (a title with a script).
    members[2].down.store(true, Ordering::SeqCst);
    members[3].publish("directives", br#"{"version": 1, "directives": [{"title": 7}]}"#.to_vec());
    let mut hostile = members[4].published("campaigns");
    hostile["campaigns"][0]["title"] = Value::from("<script>alert('x')</script>");
    members[4].publish("campaigns", serde_json::to_vec(&hostile).unwrap());
    let diagnostics = warnings(&site.build_ok());
    let down = about(&diagnostics, MEMBERS[2].0);
    assert!(down.contains("cannot read") && down.contains("last good copy"), "{diagnostics:?}");
    let invalid = about(&diagnostics, MEMBERS[3].0);
    assert!(invalid.contains("directives.json") && invalid.contains("last good copy"), "{diagnostics:?}");
    assert_eq!(about(&diagnostics, MEMBERS[4].0), "", "hostile text is valid text");
    let list = site.page("toan-quoc/index.html");
    for (member, (name, _)) in members.iter().zip(MEMBERS) {
        assert!(list.contains(&format!("href=\"{}\">{name}</a>", member.base_url())), "{name} is still listed");
    }
    assert!(!list.contains("<script>alert"), "member text reaches the page escaped");
    assert!(list.contains("&lt;script&gt;alert("), "and it is shown as text");
    assert!(search_index_text(&site).contains(&format!("{}van-ban/vb-0001/", members[3].base_url())));

    // A link out of the member is refused (its last good copy stays); a member with no good
    // copy yet is left out; the build still succeeds.
    hostile["campaigns"][0]["url"] = Value::from("javascript:alert(1)");
    members[4].publish("campaigns", serde_json::to_vec(&hostile).unwrap());
    std::fs::remove_dir_all(site.root().join(".loa-cache/federation/ha-tinh")).unwrap();
    let diagnostics = warnings(&site.build_ok());
    assert!(about(&diagnostics, MEMBERS[4].0).contains("campaigns[0].url"), "{diagnostics:?}");
    assert!(about(&diagnostics, MEMBERS[2].0).contains("left out"), "{diagnostics:?}");
    let list = site.page("toan-quoc/index.html");
    assert!(!list.contains("javascript:"), "invalid member data is never published");
    assert!(list.contains("&lt;script&gt;alert("), "the last good copy is kept");
    assert!(!list.contains(&members[2].base_url()) && list.contains(&members[0].base_url()));

    eprintln!(
        "federation: {} provinces × {DIRECTIVES} directives built in parallel in {:.1} s; national build: \
         {:.2} s reading every member, {:.2} s with nothing changed",
        MEMBERS.len(),
        provinces_built.as_secs_f64(),
        first_build.as_secs_f64(),
        unchanged_build.as_secs_f64()
    );
}

/// The warning about member `name`, or an empty string.
fn about(diagnostics: &[String], name: &str) -> String {
    diagnostics.iter().find(|w| w.contains(&format!("federation member `{name}`"))).cloned().unwrap_or_default()
}

/// `federation:` entries are checked like every other key, each problem at its line.
#[test]
fn federation_settings_are_validated_with_positions() {
    let site = TestSite::from_fixture("minimal");
    let mut yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    yaml.push_str(concat!(
        "federation:\n",
        "  - name: Nghệ An\n",
        "    base_url: https://thidua.nghean.example.gov.vn/\n",
        "  - name: Nghệ An\n",
        "    base_url: ../nghe-an/public\n",
        "  - name: Hà Tĩnh\n",
        "    base_url: http://thidua.hatinh.example.gov.vn/\n",
        "  - name: Quảng Trị\n",
    ));
    site.write("site.yaml", &yaml);
    let errors = site.build_errors();
    let lines = yaml.lines().count();
    crate::support::assert_error(&errors, &format!("site.yaml:{}:", lines - 4), "listed twice");
    crate::support::assert_error(&errors, &format!("site.yaml:{}:", lines - 1), "plain http");
    crate::support::assert_error(&errors, "site.yaml:", "the required field `base_url` is missing");
}
