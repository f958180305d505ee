// A generated portal with hostile sizes for the poster and print tests: a very long issuing
// agency, a campaign with a long title full of document numbers and five contacts, a
// directive setting two deadlines, a guide; and a bare campaign with no organizer, guide,
// contact or deadline. Build date 2030-01-10, so the deadlines are ahead.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const HOSTILE = {
  site: 'Cổng thử nghiệm áp phích',
  agency: 'Ban Chỉ đạo Phong trào Thi đua Đổi mới Sáng tạo và Chuyển đổi số Liên ngành các Sở, Ban, Ngành, Đoàn thể và Ủy ban nhân dân các huyện, thị xã, thành phố tỉnh Quảng Trị',
  campaign: 'phong-trao-dai',
  title:
    'Phong trào thi đua “Cả tỉnh chung sức đổi mới sáng tạo, chuyển đổi số và xây dựng chính quyền số” giai đoạn 2030–2035 theo Kế hoạch số 1338-CV/ĐUK và Quyết định số 2456/QĐ-UBND của Ủy ban nhân dân tỉnh',
  contacts: [
    ['nguyen-van-mot', 'Nguyễn Văn Một', '0233.3852.246', 'nguyen.van.mot@bancd-doimoisangtao.quangtri.example.gov.vn'],
    ['tran-thi-hai', 'Trần Thị Hai', '0233.3852.247', 'tran.thi.hai@bancd-doimoisangtao.quangtri.example.gov.vn'],
    ['le-van-ba', 'Lê Văn Ba', '0914.123.456', 'le.van.ba@quangtri.example.gov.vn'],
    ['pham-thi-bon', 'Phạm Thị Bốn', '0905.654.321', 'pham.thi.bon@quangtri.example.gov.vn'],
    ['hoang-van-nam', 'Hoàng Văn Năm', '0233.3555.999', 'hoang.van.nam@quangtri.example.gov.vn'],
  ],
  deadline: { date: '2030-03-31', what: 'Gửi hồ sơ đăng ký theo Mẫu 01-ĐK/BCĐ và Công văn 1338-CV/ĐUK về Thường trực Ban Chỉ đạo' },
  bare: 'phong-trao-trong',
  bareTitle: 'Phong trào không có đầu mối',
};

function write(root, path, text) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** Writes the hostile portal into `root`. */
export function writeHostilePortal(root) {
  const h = HOSTILE;
  write(root, 'site.yaml', `title: ${h.site}\nbase_url: https://posters.example.gov.vn/\nbuild_date: 2030-01-10\n`);
  write(root, 'content/contacts/organizations/ban-chi-dao.md', `---\ntitle: ${h.agency}\nsystem: state\nplace: Quảng Trị\n---\n`);
  for (const [slug, name, phone, email] of h.contacts) {
    write(
      root,
      `content/contacts/people/${slug}.md`,
      `---\ntitle: ${name}\nhonorific: ông\nposition: Chuyên viên Thường trực Ban Chỉ đạo, phụ trách tiếp nhận hồ sơ\norganization: ban-chi-dao\nphone: "${phone}"\nemail: ${email}\n---\n`,
    );
  }
  write(
    root,
    `content/campaigns/${h.campaign}.md`,
    `---\ntitle: ${h.title}\nkind: thi-dua-theo-dot\norganizer: ban-chi-dao\nstart: 2030-01-01\nend: 2035-12-31\ncontacts: [${h.contacts.map((c) => c[0]).join(', ')}]\nsummary: >-\n  Các cơ quan, đơn vị đăng ký tham gia theo Mẫu 01-ĐK/BCĐ, xây dựng kế hoạch thực hiện theo Hướng dẫn số 36-HD/BCĐ và gửi báo cáo kết quả theo Kế hoạch số 15/KH-BCĐ; mỗi đơn vị đăng ký ít nhất một sáng kiến chuyển đổi số có khả năng áp dụng rộng rãi.\n---\n\nNội dung phong trào.\n`,
  );
  write(
    root,
    'content/directives/2030/kh-15-bcd.md',
    `---\ntitle: Tổ chức phong trào thi đua đổi mới sáng tạo và chuyển đổi số\ndoc_type: ke-hoach\nnumber: 15/KH-BCĐ\nissuer: ban-chi-dao\nplace: Quảng Trị\ndate: 2030-01-05\ncampaigns: [${h.campaign}]\ndeadlines:\n  - date: ${h.deadline.date}\n    what: ${h.deadline.what}\n  - date: 2030-06-30\n    what: Báo cáo sơ kết 6 tháng\n---\n\nNội dung kế hoạch.\n`,
  );
  write(
    root,
    'content/guides/huong-dan-dang-ky.md',
    `---\ntitle: Hướng dẫn đăng ký tham gia phong trào thi đua đổi mới sáng tạo và chuyển đổi số theo Mẫu 01-ĐK/BCĐ\ncampaigns: [${h.campaign}]\nsummary: Điền Mẫu 01-ĐK/BCĐ và gửi về Thường trực Ban Chỉ đạo trước ngày 31/3/2030.\ncontacts: [nguyen-van-mot]\n---\n\nCác bước đăng ký.\n`,
  );
  write(root, `content/campaigns/${h.bare}.md`, `---\ntitle: ${h.bareTitle}\nkind: thi-dua-thuong-xuyen\n---\n\nNội dung.\n`);
}
