//! Directive blocks in bodies, rendered by the theme's `blocks/*.html` templates with the
//! model's data (a `::contact` shows the person's card, a `::deadline` its countdown).

use super::RenderCtx;
use super::view::{AttachmentBlock, ContactBlock, ContainerBlock, DeadlineBlock, QrBlock};
use crate::content::fields::Spanned;
use crate::content::paths;
use crate::content::{Deadline, Site};
use crate::date::DateTime;
use crate::diag::{Diagnostics, Text, did_you_mean};
use crate::markdown::blocks::{CONTAINERS, LEAVES};
use crate::markdown::{Block, BlockRenderer};

/// Marks where a container's content goes in its rendered template.
const BODY_MARK: &str = "\u{1}LOA-BODY\u{1}";

pub struct Blocks<'r, 'a> {
    pub ctx: &'r RenderCtx<'a>,
    pub diagnostics: &'r Diagnostics,
}

type BlockError = (Text, Text);

impl Blocks<'_, '_> {
    fn site(&self) -> &Site {
        self.ctx.site
    }

    fn attr<'b>(&self, block: &'b Block, name: &str, example: &str) -> Result<&'b str, BlockError> {
        block.attrs.get(name).map(String::as_str).ok_or_else(|| {
            (
                crate::msg!("block-needs-attribute", block = block.name, name),
                crate::msg!("block-needs-attribute-hint", example = format!("::{}{{{name}={example}}}", block.name)),
            )
        })
    }

    fn render(&self, block: &Block, data: impl serde::Serialize) -> Result<String, BlockError> {
        let template = format!("blocks/{}.html", block.name);
        self.ctx.render_template(&template, &data, self.diagnostics).ok_or_else(|| {
            (crate::msg!("block-render-failed", name = block.name), crate::msg!("block-render-failed-hint", template))
        })
    }

    fn deadline(&self, block: &Block) -> Result<tera::Value, BlockError> {
        let date_text = self.attr(block, "date", "2023-05-20")?;
        let date = DateTime::parse(date_text).map_err(|e| {
            (crate::msg!("block-deadline-date", problem = e.0), crate::msg!("block-deadline-date-hint"))
        })?;
        let what = block.attrs.get("what").cloned().unwrap_or_default();
        let deadline = Deadline { date: Spanned { value: date, position: block.position }, what, extended: Vec::new() };
        Ok(value(&DeadlineBlock { deadline: self.ctx.views.deadline_view(&deadline, None) }))
    }

    fn contact(&self, block: &Block) -> Result<tera::Value, BlockError> {
        let slug = self.attr(block, "ref", "vu-xuan-thu")?;
        let Some(card) = self.ctx.views.contact_card(slug) else {
            let candidates = self.site().links.contact_by_slug.keys().map(String::as_str);
            let hint = did_you_mean(slug, candidates)
                .map(|s| crate::msg!("hint-did-you-mean", suggestion = s))
                .unwrap_or_else(|| crate::msg!("block-contact-unknown-hint"));
            return Err((crate::msg!("block-contact-unknown", slug), hint));
        };
        Ok(value(&ContactBlock { contact: card }))
    }

    fn attachment(&self, block: &Block) -> Result<tera::Value, BlockError> {
        let slug = self.attr(block, "ref", "ke-hoach-57")?;
        let Some(&index) = self.site().links.attachment_by_slug.get(slug) else {
            let candidates = self.site().attachments.iter().map(|a| a.slug.as_str());
            let hint = did_you_mean(slug, candidates)
                .map(|s| crate::msg!("hint-did-you-mean", suggestion = s))
                .unwrap_or_else(|| crate::msg!("block-attachment-unknown-hint", folder = paths::attachment("…")));
            return Err((crate::msg!("block-attachment-unknown", slug), hint));
        };
        Ok(value(&AttachmentBlock { attachment: self.ctx.views.attachment_view(index) }))
    }
}

impl Blocks<'_, '_> {
    /// `::qr{ref=STKT14}` or `::qr{ref=<campaign or guide slug>}`: the page's QR code.
    fn qr(&self, block: &Block) -> Result<tera::Value, BlockError> {
        use crate::content::shortlinks::Target;
        let reference = self.attr(block, "ref", "STKT14")?;
        let site = self.site();
        let target = site
            .short_links
            .links
            .get(&reference.to_uppercase())
            .copied()
            .or_else(|| site.links.campaign_by_slug.get(reference).map(|&i| Target::Campaign(i)))
            .or_else(|| site.links.guide_by_slug.get(reference).map(|&i| Target::Guide(i)));
        let short = target.and_then(|t| super::shortlinks::short_view(self.ctx, t));
        let Some(short) = short else {
            return Err((crate::msg!("block-qr-unknown", reference), crate::msg!("block-qr-unknown-hint")));
        };
        Ok(value(&QrBlock { short }))
    }
}

impl BlockRenderer for Blocks<'_, '_> {
    fn leaf(&self, block: &Block) -> Result<String, BlockError> {
        let data = match block.name.as_str() {
            "deadline" => self.deadline(block)?,
            "contact" => self.contact(block)?,
            "attachment" => self.attachment(block)?,
            "qr" => self.qr(block)?,
            name if CONTAINERS.contains(&name) => {
                return Err((crate::msg!("block-is-container", name), crate::msg!("block-is-container-hint", name)));
            }
            name => return Err(unknown(name)),
        };
        self.render(block, data)
    }

    fn container(&self, block: &Block) -> Result<(String, String), BlockError> {
        if !CONTAINERS.contains(&block.name.as_str()) {
            return Err(unknown(&block.name));
        }
        let html = self.render(block, ContainerBlock { body: BODY_MARK, attrs: &block.attrs })?;
        let (open, close) = html.split_once(BODY_MARK).ok_or_else(|| {
            (crate::msg!("block-template-no-body", name = block.name), crate::msg!("block-template-no-body-hint"))
        })?;
        Ok((open.to_owned(), close.to_owned()))
    }
}

/// A block's context as a Tera value (each leaf block has its own view type).
fn value(data: &impl serde::Serialize) -> tera::Value {
    tera::Value::from_serializable(data)
}

fn unknown(name: &str) -> BlockError {
    let known: Vec<&str> = CONTAINERS.iter().chain(LEAVES).copied().collect();
    let hint = match did_you_mean(name, known.iter().copied()) {
        Some(s) => crate::msg!("block-unknown-did-you-mean", name = s),
        None => crate::msg!("block-unknown-hint"),
    };
    (crate::msg!("block-unknown", name), hint)
}
