//! The `loa` command line: parses arguments and calls the library.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use loa::cli;

/// A build allocates and frees millions of small strings and values across threads, where
/// glibc's allocator is slow (the README's Performance section has the profile).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// loa: static site generator for Vietnamese provincial campaign portals.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of messages: vi (the default) or en. Without it, an English LC_ALL,
    /// LC_MESSAGES or LANG chooses English.
    #[arg(long, global = true, value_enum)]
    lang: Option<MessageLang>,
}

/// A language `--lang` chooses for messages.
#[derive(Clone, Copy, ValueEnum)]
enum MessageLang {
    Vi,
    En,
}

#[derive(Subcommand)]
enum Command {
    /// Build the portal into the output folder (public/ by default).
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Print only errors.
        #[arg(long, short)]
        quiet: bool,
        /// Replace the output folder even if it holds files loa did not write.
        #[arg(long)]
        clean: bool,
    },
    /// Check the portal without writing anything: exit 0 clean, 1 errors, 2 usage.
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Also check every link of the built output folder.
        #[arg(long)]
        links: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
        /// Also warn, per directive, about each field a publishing profile expects: `nd42`
        /// (Nghị định 42/2022/NĐ-CP: effect date, downloadable file, signer…).
        #[arg(long, value_enum)]
        require: Vec<RequireProfile>,
    },
    /// Create a new portal repository in DIR (new or empty): site.yaml, starter content, a README
    /// for the staff, .gitignore, and GitLab and GitHub CI files that check, build and deploy.
    Init {
        /// The folder to create the portal in; it must be empty or not exist yet.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The province, e.g. "Thanh Hóa".
        #[arg(long)]
        province: String,
        /// The organization that runs the portal, e.g. "Sở Khoa học và Công nghệ Thanh Hóa".
        #[arg(long)]
        organization: String,
        /// Add the web editor for staff (admin/): the Git host, gitlab, github or gitea.
        #[arg(long, value_parser = ["gitlab", "github", "gitea"])]
        cms: Option<String>,
    },
    /// Write a new content file with its front matter skeleton: campaign, directive, guide,
    /// person, organization or result (a contest's winners, with --campaign).
    New {
        /// campaign, directive, guide, person, organization or result.
        kind: String,
        /// The title (Vietnamese; the file name is made from it).
        title: Vec<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The contest a result belongs to (its slug): the file goes in content/results/SLUG/.
        #[arg(long)]
        campaign: Option<String>,
    },
    /// Build, serve on loopback with live reload, and rebuild what each edit changes.
    Serve {
        /// The portal folder.
        #[arg(long)]
        root: Option<PathBuf>,
        /// The output folder [default: ROOT/public].
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; loopback by default, so the preview is not on the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the portal in a browser.
        #[arg(long)]
        open: bool,
        #[arg(long)]
        drafts: bool,
        #[arg(long, short)]
        quiet: bool,
    },
    /// Turn dispatches (.docx, .pdf with text, .md, .txt) into directive files with their front matter filled in.
    Import {
        /// The files to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The portal folder (its organizations, people and campaigns are matched).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Put this campaign slug in `campaigns:`.
        #[arg(long)]
        campaign: Option<String>,
        /// Folder to write into [default: ROOT/content/directives/<year>/].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print the result, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Print a QR code for a short code (of the portal in --root) or a URL, and write PNG and SVG.
    Qr {
        /// A short code such as STKT14, or a full URL.
        target: String,
        /// The portal folder whose base_url short codes use.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write qr-<name>.png and .svg.
        #[arg(long, default_value = ".")]
        out_dir: PathBuf,
        /// Pixels per module in the PNG (16 prints a typical code about 9 cm wide at 150 dpi).
        #[arg(long, default_value_t = loa::config::DEFAULT_QR_MODULE_PX)]
        module_px: u32,
    },
    /// Count QR scans in nginx access logs (the snippet's format, common or combined; .gz
    /// too) into data/scans.json: aggregates only, a log read twice adds nothing.
    Scans {
        /// The log files.
        #[arg(required = true)]
        logs: Vec<PathBuf>,
        /// The portal folder (data/scans.json is written there).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Args)]
struct SiteArgs {
    /// The portal folder (with site.yaml and content/).
    #[arg(long)]
    root: Option<PathBuf>,
    /// The output folder [default: ROOT/public].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Override site.yaml's base_url, e.g. http://127.0.0.1:1111/.
    #[arg(long)]
    base_url: Option<String>,
    /// Include files marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Make a page over the page-weight budget (`budget:` in site.yaml) an error.
    #[arg(long)]
    strict: bool,
}

impl SiteArgs {
    fn options(self, clean: bool) -> loa::pipeline::BuildOptions {
        let mut options = cli::options(self.root, self.out, self.base_url, self.drafts, clean);
        options.strict = self.strict;
        options
    }
}

/// A publishing profile `loa check --require` checks directives against.
#[derive(Clone, Copy, ValueEnum)]
enum RequireProfile {
    Nd42,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Text,
    Json,
}

fn main() {
    let cli = Cli::parse();
    let lang = match cli.lang {
        Some(MessageLang::Vi) => loa::diag::Lang::Vi,
        Some(MessageLang::En) => loa::diag::Lang::En,
        None => loa::diag::Lang::from_env(|name| std::env::var(name).ok()),
    };
    loa::diag::set_language(lang);
    let code = match cli.command {
        Command::Build { site, quiet, clean } => cli::build(&site.options(clean), quiet),
        Command::Check { site, links, format, require } => {
            let format = match format {
                OutputFormat::Text => cli::Format::Text,
                OutputFormat::Json => cli::Format::Json,
            };
            let nd42 = require.iter().any(|p| matches!(p, RequireProfile::Nd42));
            cli::check(&site.options(false), links, format, nd42)
        }
        Command::Init { dir, province, organization, cms } => cli::init(&dir, &province, &organization, cms.as_deref()),
        Command::New { kind, title, root, campaign } => cli::new(&root, &kind, &title.join(" "), campaign.as_deref()),
        Command::Serve { root, out, port, bind, open, drafts, quiet } => {
            let root = root.unwrap_or_else(|| PathBuf::from("."));
            let root = root.canonicalize().unwrap_or(root);
            let out = out.unwrap_or_else(|| root.join("public"));
            cli::serve(&loa::serve::ServeOptions { root, out, bind, port, open, drafts, quiet })
        }
        Command::Import { files, root, campaign, out, dry_run, force } => {
            cli::import(&loa::import::ImportOptions { root, files, campaign, out, dry_run, force })
        }
        Command::Qr { target, root, out_dir, module_px } => cli::qr(&target, &root, &out_dir, module_px),
        Command::Scans { logs, root } => cli::scans(&root, &logs),
    };
    std::process::exit(code);
}
