# Thông báo của loa bằng tiếng Việt (ngôn ngữ mặc định): chẩn đoán của `loa check`,
# `loa build`, `loa import` và lớp báo lỗi của `loa serve`. Mỗi id ở đây có trong
# locales/en/loa.ftl với cùng các biến (tests/it/messages.rs). Tên trường và giá trị là biến:
# giữ nguyên như người soạn đã viết.
# Thuật ngữ: front matter = "phần khai báo đầu tệp"; field = "trường".

## Nhãn

label-error = lỗi
label-warning = cảnh báo
label-hint = gợi ý

## loa serve

serve-overlay-title = loa: dựng trang thất bại (trang đang hiện phiên bản tốt gần nhất)

## Shared hints

hint-did-you-mean = có phải ý bạn là `{ $suggestion }`?

## References between files (content/validate.rs)

field-slug-unknown = `fields` ghi lĩnh vực `{ $slug }` không có trong danh mục
field-slug-none-hint = khai báo danh mục lĩnh vực của cổng trong site.yaml: fields: [{"{"}slug: nong-nghiep, name: Nông nghiệp{"}"}]
field-slug-list-hint = các lĩnh vực khai báo trong site.yaml là: { $slugs }
link-to-scheduled = liên kết này dẫn tới { $path }, trang được hẹn đăng lúc { $publish } (giờ Việt Nam)
link-to-scheduled-hint = hẹn đăng cả tệp này, với `publish: { $publish }` (hoặc muộn hơn), bỏ liên kết cho đến lúc đó, hoặc đăng { $file } sớm hơn
ref-to-scheduled = `{ $field }` ghi `{ $slug }`, trang được hẹn đăng lúc { $publish } (giờ Việt Nam)
ref-to-scheduled-hint = hẹn đăng cả tệp này, với `publish: { $publish }` (hoặc muộn hơn), hoặc đăng { $file } sớm hơn
replaced-by-itself = `replaced_by` ghi chính văn bản này
replaced-by-itself-hint = ghi văn bản thay thế nó (tên tệp, bỏ đuôi .md), hoặc bỏ trường `replaced_by`
replaced-by-unknown = `replaced_by` ghi văn bản `{ $slug }` không tồn tại
replaced-by-unknown-hint = ghi văn bản thay thế bằng tên tệp của nó (bỏ đuôi .md), trong content/directives/
slug-empty = tên tệp không cho ra được đường dẫn (slug) nào
slug-empty-hint = đặt tên tệp theo tiêu đề, bằng chữ hoặc số, ví dụ hoi-thi-sang-tao.md
slug-taken = đường dẫn (slug) `{ $slug }` loại { $kind } đã được { $first } dùng
slug-taken-hint = đổi tên một trong hai tệp: đường dẫn lấy từ tên tệp và không được trùng
ref-unknown-campaign = `{ $field }` ghi phong trào `{ $slug }` không tồn tại
ref-person-not-organization = `{ $field }` ghi `{ $slug }`, là một người chứ không phải cơ quan, đơn vị
ref-unknown-organization = `{ $field }` ghi cơ quan, đơn vị `{ $slug }` không tồn tại
ref-unknown-contact = `{ $field }` ghi đầu mối liên hệ `{ $slug }` không tồn tại
ref-unknown-hint = tham chiếu là tên tệp bỏ đuôi .md; hãy thêm tệp vào { $folder } hoặc sửa lại tên
short-code-taken = mã rút gọn `{ $code }` đã được dùng ở { $first }
short-code-taken-hint = mỗi mã QR in ra phải dẫn tới một trang duy nhất: chọn mã khác cho một trong hai
directive-no-campaign = văn bản này không thuộc phong trào nào
directive-no-campaign-hint = thêm `campaigns: [slug]` để văn bản hiện trên trang của phong trào
deadline-before-date = thời hạn { $deadline } sớm hơn cả ngày ban hành văn bản { $date }
deadline-before-date-hint = kiểm tra lại năm của thời hạn

## Dates (date.rs)

date-year-digits = `{ $text }` không phải là ngày: năm phải có { $width } chữ số
date-month-digits = `{ $text }` không phải là ngày: tháng phải có { $width } chữ số
date-day-digits = `{ $text }` không phải là ngày: ngày phải có { $width } chữ số
date-not-a-date = `{ $text }` không phải là ngày theo dạng YYYY-MM-DD (năm-tháng-ngày)
date-no-such-month = không có tháng { $month } (tháng từ 01 đến 12)
date-no-such-day = { $month } không có ngày { $day } (tháng này có { $last } ngày)
date-time-needs-full-date = `{ $text }`: có giờ thì phải có đủ ngày tháng năm (YYYY-MM-DDTHH:MM)
date-needs-full-date = `{ $text }` cần đủ ngày tháng năm: YYYY-MM-DD, hoặc YYYY-MM-DDTHH:MM
date-offset-needs-time = `{ $text }`: có múi giờ thì phải có giờ, ví dụ 2026-12-08T08:00+07:00
date-bad-offset = `{ $offset }` không phải là múi giờ: viết +07:00, hoặc Z cho giờ UTC
date-bad-time = `{ $text }` không phải là giờ: viết HH:MM theo giờ Việt Nam, 24 giờ, ví dụ 17:00

## Fields of the front matter (content/fields.rs)

fields-not-a-group = cần một nhóm dòng `trường: giá trị`, nhưng gặp { $found }
field-unknown = trường `{ $key }` không tồn tại
field-unknown-hint = các trường được dùng ở đây là: { $known }
field-not-text = `{ $key }` phải là chữ, nhưng gặp { $found }
field-not-text-hint = viết trên một dòng, ví dụ { $key }: "…"
field-required = thiếu trường bắt buộc `{ $key }`, hoặc trường này để trống
field-required-hint = thêm dòng `{ $key }: { $example }`
phone-read-as-number = số điện thoại bị đọc thành con số { $written }: mất số 0 hoặc dấu + ở đầu và các dấu chấm
phone-read-as-number-hint = đặt số trong dấu ngoặc kép, đúng như cách viết, ví dụ { $key }: "0237.3852.246"
phone-invalid = `{ $phone }` không phải là số điện thoại
phone-invalid-hint = viết các chữ số, có thể xen dấu cách, dấu chấm hoặc gạch ngang, ví dụ "094.2200.232" hoặc "+84 237 3852 246"
email-invalid = `{ $email }` không phải là địa chỉ thư điện tử
email-invalid-hint = viết một địa chỉ, ví dụ vanphong@skhcn.example.gov.vn
field-not-bool = `{ $key }` phải là true (có) hoặc false (không), nhưng gặp { $found }
field-not-bool-hint = viết { $key }: true
date-impossible = ngày không hợp lệ ở `{ $key }`: { $problem }
date-impossible-hint = viết ngày theo dạng YYYY-MM-DD, hoặc YYYY-MM khi văn bản để trống ngày, ví dụ 2024-06-25
datetime-impossible-hint = viết YYYY-MM-DD, hoặc YYYY-MM-DDTHH:MM nếu có giờ (giờ Việt Nam)
field-not-list = `{ $key }` phải là một danh sách, mỗi mục bắt đầu bằng `- `
field-not-list-hint = xem ví dụ về `{ $key }:` trong docs/content-model.md
choice-did-you-mean = có phải ý bạn là `{ $suggestion }`? Các giá trị được dùng: { $allowed }
choice-allowed = các giá trị được dùng: { $allowed }
choice-invalid = `{ $value }` không phải là giá trị hợp lệ của `{ $key }`
value-nothing = giá trị trống
value-bool = `{ $value }`
value-number = con số { $value }
value-text = đoạn chữ "{ $value }"
value-list = một danh sách
value-group = một nhóm trường

## Content files and folders (content/load.rs)

folder-unknown = thư mục { $folder }/ không phải là thư mục nội dung: không tệp nào trong đó được đăng
folder-unknown-hint = chuyển các trang trong đó vào một thư mục đã biết, tệp đính kèm dùng chung vào content/attachments/; các thư mục đã biết là content/campaigns/, content/directives/, content/guides/, content/contacts/organizations/, content/contacts/people/, content/results/ và content/attachments/
file-symlink = { $file } là một liên kết tượng trưng (symlink): tệp này không được đọc
file-symlink-hint = chỉ các tệp thật nằm trong content/ mới được đọc: hãy đặt chính tệp đó vào đây
file-not-md = { $file } không được đọc: tệp nội dung phải có đuôi `.md`
file-not-md-hint = đổi tên thành { $stem }.md (chữ thường) để đăng tệp này
file-not-regular = { $file } là { $what }, không phải tệp thông thường: loa chỉ đọc tệp thông thường
file-not-regular-hint = thay bằng một tệp thông thường, hoặc xóa đi (đọc một FIFO hay thiết bị sẽ làm treo việc dựng trang)
translation-into-vi-hint = bản gốc tiếng Việt là { $original }: gộp hai tệp lại rồi xóa tệp này
translation-unpublished = bản dịch sang `{ $lang }` này không được đăng: cổng không đăng ngôn ngữ `{ $lang }`
translation-unpublished-hint = thêm `{ $lang }` vào `languages` trong site.yaml (ví dụ languages: [vi, { $lang }]) để đăng bản dịch
translation-no-original = bản dịch này không có bản gốc: không có tệp { $original }
translation-no-original-hint = bản dịch nằm cạnh bản gốc tiếng Việt (x.md và x.{ $lang }.md trong cùng thư mục): thêm bản gốc, hoặc đổi tên hay xóa tệp này
file-outside-content-folders = tệp này không nằm trong thư mục nội dung nào nên không được đăng
file-outside-content-folders-hint = chuyển tệp vào content/campaigns, directives, guides, contacts/organizations hoặc contacts/people
file-too-large = tệp nặng { $size } ({ $bytes } byte), vượt giới hạn { $limit_size } ({ $limit } byte)
file-unreadable = không đọc được tệp: { $error }
file-not-utf8 = tệp không phải là văn bản mã UTF-8
file-not-utf8-settings-hint = lưu lại tệp theo bảng mã UTF-8
file-not-utf8-hint = lưu lại theo bảng mã UTF-8 (trong Word: Save As › Plain Text › Unicode (UTF-8)); chữ gõ bằng TCVN3/VNI cũ phải chuyển sang Unicode
doc-type-missing = thiếu trường bắt buộc `doc_type` (tên loại văn bản)
doc-type-missing-hint = thêm, ví dụ, `doc_type: cong-van` (hoặc ke-hoach, thong-bao, quyet-dinh…)
directive-no-date = văn bản chưa có ngày ban hành `date`
directive-no-date-hint = thêm ngày ký văn bản, ví dụ date: 2024-06-25 (hoặc 2024-06 khi văn bản để trống ngày)
authority-invalid = `{ $text }` không phải là quyền hạn ký
authority-invalid-hint = dùng TM., KT., TL., TUQ., Q. (thể thức nhà nước) hoặc T/M, K/T, T/L (thể thức Đảng)
result-no-campaign = tệp kết quả không ghi phong trào nào
result-no-campaign-hint = đặt tệp vào content/results/<slug-phong-trào>/, hoặc thêm `campaign: <slug-phong-trào>`
publish-invalid = `publish` không phải là một thời điểm: { $problem }
publish-invalid-hint = viết publish: 2026-12-08T08:00 (giờ Việt Nam), hoặc chỉ ngày để đăng lúc 00:00
extends-no-deadline = `extends` không gia hạn thời hạn nào
extends-no-deadline-hint = liệt kê các thời hạn được gia hạn: deadlines: [{"{"}was: 2025-05-30, now: 2025-06-30{"}"}]
special-folder = một thư mục
special-fifo = một FIFO (đường ống có tên)
special-socket = một socket
special-device = một thiết bị
special-other = không phải tệp thông thường

## site.yaml (config.rs)

site-yaml-not-utf8 = site.yaml không phải là văn bản mã UTF-8
site-yaml-unreadable = không đọc được site.yaml: { $error }
site-yaml-unreadable-hint = chạy loa trong thư mục của cổng (thư mục có site.yaml), hoặc thêm --root THƯ_MỤC
base-url-invalid = `{ $url }` không dùng được làm base_url: { $problem }
base-url-invalid-hint = viết đầy đủ địa chỉ, ví dụ https://sokhcn.example.gov.vn/thidua/ (đường dẫn chỉ gồm chữ, số, `-`, `_`, `.`, `~`)
build-date-partial = build_date cần đủ ngày tháng năm
build-date-partial-hint = viết build_date: 2024-07-01
qr-module-invalid = `{ $px }` không dùng được làm cỡ ô mã QR
qr-module-invalid-hint = viết số điểm ảnh từ 2 đến 64, ví dụ module_px: 16
origin-invalid = `{ $origin }` không phải là gốc trang web (origin): { $problem }
origin-invalid-hint = chỉ viết giao thức và tên máy, ví dụ https://sokhcn.example.gov.vn hoặc http://localhost:8080 (không có đường dẫn)
edit-url-invalid = `{ $value }` không phải là địa chỉ web
edit-url-invalid-hint = viết địa chỉ trang sửa bài, ví dụ https://gitlab.example.gov.vn/so-khcn/cong-thi-dua/-/edit/main/
budget-invalid = `{ $kb }` không phải là ngân sách dung lượng trang
budget-invalid-hint = viết một số nguyên kilobyte, ví dụ page_kb: 50 (0 để tắt việc kiểm tra)
field-def-twice = lĩnh vực `{ $slug }` được khai báo hai lần
field-def-twice-hint = mỗi lĩnh vực cần một slug riêng
abbreviation-invalid = `{ $entry }` không phải là một chữ viết tắt kèm dạng đầy đủ
abbreviation-invalid-hint = viết chữ viết tắt, dấu `=`, rồi ít nhất hai từ, ví dụ "KHCN = Khoa học và Công nghệ"
file-limit-invalid = `{ $bytes }` không phải là giới hạn dung lượng tệp
file-limit-invalid-hint = viết một số nguyên byte, ít nhất 1000, ví dụ max_file_bytes: 2000000 (2 MB, mặc định)
language-not-default = `language: { $language }`: các tệp nội dung viết bằng tiếng Việt, ngôn ngữ mặc định là `{ $default }`
language-not-default-hint = bỏ dòng `language`; muốn đăng thêm phiên bản { $language }, hãy viết languages: [{ $default }, { $language }]
language-code-invalid = `{ $code }` không phải là mã ngôn ngữ
language-code-invalid-hint = dùng mã hai chữ cái theo ISO 639-1, ví dụ languages: [vi, en]
language-twice = `{ $value }` được ghi hai lần
language-twice-hint = mỗi ngôn ngữ chỉ ghi một lần
languages-empty = `languages` không ghi ngôn ngữ nào
languages-empty-hint = viết languages: [vi] (hoặc [vi, en] nếu có phiên bản tiếng Anh)
languages-first = ngôn ngữ đầu tiên phải là `{ $default }`, nhưng đang là `{ $first }`
languages-first-hint = các tệp nội dung là bản gốc tiếng Việt: viết languages: [{ $default }, { $first }]
language-disagrees = `language: { $language }` không khớp với `languages`
language-disagrees-hint = bỏ dòng `language`: ngôn ngữ đầu tiên của `languages` là ngôn ngữ mặc định

## YAML (yaml/)

yaml-key-twice = trường `{ $key }` được viết hai lần
yaml-key-twice-line-hint = `{ $key }` đã có ở dòng { $line }: chỉ giữ một trong hai dòng (YAML sẽ lặng lẽ chỉ lấy dòng sau cùng)
yaml-key-twice-hint = `{ $key }` đã có ở phía trên trong cùng nhóm: chỉ giữ một trong hai (YAML sẽ lặng lẽ chỉ lấy giá trị sau cùng)
yaml-syntax = lỗi cú pháp YAML: { $problem }
yaml-colon-hint = giá trị có chứa `: ` phải đặt trong dấu ngoặc kép, ví dụ title: "V/v: tuyên truyền"
yaml-token-hint = giá trị bắt đầu bằng `@`, `` ` `` hoặc `%` phải đặt trong dấu ngoặc kép; thụt lề bằng dấu cách, không dùng phím Tab
yaml-syntax-hint = kiểm tra thụt lề (chỉ dùng dấu cách) và đặt trong dấu ngoặc kép các giá trị có `:`, `#` hoặc bắt đầu bằng `-`, `[`, `{"{"}`
yaml-too-deep = YAML lồng nhau quá { $levels } cấp
yaml-too-deep-hint = giảm bớt các cấp danh sách và nhóm ở đây: không trường nào của cổng cần nhiều cấp như vậy (có thể do một loạt `[`, `{"{"}` hoặc `- ` thừa)

## The front matter (content/front_matter.rs)

front-matter-missing = tệp không bắt đầu bằng phần khai báo đầu tệp
front-matter-missing-hint = mở đầu tệp bằng một dòng `---`, tiếp theo là các trường YAML (title: …), rồi thêm một dòng `---` nữa
front-matter-unclosed = phần khai báo đầu tệp mở bằng `---` ở dòng 1 nhưng không có dòng đóng
front-matter-unclosed-hint = thêm một dòng chỉ có `---` sau trường YAML cuối cùng, trước phần nội dung của trang

## Attachments (content/attachments.rs)

attachment-absolute = đường dẫn tệp đính kèm `{ $written }` là đường dẫn tuyệt đối
attachment-absolute-hint = đặt tệp cạnh trang (hoặc trong content/attachments/) và chỉ ghi tên tệp, ví dụ file: ke-hoach.pdf
attachment-missing = không có tệp đính kèm `{ $written }`
attachment-missing-hint = đặt tệp cạnh trang này hoặc trong content/attachments/ (tên tệp phân biệt chữ hoa, chữ thường)
attachment-missing-suggestion-hint = đặt tệp cạnh trang này hoặc trong content/attachments/ (tên tệp phân biệt chữ hoa, chữ thường); có phải ý bạn là `{ $name }`?
attachment-folder = tệp đính kèm `{ $written }` là một thư mục, không phải tệp
attachment-folder-hint = ghi tên một tệp nằm trong thư mục đó
attachment-outside = đường dẫn tệp đính kèm `{ $written }` trỏ ra ngoài thư mục nội dung
attachment-outside-hint = tệp đính kèm phải nằm trong content/ (cạnh trang hoặc trong content/attachments/); hãy chép tệp vào đó
attachment-unreadable = không đọc được tệp đính kèm: { $error }

## Size limits

settings-too-large-hint = chỉ để trong tệp các thiết lập của nó
file-too-large-hint = tách tệp thành nhiều trang, hoặc nâng giới hạn trong site.yaml: limits: {"{"}max_file_bytes: …{"}"}
site-yaml-too-large-hint = site.yaml chỉ chứa thiết lập của cổng: hãy giữ tệp ngắn gọn
theme-file-too-large-hint = tệp giao diện chỉ nên chứa mẫu trang, kiểu trình bày, mã script và chuỗi giao diện
i18n-too-large-hint = tệp ngôn ngữ chỉ chứa chuỗi giao diện: hãy giữ tệp ngắn gọn

## UI strings (i18n.rs)

i18n-not-a-map = cần các dòng dạng `khóa: chữ`
i18n-not-a-map-hint = mỗi dòng viết một chuỗi giao diện, ví dụ search: Tìm kiếm
i18n-months = `months` cần đủ tên 12 tháng
i18n-months-hint = liệt kê từ tháng Một đến tháng Mười hai, ví dụ months: [January, February, …]
i18n-not-text = `{ $key }` phải là chữ
i18n-missing-language = không có chuỗi giao diện cho ngôn ngữ `{ $lang }`
i18n-missing-language-hint = thêm i18n/{ $lang }.yaml vào cổng (chép các khóa trong i18n/en.yaml của giao diện rồi dịch), hoặc bỏ `{ $lang }` khỏi languages
i18n-missing-key = thiếu chuỗi giao diện `{ $key }`
i18n-missing-key-hint = thêm dòng `{ $key }: …` cho ngôn ngữ { $lang }: mọi khóa của bộ tiếng Việt (i18n/vi.yaml) đều cần bản dịch

## Short codes on posters (content/shortlinks.rs)

short-code-follows-title = mã rút gọn `{ $code }` của `{ $key }` nay dẫn tới trang này (cùng tiêu đề)
short-code-follows-title-hint = nếu đây không phải là `{ $key }` đã đổi tên, hãy cho mã này ngừng dùng (retired) trong { $registry }
short-code-empty = mã `{ $code }` không có `page:` cũng không có `retired:`
short-code-empty-hint = ghi `page: campaign/<slug>`, hoặc `retired: /phong-trao/` để đưa người đọc tới một trang khác
short-code-printed = mã rút gọn `{ $code }` đã được in trên áp phích của { $other }
short-code-printed-hint = chọn mã khác: mã đã in ra phải luôn dẫn tới cùng một trang
short-code-broken = liên kết trên áp phích { $link } sẽ hỏng: nó dẫn tới `{ $key }`, trang này không còn trong content/
short-code-broken-hint = nếu trang đã đổi tên hay chuyển chỗ, thêm `aliases: [{ $slug }]` vào phần khai báo đầu tệp của nó; nếu cố ý gỡ trang, thay dòng `page:` của mã trong { $registry } bằng `retired: /phong-trao/` (trang sẽ đưa người đọc tới)

## Summaries (cli.rs)

build-failed = dựng trang thất bại: { $errors } lỗi; bản đã dựng trước đó trong { $out } vẫn giữ nguyên
check-summary = { $errors } lỗi, { $warnings } cảnh báo
links-no-output = chưa có bản dựng nào để kiểm tra liên kết
links-no-output-hint = chạy `loa build` trước, hoặc thêm --out THƯ_MỤC
import-failed-summary = { $failed } trên { $files } tệp không nhập được; không ghi gì cho các tệp đó
serve-build-failed = dựng trang thất bại: { $errors } lỗi; bản xem trước giữ phiên bản tốt gần nhất

## loa import (import/)

import-no-portal-hint = chạy `loa import` trong thư mục của cổng, hoặc thêm --root THƯ_MỤC (để đối chiếu với cơ quan, người liên hệ và phong trào của cổng)
import-no-campaign = cổng không có phong trào `{ $slug }`
import-no-campaigns-hint = cổng chưa có phong trào nào: bỏ --campaign
import-campaigns-hint = các phong trào hiện có: { $slugs }
import-unreadable-hint = kiểm tra đường dẫn và xem tệp có tồn tại không
import-permissions-hint = kiểm tra quyền đọc tệp
import-folder = đây là một thư mục, không phải tệp
import-folder-hint = ghi tên các tệp .docx, .pdf, .md hoặc .txt cần nhập
import-too-large = tệp nặng { $size } MB; tệp trên { $limit } MB không được nhập
import-too-large-hint = một văn bản nhỏ hơn nhiều: bỏ các hình ảnh chèn trong tệp (hoặc chỉ lưu phần chữ thành .txt) rồi nhập lại
import-empty = tệp trống
import-empty-hint = lưu nội dung văn bản vào tệp, hoặc nhập đúng tệp
import-encoding-unsure = tệp không phải là văn bản mã UTF-8 (hay UTF-16), và không xác định được bảng mã: giống { $likely } nhất
import-encoding-unknown = tệp không phải là văn bản mã UTF-8 (hay UTF-16), cũng không phải tiếng Việt mã TCVN3 hay VNI
import-encoding-hint = mở tệp với phông chữ đã dùng để gõ, chuyển sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey), rồi lưu theo bảng mã UTF-8 (trong Word: Save As › Plain Text › Unicode (UTF-8))
import-no-text = tệp không có chữ nào
import-no-text-hint = lưu nội dung văn bản vào tệp
import-old-format = không nhập được tệp .{ $extension }
import-old-format-hint = mở tệp bằng Word hoặc LibreOffice rồi lưu thành .docx (Word Document) hoặc văn bản thuần (.txt, UTF-8)
import-no-extension = không rõ loại tệp
import-unknown-type = không rõ loại tệp .{ $extension }
import-unknown-type-hint = hãy nhập tệp .docx, .pdf (có lớp chữ), .md hoặc .txt

## Layout of a directive (content/format.rs)

number-without-number = số ký hiệu `{ $number }` thiếu phần số trước ký hiệu
number-without-number-hint = ghi số ký hiệu đúng như bản gốc (ví dụ 1234/SKHCN-VP); nếu bản gốc để trống phần số, thêm `number_blank: true`
signer-no-position = người ký chưa có chức vụ `position`
signer-no-position-hint = thêm chức vụ người ký như in phía trên chữ ký, ví dụ position: Phó Giám đốc
signer-no-authority = chức vụ `{ $position }` ký thay mặt hoặc ký thay, nhưng thiếu quyền hạn ký `authority`
signer-no-authority-hint = thêm `authority:` ({ $needed }) và `body:` như bản in, ví dụ authority: KT. / body: GIÁM ĐỐC

## Quan hệ giữa các văn bản (content/life.rs)

life-self-reference = `{ $field }` trỏ đến chính văn bản này
life-self-reference-hint = ghi văn bản cũ hơn mà văn bản này tác động (tên tệp không có .md), hoặc `{"{"}number: …{"}"}` cho văn bản không có trên cổng
life-unknown-target = `{ $field }` trỏ đến văn bản `{ $target }` không có trên cổng
life-unknown-target-hint = ghi văn bản bằng tên tệp không có .md, hoặc viết `{"{"}number: …{"}"}` cho văn bản không có trên cổng
life-double-replacement = `replaces` trỏ đến `{ $target }`, văn bản đã bị `{ $earlier }` thay thế
life-double-replacement-hint = mỗi văn bản chỉ bị thay thế một lần: ghi `amends: { $target }` ở đây, hoặc `replaces: { $earlier }` nếu văn bản này thay thế văn bản thay thế kia
life-cycle = `{ $field }` tạo thành vòng quan hệ: { $path }
life-cycle-hint = quan hệ đi từ văn bản mới hơn đến văn bản cũ hơn: bỏ quan hệ khai báo trên văn bản cũ hơn
life-was-unmatched = `was: { $was }` không khớp thời hạn nào của `{ $target }`
life-no-deadlines-hint = `{ $target }` không có thời hạn nào để gia hạn
life-deadlines-hint = các thời hạn của `{ $target }` là: { $deadlines }

## Kết quả hội thi (content/results.rs)

result-entry-twice = giải pháp “{ $title }” được ghi hai lần: lần đầu ở { $first }
result-entry-twice-hint = mỗi giải pháp chỉ đạt một giải trong một hội thi: bỏ một trong hai mục
result-unknown-campaign = kết quả trỏ đến phong trào `{ $campaign }` không có trên cổng
result-unknown-campaign-hint = ghi hội thi bằng tên tệp trong content/campaigns/ (thư mục trong content/results/ hoặc `campaign:`)
result-unknown-decision = `decision` trỏ đến văn bản `{ $decision }` không có trên cổng
result-unknown-decision-hint = ghi quyết định khen thưởng bằng tên tệp trong content/directives/
result-person-organization = `person` trỏ đến `{ $person }`, là một cơ quan, không phải một người
result-person-unknown = `person` trỏ đến người `{ $person }` không có trên cổng
result-person-hint = chỉ ghi tên tác giả (`name:`), hoặc thêm người này vào content/contacts/people/
result-unknown-level = `{ $level }` không phải là một mức giải của kết quả này
result-level-suggestion-hint = có phải ý bạn là `{ $suggestion }`? Các mức giải là { $levels }
result-level-hint = các mức giải là { $levels }; quyết định có mức giải khác thì liệt kê chúng trong `levels:`
result-unknown-field = `field` ghi `{ $field }`, không có trong danh mục `fields:` của site.yaml
result-field-none-hint = khai báo danh mục lĩnh vực của cổng trong site.yaml, ví dụ fields: [{"{"}slug: co-khi, name: Cơ khí, tự động hóa{"}"}]
result-field-suggestion-hint = có phải ý bạn là `{ $suggestion }`? Các lĩnh vực của site.yaml là { $fields }
result-field-hint = các lĩnh vực của site.yaml là { $fields }

## Các thông báo còn lại của mô hình (content/, config.rs, diag.rs, check/)

reference-needs-number = văn bản tham chiếu cần ít nhất số ký hiệu `number` hoặc tiêu đề `title`
reference-needs-number-hint = ví dụ - number: 57/KH/HTSTKT
deadline-needs-date = thời hạn cần có ngày `date`
deadline-needs-date-hint = ví dụ - date: 2023-05-20
short-code-unusable = `{ $code }` không dùng được làm mã ngắn: { $problem }
placement-twice = điểm đặt `{ $slug }` được ghi hai lần
placement-twice-hint = mỗi điểm đặt cần một slug riêng
alias-invalid = tên cũ `{ $alias }` { $problem }
alias-not-site-path = không phải đường dẫn trong cổng: { $p }
alias-not-slug = không phải slug, cũng không phải đường dẫn trong cổng bắt đầu bằng `/`
alias-hint = tên cũ là slug cũ của trang, ví dụ `{ $slug }`, hoặc đường dẫn cũ, ví dụ /cu/duong-dan/
deadline-move-needs = thời hạn được dời cần có `{ $key }`
deadline-move-needs-hint = ví dụ - {"{"}was: 2025-05-30, now: 2025-06-30{"}"}
published-not-site-path = `{ $page }` không phải đường dẫn trong cổng: { $problem }
published-redirect-not-site-path = đích chuyển hướng `{ $to }` không phải đường dẫn trong cổng: { $problem }
published-gone = trang đã đăng { $base }{ $page } không còn trong content/: mã QR đã in và các liên kết đến trang sẽ hỏng
published-gone-hint = nếu trang đã đổi tên, thêm `aliases: [{ $slug }]` vào tệp mới của trang; để xóa trang, ghi `{ $page }: {"{"}redirect: /van-ban/{"}"}` ở dòng này (trang người đọc được chuyển đến).{ $withdraw }
published-withdraw-hint = Nếu văn bản không còn áp dụng, hãy đặt lại tệp và thêm `withdrawn: {"{"}date: …, reason: …{"}"}`: trang vẫn còn, kèm dải thông báo.
scans-unreadable = không đọc được tệp số lượt quét: { $error }
scans-unreadable-hint = chạy lại `loa scans LOG…` để ghi tệp này
scans-invalid = tệp số lượt quét không đọc được: { $error }
scans-restore-hint = tệp này do `loa scans` ghi: khôi phục từ Git, hoặc xóa đi rồi đọc lại nhật ký
scans-unknown-format = định dạng `{ $format }` không được hỗ trợ
scans-unknown-format-hint = bản loa này đọc `{ $expected }`: hãy chạy `loa scans` bằng bản loa đã ghi tệp
scans-bad-count = số đếm thứ { $n }: { $problem }
short-code-invalid = `{ $code }` không phải mã ngắn: { $problem }
short-retired-not-site-path = đích `retired:` `{ $target }` không phải đường dẫn trong cổng: { $problem }
link-broken = liên kết hỏng `{ $url }`: { $problem }
link-broken-hint = sửa liên kết trong nội dung hoặc mẫu giao diện đã tạo ra trang này
federation-member-name = tên thành viên `{ $name }` bị trống hoặc được ghi hai lần
federation-member-name-hint = đặt cho mỗi thành viên của `federation` một tên riêng, ví dụ tên tỉnh
cms-branch-invalid = `{ $branch }` không phải tên nhánh
cms-branch-hint = ghi ví dụ branch: main
cms-url-invalid = `{ $value }` không phải địa chỉ dùng được: { $problem }
cms-url-hint = ghi ví dụ { $key }: { $example }
cms-gitea-api-root = máy chủ Gitea cần có `api_root`
cms-gitea-api-root-hint = thêm api_root: https://gitea.example.gov.vn/api/v1
file-cannot-update = không cập nhật được { $what }: { $error }
nd42-missing = Nghị định 42/2022: { $what }
nd42-issuer = thiếu cơ quan ban hành (`issuer`)
nd42-issuer-hint = thêm issuer: <slug của cơ quan>
nd42-number = thiếu số ký hiệu (`number`)
nd42-number-hint = thêm number: 12/KH-UBND như in trên văn bản
nd42-date = thiếu ngày ban hành đầy đủ (`date`)
nd42-date-hint = thêm date: 2025-05-20 (ngày ký)
nd42-effective = thiếu ngày có hiệu lực (`effective`)
nd42-effective-hint = thêm effective: 2025-06-01, hoặc effective: kể từ ngày ký
nd42-attachments = thiếu tệp tải về (`attachments`)
nd42-attachments-hint = đính kèm văn bản đã ký, ví dụ attachments: [{"{"}file: cong-van.pdf{"}"}]
nd42-signer = thiếu họ tên người ký (`signer.name`)
nd42-signer-hint = thêm signer: {"{"}position: Giám đốc, name: …{"}"}

## Thư mục xuất, mẫu giao diện và serve (pipeline.rs, render/, output/, serve/, federation/)

federation-member-kept = thành viên liên thông `{ $member }`: { $problem }; dùng bản tốt gần nhất (dựng lúc { $built })
federation-member-dropped = thành viên liên thông `{ $member }`: { $problem }; chưa có bản tốt nào nên tạm bỏ qua
federation-member-hint = các trang toàn quốc sẽ hiện lại thành viên này khi cổng của họ đăng một /api/v1/ hợp lệ (kiểm tra địa chỉ và bản dựng của cổng đó)
output-path-refused-hint = đường dẫn xuất lấy từ slug, tên cũ (aliases) và mã ngắn: chỉ dùng chữ cái không dấu, chữ số và dấu gạch ngang
output-cannot-write = không ghi được: { $error }
output-folder-create = không tạo được thư mục xuất: { $error }
output-folder-replace = không thay được thư mục xuất: { $error }
output-folder-foreign = thư mục xuất có tệp không do loa ghi: { $files }
output-folder-more = và { $count } tệp khác
output-folder-foreign-hint = chuyển các tệp cần đăng vào static/ (được chép mỗi lần dựng), hoặc chạy `loa build --clean` để thay cả thư mục
file-cannot-write = không ghi được { $file }: { $error }
template-not-utf8 = mẫu giao diện không phải văn bản UTF-8
template-error = lỗi mẫu giao diện: { $error }
template-error-hint = sửa mẫu giao diện; `loa` chỉ báo lỗi đầu tiên của mỗi mẫu
template-view-not-map = dữ liệu hiển thị của mẫu không phải một bảng khóa–giá trị: { $error }
theme-missing = giao diện `{ $name }` không tồn tại
theme-missing-hint = thêm thư mục themes/{ $name }/, hoặc bỏ dòng `theme` để dùng giao diện mặc định
output-cannot-copy = không chép được vào thư mục xuất: { $error }
output-cannot-weigh = không đo được dung lượng: { $error }
output-manifest-unwritable = không ghi được danh mục tệp xuất: { $error }
server-syntax-refused-hint = kiểm tra base_url và embed.allowed_origins trong site.yaml, tên cũ (aliases) và mã ngắn
qr-base-url-hint = dùng base_url chỉ có chữ cái ASCII (không dấu)
weight-budget-hint = giảm dung lượng các tệp nặng nhất, hoặc chỉ tải chúng ở các trang cần đến; hạn mức là `budget: {"{"}page_kb: { $budget_kb }{"}"}` trong site.yaml{ $strict_note }
weight-strict-note = {" "}(`--strict` biến cảnh báo này thành lỗi)
attachment-front-matter-too-large = tệp đính kèm này (của { $page }) mở đầu bằng front matter nhưng quá lớn ({ $len } byte) để kiểm tra độ mật
attachment-front-matter-too-large-hint = đính kèm tệp không có front matter, hoặc nâng hạn mức trong site.yaml: limits: {"{"}max_file_bytes: …{"}"}
attachment-front-matter-unreadable = tệp đính kèm này (của { $page }) mở đầu bằng front matter không đọc được: { $error }
attachment-front-matter-grew = tệp đính kèm này (của { $page }) lớn quá { $max_bytes } byte trong lúc đọc front matter
build-again-hint = dựng lại

## Thể thức số ký hiệu (content/format.rs)

format-state = Nhà nước (Nghị định 30/2020)
format-party = Đảng (Hướng dẫn 36-HD/VPTW)
format-state-short = Nhà nước
format-party-short = Đảng
format-declares-system = `{ $issuer }` khai báo system: { $system }
format-follows-parent = `{ $issuer }` theo cơ quan cấp trên `{ $parent }` (system: { $system })
format-no-system = `{ $issuer }` không có `system` và không có cơ quan cấp trên nào khai báo (mặc định là Nhà nước)
format-fix-party = nếu cơ quan ban hành là cơ quan Đảng (Đảng ủy, Ban Thường vụ…), thêm `system: party` vào tệp của cơ quan đó
format-fix-state = nếu cơ quan ban hành là cơ quan Nhà nước, ghi `system: state` trong tệp của cơ quan đó
format-number-shape = số `{ $number }` có dạng số ký hiệu { $shape }, nhưng { $said }
format-number-shape-hint = { $fix } ({ $at }); nếu không, hãy sửa số ký hiệu
format-issuer-layout = văn bản của cơ quan này theo thể thức { $expected }, nhưng `{ $file }` có số ký hiệu dạng { $shape } `{ $number }`
format-issuer-layout-hint = { $fix }; hoặc sửa số ký hiệu ở { $at }
format-parent = cơ quan cấp trên `{ $parent }` là cơ quan { $above }, nhưng cơ quan này theo thể thức { $own }
format-parent-party-hint = cấp trên của một cấp ủy Đảng là cấp ủy Đảng cấp trên (ví dụ tinh-uy), không phải Ủy ban nhân dân
format-parent-state-hint = cấp trên của một cơ quan Nhà nước là cơ quan Nhà nước cấp trên, không phải cấp ủy Đảng

## Các trường hợp loa import từ chối và lỗi ảnh (import/, images/)

docx-corrupt = tệp không phải tệp .docx đọc được ({ $detail })
docx-corrupt-hint = mở tệp bằng Word hoặc LibreOffice rồi lưu lại dạng .docx (Word Document), hoặc lưu dạng văn bản thuần (.txt, UTF-8)
docx-too-many-entries = tệp .docx chứa { $entries } mục (chỉ đọc tối đa { $max }): đây không phải một văn bản
docx-too-many-entries-hint = lưu riêng văn bản thành một tệp .docx mới, hoặc thành văn bản thuần (.txt)
docx-not-word = tệp là một tệp nén zip nhưng không phải văn bản Word (không có word/document.xml)
docx-not-word-hint = mở văn bản bằng Word rồi lưu dạng .docx (Word Document); tệp .doc, .odt và .pdf cần chuyển đổi trước
docx-zip-bomb = { $name } giải nén ra hơn { $limit } MB: tệp giống một "bom zip", không phải một văn bản
docx-zip-bomb-hint = nếu đây đúng là văn bản, hãy lưu dạng văn bản thuần (.txt) rồi nhập tệp đó
docx-not-utf8-xml = { $name } không phải XML UTF-8
pdf-unreadable = không đọc được tệp PDF: { $error }
pdf-unreadable-hint = nhập tệp .docx đã dùng để tạo PDF, hoặc in lại ra một tệp PDF mới, hoặc lưu nội dung thành .txt (UTF-8)
pdf-damaged = không đọc được tệp PDF: tệp bị hỏng
pdf-damaged-hint = nhập tệp .docx đã dùng để tạo PDF, hoặc lưu nội dung thành .txt (UTF-8)
pdf-scanned = tệp PDF không có lớp chữ: đây là ảnh quét
pdf-scanned-hint = hãy nhận dạng chữ (OCR) trước (ví dụ ocrmypdf -l vie), hoặc nhập tệp .docx gốc của văn bản; loa import không đọc ảnh
import-not-dispatch = tệp này không giống một văn bản hành chính: không thấy Số/ký hiệu, dòng ngày tháng (…, ngày … tháng … năm …), V/v, Kính gửi, Nơi nhận hay phần chữ ký
import-not-dispatch-hint = hãy nhập chính văn bản (công văn, kế hoạch, thông báo… có phần đầu và chữ ký), hoặc tự soạn tệp văn bản (xem docs/content-model.md)
import-classified = văn bản có dấu "{ $mark }" (văn bản mật): cổng công khai không bao giờ đăng văn bản mật
import-classified-hint = không nhập văn bản này; văn bản mật được xử lý ngoài cổng
import-internal = văn bản có dấu "{ $mark }" (lưu hành nội bộ): không được đăng
import-internal-hint = không nhập văn bản này, hoặc nhập bản công khai của văn bản
import-target-exists = { $target } đã tồn tại
import-target-exists-out-hint = thêm --force để thay tệp, hoặc --out THƯ_MỤC để ghi vào chỗ khác
import-target-exists-hint = thêm --force để thay tệp
import-write-hint = kiểm tra thư mục có quyền ghi và ổ đĩa chưa đầy; không có tệp nào bị ghi dở
photo-unreadable = không đọc được ảnh: { $error }
photo-unreadable-hint = dùng ảnh JPEG hoặc PNG cho `cover`
photo-not-image = ảnh không phải ảnh JPEG hoặc PNG đọc được: { $error }
photo-too-large = ảnh có kích thước { $width }×{ $height } điểm ảnh ({ $megapixels } megapixel); ảnh trên { $limit } megapixel không được giải mã
photo-too-large-hint = thu nhỏ ảnh (ảnh bìa hiển thị rộng tối đa 1440 điểm ảnh) rồi lưu lại
photo-unencodable = không mã hóa được ảnh: { $error }
photo-unopenable = không mở được ảnh: { $error }
photo-unopenable-hint = dùng ảnh JPEG hoặc PNG nằm trong content/ cho `cover`

## Thông báo trước đây giữ trong biến (config.rs, content/, render/, import/…)
scans-log-invalid = `{ $log }` không dùng được làm đường dẫn nhật ký
scans-log-hint = ghi một đường dẫn tuyệt đối gồm chữ cái, chữ số, `-`, `_`, `.` và `/`, ví dụ log: { $example }
federation-base-invalid = `{ $base }` không phải địa chỉ của một thành viên: { $problem }
federation-base-hint = ghi địa chỉ https của cổng thành viên, ví dụ https://thidua.thanhhoa.example.gov.vn/, hoặc thư mục chứa bản đã dựng của cổng đó, ví dụ ../thanh-hoa/public
federation-neither-address-nor-folder = đây không phải địa chỉ cũng không phải thư mục
federation-plain-http = http thường có thể bị sửa trên đường truyền: hãy dùng https
url-unparsable = không đọc được địa chỉ ({ $error })
url-has-character = có ký tự { $character }
url-scheme = giao thức là `{ $scheme }`, không phải http hay https
url-no-host = thiếu tên máy chủ
url-user = có tên người dùng hoặc mật khẩu
url-query = có phần truy vấn `?` hoặc phân đoạn `#`
url-path-character = đường dẫn có ký tự { $character }
url-path-empty-segment = đường dẫn có một đoạn rỗng (`//`)
url-no-scheme = không bắt đầu bằng https:// hay http://
origin-character = có ký tự { $character }: một nguồn (origin) chỉ gồm giao thức, máy chủ và cổng
cms-backend-unknown = `{ $name }` không phải máy chủ Git mà trình soạn thảo web dùng được
cms-backend-hint = ghi backend: gitlab, github hoặc gitea
cms-repo-invalid = `{ $repo }` không phải đường dẫn kho
cms-repo-hint = ghi nhóm (hoặc chủ sở hữu) và dự án như trên máy chủ Git, ví dụ repo: so-khcn/cong-thi-dua
cms-preview-invalid = `{ $value }` không phải địa chỉ dùng được: { $problem }
cms-preview-hint = ghi địa chỉ bản xem trước của nhánh có {"{"}branch{"}"}, ví dụ preview_url: https://so-khcn.gitlab.io/-/cong-thi-dua/-/jobs/artifacts/{"{"}branch{"}"}/file/public/index.html
subject-attachment = tệp đính kèm này (do { $page } đính kèm)
subject-document = văn bản này
attachment-front-matter-invalid = { $subject } có phần khai báo đầu tệp không đọc được, nên không kiểm tra được tệp có phải tài liệu mật hay không: { $problem }
confidentiality-empty-hint = ghi `confidentiality: none` (hoặc `không`) cho tài liệu công khai; tài liệu mật (Mật, Tối mật, Tuyệt mật) không bao giờ được đăng: hãy xóa tệp
circulation-empty-hint = ghi `circulation: public` (hoặc `công khai`), hoặc xóa dòng này, cho tài liệu công khai; tài liệu lưu hành nội bộ không bao giờ được đăng: hãy xóa tệp
gate-empty = `{ $key }` để trống: { $subject } phải ghi rõ có được đăng hay không
gate-classified = { $subject } là tài liệu mật ({ $value }): cổng công khai không bao giờ đăng tài liệu mật
gate-classified-hint = xóa tệp khỏi content/ (tài liệu mật được xử lý ngoài cổng này)
gate-internal = { $subject } chỉ lưu hành nội bộ ({ $value }): không được đăng
gate-internal-hint = xóa tệp khỏi content/, hoặc xóa dòng `circulation` nếu tài liệu được công khai
number-type-mismatch = số `{ $number }` ghi loại { $named } ({ $segment }) nhưng doc_type là `{ $doc_type }`
number-type-mismatch-hint = kiểm tra lại số, hoặc ghi doc_type: { $doc_type }
ends-before-start = { $what } kết thúc ({ $end }) trước khi bắt đầu ({ $start })
ends-before-start-hint = kiểm tra lại năm: `{ $end_key }` phải cùng ngày hoặc sau `{ $start_key }`
subject-campaign = phong trào
subject-phase = giai đoạn
subject-organization-validity = thời gian hiệu lực của cơ quan
placement-slug-invalid = `{ $slug }` không dùng được làm tên điểm dán: { $problem }
author-needs-name = tác giả cần có `name` hoặc `person`
author-needs-name-hint = ví dụ - {"{"}name: Lê Văn Hùng, person: le-van-hung{"}"}
effective-invalid = `effective` không phải ngày cũng không phải "kể từ ngày ký": { $problem }
effective-invalid-hint = ghi effective: 2025-07-01, hoặc effective: kể từ ngày ký (ngày ban hành)
extends-needs-ref = `extends` cần `ref` của văn bản có thời hạn được lùi
extends-needs-ref-hint = ví dụ extends: {"{"}ref: ke-hoach-57-hoi-thi, deadlines: [{"{"}was: 2025-05-30, now: 2025-06-30{"}"}]{"}"}
withdrawn-needs-date = `withdrawn` cần `date`: ngày thu hồi
withdrawn-needs-date-hint = ví dụ withdrawn: {"{"}date: 2025-03-01, reason: Thay thế bằng Kế hoạch 12/KH-SKHCN{"}"}
website-invalid = `{ $site }` không phải địa chỉ trang web
website-invalid-hint = ghi kèm https://, ví dụ https://skhcn.example.gov.vn
short-code-hint = mã ngắn gồm 3–12 chữ cái và chữ số thường (không dấu cách, dấu thanh hay dấu câu), ví dụ STKT24
short-code-characters = chỉ được dùng chữ cái A–Z và chữ số
short-code-length = phải dài từ 3 đến 12 ký tự
placement-slug-hint = tên điểm dán gồm 1–24 chữ thường a–z, chữ số và `-` (không dấu), ví dụ cho-huyen hoặc truong-thpt-2
placement-slug-length = phải dài từ 1 đến { $max } ký tự
placement-slug-characters = chỉ được dùng chữ thường a–z, chữ số và `-` ở giữa
site-path-hint = ghi một đường dẫn của cổng như /cu/duong-dan/: các đoạn gồm chữ cái, chữ số, `-`, `_`, `.` hoặc `~`, cách nhau bởi `/`
site-path-no-slash = phải bắt đầu bằng `/`
site-path-home = `/` là trang chủ
site-path-empty-segment = có một đoạn rỗng (`//`)
site-path-dot-segment = có đoạn `{ $segment }`
path-empty = đường dẫn rỗng
path-absolute = đường dẫn là đường dẫn tuyệt đối
path-empty-segment = có một đoạn rỗng (`//` hoặc `/` ở cuối)
path-backslash = có dấu gạch chéo ngược
path-nul = có ký tự NUL
path-control = có ký tự điều khiển { $code }
output-path-refused = từ chối ghi { $path } vào thư mục xuất: { $reason }
server-value-control = có ký tự điều khiển { $character }
server-value-dollar = nginx sẽ đọc `$` là một biến
server-value-refused = từ chối ghi { $value } vào { $file }: { $reason }
block-close-unopened = `:::` đóng một khối chưa từng được mở
block-close-unopened-hint = xóa dòng này, hoặc mở khối bằng `:::note` hay `:::warning`
block-unclosed = khối `:::{ $name }` không được đóng
block-unclosed-hint = thêm một dòng chỉ có `:::` sau nội dung của khối
block-not-directive = `{ $text }` không phải một khối chỉ thị
block-not-directive-hint = viết `::tên{"{"}khóa=giá_trị{"}"}` (ví dụ ::deadline{"{"}date=2023-05-20 what="…"{"}"}) hoặc `:::note` … `:::`
block-attributes-braces = các thuộc tính của `{ $name }` phải nằm trong {"{"}…{"}"}
block-attributes-braces-hint = ví dụ ::contact{"{"}ref=vu-xuan-thu{"}"}
block-attributes-hint = viết các cặp khóa=giá_trị cách nhau bởi dấu cách; giá trị có dấu cách đặt trong ngoặc kép: what="Gửi báo cáo"
block-attribute-no-value = thuộc tính `{ $key }` không có giá trị
block-attribute-unquoted = giá trị của `{ $key }` thiếu dấu ngoặc kép đóng
heading-attributes-hint = tiêu đề chỉ nhận một id và các lớp, ví dụ ## Hạn nộp {"{"}#han-nop .noi-bat{"}"}
heading-attribute-ignored = thuộc tính tiêu đề `{ $name }` bị bỏ qua
heading-id-ignored = id tiêu đề `#{ $id }` bị bỏ qua: dùng chữ cái, chữ số, - và _
heading-class-ignored = lớp tiêu đề `.{ $class }` bị bỏ qua: dùng chữ cái, chữ số, - và _
nesting-too-deep = dòng này lồng trích dẫn, danh sách hoặc chữ nhấn mạnh sâu quá { $max } cấp
nesting-too-deep-hint = dùng ít dấu `>` hoặc ít cấp danh sách hơn ở đây; chữ cần hiện nguyên văn đặt trong khối mã ```
nesting-blocks-too-deep = khối `:::` này mở bên trong hơn { $max } khối khác
nesting-blocks-too-deep-hint = đóng các khối phía trên, mỗi khối bằng một dòng `:::`, hoặc lồng ít khối hơn
block-needs-attribute = `::{ $block }` cần `{ $name }=`
block-needs-attribute-hint = ví dụ { $example }
block-render-failed = không dựng được khối `{ $name }`
block-render-failed-hint = xem lỗi trong themes/…/templates/{ $template }
block-deadline-date = ngày của thời hạn không hợp lệ: { $problem }
block-deadline-date-hint = ghi date=YYYY-MM-DD
block-contact-unknown-hint = ghi tên một tệp trong content/contacts/
block-contact-unknown = `::contact` ghi một đầu mối liên hệ không có: `{ $slug }`
block-attachment-unknown-hint = tệp đính kèm được gọi bằng tên trang của nó trong { $folder }
block-attachment-unknown = `::attachment` ghi một tệp đính kèm không có: `{ $slug }`
block-qr-unknown = `::qr` ghi `{ $reference }`, không phải mã ngắn cũng không phải phong trào hay hướng dẫn
block-qr-unknown-hint = viết ::qr{"{"}ref=MÃ{"}"} với một mã trong short-links.yaml, hoặc tên tệp của một phong trào hay hướng dẫn
block-is-container = `::{ $name }` là khối bao
block-is-container-hint = viết `:::{ $name }`, nội dung, rồi `:::`
block-template-no-body = mẫu blocks/{ $name }.html không hiện `{"{"}{"{"} body | safe {"}"}{"}"}`
block-template-no-body-hint = thêm {"{"}{"{"} body | safe {"}"}{"}"} vào chỗ đặt nội dung
block-unknown-did-you-mean = có phải ý bạn là `{ $name }`? Các khối có: :::note, :::warning, ::deadline, ::contact, ::attachment, ::qr
block-unknown-hint = các khối có: :::note, :::warning, ::deadline{"{"}date=… what=…{"}"}, ::contact{"{"}ref=…{"}"}, ::attachment{"{"}ref=…{"}"}
block-unknown = khối chỉ thị `{ $name }` không có
weight-page-itself = chính trang { $size }
weight-over = trang nặng { $total } (gzip) kể cả CSS, JavaScript và phông chữ nó tải, vượt hạn mức { $budget_kb } KB: { $files }
weight-more-pages = { $count } trang khác vượt hạn mức { $budget_kb } KB (trang nặng nhất, { $heaviest }, nặng { $size })
qr-not-ascii = `{ $url }` có ký tự ngoài ASCII; hãy mã hóa phần trăm (percent-encode) trước
qr-failed = không tạo được mã QR của `{ $url }`: { $error }
import-not-portal = { $root } không phải thư mục của một cổng (không có site.yaml)
admin-file-too-large-hint = admin/ chỉ chứa trình soạn thảo web đi kèm loa
federation-at = { $at }: { $problem }
federation-index-url = index.json: url `{ $url }` không phải địa chỉ của thành viên { $base }
federation-list-version = index.json: lists.{ $name }.version không phải một phiên bản
federation-list-count = index.json: lists.{ $name } có { $count } mục, nhiều hơn { $max }
federation-status = { $at }: `{ $status }` không phải một tình trạng
federation-uid-spaces = { $at }: UID không được có dấu cách
federation-api-version = { $file }: phiên bản API { $version } không phải phiên bản bản dựng này đọc được (1 hoặc 2)
federation-too-many = { $file }: { $count } mục, nhiều hơn { $max }
federation-text-empty = { $at } để trống
federation-text-long = { $at } dài quá { $max } ký tự
federation-text-control = { $at } có ký tự điều khiển
federation-not-address = `{ $url }` không phải một địa chỉ: { $error }
federation-not-under = `{ $url }` không phải địa chỉ thuộc { $base }
federation-cannot-read = không đọc được { $url }: { $error }
federation-io = { $error }
federation-file-too-large = { $bytes } byte, nhiều hơn { $limit }
federation-not-regular = đó là { $what }
attachment-refused = từ chối: tệp { $why }
attachment-refused-symlink = là một liên kết tượng trưng (symbolic link)
attachment-refused-not-regular = không phải tệp thường
attachment-refused-outside = dẫn ra ngoài thư mục của nó
attachment-refused-replaced = đã bị thay sau khi được kiểm tra
scans-count-small = { $n } nhỏ hơn 5: ghi "<5"
scans-count-invalid = `{ $t }` không phải số lượt: một số từ 5 trở lên, hoặc "<5"

## loa import: ghi chú REVIEW và báo cáo (import/)
import-report-found = tìm thấy:   { $fields }
import-report-missing = không thấy: { $fields }
import-report-review = cần xem lại ({ $count }), đánh dấu # REVIEW trong tệp:
import-report-files = các tệp:
import-note-legacy = văn bản dùng bảng mã cũ { $encoding } và đã được chuyển sang Unicode: kiểm tra các chữ tiếng Việt, nhất là chữ hoa có dấu
import-warning-number-exists = cổng đã có một văn bản số { $number }: { $path } (văn bản này bị nhập hai lần?)
import-warning-kept = { $path } đã có và được giữ nguyên
import-warning-results = phụ lục của quyết định có danh sách đạt giải: đã đề xuất { $path } (bản nháp cần kiểm tra)
import-note-no-type = không tìm thấy tên loại văn bản (không có dòng V/v, không có dòng KẾ HOẠCH/THÔNG BÁO…): hãy điền
import-note-no-day = văn bản để trống ngày (ngày … tháng …): giữ năm và tháng
import-note-reference-completed = cơ quan ban hành của { $number } được ghi "{ $issuer }" và đã được ghi đầy đủ thành "{ $completed }"
import-note-reference-completed-unnumbered = cơ quan ban hành của một văn bản được dẫn ghi "{ $issuer }" và đã được ghi đầy đủ thành "{ $completed }"
import-note-deadline-what = ghi việc phải làm trước hạn { $date }
import-note-campaign-full-name = đã thêm { $slug } vì tên đầy đủ của nó có trong văn bản; xóa đi nếu công văn không nói về phong trào này
import-note-campaign-quoted = đã thêm { $slug } vì một tên trong ngoặc kép của văn bản là một phần tên của nó; xóa đi nếu công văn không nói về phong trào này
import-note-issuer-ambiguous = "{ $name }" có thể là bất kỳ cơ quan nào trong { $slugs }: hãy chọn đúng cơ quan
import-suggested-organization = Do `loa import` đề xuất: kiểm tra từng trường (tên được in hoa trong văn bản), rồi đổi đuôi tệp thành .md
import-suggested-no-parent = không có cơ quan nào trong cổng khớp với "{ $parent }"
import-note-issuer-suggested = không có cơ quan nào trong cổng khớp với "{ $name }"; đã ghi một tệp đề xuất vào { $path }: kiểm tra, đổi tên thành { $slug }.md rồi ghi issuer: { $slug }
import-note-issuer-from-signer = văn bản không có phần tên cơ quan ban hành; { $slug } được lấy theo cơ quan của người ký { $name } trong cổng
import-note-issuer-from-number = văn bản không có phần tên cơ quan ban hành; { $slug } được lấy theo chữ viết tắt trong số { $number }
import-note-no-issuer = không tìm thấy cơ quan ban hành (không có phần tên cơ quan, và người ký không có trong cổng): hãy điền
import-note-contact-ambiguous = "{ $organization }" có thể là bất kỳ cơ quan nào trong { $slugs }: hãy thêm đúng cơ quan
import-note-contact-unknown-organization = không có cơ quan nào trong cổng khớp với đầu mối "{ $organization }": thêm cơ quan vào content/contacts/organizations/ và vào contacts
import-note-contact-phone = công văn ghi số điện thoại của { $name } là { $phone }, cổng ghi { $known_phone }: sửa content/contacts/people/{ $slug }.md nếu số đã đổi
import-suggested-person = Do `loa import` đề xuất: kiểm tra từng trường, rồi đổi đuôi tệp thành .md
import-note-contact-suggested = { $name } chưa có trong cổng; đã ghi một tệp đề xuất vào { $path }: kiểm tra, đổi tên thành { $slug }.md rồi thêm { $slug } vào contacts
import-note-contact-details = thông tin liên hệ không thuộc người nào được nêu tên: { $details }; thêm vào đúng tệp đầu mối liên hệ
import-note-attachment-several = nhiều tệp cạnh tệp nhập có thể là "{ $title }": { $files }; không tệp nào được chép
import-note-attachment-symlink = { $name } cạnh tệp nhập là một liên kết tượng trưng (symbolic link) nên không được chép; hãy chép tệp thật vào đó
import-note-attachment-cited = "{ $name }" gửi kèm được hiểu là { $name } số { $number } được dẫn trong văn bản
import-note-attachment-title = tên "{ $title }" của một tài liệu kèm theo được ghi đầy đủ theo nội dung văn bản
import-note-phase = "{ $sentence }" là một giai đoạn của phong trào, không phải thời hạn của công văn này: thêm vào các giai đoạn của phong trào nếu đúng
import-note-deadline-no-year = thời hạn "{ $deadline }" không ghi năm: đã dùng năm của công văn
import-note-deadline-impossible = thời hạn "{ $deadline }" không phải một ngày có thật
import-note-deadline-blank = một thời hạn để trống ngày: "{ $sentence }"
import-note-type-from-number = lấy theo chữ viết tắt tên loại trong số văn bản (không thấy dòng V/v hay tên loại)
import-note-header-left-out = phần đầu văn bản không hiểu được nên đã bỏ qua: "{ $text }"
import-note-date-impossible = dòng ngày tháng "{ $line }" cho một ngày không có thật
import-note-second-authority = quyền hạn ký thứ hai "{ $line }" đã được bỏ qua (mô hình nội dung chỉ giữ một)
import-label-imported = Đã nhập
import-header = bằng `loa import` từ { $source_name }. Đối chiếu các trường đánh dấu REVIEW và NOT FOUND với văn bản đã ký, xóa các dòng ghi chú này, rồi đặt draft: false để đăng.
import-missing-title = không có dòng V/v hay trích yếu dưới tên loại: hãy ghi trích yếu
import-missing-number = không có dòng "Số …"
import-missing-issuer = phần đầu văn bản không có tên cơ quan ban hành
import-missing-place = không có dòng "<địa danh>, ngày … tháng … năm …"
import-missing-date = không đọc được dòng ngày tháng: ghi YYYY-MM-DD, hoặc YYYY-MM khi văn bản để trống ngày
import-missing-recipients = không có Kính gửi
import-missing-references = văn bản không dẫn số của văn bản nào
import-missing-attachments = văn bản không có "gửi kèm" hay "kèm theo"
import-attachments-not-beside = attachments: công văn gửi kèm { $count } tệp không tìm thấy cạnh { $source_name }. Đặt từng tệp vào thư mục này với tên đã ghi (đuôi tệp nào cũng được: sửa tên cho khớp), rồi xóa "# " ở đầu các dòng của tệp đó.
import-missing-deadlines = không có "trước ngày …", "chậm nhất …" hay "đến hết ngày …"
import-missing-contacts = văn bản không nêu người, số điện thoại, e-mail hay "liên hệ"
import-missing-signer = không có phần chữ ký
import-missing-distribution = không có Nơi nhận
import-results-header = bằng `loa import` từ phụ lục của { $source_name }: { $count } giải pháp đạt giải. Đối chiếu từng mục với quyết định đã ký, xóa các dòng ghi chú này, rồi đặt draft: false.
import-results-no-campaign = campaign: không nhận ra hội thi; chuyển tệp này vào content/results/<tên-phong-trào>/
import-results-field-unknown = field: “{ $field }” không khớp tên nào trong `fields:` của site.yaml; thêm `field: <tên>`
import-results-level-unknown = level: “{ $level }” không phải Nhất, Nhì, Ba hay Khuyến khích; khai báo trong `levels:` hoặc sửa lại
import-results-level-missing = level: không ghi giải; ghi Nhất, Nhì, Ba hay Khuyến khích, hoặc khai báo trong `levels:`
import-dry-run = { $path } (chạy thử: không ghi gì)
import-dry-run-suggested = { $path } (đề xuất, chạy thử: không ghi)
import-wrote = đã ghi { $path }
import-wrote-suggested = đã ghi { $path } (đầu mối liên hệ đề xuất: kiểm tra, rồi đổi đuôi tệp thành .md)
link-empty = liên kết để trống
link-outside-base-path = liên kết nằm ngoài đường dẫn gốc { $base_path } của cổng
link-no-file = không có tệp này trong thư mục xuất
link-no-id = trang không có phần tử nào có id `{ $fragment }`
authority-deputy-state = KT. (hoặc TM. với cơ quan làm việc theo chế độ tập thể)
authority-deputy-party = T/M (hoặc K/T)
authority-party-secretary = T/M
authority-collective-chair = TM.
block-leaf-as-container = `:::{ $name }` là khối một dòng, không bao quanh nội dung
block-leaf-as-container-hint = viết `::{ $name }{"{"}…{"}"}` với hai dấu hai chấm và không có dòng `:::` đóng
