//! Deploying to S3-compatible object storage with the starter CI's deploy script
//! (`src/init/starter/deploy.sh`, rclone) against moto's S3 server on loopback: the first
//! deploy uploads every file but the `.gz` twins; a rebuild with one directive changed uploads
//! exactly the files whose MD5 changed in `loa-manifest.json`; a build that lost most of its
//! files is refused before anything is uploaded or deleted.
//!
//! Needs `rclone` (Debian's package) and `moto_server` (`moto[server]` from
//! tests/requirements.txt); without them the test is skipped on a developer's machine and
//! fails in CI (`CI` set), where .ci/run installs both.

use std::collections::BTreeMap;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Output};
use std::time::{Duration, Instant};

use crate::support::TestSite;

const BUCKET: &str = "portal-deploy-test";

/// Whether `program --version`-like `args` run here; missing, skips locally and fails in CI.
fn available(program: &str, args: &[&str], install: &str) -> bool {
    let found = Command::new(program).args(args).output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none_or(|v| v.is_empty()),
            "{program} is missing: the object-storage deploy cannot be tested ({install})"
        );
        eprintln!("skipped: {program} is not installed ({install})");
    }
    found
}

/// moto's S3 server on a free loopback port, stopped when dropped.
struct Moto {
    child: Child,
    endpoint: String,
}

impl Moto {
    fn start() -> Moto {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new("moto_server")
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("moto_server starts");
        let address: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let started = Instant::now();
        while TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(60), "moto_server did not listen on {address}");
            std::thread::sleep(Duration::from_millis(100));
        }
        Moto { child, endpoint: format!("http://{address}") }
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// A command with the variables a CI deploy job has for the bucket (and none of the host's
/// AWS settings: a CA bundle for real endpoints breaks plain-HTTP loopback).
fn with_bucket(mut command: Command, moto: &Moto) -> Command {
    command
        .env_remove("AWS_CA_BUNDLE")
        .env_remove("AWS_PROFILE")
        .env("DEPLOY_S3_BUCKET", BUCKET)
        .env("DEPLOY_S3_ENDPOINT", &moto.endpoint)
        .env("DEPLOY_S3_ACCESS_KEY_ID", "test")
        .env("DEPLOY_S3_SECRET_ACCESS_KEY", "test")
        .env("RCLONE_CONFIG_LOA_TYPE", "s3")
        .env("RCLONE_CONFIG_LOA_PROVIDER", "Other")
        .env("RCLONE_CONFIG_LOA_ENDPOINT", &moto.endpoint)
        .env("RCLONE_CONFIG_LOA_REGION", "us-east-1")
        .env("RCLONE_CONFIG_LOA_ACCESS_KEY_ID", "test")
        .env("RCLONE_CONFIG_LOA_SECRET_ACCESS_KEY", "test")
        .env_remove("DEPLOY_TARGET")
        .env_remove("DEPLOY_FORCE");
    command
}

/// Runs the starter's deploy script in `dir` (which holds `public/`), rclone logging each
/// object it copies or deletes; returns the output and the paths copied.
fn deploy(dir: &Path, moto: &Moto, extra: &[(&str, &str)]) -> (Output, Vec<String>) {
    let script = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/init/starter/deploy.sh"))
        .expect("the starter's deploy script");
    let mut command = Command::new("sh");
    command.args(["-ec", &script]).current_dir(dir).env("RCLONE_VERBOSE", "1");
    let mut command = with_bucket(command, moto);
    for (key, value) in extra {
        command.env(key, value);
    }
    let output = command.output().unwrap();
    let log = text(&output);
    let copied = log
        .lines()
        .filter_map(|l| l.split_once("INFO  : ")?.1.split_once(": Copied (").map(|(path, _)| path.to_owned()))
        .collect();
    (output, copied)
}

/// The bucket's objects and their MD5 (the ETag of a one-part upload).
fn bucket(moto: &Moto) -> BTreeMap<String, String> {
    let mut command = Command::new("rclone");
    command.args(["lsjson", "-R", "--files-only", "--hash", &format!("loa:{BUCKET}")]);
    let output = with_bucket(command, moto).output().unwrap();
    assert!(output.status.success(), "{}", text(&output));
    let listing: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    listing
        .iter()
        .map(|o| (o["Path"].as_str().unwrap().to_owned(), o["Hashes"]["md5"].as_str().unwrap_or("").to_owned()))
        .collect()
}

/// `loa-manifest.json` of an output: path → MD5.
fn manifest(out: &Path) -> BTreeMap<String, String> {
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join(loa::output::manifest::FILE)).unwrap()).unwrap();
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap().to_owned(), f["md5"].as_str().unwrap().to_owned()))
        .collect()
}

/// What object storage gets: every file but the `.gz` twins (nginx's `gzip_static` only),
/// the manifest included.
fn published(manifest: &BTreeMap<String, String>, out: &Path) -> BTreeMap<String, String> {
    let mut files: BTreeMap<String, String> =
        manifest.iter().filter(|(p, _)| !p.ends_with(".gz")).map(|(p, m)| (p.clone(), m.clone())).collect();
    let own = std::fs::read(out.join(loa::output::manifest::FILE)).unwrap();
    let md5: String = <md5::Md5 as md5::Digest>::digest(&own).iter().map(|b| format!("{b:02x}")).collect();
    files.insert(loa::output::manifest::FILE.to_owned(), md5);
    files
}

#[test]
fn object_storage_deploy_uploads_only_changed_files_and_refuses_a_mass_deletion() {
    if !available("rclone", &["version"], "apt-get install -y rclone")
        || !available("moto_server", &["--help"], "pip install -r tests/requirements.txt")
    {
        return;
    }
    let moto = Moto::start();
    let mut mkdir = Command::new("rclone");
    mkdir.args(["mkdir", &format!("loa:{BUCKET}")]);
    let made = with_bucket(mkdir, &moto).output().unwrap();
    assert!(made.status.success(), "{}", text(&made));

    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let out = site.out();
    let first = published(&manifest(&out), &out);
    let (output, copied) = deploy(site.dir.path(), &moto, &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(bucket(&moto), first, "the bucket holds every file but the .gz twins, with the manifest's MD5");
    assert_eq!(copied.len(), first.len(), "first deploy: every file uploaded once");
    eprintln!("first deploy: {} objects uploaded", copied.len());

    // The same build again: nothing to upload.
    let (output, copied) = deploy(site.dir.path(), &moto, &[]);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(copied, Vec::<String>::new(), "an unchanged output uploads nothing");

    // One directive changed: exactly the files whose MD5 changed in the manifest go up.
    let directive = site.root().join("content/directives/2024/kh-45-skhcn.md");
    let source = std::fs::read_to_string(&directive).unwrap();
    std::fs::write(&directive, format!("{source}\nMột đoạn bổ sung sau khi ban hành.\n")).unwrap();
    site.build_ok();
    let second = published(&manifest(&out), &out);
    let mut changed: Vec<String> =
        second.iter().filter(|(p, md5)| first.get(*p) != Some(*md5)).map(|(p, _)| p.clone()).collect();
    let (output, mut copied) = deploy(site.dir.path(), &moto, &[]);
    assert!(output.status.success(), "{}", text(&output));
    copied.sort();
    changed.sort();
    assert!(changed.iter().any(|p| p.starts_with("van-ban/")), "the directive's page changed: {changed:?}");
    assert!(changed.len() < first.len() / 2, "one directive changes few files: {changed:?}");
    assert_eq!(copied, changed, "the upload is exactly the files whose content changed");
    assert_eq!(bucket(&moto), second);
    eprintln!("one directive changed: {} of {} objects uploaded", copied.len(), second.len());

    // A build that lost most of its files: refused before anything is uploaded or deleted.
    let before = bucket(&moto);
    for section in ["van-ban", "phong-trao", "tep"] {
        let _ = std::fs::remove_dir_all(out.join(section));
    }
    let (refused, copied) = deploy(site.dir.path(), &moto, &[("DEPLOY_MAX_DELETE", "5")]);
    assert!(!refused.status.success(), "{}", text(&refused));
    assert!(text(&refused).contains("DEPLOY_MAX_DELETE"), "{}", text(&refused));
    assert!(copied.is_empty(), "nothing uploaded: {copied:?}");
    assert_eq!(bucket(&moto), before, "nothing deleted");
    // Forced, it goes through.
    let (forced, _) = deploy(site.dir.path(), &moto, &[("DEPLOY_MAX_DELETE", "5"), ("DEPLOY_FORCE", "1")]);
    assert!(forced.status.success(), "{}", text(&forced));
    assert!(!bucket(&moto).keys().any(|p| p.starts_with("van-ban/")));
}
