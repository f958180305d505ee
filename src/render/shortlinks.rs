//! Printed material: short-link redirect pages, QR images, A4 posters and A5 flyers, and
//! the redirect rules for web servers.

use super::Renderer;
use super::server_syntax::{self as syntax, Refused};
use super::view::paths;
use super::view::{PosterContext, PosterLink, PosterSubject, PosterView, RedirectContext, RedirectView, ShortView};
use crate::content::shortlinks::{Target, target_path};
use crate::diag::{Diagnostic, Diagnostics, Position};

/// Poster formats: (folder name, paper size; `assets/poster-<size>.css` sets its page and QR code).
pub const FORMATS: &[(&str, &str)] = &[("ap-phich", "A4"), ("to-roi", "A5")];

/// The path of a short link: `/q/STKT14/`.
pub fn short_path(code: &str) -> String {
    format!("/q/{code}/")
}

impl Renderer<'_> {
    /// The `short` view of a page: code, printed URL, QR images and print pages.
    pub fn short_view(&self, target: Target) -> Option<ShortView> {
        let code = self.site.short_links.primary.get(&target)?;
        let page = target_path(self.site, target);
        let has_posters = !matches!(target, Target::Directive(_));
        Some(ShortView {
            code: code.clone(),
            url: self.site.config.absolute(&short_path(code)),
            png_url: self.views.link(&format!("{}qr.png", short_path(code))),
            svg_url: self.views.link(&format!("{}qr.svg", short_path(code))),
            posters: if has_posters {
                FORMATS
                    .iter()
                    .map(|&(folder, size)| PosterLink { size, url: self.views.link(&format!("{page}{folder}/")) })
                    .collect()
            } else {
                Vec::new()
            },
        })
    }

    /// Redirect page and QR images of one live code.
    pub fn short_link_files(
        &self,
        code: &str,
        target: Target,
        diagnostics: &Diagnostics,
    ) -> Option<Vec<(String, Vec<u8>)>> {
        let page = target_path(self.site, target);
        let title = self.target_title(target);
        let url = self.site.config.absolute(&short_path(code));
        let qr = match crate::qr::encode(&url) {
            Ok(qr) => qr,
            Err(message) => {
                diagnostics.push(
                    Diagnostic::error("site.yaml", Position::new(1, 1), message)
                        .with_hint("use a base_url with ASCII letters only"),
                );
                return None;
            }
        };
        let folder = short_path(code).trim_start_matches('/').to_owned();
        let mut files = vec![
            (format!("{folder}qr.png"), crate::qr::png(&qr, self.site.config.qr_module_px)),
            (format!("{folder}qr.svg"), crate::qr::svg(&qr).into_bytes()),
        ];
        files.extend(self.redirect_files(&short_path(code), &page, &title, diagnostics)?);
        Some(files)
    }

    /// A static redirect page at `from` (and at its lower-case spelling, for codes typed by hand).
    pub fn redirect_files(
        &self,
        from: &str,
        to: &str,
        title: &str,
        diagnostics: &Diagnostics,
    ) -> Option<Vec<(String, Vec<u8>)>> {
        let data = RedirectContext {
            redirect: RedirectView {
                url: self.views.link(to),
                canonical: self.site.config.absolute(to),
                title: title.to_owned(),
            },
        };
        let html = self.render_template("redirect.html", &data, diagnostics)?.into_bytes();
        let mut files = vec![(format!("{}index.html", from.trim_start_matches('/')), html.clone())];
        let lower = from.to_lowercase();
        if lower != from {
            files.push((format!("{}index.html", lower.trim_start_matches('/')), html));
        }
        Some(files)
    }

    /// The A4 poster and the A5 flyer of `target`, a campaign or guide, from one view of it:
    /// what the template shows (`poster.html` reads these fields of `poster.subject`), not
    /// the whole page's view.
    pub fn posters(&self, target: Target, diagnostics: &Diagnostics) -> Option<Vec<(String, Vec<u8>)>> {
        let page = target_path(self.site, target);
        let (kind, subject, deadlines) = match target {
            Target::Campaign(i) => {
                let card = self.views.campaign_card(i);
                let subject = PosterSubject {
                    organizer: card.organizer,
                    kind: Some(card.kind),
                    title: card.title,
                    period: Some(card.period),
                    summary: card.summary,
                    phases: self.views.campaign_phases(i),
                    contacts: self.views.contact_cards(&self.site.campaigns[i].contacts),
                };
                ("campaign", subject, self.views.campaign_deadlines(i))
            }
            Target::Guide(i) => {
                let guide = &self.site.guides[i];
                let subject = PosterSubject {
                    organizer: None,
                    kind: None,
                    title: guide.title.clone(),
                    period: None,
                    summary: guide.summary.clone(),
                    phases: Vec::new(),
                    contacts: self.views.contact_cards(&guide.contacts),
                };
                ("guide", subject, Vec::new())
            }
            Target::Directive(_) => return None,
        };
        let deadlines: Vec<_> = deadlines.into_iter().filter(|d| !d.overdue).take(4).collect();
        let mut files = Vec::with_capacity(FORMATS.len());
        for (format, &(folder, size)) in FORMATS.iter().enumerate() {
            let data = PosterContext {
                poster: PosterView {
                    kind,
                    size,
                    subject: subject.clone(),
                    deadlines: deadlines.clone(),
                    short: self.short_view(target),
                    page_url: self.views.link(&page),
                },
            };
            let path = format!("{page}{folder}/");
            let name = self.views.t(if format == 0 { "poster_a4" } else { "flyer_a5" });
            let title = format!("{name} – {}", self.target_title(target));
            let html = self.render_page(&path, "poster.html", &title, None, "poster", data, diagnostics)?;
            files.push((format!("{}index.html", path.trim_start_matches('/')), html.into_bytes()));
        }
        Some(files)
    }

    fn target_title(&self, target: Target) -> String {
        match target {
            Target::Campaign(i) => self.site.campaigns[i].title.clone(),
            Target::Guide(i) => self.site.guides[i].title.clone(),
            Target::Directive(i) => self.site.directives[i].title.clone(),
        }
    }

    /// `_redirects` and `_headers` (Netlify-style hosts) and an nginx snippet with the same
    /// rules. Every value passes its syntax's escaper ([`super::server_syntax`]); a refused
    /// one fails the build.
    pub fn server_redirects(&self) -> Result<Vec<(String, Vec<u8>)>, Refused> {
        let mut rules: Vec<(String, String)> = Vec::new();
        for (code, target) in &self.site.short_links.links {
            rules.push((short_path(code), target_path(self.site, *target)));
        }
        for (code, to) in &self.site.short_links.retired {
            rules.push((short_path(code), to.clone()));
        }
        for (from, to) in self.alias_redirects() {
            rules.push((from, to));
        }
        let link = |p: &str| self.views.link(p);
        let mut netlify = String::from("# Generated by loa: short links and renamed pages.\n");
        let mut nginx = String::from("# Generated by loa: include inside the portal's `server { }` block.\n");
        for (from, to) in &rules {
            let (from, to) = (link(from), link(to));
            let target = syntax::line_word(syntax::REDIRECTS, &to)?;
            netlify.push_str(&format!("{} {target} 301\n", syntax::line_word(syntax::REDIRECTS, &from)?));
            netlify.push_str(&format!(
                "{} {target} 301\n",
                syntax::line_word(syntax::REDIRECTS, from.trim_end_matches('/'))?
            ));
            nginx.push_str(&format!(
                "location ~* {} {{ return 301 {}; }}\n",
                syntax::nginx_location_regex(&from)?,
                syntax::nginx_word(&to)?
            ));
        }
        nginx.push_str(&self.nginx_frame_policy()?);
        Ok(vec![
            ("_redirects".into(), netlify.into_bytes()),
            ("_headers".into(), self.headers_file()?.into_bytes()),
            ("loa-nginx.conf".into(), nginx.into_bytes()),
        ])
    }

    /// Old paths of renamed pages (`aliases:`) → their pages.
    pub fn alias_redirects(&self) -> Vec<(String, String)> {
        let site = self.site;
        let mut redirects = Vec::new();
        let mut add =
            |aliases: &[crate::content::fields::Spanned<String>], kind_path: fn(&str) -> String, to: String| {
                for alias in aliases {
                    let value = alias.value.trim();
                    let from = if value.starts_with('/') {
                        format!("{}/", value.trim_end_matches('/'))
                    } else {
                        kind_path(&crate::text::slugify(value))
                    };
                    if from != to {
                        redirects.push((from, to.clone()));
                    }
                }
            };
        for c in &site.campaigns {
            add(&c.aliases, paths::campaign, paths::campaign(&c.source.slug));
        }
        for g in &site.guides {
            add(&g.aliases, paths::guide, paths::guide(&g.source.slug));
        }
        for d in &site.directives {
            add(&d.aliases, paths::directive, paths::directive(&d.source.slug));
        }
        redirects
    }
}
