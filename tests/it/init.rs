//! `loa init`: the new portal builds with no diagnostic at all, its CI files parse and name
//! their check, build and deploy steps, and the CI's own commands, run here with a local
//! folder as the deploy target, publish the site.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use loa::date::PartialDate;
use loa::pipeline::{self, BuildOptions};
use loa::yaml::parse_yaml;
use serde_json::Value;

const PROVINCE: &str = "Thanh Hóa";
const ORGANIZATION: &str = "Sở Khoa học và Công nghệ Thanh Hóa";
const ORG_SLUG: &str = "so-khoa-hoc-va-cong-nghe-thanh-hoa";

fn loa() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_loa"));
    command.env("LC_ALL", "en_US.UTF-8");
    command
}

fn init_args(command: &mut Command) -> &mut Command {
    command.args(["--province", PROVINCE, "--organization", ORGANIZATION])
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// `loa init` into a folder that does not exist yet; returns (temp dir, portal folder).
fn new_portal() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("cong-thi-dua");
    let output = init_args(loa().arg("init").arg(&root)).output().unwrap();
    assert!(output.status.success(), "loa init failed:\n{}", text(&output));
    (temp, root)
}

fn read(root: &Path, relative: &str) -> String {
    std::fs::read_to_string(root.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

fn yaml(root: &Path, relative: &str) -> Value {
    parse_yaml(&read(root, relative), 1).unwrap_or_else(|e| panic!("{relative} is not YAML: {}", e.message))
}

fn files(root: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

#[test]
fn init_writes_a_portal_that_builds_with_no_diagnostics_at_all() {
    let (_temp, root) = new_portal();
    let year = PartialDate::today_in_vietnam().year;
    let campaign = format!("content/campaigns/phong-trao-thi-dua-nam-{year}/index.md");
    let guide = format!("content/guides/huong-dan-tham-gia-phong-trao-thi-dua-nam-{year}.md");
    let listed = files(&root);
    for expected in [
        "site.yaml",
        ".gitignore",
        "README.md",
        ".gitlab-ci.yml",
        ".github/workflows/portal.yml",
        &format!("content/contacts/organizations/{ORG_SLUG}.md"),
        "content/contacts/people/nguoi-lien-he.md",
        &campaign,
        &guide,
    ] {
        assert!(listed.iter().any(|f| f == expected), "{expected} missing from {listed:?}");
    }
    assert_eq!(listed.iter().filter(|f| f.starts_with("content/directives/")).count(), 1, "{listed:?}");
    assert_eq!(listed.len(), 10, "{listed:?}");

    for file in &listed {
        let text = read(&root, file);
        assert_eq!(loa::text::nfc(&text), text, "{file} is not NFC");
        if file.starts_with("content/") {
            assert!(text.contains("[Điền "), "{file} marks what to fill in");
        }
    }

    let site = yaml(&root, "site.yaml");
    assert_eq!(site["province"], PROVINCE);
    assert_eq!(site["organization"], ORG_SLUG);
    assert_eq!(site["base_url"], "https://example.gov.vn/");
    assert_eq!(site["title"], format!("Cổng thông tin thi đua – sáng tạo {PROVINCE}"));
    assert!(read(&root, "site.yaml").contains("# build_date:"), "optional settings are shown commented out");
    let organization = read(&root, &format!("content/contacts/organizations/{ORG_SLUG}.md"));
    assert!(organization.contains(&format!("title: \"{ORGANIZATION}\"")));
    assert!(read(&root, ".gitignore").lines().any(|l| l == "public/"));
    let readme = read(&root, "README.md");
    for words in
        ["loa serve", "loa check", "loa new directive", "tệp:dòng:cột: error:", "DEPLOY_TARGET", "Tệp đính kèm"]
    {
        assert!(readme.contains(words), "the README explains {words}");
    }

    // The campaign is running today.
    let front = read(&root, &campaign);
    let front = front.split("---\n").nth(1).unwrap();
    let campaign = parse_yaml(front, 2).unwrap();
    let today = PartialDate::today_in_vietnam();
    let date = |key: &str| PartialDate::parse(campaign[key].as_str().unwrap()).unwrap();
    assert!(date("start") < today && today < date("end"), "{campaign}");

    let out = root.parent().unwrap().join("out");
    let mut options = BuildOptions::new(&root);
    options.out = out.clone();
    let outcome = pipeline::build(&options);
    let diagnostics: Vec<String> = outcome.diagnostics.iter().map(ToString::to_string).collect();
    assert!(diagnostics.is_empty(), "the new portal builds with no diagnostics, got:\n{}", diagnostics.join("\n"));
    assert!(out.join("index.html").is_file());
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("Phong trào thi đua [Điền tên phong trào]"));

    let check = loa().arg("check").current_dir(&root).output().unwrap();
    assert!(check.status.success(), "{}", text(&check));
    assert!(text(&check).contains("0 error(s), 0 warning(s)"), "{}", text(&check));
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let temp = tempfile::tempdir().unwrap();
    std::fs::write(temp.path().join("ghi-chu.txt"), "của tôi").unwrap();
    let output = init_args(loa().arg("init").arg(temp.path())).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("is not empty (it holds `ghi-chu.txt`)"), "{}", text(&output));
    assert_eq!(files(temp.path()), ["ghi-chu.txt"], "nothing was written");

    // Any entry counts, a hidden folder too.
    let hidden = tempfile::tempdir().unwrap();
    std::fs::create_dir(hidden.path().join(".git")).unwrap();
    let output = init_args(loa().arg("init").arg(hidden.path())).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(!hidden.path().join("site.yaml").exists());
}

#[test]
fn init_writes_into_the_current_folder_by_default() {
    let temp = tempfile::tempdir().unwrap();
    let output = init_args(loa().arg("init").current_dir(temp.path())).output().unwrap();
    assert!(output.status.success(), "{}", text(&output));
    assert!(temp.path().join("site.yaml").is_file());
    assert!(temp.path().join(".gitlab-ci.yml").is_file());
}

#[test]
fn init_needs_a_province_and_an_organization() {
    let temp = tempfile::tempdir().unwrap();
    let output = loa().args(["init", "--province", PROVINCE]).current_dir(temp.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    let output = loa()
        .args(["init", "--province", "  ", "--organization", ORGANIZATION])
        .current_dir(temp.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert_eq!(files(temp.path()), Vec::<String>::new());
}

/// Whether rsync can run here. Missing, it skips the test on a developer's machine and fails
/// it in CI (`CI` set), where .ci/run installs it.
fn rsync_available() -> bool {
    let found = Command::new("rsync").arg("--version").output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none_or(|v| v.is_empty()),
            "rsync is missing: the deploy step cannot be tested (apt-get install -y rsync)"
        );
        eprintln!("skipped: rsync is not installed (apt-get install -y rsync)");
    }
    found
}

/// The environment a CI run has once its variables are set, with a local deploy target.
struct Ci {
    temp: tempfile::TempDir,
    root: PathBuf,
    target: PathBuf,
}

impl Ci {
    fn new() -> Ci {
        let (temp, root) = new_portal();
        let target = temp.path().join("www");
        std::fs::create_dir(&target).unwrap();
        // Something an earlier deploy left: `--delete` removes it.
        std::fs::write(target.join("cu.html"), "old").unwrap();
        Ci { temp, root, target }
    }

    /// Runs one step's commands as the CI would, `sh -e` in the portal folder.
    fn run(&self, name: &str, script: &str, extra: &[(&str, &str)]) -> Output {
        let bin = Path::new(env!("CARGO_BIN_EXE_loa")).parent().unwrap();
        let path = std::env::join_paths(
            std::iter::once(bin.to_path_buf()).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
        )
        .unwrap();
        let mut command = Command::new("sh");
        command
            .args(["-ec", script])
            .current_dir(&self.root)
            .env("PATH", path)
            .env("LOA_INSTALL", "echo using the loa under test")
            .env("CARGO_INSTALL_ROOT", self.temp.path().join("tools"))
            .env("CI_PROJECT_DIR", &self.root)
            .env("GITHUB_PATH", self.temp.path().join("github-path"))
            .env("DEPLOY_TARGET", format!("{}/", self.target.display()))
            .env_remove("DEPLOY_SSH_KEY")
            .env_remove("DEPLOY_KNOWN_HOSTS")
            .env_remove("DEPLOY_SSH_PORT");
        for (key, value) in extra {
            command.env(key, value);
        }
        let output = command.output().unwrap();
        eprintln!("--- {name}\n{script}\n{}", text(&output));
        output
    }

    fn run_ok(&self, name: &str, script: &str) {
        let output = self.run(name, script, &[]);
        assert!(output.status.success(), "the step `{name}` failed:\n{}", text(&output));
    }

    /// A deploy of an unchanged `public/` (a scheduled rebuild that changed nothing) copies
    /// nothing; one file changed, and the next deploy copies it.
    fn assert_second_deploy_copies_nothing(&self, deploy: &str) {
        let index = self.target.join("index.html");
        let again = self.run("deploy again", deploy, &[]);
        assert!(again.status.success(), "{}", text(&again));
        assert!(text(&again).contains("nothing to deploy"), "{}", text(&again));
        assert!(!text(&again).contains("deployed public/"), "{}", text(&again));
        let changed =
            format!("{}<!-- rebuilt -->", std::fs::read_to_string(self.root.join("public/index.html")).unwrap());
        std::fs::write(self.root.join("public/index.html"), &changed).unwrap();
        let changed_run = self.run("deploy a change", deploy, &[]);
        assert!(changed_run.status.success(), "{}", text(&changed_run));
        assert!(text(&changed_run).contains("deployed public/"), "{}", text(&changed_run));
        assert_eq!(std::fs::read_to_string(index).unwrap(), changed);
    }

    fn assert_published(&self) {
        let index = self.target.join("index.html");
        assert!(index.is_file(), "the deploy target holds index.html");
        assert_eq!(std::fs::read(index).unwrap(), std::fs::read(self.root.join("public/index.html")).unwrap());
        assert!(self.target.join("phong-trao").is_dir());
        assert!(!self.target.join("cu.html").exists(), "rsync --delete removed what the site no longer has");
    }
}

fn lines(value: &Value) -> Vec<String> {
    match value {
        Value::Null => Vec::new(),
        Value::String(line) => vec![line.clone()],
        Value::Array(items) => items.iter().map(|i| i.as_str().expect("a command line").to_owned()).collect(),
        other => panic!("not a script: {other}"),
    }
}

const DEPLOY_COMMAND: &str = "rsync -rlcz --delete public/ \"$DEPLOY_TARGET\"";

#[test]
fn gitlab_ci_checks_builds_and_deploys_with_its_own_commands() {
    let ci = Ci::new();
    let gitlab = yaml(&ci.root, ".gitlab-ci.yml");
    assert_eq!(gitlab["stages"], serde_json::json!(["check", "build", "deploy"]));
    assert_eq!(gitlab["default"]["image"], "rust:1");
    assert_eq!(gitlab["variables"]["LOA_INSTALL"], "cargo install --locked loa");
    assert_eq!(gitlab["check"]["script"], serde_json::json!(["loa check"]));
    assert!(lines(&gitlab["build"]["script"]).contains(&"loa build".to_owned()));
    assert_eq!(gitlab["build"]["artifacts"]["paths"], serde_json::json!(["public/"]));
    assert_eq!(gitlab["deploy"]["stage"], "deploy");
    assert_eq!(gitlab["deploy"]["rules"][0]["if"], "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH");
    assert!(lines(&gitlab["deploy"]["script"]).concat().contains(DEPLOY_COMMAND));
    for job in ["check", "build"] {
        assert!(lines(&gitlab[job]["before_script"]).contains(&"sh -c \"$LOA_INSTALL\"".to_owned()));
    }
    if !rsync_available() {
        return;
    }
    let job_script =
        |job: &str| [lines(&gitlab[job]["before_script"]), lines(&gitlab[job]["script"])].concat().join("\n");

    // Without the target variable the deploy stops and says which variable to set.
    let unset = ci.run("deploy before build", &job_script("deploy"), &[("DEPLOY_TARGET", "")]);
    assert!(!unset.status.success());
    assert!(text(&unset).contains("DEPLOY_TARGET"), "{}", text(&unset));

    for job in ["check", "build"] {
        ci.run_ok(job, &job_script(job));
    }
    // A deploy that would delete more than DEPLOY_MAX_DELETE files copies nothing.
    let guarded = ci.run("deploy over the deletion limit", &job_script("deploy"), &[("DEPLOY_MAX_DELETE", "0")]);
    assert!(!guarded.status.success());
    assert!(text(&guarded).contains("DEPLOY_MAX_DELETE"), "{}", text(&guarded));
    assert!(!ci.target.join("index.html").exists() && ci.target.join("cu.html").exists(), "nothing copied or deleted");
    ci.run_ok("deploy", &job_script("deploy"));
    ci.assert_published();
    ci.assert_second_deploy_copies_nothing(&job_script("deploy"));

    // A key without the server's known host key is refused rather than trusted blindly.
    let no_known_hosts = ci.run("deploy with a key", &job_script("deploy"), &[("DEPLOY_SSH_KEY", "not a key")]);
    assert!(!no_known_hosts.status.success());
    assert!(text(&no_known_hosts).contains("DEPLOY_KNOWN_HOSTS"), "{}", text(&no_known_hosts));
}

#[test]
fn github_workflow_checks_builds_and_deploys_with_its_own_commands() {
    let ci = Ci::new();
    let github = yaml(&ci.root, ".github/workflows/portal.yml");
    let jobs = &github["jobs"];
    let steps = |job: &str| jobs[job]["steps"].as_array().unwrap().clone();
    let named = |job: &str, name: &str| {
        steps(job)
            .into_iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("no step `{name}` in the job `{job}`"))
    };
    assert_eq!(named("build", "Check")["run"], "loa check");
    assert!(named("build", "Build")["run"].as_str().unwrap().lines().any(|l| l == "loa build"));
    assert!(named("deploy", "Deploy")["run"].as_str().unwrap().contains(DEPLOY_COMMAND));
    assert_eq!(named("deploy", "Deploy")["env"]["DEPLOY_TARGET"], "${{ vars.DEPLOY_TARGET }}");
    assert_eq!(steps("build")[0]["uses"], "actions/checkout@v4");
    assert_eq!(jobs["deploy"]["needs"], "build");
    assert!(jobs["deploy"]["if"].as_str().unwrap().contains("github.event.repository.default_branch"));
    assert!(github["on"].get("push").is_some() && github["on"].get("pull_request").is_some());
    if !rsync_available() {
        return;
    }
    // Every `run:` step in order; `uses:` steps (checkout, cache, artifacts) are GitHub's own.
    for job in ["build", "deploy"] {
        for step in steps(job) {
            if let Some(script) = step["run"].as_str() {
                ci.run_ok(step["name"].as_str().unwrap_or("step"), script);
            }
        }
    }
    ci.assert_published();
}

/// The schedule every generated CI file runs on: 17:05 UTC, 00:05 in Vietnam.
const SCHEDULE: &str = "5 17 * * *";

/// A five-field cron expression (minute hour day month weekday) checked by the `cron` crate,
/// which wants seconds first; returns its next three runs after `from`.
fn next_runs(expression: &str, from: &str) -> Vec<String> {
    use std::str::FromStr;
    assert_eq!(expression.split_whitespace().count(), 5, "GitHub and GitLab take five fields: `{expression}`");
    let schedule = cron::Schedule::from_str(&format!("0 {expression}")).expect("a valid cron expression");
    let from: chrono::DateTime<chrono::Utc> = from.parse().unwrap();
    schedule.after(&from).take(3).map(|t| t.to_rfc3339()).collect()
}

#[test]
fn ci_files_rebuild_every_day_at_five_past_midnight_in_vietnam() {
    let (_temp, root) = new_portal();
    let github = yaml(&root, ".github/workflows/portal.yml");
    let crons: Vec<&str> =
        github["on"]["schedule"].as_array().expect("on.schedule").iter().map(|s| s["cron"].as_str().unwrap()).collect();
    assert_eq!(crons, [SCHEDULE]);
    // Pushes and pull requests still build; a scheduled run on the default branch deploys.
    assert!(github["on"].get("push").is_some() && github["on"].get("pull_request").is_some());
    assert!(!github["jobs"]["deploy"]["if"].as_str().unwrap().contains("schedule"), "schedules deploy too");
    assert_eq!(
        next_runs(crons[0], "2026-12-04T17:05:00Z"),
        ["2026-12-05T17:05:00+00:00", "2026-12-06T17:05:00+00:00", "2026-12-07T17:05:00+00:00"],
        "daily at 17:05 UTC, i.e. 00:05 of the next day in Vietnam (UTC+7)"
    );

    // GitLab reads schedules from its settings only: the file accepts scheduled pipelines, and
    // its header gives the staff the same expression to enter.
    let gitlab_text = read(&root, ".gitlab-ci.yml");
    let gitlab = yaml(&root, ".gitlab-ci.yml");
    let rules: Vec<&str> =
        gitlab["workflow"]["rules"].as_array().unwrap().iter().filter_map(|r| r["if"].as_str()).collect();
    assert_eq!(rules[0], "$CI_PIPELINE_SOURCE == \"schedule\"");
    assert!(gitlab["workflow"]["rules"][0].get("when").is_none(), "scheduled pipelines run");
    let told = gitlab_text
        .lines()
        .find_map(|l| l.split_once("glab schedule create --cron \"").map(|(_, rest)| rest.split('"').next().unwrap()))
        .expect("the header says how to create the schedule");
    assert_eq!(told, SCHEDULE);
    assert!(gitlab_text.contains(&format!("#   {SCHEDULE}    (17:05 giờ UTC = 00:05 giờ Việt Nam)")));
    assert!(gitlab_text.contains("--cronTimeZone UTC"));
}
