# Chép public/ lên nơi xuất bản: kho đối tượng S3 (khi có DEPLOY_S3_BUCKET, bằng rclone) hoặc
# máy chủ web (DEPLOY_TARGET là user@may-chu:/thu-muc/ qua SSH, hoặc một thư mục trên chính máy
# chạy CI, bằng rsync). Cả hai chỉ chép những tệp có nội dung khác (so theo mã băm, không theo
# ngày giờ), và dừng lại, không chép gì, khi lần chép sẽ xóa quá DEPLOY_MAX_DELETE tệp (mặc
# định 500: một lần dựng lỗi hoặc thiếu nội dung); đặt DEPLOY_FORCE=1 để vẫn chép.
if [ -z "${DEPLOY_TARGET:-}" ] && [ -z "${DEPLOY_S3_BUCKET:-}" ]; then
  echo "error: chưa đặt biến DEPLOY_TARGET (ví dụ deploy@web.example.gov.vn:/var/www/thidua/) hoặc DEPLOY_S3_BUCKET: xem README.md, mục Xuất bản" >&2
  exit 1
fi
if [ ! -f public/index.html ]; then
  echo "error: public/ không có index.html: bước build chưa chạy hoặc đã lỗi, không chép gì lên máy chủ" >&2
  exit 1
fi
max_delete="${DEPLOY_MAX_DELETE:-500}"
# refuse_deletions SỐ: dừng khi số tệp sẽ bị xóa vượt ngưỡng (trừ khi DEPLOY_FORCE=1).
refuse_deletions() {
  if [ "$1" -gt "$max_delete" ] && [ "${DEPLOY_FORCE:-}" != 1 ]; then
    echo "error: lần chép này sẽ xóa $1 tệp đang có trên nơi xuất bản, quá ngưỡng $max_delete (DEPLOY_MAX_DELETE): không chép gì. Kiểm tra public/ (lần dựng có thiếu nội dung không?); nếu đúng là cần xóa, chạy lại với DEPLOY_FORCE=1" >&2
    exit 1
  fi
}
if [ -n "${DEPLOY_S3_BUCKET:-}" ]; then
  # rclone đọc cấu hình kho "loa" từ các biến RCLONE_CONFIG_LOA_*: không cần tệp cấu hình.
  export RCLONE_CONFIG_LOA_TYPE=s3
  export RCLONE_CONFIG_LOA_PROVIDER="${DEPLOY_S3_PROVIDER:-Other}"
  export RCLONE_CONFIG_LOA_ENDPOINT="${DEPLOY_S3_ENDPOINT:-}"
  export RCLONE_CONFIG_LOA_REGION="${DEPLOY_S3_REGION:-us-east-1}"
  export RCLONE_CONFIG_LOA_ACCESS_KEY_ID="${DEPLOY_S3_ACCESS_KEY_ID:-}"
  export RCLONE_CONFIG_LOA_SECRET_ACCESS_KEY="${DEPLOY_S3_SECRET_ACCESS_KEY:-}"
  dest="loa:$DEPLOY_S3_BUCKET"
  # --checksum: so MD5 của tệp với ETag của đối tượng (loa-manifest.json ghi cùng mã đó).
  # Các bản .gz chỉ dành cho nginx (gzip_static): kho đối tượng và CDN không dùng tới.
  set -- --checksum --filter "- *.gz" --filter "- /.loa-manifest"
  deletions="$(rclone sync public/ "$dest" "$@" --dry-run 2>&1 | grep -c 'Skipped delete' || true)"
  refuse_deletions "$deletions"
  # Thời gian lưu đệm (Cache-Control) theo đường dẫn, như _headers và loa-nginx.conf: giao diện
  # (assets/) 1 giờ, sw.js luôn hỏi lại, còn lại (trang, chỉ mục tìm kiếm, API, tệp) 5 phút.
  rclone copy public/ "$dest" "$@" --filter "+ /assets/**" --filter "- **" --header-upload "Cache-Control: public, max-age=3600"
  rclone copy public/ "$dest" "$@" --filter "+ /sw.js" --filter "- **" --header-upload "Cache-Control: no-cache"
  # sync chép phần còn lại rồi mới xóa những gì public/ không còn (--max-delete: chốt chặn thứ hai).
  if [ "${DEPLOY_FORCE:-}" = 1 ]; then max_delete=-1; fi
  rclone sync public/ "$dest" "$@" --filter "- /assets/**" --filter "- /sw.js" --max-delete "$max_delete" \
    --header-upload "Cache-Control: public, max-age=300"
  echo "deployed public/ to s3 bucket $DEPLOY_S3_BUCKET"
  exit 0
fi
if [ -n "${DEPLOY_SSH_KEY:-}" ]; then
  if [ -z "${DEPLOY_KNOWN_HOSTS:-}" ]; then
    echo "error: chưa đặt biến DEPLOY_KNOWN_HOSTS (lấy bằng lệnh ssh-keyscan tên-máy-chủ): xem README.md, mục Xuất bản" >&2
    exit 1
  fi
  ssh_dir="$(mktemp -d)"
  trap 'rm -rf "$ssh_dir"' EXIT
  # Biến loại File (GitLab) chứa đường dẫn tới tệp; biến thường chứa chính nội dung.
  if [ -f "$DEPLOY_SSH_KEY" ]; then cat "$DEPLOY_SSH_KEY"; else printf '%s\n' "$DEPLOY_SSH_KEY"; fi | tr -d '\r' > "$ssh_dir/key"
  if [ -f "$DEPLOY_KNOWN_HOSTS" ]; then cat "$DEPLOY_KNOWN_HOSTS"; else printf '%s\n' "$DEPLOY_KNOWN_HOSTS"; fi > "$ssh_dir/known_hosts"
  chmod 600 "$ssh_dir/key"
  export RSYNC_RSH="ssh -i $ssh_dir/key -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$ssh_dir/known_hosts -p ${DEPLOY_SSH_PORT:-22}"
fi
# So theo nội dung từng tệp với bản trên máy chủ (--checksum, không theo ngày giờ: mỗi lần dựng
# ghi lại mọi tệp): không có gì khác thì không chép (lần dựng theo lịch mà kết quả không đổi).
changes="$(rsync -rlc --delete --dry-run --itemize-changes public/ "$DEPLOY_TARGET")"
if [ -z "$changes" ]; then
  echo "public/ is the same as on $DEPLOY_TARGET: nothing to deploy"
  exit 0
fi
refuse_deletions "$(printf '%s\n' "$changes" | grep -c '^\*deleting' || true)"
rsync -rlcz --delete public/ "$DEPLOY_TARGET"
echo "deployed public/ to $DEPLOY_TARGET"
