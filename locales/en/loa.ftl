# loa's messages in English: diagnostics of `loa check`, `loa build`, `loa import` and the
# error overlay of `loa serve`. Every id here is in locales/vi/loa.ftl too, with the same
# placeables (tests/it/messages.rs). Field names and values are placeables: shown as written.

## Labels

label-error = error
label-warning = warning
label-hint = hint

## loa serve

serve-overlay-title = loa: build failed (the page shows the last good version)

## Shared hints

hint-did-you-mean = did you mean `{ $suggestion }`?

## References between files (content/validate.rs)

field-slug-unknown = `fields` names an unknown lĩnh vực `{ $slug }`
field-slug-none-hint = list the portal's lĩnh vực in site.yaml: fields: [{"{"}slug: nong-nghiep, name: Nông nghiệp{"}"}]
field-slug-list-hint = the lĩnh vực of site.yaml are: { $slugs }
link-to-scheduled = this links to { $path }, which is scheduled for publication at { $publish } (Vietnam time)
link-to-scheduled-hint = schedule this file too, with `publish: { $publish }` (or later), remove the link until then, or publish { $file } earlier
ref-to-scheduled = `{ $field }` names `{ $slug }`, which is scheduled for publication at { $publish } (Vietnam time)
ref-to-scheduled-hint = schedule this file too, with `publish: { $publish }` (or later), or publish { $file } earlier
replaced-by-itself = `replaced_by` names this document itself
replaced-by-itself-hint = name the directive that replaces it (its file name without .md), or leave `replaced_by` out
replaced-by-unknown = `replaced_by` names an unknown directive `{ $slug }`
replaced-by-unknown-hint = name the replacing directive by its file name without .md, under content/directives/
slug-empty = the file name gives an empty slug
slug-empty-hint = name the file after its title with letters or digits, e.g. hoi-thi-sang-tao.md
slug-taken = the { $kind } slug `{ $slug }` is already used by { $first }
slug-taken-hint = rename one of the two files: slugs come from file names and must be unique
ref-unknown-campaign = `{ $field }` names an unknown campaign `{ $slug }`
ref-person-not-organization = `{ $field }` names `{ $slug }`, which is a person, not an organization
ref-unknown-organization = `{ $field }` names an unknown organization `{ $slug }`
ref-unknown-contact = `{ $field }` names an unknown contact `{ $slug }`
ref-unknown-hint = refs are file names without .md; add the file under { $folder } or fix the name
short-code-taken = the short code `{ $code }` is already claimed by { $first }
short-code-taken-hint = each printed QR code must lead to one page: choose another code for one of them
directive-no-campaign = this directive belongs to no campaign
directive-no-campaign-hint = add `campaigns: [slug]` so it appears on the campaign's page
deadline-before-date = the deadline { $deadline } is before the directive's own date { $date }
deadline-before-date-hint = check the year of the deadline

## Dates (date.rs)

date-year-digits = `{ $text }` is not a date: the year must have { $width } digits
date-month-digits = `{ $text }` is not a date: the month must have { $width } digits
date-day-digits = `{ $text }` is not a date: the day must have { $width } digits
date-not-a-date = `{ $text }` is not a date in the form YYYY-MM-DD
date-no-such-month = month { $month } does not exist (months run 01 to 12)
date-no-such-day = { $month } has no day { $day } (it has { $last } days)
date-time-needs-full-date = `{ $text }`: a time needs a full date (YYYY-MM-DDTHH:MM)
date-needs-full-date = `{ $text }` needs a full date: YYYY-MM-DD, or YYYY-MM-DDTHH:MM
date-offset-needs-time = `{ $text }`: an offset needs a time, e.g. 2026-12-08T08:00+07:00
date-bad-offset = `{ $offset }` is not an offset: write +07:00, or Z for UTC
date-bad-time = `{ $text }` is not a time: write HH:MM in 24-hour Vietnam time, e.g. 17:00

## Fields of the front matter (content/fields.rs)

fields-not-a-group = expected a group of `field: value` lines, found { $found }
field-unknown = unknown field `{ $key }`
field-unknown-hint = the fields allowed here are: { $known }
field-not-text = `{ $key }` must be text, found { $found }
field-not-text-hint = write it on one line, e.g. { $key }: "…"
field-required = the required field `{ $key }` is missing or empty
field-required-hint = add a line `{ $key }: { $example }`
phone-read-as-number = the phone number was read as the number { $written }: a leading 0 or + and the dots are lost
phone-read-as-number-hint = put it in quotes exactly as written, e.g. { $key }: "0237.3852.246"
phone-invalid = `{ $phone }` is not a phone number
phone-invalid-hint = write digits with optional spaces, dots or dashes, e.g. "094.2200.232" or "+84 237 3852 246"
email-invalid = `{ $email }` is not an e-mail address
email-invalid-hint = write one address like vanphong@skhcn.example.gov.vn
field-not-bool = `{ $key }` must be true or false, found { $found }
field-not-bool-hint = write { $key }: true
date-impossible = impossible date for `{ $key }`: { $problem }
date-impossible-hint = write dates as YYYY-MM-DD, or YYYY-MM when the day is blank, e.g. 2024-06-25
datetime-impossible-hint = write YYYY-MM-DD, or YYYY-MM-DDTHH:MM for a time of day (Vietnam time)
field-not-list = `{ $key }` must be a list of items, each starting with `- `
field-not-list-hint = see the `{ $key }:` example in docs/content-model.md
choice-did-you-mean = did you mean `{ $suggestion }`? Allowed: { $allowed }
choice-allowed = allowed values: { $allowed }
choice-invalid = `{ $value }` is not a valid `{ $key }`
value-nothing = nothing
value-bool = `{ $value }`
value-number = the number { $value }
value-text = the text "{ $value }"
value-list = a list
value-group = a group of fields

## Content files and folders (content/load.rs)

folder-unknown = the folder { $folder }/ is not a content folder: nothing in it is published
folder-unknown-hint = move its pages into a known folder, its shared attachments into content/attachments/; the known folders are content/campaigns/, content/directives/, content/guides/, content/contacts/organizations/, content/contacts/people/, content/results/ and content/attachments/
file-symlink = { $file } is a symbolic link: it is not read
file-symlink-hint = content files are read only from regular files inside content/: put the file itself here
file-not-md = { $file } is not read: content files end in `.md`
file-not-md-hint = rename it to { $stem }.md (lower case) to publish it
file-not-regular = { $file } is { $what }, not a regular file: loa reads only regular files
file-not-regular-hint = replace it with an ordinary file, or remove it (reading a FIFO or a device would hang the build)
translation-into-vi-hint = the Vietnamese original is { $original }: merge the two files and delete this one
translation-unpublished = this translation into `{ $lang }` is not published: the portal does not publish `{ $lang }`
translation-unpublished-hint = add `{ $lang }` to `languages` in site.yaml (e.g. languages: [vi, { $lang }]) to publish it
translation-no-original = this translation has no original: { $original } does not exist
translation-no-original-hint = a translation sits beside its Vietnamese original (x.md and x.{ $lang }.md in one folder): add the original, or rename or remove this file
file-outside-content-folders = this file is not in a content folder and is not published
file-outside-content-folders-hint = move it under content/campaigns, directives, guides, contacts/organizations or contacts/people
file-too-large = the file is { $size } ({ $bytes } bytes), over the limit of { $limit_size } ({ $limit } bytes)
file-unreadable = cannot read the file: { $error }
file-not-utf8 = the file is not UTF-8 text
file-not-utf8-settings-hint = save it as UTF-8
file-not-utf8-hint = save it as UTF-8 (in Word: Save As › Plain Text › Unicode (UTF-8); old TCVN3/VNI text must be converted to Unicode)
doc-type-missing = the required field `doc_type` is missing
doc-type-missing-hint = add e.g. `doc_type: cong-van` (or ke-hoach, thong-bao, quyet-dinh…)
directive-no-date = the directive has no `date`
directive-no-date-hint = add the date it was signed, e.g. date: 2024-06-25 (or 2024-06 when the day is blank)
authority-invalid = `{ $text }` is not a signing authority
authority-invalid-hint = use TM., KT., TL., TUQ., Q. (State) or T/M, K/T, T/L (Party)
result-no-campaign = a result file names no campaign
result-no-campaign-hint = put it in content/results/<campaign-slug>/, or add `campaign: <campaign-slug>`
publish-invalid = `publish` is not a moment: { $problem }
publish-invalid-hint = write publish: 2026-12-08T08:00 (Vietnam time), or a date alone for 00:00
extends-no-deadline = `extends` moves no deadline
extends-no-deadline-hint = list the deadlines it moves: deadlines: [{"{"}was: 2025-05-30, now: 2025-06-30{"}"}]
special-folder = a folder
special-fifo = a FIFO (named pipe)
special-socket = a socket
special-device = a device
special-other = not a regular file

## site.yaml (config.rs)

site-yaml-not-utf8 = site.yaml is not UTF-8 text
site-yaml-unreadable = cannot read site.yaml: { $error }
site-yaml-unreadable-hint = run loa in the portal folder (the one with site.yaml), or pass --root DIR
base-url-invalid = `{ $url }` is not a usable base_url: { $problem }
base-url-invalid-hint = write the full address, e.g. https://sokhcn.example.gov.vn/thidua/ (the path may use letters, digits, `-`, `_`, `.`, `~`)
build-date-partial = build_date needs a full date
build-date-partial-hint = write build_date: 2024-07-01
qr-module-invalid = `{ $px }` is not a usable module size
qr-module-invalid-hint = write a number of pixels from 2 to 64, e.g. module_px: 16
origin-invalid = `{ $origin }` is not a web origin: { $problem }
origin-invalid-hint = write scheme and host only, e.g. https://sokhcn.example.gov.vn or http://localhost:8080 (no path)
edit-url-invalid = `{ $value }` is not a web address
edit-url-invalid-hint = write the editor's address, e.g. https://gitlab.example.gov.vn/so-khcn/cong-thi-dua/-/edit/main/
budget-invalid = `{ $kb }` is not a page-weight budget
budget-invalid-hint = write a whole number of kilobytes, e.g. page_kb: 50 (0 turns the check off)
field-def-twice = the field slug `{ $slug }` is listed twice
field-def-twice-hint = give each lĩnh vực its own slug
abbreviation-invalid = `{ $entry }` is not an abbreviation and its long form
abbreviation-invalid-hint = write the abbreviation, `=`, and at least two words, e.g. "KHCN = Khoa học và Công nghệ"
file-limit-invalid = `{ $bytes }` is not a file-size limit
file-limit-invalid-hint = write a whole number of bytes, at least 1000, e.g. max_file_bytes: 2000000 (2 MB, the default)
language-not-default = `language: { $language }`: the content files are in Vietnamese, the default language is `{ $default }`
language-not-default-hint = remove the `language` line; to publish a { $language } edition beside it, write languages: [{ $default }, { $language }]
language-code-invalid = `{ $code }` is not a language code
language-code-invalid-hint = use two-letter ISO 639-1 codes, e.g. languages: [vi, en]
language-twice = `{ $value }` is listed twice
language-twice-hint = list each language once
languages-empty = `languages` lists no language
languages-empty-hint = write languages: [vi] (or [vi, en] for an English edition)
languages-first = the first language must be `{ $default }`, found `{ $first }`
languages-first-hint = content files are the Vietnamese originals: write languages: [{ $default }, { $first }]
language-disagrees = `language: { $language }` disagrees with `languages`
language-disagrees-hint = remove the `language` line: the first of `languages` is the default language

## YAML (yaml/)

yaml-key-twice = the field `{ $key }` is written twice
yaml-key-twice-line-hint = `{ $key }` is already set on line { $line }: keep one of the two lines (YAML would silently keep only the last)
yaml-key-twice-hint = `{ $key }` is already set earlier in the same group: keep one of the two (YAML would silently keep only the last)
yaml-syntax = YAML syntax error: { $problem }
yaml-colon-hint = a value that contains `: ` must be quoted, e.g. title: "V/v: tuyên truyền"
yaml-token-hint = a value that starts with `@`, `` ` `` or `%` must be quoted; indent with spaces, never tabs
yaml-syntax-hint = check the indentation (spaces only) and quote values that contain `:`, `#` or start with `-`, `[`, `{"{"}`
yaml-too-deep = the YAML is nested more than { $levels } levels deep
yaml-too-deep-hint = flatten the lists and groups here: no field of a portal needs this many levels (a stray run of `[`, `{"{"}` or `- ` may be the cause)

## The front matter (content/front_matter.rs)

front-matter-missing = the file does not start with front matter
front-matter-missing-hint = start the file with a line `---`, the YAML fields (title: …), then another `---` line
front-matter-unclosed = the front matter opened by `---` on line 1 is never closed
front-matter-unclosed-hint = add a line with only `---` after the last YAML field, before the text of the page

## Attachments (content/attachments.rs)

attachment-absolute = the attachment path `{ $written }` is absolute
attachment-absolute-hint = put the file beside the page (or in content/attachments/) and write only its name, e.g. file: ke-hoach.pdf
attachment-missing = the attachment `{ $written }` does not exist
attachment-missing-hint = put the file next to this page or in content/attachments/ (names are case-sensitive)
attachment-missing-suggestion-hint = put the file next to this page or in content/attachments/ (names are case-sensitive); did you mean `{ $name }`?
attachment-folder = the attachment `{ $written }` is a folder, not a file
attachment-folder-hint = name a file inside it
attachment-outside = the attachment path `{ $written }` leads outside the content folder
attachment-outside-hint = attachments must be files inside content/ (beside the page or in content/attachments/); copy the file there
attachment-unreadable = cannot read the attachment: { $error }

## Size limits

settings-too-large-hint = keep the file to its settings
file-too-large-hint = split the file into several pages, or raise the limit in site.yaml: limits: {"{"}max_file_bytes: …{"}"}
site-yaml-too-large-hint = site.yaml holds the portal's settings only: keep it short
theme-file-too-large-hint = keep theme files to templates, styles, scripts and strings
i18n-too-large-hint = a language file holds UI strings only: keep it short

## UI strings (i18n.rs)

i18n-not-a-map = expected `key: text` lines
i18n-not-a-map-hint = write one UI string per line, e.g. search: Search
i18n-months = `months` needs the 12 month names
i18n-months-hint = list them January to December, e.g. months: [January, February, …]
i18n-not-text = `{ $key }` must be text
i18n-missing-language = no UI strings for the language `{ $lang }`
i18n-missing-language-hint = add i18n/{ $lang }.yaml to the portal (copy the keys of the theme's i18n/en.yaml and translate them), or remove `{ $lang }` from languages
i18n-missing-key = the UI string `{ $key }` is missing
i18n-missing-key-hint = add a line `{ $key }: …` in { $lang }: every key of the Vietnamese set (i18n/vi.yaml) needs a translation

## Short codes on posters (content/shortlinks.rs)

short-code-follows-title = the short code `{ $code }` of `{ $key }` now leads here (same title)
short-code-follows-title-hint = if this is not the renamed `{ $key }`, retire the code in { $registry }
short-code-empty = the code `{ $code }` has neither `page:` nor `retired:`
short-code-empty-hint = give it `page: campaign/<slug>`, or `retired: /phong-trao/` to send people to another page
short-code-printed = the short code `{ $code }` is already printed on posters for { $other }
short-code-printed-hint = choose another code: a printed code must keep leading to the same page
short-code-broken = the poster link { $link } would break: it leads to `{ $key }`, which is no longer in content/
short-code-broken-hint = if the page was renamed or moved, add `aliases: [{ $slug }]` to its front matter; if it was removed on purpose, replace the code's `page:` line in { $registry } with `retired: /phong-trao/` (the page to send people to)

## Summaries (cli.rs)

build-failed = build failed: { $errors } error(s); the previous output in { $out } is unchanged
check-summary = { $errors } error(s), { $warnings } warning(s)
links-no-output = there is no built output to check links in
links-no-output-hint = run `loa build` first, or pass --out DIR
import-failed-summary = { $failed } of { $files } file(s) not imported; nothing was written for them
serve-build-failed = build failed: { $errors } error(s); the preview keeps the last good version

## loa import (import/)

import-no-portal-hint = run `loa import` inside the portal folder, or pass --root DIR (its organizations, people and campaigns are matched)
import-no-campaign = there is no campaign `{ $slug }` in the portal
import-no-campaigns-hint = the portal has no campaigns yet: leave out --campaign
import-campaigns-hint = the campaigns are: { $slugs }
import-unreadable-hint = check the path and that the file exists
import-permissions-hint = check the file's permissions
import-folder = this is a folder, not a file
import-folder-hint = name the .docx, .pdf, .md or .txt files to import
import-too-large = the file is { $size } MB; files over { $limit } MB are not imported
import-too-large-hint = a dispatch is far smaller: remove embedded images (or save the text alone as .txt) and import again
import-empty = the file is empty
import-empty-hint = save the dispatch's text into it, or import the right file
import-encoding-unsure = the file is not UTF-8 (or UTF-16) text, and its encoding cannot be decided: it looks most like { $likely }
import-encoding-unknown = the file is not UTF-8 (or UTF-16) text, nor TCVN3 or VNI Vietnamese
import-encoding-hint = open it with the font it was typed in and convert it to Unicode (e.g. Unikey's converter), then save it as UTF-8 (in Word: Save As › Plain Text › Unicode (UTF-8))
import-no-text = the file holds no text
import-no-text-hint = save the dispatch's text into it
import-old-format = a .{ $extension } file cannot be imported
import-old-format-hint = open it in Word or LibreOffice and save it as .docx (Word Document) or as plain text (.txt, UTF-8)
import-no-extension = unknown file type
import-unknown-type = unknown file type .{ $extension }
import-unknown-type-hint = import a .docx, .pdf (with a text layer), .md or .txt file

## Layout of a directive (content/format.rs)

number-without-number = the number `{ $number }` has no number before its sign
number-without-number-hint = write the number as on the original (e.g. 1234/SKHCN-VP); if the original left it blank, add `number_blank: true`
signer-no-position = the signer has no `position`
signer-no-position-hint = add the signer's position as printed above the signature, e.g. position: Phó Giám đốc
signer-no-authority = the signer's position `{ $position }` signs with an authority, but `authority` is missing
signer-no-authority-hint = add `authority:` ({ $needed }) and `body:` as printed, e.g. authority: KT. / body: GIÁM ĐỐC

## Relations between documents (content/life.rs)

life-self-reference = `{ $field }` names this document itself
life-self-reference-hint = name the older document it acts on (its file name without .md), or `{"{"}number: …{"}"}` for one outside the portal
life-unknown-target = `{ $field }` names an unknown directive `{ $target }`
life-unknown-target-hint = name a directive by its file name without .md, or write `{"{"}number: …{"}"}` for a document outside the portal
life-double-replacement = `replaces` names `{ $target }`, which `{ $earlier }` already replaces
life-double-replacement-hint = a document is replaced once: write `amends: { $target }` here, or `replaces: { $earlier }` if this one replaces the replacement
life-cycle = `{ $field }` makes a cycle of relations: { $path }
life-cycle-hint = relations go from the newer document to the older one: remove the one declared on the older document
life-was-unmatched = `was: { $was }` matches no deadline of `{ $target }`
life-no-deadlines-hint = `{ $target }` has no deadlines to extend
life-deadlines-hint = the deadlines of `{ $target }` are: { $deadlines }

## Contest results (content/results.rs)

result-entry-twice = the entry “{ $title }” is listed twice: first at { $first }
result-entry-twice-hint = a solution wins one award per contest: remove one of the two entries
result-unknown-campaign = the result names an unknown campaign `{ $campaign }`
result-unknown-campaign-hint = name the contest by its file name under content/campaigns/ (the folder under content/results/ or `campaign:`)
result-unknown-decision = `decision` names an unknown directive `{ $decision }`
result-unknown-decision-hint = name the award decision (Quyết định khen thưởng) by its file name under content/directives/
result-person-organization = `person` names `{ $person }`, which is an organization, not a person
result-person-unknown = `person` names an unknown person `{ $person }`
result-person-hint = write the author's name alone (`name:`), or add the person under content/contacts/people/
result-unknown-level = `{ $level }` is not an award level of this result
result-level-suggestion-hint = did you mean `{ $suggestion }`? The levels are { $levels }
result-level-hint = the levels are { $levels }; a decision with other levels lists them in `levels:`
result-unknown-field = `field` names `{ $field }`, which is not in site.yaml `fields:`
result-field-none-hint = declare the portal's fields in site.yaml, e.g. fields: [{"{"}slug: co-khi, name: Cơ khí, tự động hóa{"}"}]
result-field-suggestion-hint = did you mean `{ $suggestion }`? The fields of site.yaml are { $fields }
result-field-hint = the fields of site.yaml are { $fields }

## Remaining messages of the model (content/, config.rs, diag.rs, check/)

reference-needs-number = a reference needs at least a `number` or a `title`
reference-needs-number-hint = e.g. - number: 57/KH/HTSTKT
deadline-needs-date = a deadline needs a `date`
deadline-needs-date-hint = e.g. - date: 2023-05-20
short-code-unusable = `{ $code }` is not a usable short code: { $problem }
placement-twice = the placement `{ $slug }` is listed twice
placement-twice-hint = give each placement its own slug
alias-invalid = the alias `{ $alias }` { $problem }
alias-not-site-path = is not a site path: { $p }
alias-not-slug = is neither a slug nor a site path starting with `/`
alias-hint = an alias is the page's old slug, e.g. `{ $slug }`, or its old path, e.g. /cu/duong-dan/
deadline-move-needs = a moved deadline needs `{ $key }`
deadline-move-needs-hint = e.g. - {"{"}was: 2025-05-30, now: 2025-06-30{"}"}
published-not-site-path = `{ $page }` is not a site path: { $problem }
published-redirect-not-site-path = the redirect `{ $to }` is not a site path: { $problem }
published-gone = the published page { $base }{ $page } is no longer in content/: printed QR codes and links to it would break
published-gone-hint = if it was renamed, add `aliases: [{ $slug }]` to its new file; to delete it, write `{ $page }: {"{"}redirect: /van-ban/{"}"}` on this line (the page readers are sent to).{ $withdraw }
published-withdraw-hint = If the document no longer applies, put the file back and add `withdrawn: {"{"}date: …, reason: …{"}"}`: its page stays, with a banner.
scans-unreadable = cannot read the scan counts: { $error }
scans-unreadable-hint = run `loa scans LOG…` again to write it
scans-invalid = the scan counts cannot be read: { $error }
scans-restore-hint = this file is written by `loa scans`: restore it from Git, or delete it and read the logs again
scans-unknown-format = unknown format `{ $format }`
scans-unknown-format-hint = this loa reads `{ $expected }`: run `loa scans` with the loa that wrote it
scans-bad-count = count { $n }: { $problem }
short-code-invalid = `{ $code }` is not a short code: { $problem }
short-retired-not-site-path = the `retired:` target `{ $target }` is not a site path: { $problem }
link-broken = broken link `{ $url }`: { $problem }
link-broken-hint = fix the link in the content or template that produced this page
federation-member-name = the member name `{ $name }` is empty or listed twice
federation-member-name-hint = give each member of `federation` its own name, e.g. the province's
cms-branch-invalid = `{ $branch }` is not a branch name
cms-branch-hint = write e.g. branch: main
cms-url-invalid = `{ $value }` is not a usable address: { $problem }
cms-url-hint = write e.g. { $key }: { $example }
cms-gitea-api-root = a Gitea backend needs `api_root`
cms-gitea-api-root-hint = add api_root: https://gitea.example.gov.vn/api/v1
file-cannot-update = cannot update { $what }: { $error }
nd42-missing = Nghị định 42/2022: { $what }
nd42-issuer = no issuing body (`issuer`)
nd42-issuer-hint = add issuer: <organization slug>
nd42-number = no số ký hiệu (`number`)
nd42-number-hint = add number: 12/KH-UBND as printed on the document
nd42-date = no full date of issue (`date`)
nd42-date-hint = add date: 2025-05-20 (the day it was signed)
nd42-effective = no date of effect (`effective`)
nd42-effective-hint = add effective: 2025-06-01, or effective: kể từ ngày ký
nd42-attachments = no downloadable file (`attachments`)
nd42-attachments-hint = attach the signed document, e.g. attachments: [{"{"}file: cong-van.pdf{"}"}]
nd42-signer = no signer's name (`signer.name`)
nd42-signer-hint = add signer: {"{"}position: Giám đốc, name: …{"}"}

## Output, templates and serve (pipeline.rs, render/, output/, serve/, federation/)

federation-member-kept = federation member `{ $member }`: { $problem }; its last good copy (built { $built }) is used
federation-member-dropped = federation member `{ $member }`: { $problem }; it has no good copy yet and is left out
federation-member-hint = the national pages show it again once its portal publishes a valid /api/v1/ (check its address and its build)
output-path-refused-hint = output paths come from slugs, aliases and short codes: use plain letters, digits and dashes in them
output-cannot-write = cannot write: { $error }
output-folder-create = cannot create the output folder: { $error }
output-folder-replace = cannot replace the output folder: { $error }
output-folder-foreign = the output folder holds files that loa did not write: { $files }
output-folder-more = and { $count } more
output-folder-foreign-hint = move files you want published into static/ (copied on every build), or run `loa build --clean` to replace the folder
file-cannot-write = cannot write { $file }: { $error }
template-not-utf8 = the template is not UTF-8 text
template-error = template error: { $error }
template-error-hint = fix the template; `loa` shows the first problem of each template
template-view-not-map = its view is not a map: { $error }
theme-missing = the theme `{ $name }` does not exist
theme-missing-hint = add the folder themes/{ $name }/, or remove the `theme` line to use the default theme
output-cannot-copy = cannot copy into the output: { $error }
output-cannot-weigh = cannot weigh: { $error }
output-manifest-unwritable = cannot write the output manifest: { $error }
server-syntax-refused-hint = check base_url and embed.allowed_origins in site.yaml, aliases and short codes
qr-base-url-hint = use a base_url with ASCII letters only
weight-budget-hint = make the heaviest files smaller or load them only on the pages that need them; the budget is `budget: {"{"}page_kb: { $budget_kb }{"}"}` in site.yaml{ $strict_note }
weight-strict-note = {" "}(`--strict` makes this an error)
attachment-front-matter-too-large = this attachment (attached by { $page }) starts with front matter but is too large ({ $len } bytes) for its confidentiality to be checked
attachment-front-matter-too-large-hint = attach it without its front matter, or raise the limit in site.yaml: limits: {"{"}max_file_bytes: …{"}"}
attachment-front-matter-unreadable = this attachment (attached by { $page }) starts with front matter that cannot be read: { $error }
attachment-front-matter-grew = this attachment (attached by { $page }) grew past { $max_bytes } bytes while its front matter was read
build-again-hint = build again

## Layout formats of numbers (content/format.rs)

format-state = State (Nghị định 30/2020)
format-party = Party (Hướng dẫn 36-HD/VPTW)
format-state-short = State
format-party-short = Party
format-declares-system = `{ $issuer }` declares system: { $system }
format-follows-parent = `{ $issuer }` follows its parent `{ $parent }` (system: { $system })
format-no-system = `{ $issuer }` has no `system` and no parent with one (State by default)
format-fix-party = if the issuer is a Party body (Đảng ủy, Ban Thường vụ…), add `system: party` to its file
format-fix-state = if the issuer is a State body, set `system: state` in its file
format-number-shape = the number `{ $number }` is shaped as a { $shape } number, but { $said }
format-number-shape-hint = { $fix } ({ $at }); otherwise correct the number
format-issuer-layout = this organization's documents are laid out in the { $expected } format, but `{ $file }` has a { $shape }-shaped number `{ $number }`
format-issuer-layout-hint = { $fix }; or correct the number at { $at }
format-parent = the parent `{ $parent }` is a { $above } body, but this organization follows the { $own } format
format-parent-party-hint = a Party committee's parent is the Party committee above it (e.g. tinh-uy), not a People's Committee
format-parent-state-hint = a State body's parent is the State body above it, not a Party committee

## Refusals of loa import and photo errors (import/, images/)

docx-corrupt = the file is not a readable .docx ({ $detail })
docx-corrupt-hint = open it in Word or LibreOffice and save it again as .docx (Word Document), or save it as plain text (.txt, UTF-8)
docx-too-many-entries = the .docx holds { $entries } entries (at most { $max } are read): it is not a dispatch
docx-too-many-entries-hint = save the dispatch alone as a new .docx, or as plain text (.txt)
docx-not-word = the file is a zip archive but not a Word document (it has no word/document.xml)
docx-not-word-hint = open the dispatch in Word and save it as .docx (Word Document); .doc, .odt and .pdf must be converted first
docx-zip-bomb = { $name } inflates to more than { $limit } MB: the file looks like a zip bomb, not a dispatch
docx-zip-bomb-hint = if it really is a dispatch, save it as plain text (.txt) and import that
docx-not-utf8-xml = { $name } is not UTF-8 XML
pdf-unreadable = the PDF cannot be read: { $error }
pdf-unreadable-hint = import the .docx the PDF was made from, or print it again to a new PDF, or save its text as .txt (UTF-8)
pdf-damaged = the PDF cannot be read: it is damaged
pdf-damaged-hint = import the .docx the PDF was made from, or save its text as .txt (UTF-8)
pdf-scanned = the PDF has no text layer: it is a scanned image
pdf-scanned-hint = run OCR on it first (for example ocrmypdf -l vie), or import the .docx the dispatch was made from; loa import does not read images
import-not-dispatch = this does not look like an official dispatch: no Số/ký hiệu, date line (…, ngày … tháng … năm …), V/v, Kính gửi, Nơi nhận or signature block was found
import-not-dispatch-hint = import the dispatch itself (a công văn, kế hoạch, thông báo… with its header and signature), or write the directive file by hand (see docs/content-model.md)
import-classified = the document is marked "{ $mark }" (classified): a public portal never publishes classified documents
import-classified-hint = do not import it; classified documents are handled outside this portal
import-internal = the document is marked "{ $mark }" (internal circulation): it cannot be published
import-internal-hint = do not import it, or import the public version of the document
import-target-exists = { $target } already exists
import-target-exists-out-hint = pass --force to replace it, or --out DIR to write elsewhere
import-target-exists-hint = pass --force to replace it
import-write-hint = check that the folder is writable and the disk is not full; nothing was left half-written
photo-unreadable = cannot read the photo: { $error }
photo-unreadable-hint = use a JPEG or PNG photo for `cover`
photo-not-image = the photo is not a readable JPEG or PNG image: { $error }
photo-too-large = the photo is { $width }×{ $height } pixels ({ $megapixels } megapixels); photos over { $limit } megapixels are not decoded
photo-too-large-hint = resize it (a cover is shown at most 1440 pixels wide) and save it again
photo-unencodable = cannot encode the photo: { $error }
photo-unopenable = cannot open the photo: { $error }
photo-unopenable-hint = use a JPEG or PNG photo inside content/ for `cover`

## Messages once held in variables (config.rs, content/, render/, import/…)
scans-log-invalid = `{ $log }` is not a usable log path
scans-log-hint = write an absolute path of letters, digits, `-`, `_`, `.` and `/`, e.g. log: { $example }
federation-base-invalid = `{ $base }` is not a member's address: { $problem }
federation-base-hint = write the member portal's https address, e.g. https://thidua.thanhhoa.example.gov.vn/, or a folder of its built output, e.g. ../thanh-hoa/public
federation-neither-address-nor-folder = it is neither an address nor a folder
federation-plain-http = plain http can be changed on the way: use https
url-unparsable = it cannot be read as an address ({ $error })
url-has-character = it contains { $character }
url-scheme = the scheme is `{ $scheme }`, not http or https
url-no-host = it has no host
url-user = it has a user name or password
url-query = it has a `?` query or a `#` fragment
url-path-character = its path contains { $character }
url-path-empty-segment = its path has an empty segment (`//`)
url-no-scheme = it does not start with https:// or http://
origin-character = it has { $character }: an origin is scheme, host and port only
cms-backend-unknown = `{ $name }` is not a Git host the web editor can use
cms-backend-hint = write backend: gitlab, github or gitea
cms-repo-invalid = `{ $repo }` is not a repository path
cms-repo-hint = write the group (or owner) and project as on the Git host, e.g. repo: so-khcn/cong-thi-dua
cms-preview-invalid = `{ $value }` is not a usable address: { $problem }
cms-preview-hint = write the address of a branch preview with {"{"}branch{"}"}, e.g. preview_url: https://so-khcn.gitlab.io/-/cong-thi-dua/-/jobs/artifacts/{"{"}branch{"}"}/file/public/index.html
subject-attachment = this attachment (attached by { $page })
subject-document = this document
attachment-front-matter-invalid = { $subject } has front matter that cannot be read, so whether it is classified cannot be checked: { $problem }
confidentiality-empty-hint = write `confidentiality: none` (or `không`) for a public document; a classified one (Mật, Tối mật, Tuyệt mật) is never published: remove the file
circulation-empty-hint = write `circulation: public` (or `công khai`), or delete the line, for a public document; an internal one is never published: remove the file
gate-empty = `{ $key }` is empty: { $subject } must say explicitly whether it may be published
gate-classified = { $subject } is classified ({ $value }): a public portal never publishes classified documents
gate-classified-hint = remove the file from content/ (classified documents are handled outside this portal)
gate-internal = { $subject } is for internal circulation ({ $value }): it cannot be published
gate-internal-hint = remove the file from content/, or delete the `circulation` line if the document is public
number-type-mismatch = the number `{ $number }` names a { $named } ({ $segment }) but doc_type is `{ $doc_type }`
number-type-mismatch-hint = check the number, or set doc_type: { $doc_type }
ends-before-start = { $what } ends ({ $end }) before it starts ({ $start })
ends-before-start-hint = check the years: `{ $end_key }` must be on or after `{ $start_key }`
subject-campaign = the campaign
subject-phase = the phase
subject-organization-validity = the organization's validity
placement-slug-invalid = `{ $slug }` is not a usable placement slug: { $problem }
author-needs-name = an author needs a `name` or a `person`
author-needs-name-hint = e.g. - {"{"}name: Lê Văn Hùng, person: le-van-hung{"}"}
effective-invalid = `effective` is neither a date nor "kể từ ngày ký": { $problem }
effective-invalid-hint = write effective: 2025-07-01, or effective: kể từ ngày ký (the issue date)
extends-needs-ref = `extends` needs the `ref` of the directive whose deadlines move
extends-needs-ref-hint = e.g. extends: {"{"}ref: ke-hoach-57-hoi-thi, deadlines: [{"{"}was: 2025-05-30, now: 2025-06-30{"}"}]{"}"}
withdrawn-needs-date = `withdrawn` needs the `date` of the withdrawal
withdrawn-needs-date-hint = e.g. withdrawn: {"{"}date: 2025-03-01, reason: Thay thế bằng Kế hoạch 12/KH-SKHCN{"}"}
website-invalid = `{ $site }` is not a web address
website-invalid-hint = write it with https://, e.g. https://skhcn.example.gov.vn
short-code-hint = a short code is 3–12 plain letters and digits (no spaces, accents or punctuation), e.g. STKT24
short-code-characters = only letters A–Z and digits are allowed
short-code-length = it must be 3 to 12 characters long
placement-slug-hint = a placement slug is 1–24 lower-case letters a–z, digits and `-` (no accents), e.g. cho-huyen or truong-thpt-2
placement-slug-length = it must be 1 to { $max } characters long
placement-slug-characters = only lower-case letters a–z, digits and inner `-` are allowed
site-path-hint = write a path of this site like /cu/duong-dan/: segments of letters, digits, `-`, `_`, `.` or `~`, separated by `/`
site-path-no-slash = it must start with `/`
site-path-home = `/` is the home page
site-path-empty-segment = it has an empty segment (`//`)
site-path-dot-segment = it has a `{ $segment }` segment
path-empty = it is empty
path-absolute = it is absolute
path-empty-segment = it has an empty segment (`//` or a trailing `/`)
path-backslash = it has a backslash
path-nul = it has a NUL character
path-control = it has the control character { $code }
output-path-refused = refused to write { $path } into the output folder: { $reason }
server-value-control = it contains the control character { $character }
server-value-dollar = nginx would read `$` as a variable
server-value-refused = refused to write { $value } into { $file }: { $reason }
block-close-unopened = `:::` closes a block that was never opened
block-close-unopened-hint = remove this line, or open the block with `:::note` or `:::warning`
block-unclosed = the `:::{ $name }` block is never closed
block-unclosed-hint = add a line with only `:::` after its content
block-not-directive = `{ $text }` is not a directive block
block-not-directive-hint = write `::name{"{"}key=value{"}"}` (e.g. ::deadline{"{"}date=2023-05-20 what="…"{"}"}) or `:::note` … `:::`
block-attributes-braces = the attributes of `{ $name }` must be inside {"{"}…{"}"}
block-attributes-braces-hint = e.g. ::contact{"{"}ref=vu-xuan-thu{"}"}
block-attributes-hint = write key=value pairs separated by spaces; quote values with spaces: what="Gửi báo cáo"
block-attribute-no-value = the attribute `{ $key }` has no value
block-attribute-unquoted = the value of `{ $key }` has no closing quote
heading-attributes-hint = a heading takes only an id and classes, e.g. ## Hạn nộp {"{"}#han-nop .noi-bat{"}"}
heading-attribute-ignored = the heading attribute `{ $name }` is ignored
heading-id-ignored = the heading id `#{ $id }` is ignored: use letters, digits, - and _
heading-class-ignored = the heading class `.{ $class }` is ignored: use letters, digits, - and _
nesting-too-deep = this line nests quotes, lists or emphasis more than { $max } levels deep
nesting-too-deep-hint = use fewer `>` or list levels here; text meant to be shown as it is goes in a ``` code block
nesting-blocks-too-deep = this `:::` block opens inside more than { $max } others
nesting-blocks-too-deep-hint = close the blocks above with a line `:::` each, or nest fewer of them
block-needs-attribute = `::{ $block }` needs `{ $name }=`
block-needs-attribute-hint = e.g. { $example }
block-render-failed = the `{ $name }` block could not be rendered
block-render-failed-hint = see the error in themes/…/templates/{ $template }
block-deadline-date = impossible deadline date: { $problem }
block-deadline-date-hint = write date=YYYY-MM-DD
block-contact-unknown-hint = name a file under content/contacts/
block-contact-unknown = `::contact` names an unknown contact `{ $slug }`
block-attachment-unknown-hint = attachments are named by their page slug under { $folder }
block-attachment-unknown = `::attachment` names an unknown attachment `{ $slug }`
block-qr-unknown = `::qr` names `{ $reference }`, which is neither a short code nor a campaign or guide
block-qr-unknown-hint = write ::qr{"{"}ref=CODE{"}"} with a code from short-links.yaml, or the slug of a campaign or guide
block-is-container = `::{ $name }` is a container
block-is-container-hint = write `:::{ $name }`, the text, then `:::`
block-template-no-body = the template blocks/{ $name }.html does not show `{"{"}{"{"} body | safe {"}"}{"}"}`
block-template-no-body-hint = add {"{"}{"{"} body | safe {"}"}{"}"} where the content goes
block-unknown-did-you-mean = did you mean `{ $name }`? Known blocks: :::note, :::warning, ::deadline, ::contact, ::attachment, ::qr
block-unknown-hint = known blocks: :::note, :::warning, ::deadline{"{"}date=… what=…{"}"}, ::contact{"{"}ref=…{"}"}, ::attachment{"{"}ref=…{"}"}
block-unknown = unknown directive block `{ $name }`
weight-page-itself = the page itself { $size }
weight-over = the page weighs { $total } (gzip) with the CSS, JavaScript and fonts it loads, over the budget of { $budget_kb } KB: { $files }
weight-more-pages = { $count } more pages are over the budget of { $budget_kb } KB (the heaviest, { $heaviest }, weighs { $size })
qr-not-ascii = `{ $url }` has non-ASCII characters; percent-encode them first
qr-failed = cannot make a QR code of `{ $url }`: { $error }
import-not-portal = { $root } is not a portal folder (it has no site.yaml)
admin-file-too-large-hint = admin/ holds the vendored web editor only
federation-at = { $at }: { $problem }
federation-index-url = index.json: url `{ $url }` is not the member's address { $base }
federation-list-version = index.json: lists.{ $name }.version is not a version
federation-list-count = index.json: lists.{ $name } has { $count } items, more than { $max }
federation-status = { $at }: `{ $status }` is not a status
federation-uid-spaces = { $at }: a UID has no spaces
federation-api-version = { $file }: API version { $version } is not one this build reads (1 or 2)
federation-too-many = { $file }: { $count } items, more than { $max }
federation-text-empty = { $at } is empty
federation-text-long = { $at } is longer than { $max } characters
federation-text-control = { $at } holds a control character
federation-not-address = `{ $url }` is not an address: { $error }
federation-not-under = `{ $url }` is not an address under { $base }
federation-cannot-read = cannot read { $url }: { $error }
federation-io = { $error }
federation-file-too-large = { $bytes } bytes, more than { $limit }
federation-not-regular = it is a { $what }
attachment-refused = refused: the file { $why }
attachment-refused-symlink = is a symbolic link
attachment-refused-not-regular = is not a regular file
attachment-refused-outside = leads outside its folder
attachment-refused-replaced = was replaced after it was checked
scans-count-small = { $n } is under 5: write "<5"
scans-count-invalid = `{ $t }` is not a count: a number from 5, or "<5"

## loa import: REVIEW notes and the report (import/)
import-report-found = found:      { $fields }
import-report-missing = not found:  { $fields }
import-report-review = to review ({ $count }), marked # REVIEW in the file:
import-report-files = files:
import-note-legacy = the text was in the legacy encoding { $encoding } and was converted to Unicode: check the Vietnamese letters, capitals with a tone above all
import-warning-number-exists = the portal already has a directive numbered { $number }: { $path } (is this document imported twice?)
import-warning-kept = { $path } already exists and was kept
import-warning-results = the decision's annex lists winners: proposed { $path } (a draft to check)
import-note-no-type = the document type was not found (no V/v line, no KẾ HOẠCH/THÔNG BÁO… line): set it
import-note-no-day = the day is blank in the document (ngày … tháng …): kept as year and month
import-note-reference-completed = the issuer of { $number } was written "{ $issuer }" and completed to "{ $completed }"
import-note-reference-completed-unnumbered = the issuer of a reference was written "{ $issuer }" and completed to "{ $completed }"
import-note-deadline-what = write what is due by { $date }
import-note-campaign-full-name = { $slug } added because its full name appears in the text; remove it if the dispatch is not about it
import-note-campaign-quoted = { $slug } added because a quoted name in the text is part of its name; remove it if the dispatch is not about it
import-note-issuer-ambiguous = "{ $name }" may be any of { $slugs }: set the right one
import-suggested-organization = Suggested by `loa import`: check every field (the name was printed in capitals), then rename this file to .md
import-suggested-no-parent = no organization in the portal matches "{ $parent }"
import-note-issuer-suggested = no organization in the portal matches "{ $name }"; a suggested file was written to { $path }: check it, rename it to { $slug }.md and set issuer: { $slug }
import-note-issuer-from-signer = the document has no issuer block; { $slug } was taken from the signer { $name }'s organization in the portal
import-note-issuer-from-number = the document has no issuer block; { $slug } was taken from the initials in the number { $number }
import-note-no-issuer = no issuing body was found (no header block, and the signer is not in the portal): set it
import-note-contact-ambiguous = "{ $organization }" may be any of { $slugs }: add the right one
import-note-contact-unknown-organization = no organization in the portal matches the contact "{ $organization }": add it to content/contacts/organizations/ and to contacts
import-note-contact-phone = the dispatch gives { $name } the phone { $phone }, the portal has { $known_phone }: update content/contacts/people/{ $slug }.md if it changed
import-suggested-person = Suggested by `loa import`: check every field, then rename this file to .md
import-note-contact-suggested = { $name } is not in the portal; a suggested file was written to { $path }: check it, rename it to { $slug }.md and add { $slug } to contacts
import-note-contact-details = contact details that belong to no named person: { $details }; add them to the right contact file
import-note-attachment-several = several files beside the input could be "{ $title }": { $files }; none was copied
import-note-attachment-symlink = { $name } beside the input is a symbolic link and was not copied; copy the real file there instead
import-note-attachment-cited = "{ $name }" sent along was taken to be { $name } số { $number } cited in the text
import-note-attachment-title = the title "{ $title }" of an attachment was completed from the text
import-note-phase = "{ $sentence }" reads as a phase of the campaign, not a deadline of this dispatch: add it to the campaign's phases if it belongs there
import-note-deadline-no-year = the deadline "{ $deadline }" has no year: the dispatch's year was used
import-note-deadline-impossible = the deadline "{ $deadline }" is not a real date
import-note-deadline-blank = a deadline with a blank date: "{ $sentence }"
import-note-type-from-number = taken from the type abbreviation in the number (no V/v line or type name was found)
import-note-header-left-out = header text not understood and left out: "{ $text }"
import-note-date-impossible = the date line "{ $line }" gives an impossible date
import-note-second-authority = a second signing authority "{ $line }" was left out (the content model keeps one)
import-label-imported = Imported
import-header = by `loa import` from { $source_name }. Check the fields marked REVIEW and NOT FOUND against the signed document, delete these comments, then set draft: false to publish.
import-missing-title = no V/v line or title under the document type: write the trích yếu
import-missing-number = no "Số …" line
import-missing-issuer = no issuing body in the header
import-missing-place = no "<địa danh>, ngày … tháng … năm …" line
import-missing-date = no readable date line: write YYYY-MM-DD, or YYYY-MM when the day is blank
import-missing-recipients = no Kính gửi
import-missing-references = the text cites no document by number
import-missing-attachments = no "gửi kèm" or "kèm theo" in the text
import-attachments-not-beside = attachments: the dispatch sends { $count } file(s) along that were not found beside { $source_name }. Put each file in this folder under the name shown (any extension: change the name to match), then remove the "# " in front of its lines.
import-missing-deadlines = no "trước ngày …", "chậm nhất …" or "đến hết ngày …"
import-missing-contacts = no person, phone, e-mail or "liên hệ" in the text
import-missing-signer = no signature block
import-missing-distribution = no Nơi nhận
import-results-header = by `loa import` from the annex of { $source_name }: { $count } winning entries. Check each against the signed decision, delete these comments, then set draft: false.
import-results-no-campaign = campaign: the contest was not recognised; move this file into content/results/<campaign-slug>/
import-results-field-unknown = field: “{ $field }” matches no slug of site.yaml `fields:`; add `field: <slug>`
import-results-level-unknown = level: “{ $level }” is not Nhất, Nhì, Ba or Khuyến khích; declare it in `levels:` or correct it
import-results-level-missing = level: “not given” is not Nhất, Nhì, Ba or Khuyến khích; declare it in `levels:` or correct it
import-dry-run = { $path } (dry run: nothing written)
import-dry-run-suggested = { $path } (suggested, dry run: not written)
import-wrote = wrote { $path }
import-wrote-suggested = wrote { $path } (suggested contact: check it, then rename it to .md)
link-empty = the link is empty
link-outside-base-path = it is outside the portal's base path { $base_path }
link-no-file = no such file in the output
link-no-id = the page has no element with id `{ $fragment }`
authority-deputy-state = KT. (or TM. for a collective body)
authority-deputy-party = T/M (or K/T)
authority-party-secretary = T/M
authority-collective-chair = TM.
block-leaf-as-container = `:::{ $name }` is a one-line block, not one that wraps text
block-leaf-as-container-hint = write `::{ $name }{"{"}…{"}"}` with two colons, and no closing `:::`
