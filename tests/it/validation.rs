//! Every bad input gets its own `path:line:col` error with a hint, and the build fails.

use crate::support::{TestSite, assert_error};

#[test]
fn yaml_syntax_errors_point_at_the_line_in_the_file() {
    let errors = TestSite::minimal_with("yaml-syntax").build_errors();
    assert_error(&errors, "content/directives/bad-yaml.md:5:5: error: YAML syntax error", "");
}

#[test]
fn unknown_fields_get_a_did_you_mean() {
    let errors = TestSite::minimal_with("unknown-field").build_errors();
    assert_error(&errors, "content/directives/typo.md:4:1: error: unknown field `isuer`", "did you mean `issuer`?");
}

#[test]
fn wrong_types_are_named() {
    let errors = TestSite::minimal_with("wrong-type").build_errors();
    assert_error(
        &errors,
        "content/directives/wrong-type.md:5:8: error: `draft` must be true or false",
        "the text \"maybe\"",
    );
    assert_error(
        &errors,
        "content/directives/wrong-type.md:6:1: error: `recipients` must be text",
        "a group of fields",
    );
}

#[test]
fn impossible_dates_are_refused() {
    let errors = TestSite::minimal_with("impossible-dates").build_errors();
    assert_error(
        &errors,
        "content/directives/dates.md:5:7: error: impossible date for `date`",
        "2023-02 has no day 29",
    );
    assert_error(
        &errors,
        "content/directives/dates.md:7:11: error: impossible date for `date`",
        "month 13 does not exist",
    );
}

#[test]
fn a_campaign_cannot_end_before_it_starts() {
    let errors = TestSite::minimal_with("end-before-start").build_errors();
    assert_error(
        &errors,
        "content/campaigns/nguoc.md:5:6: error: the campaign ends (2024-12) before it starts (2025-06)",
        "",
    );
}

#[test]
fn unknown_refs_get_a_did_you_mean() {
    let errors = TestSite::minimal_with("unknown-refs").build_errors();
    assert_error(
        &errors,
        "content/directives/refs.md:4:9: error: `issuer` names an unknown organization `so-khcn-mao`",
        "did you mean `so-khcn-mau`?",
    );
    assert_error(&errors, "content/directives/refs.md:5:", "an unknown campaign `phong-trao-khong-co`");
    assert_error(&errors, "content/directives/refs.md:6:", "did you mean `vu-van-a`?");
}

#[test]
fn duplicate_slugs_are_refused() {
    let errors = TestSite::minimal_with("duplicate-slugs").build_errors();
    assert_error(
        &errors,
        "content/directives/2024/cv-12-duk/index.md:1:1: error: the directive slug `cv-12-duk` is already used by content/directives/2023/cv-12-duk.md",
        "rename",
    );
}

#[test]
fn two_pages_claiming_one_short_code_fail_with_both_positions() {
    let errors = TestSite::minimal_with("duplicate-short").build_errors();
    assert_error(
        &errors,
        "content/guides/trung-ma.md:3:8: error: the short code `STKT5` is already claimed by content/campaigns/hoi-thi-mau/index.md:16:8",
        "choose another code",
    );
}

#[test]
fn missing_attachments_are_named() {
    let errors = TestSite::minimal_with("missing-attachment").build_errors();
    assert_error(
        &errors,
        "content/guides/thieu-tep.md:4:11: error: the attachment `the-le-hoi-thi.pdf` does not exist",
        "content/attachments/",
    );
}

#[test]
fn attachment_paths_cannot_leave_the_content_folder() {
    let errors = TestSite::minimal_with("escaping-attachment").build_errors();
    assert_error(
        &errors,
        "content/guides/ra-ngoai.md:4:11: error: the attachment path `../../../../../../../../etc/passwd` leads outside the content folder",
        "",
    );
    assert_error(&errors, "content/guides/ra-ngoai.md:5:11: error: the attachment path `/etc/passwd` is absolute", "");
}

#[cfg(unix)]
#[test]
fn attachment_symlinks_out_of_the_content_folder_are_refused() {
    let site = TestSite::from_fixture("minimal");
    std::os::unix::fs::symlink("/etc/passwd", site.root().join("content/attachments/passwd.pdf")).unwrap();
    site.write("content/guides/lien-ket.md", "---\ntitle: Liên kết\nattachments:\n  - file: passwd.pdf\n---\n");
    let errors = site.build_errors();
    assert_error(
        &errors,
        "content/guides/lien-ket.md:4:11: error: the attachment path `passwd.pdf` leads outside the content folder",
        "",
    );
}

#[cfg(unix)]
#[test]
fn a_shared_attachments_folder_that_is_a_symlink_out_of_the_content_folder_is_refused() {
    let site = TestSite::from_fixture("minimal");
    let elsewhere = site.dir.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("bi-mat.pdf"), b"%PDF-1.4 secret").unwrap();
    let shared = site.root().join("content/attachments");
    std::fs::rename(&shared, site.dir.path().join("attachments-moved")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &shared).unwrap();
    site.write("content/guides/lien-ket.md", "---\ntitle: Liên kết\nattachments:\n  - file: bi-mat.pdf\n---\n");
    let errors = site.build_errors();
    assert_error(
        &errors,
        "content/guides/lien-ket.md:4:11: error: the attachment path `bi-mat.pdf` leads outside the content folder",
        "",
    );
}

#[test]
fn phone_numbers_that_lost_their_leading_zero_must_be_quoted() {
    let errors = TestSite::minimal_with("phone-integer").build_errors();
    assert_error(
        &errors,
        "content/contacts/people/so-dien-thoai.md:3:8: error: the phone number was read as the number 84942200232",
        "put it in quotes",
    );
}

#[test]
fn malformed_emails_are_refused() {
    let errors = TestSite::minimal_with("bad-email").build_errors();
    assert_error(
        &errors,
        "content/contacts/people/thu-sai.md:3:8: error: `le van e@example` is not an e-mail address",
        "",
    );
}

#[test]
fn files_that_are_not_utf8_are_refused_with_the_position() {
    let errors = TestSite::minimal_with("not-utf8").build_errors();
    assert_error(&errors, "content/guides/sai-ma.md:2:18: error: the file is not UTF-8 text", "UTF-8");
}

#[test]
fn a_missing_closing_line_is_reported() {
    let errors = TestSite::minimal_with("unclosed-front-matter").build_errors();
    assert_error(
        &errors,
        "content/guides/khong-dong.md:1:1: error: the front matter opened by `---` on line 1 is never closed",
        "add a line",
    );
}

#[test]
fn classified_and_internal_documents_stop_the_build() {
    let errors = TestSite::minimal_with("classified").build_errors();
    assert_error(
        &errors,
        "content/directives/mat.md:5:18: error: this document is classified (Mật)",
        "never publishes",
    );
    let errors = TestSite::minimal_with("internal").build_errors();
    assert_error(&errors, "content/directives/noi-bo.md:5:14: error: this document is for internal circulation", "");
}

#[test]
fn unknown_directive_blocks_are_errors_with_their_line() {
    let errors = TestSite::minimal_with("unknown-block").build_errors();
    assert_error(
        &errors,
        "content/guides/khoi-la.md:6:1: error: unknown directive block `deadlnie`",
        "did you mean `deadline`?",
    );
    assert_error(
        &errors,
        "content/guides/khoi-la.md:8:1: error: `::contact` names an unknown contact `vu-van-z`",
        "did you mean `vu-van-a`?",
    );
}

#[test]
fn template_errors_name_the_template_file_and_line() {
    let errors = TestSite::minimal_with("template-error").build_errors();
    assert_error(&errors, "templates/404.html:2:", "template error");
}

#[test]
fn all_problems_are_reported_at_once() {
    let site = TestSite::minimal_with("unknown-refs");
    crate::support::copy_dir(&crate::support::fixture("invalid/impossible-dates"), &site.root());
    crate::support::copy_dir(&crate::support::fixture("invalid/bad-email"), &site.root());
    let errors = site.build_errors();
    assert!(errors.len() >= 5, "{errors:#?}");
}

#[test]
fn a_directive_without_campaign_is_only_a_warning() {
    let site = TestSite::from_fixture("minimal");
    site.write("content/directives/le.md", "---\ntitle: thông báo lẻ\ndoc_type: thong-bao\ndate: 2024-05-01\n---\n");
    let warnings = site.build_ok();
    assert!(
        warnings.iter().any(|w| w
            .to_string()
            .starts_with("content/directives/le.md:1:1: warning: this directive belongs to no campaign")),
        "{warnings:#?}"
    );
}

#[test]
fn a_number_contradicting_the_document_type_is_a_warning() {
    let site = TestSite::from_fixture("minimal");
    site.write(
        "content/directives/tb.md",
        "---\ntitle: x\ndoc_type: thong-bao\nnumber: 45/KH-UBND\ncampaigns: [hoi-thi-mau]\n---\n",
    );
    let warnings = site.build_ok();
    assert!(
        warnings.iter().any(|w| w.to_string().contains("tb.md:4:9: warning: the number `45/KH-UBND` names a kế hoạch")),
        "{warnings:#?}"
    );
}
