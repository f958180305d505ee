# Chép public/ lên máy chủ web. DEPLOY_TARGET là user@may-chu:/thu-muc/ (qua SSH) hoặc
# một thư mục trên chính máy chạy CI; SSH chỉ được cấu hình khi có DEPLOY_SSH_KEY.
if [ -z "${DEPLOY_TARGET:-}" ]; then
  echo "error: chưa đặt biến DEPLOY_TARGET (ví dụ deploy@web.example.gov.vn:/var/www/thidua/): xem README.md, mục Xuất bản" >&2
  exit 1
fi
if [ ! -f public/index.html ]; then
  echo "error: public/ không có index.html: bước build chưa chạy hoặc đã lỗi, không chép gì lên máy chủ" >&2
  exit 1
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
# So theo nội dung từng tệp với bản trên máy chủ: không có gì khác thì không chép (lần dựng
# theo lịch mà kết quả không đổi).
changes="$(rsync -rlc --delete --dry-run --itemize-changes public/ "$DEPLOY_TARGET")"
if [ -z "$changes" ]; then
  echo "public/ is the same as on $DEPLOY_TARGET: nothing to deploy"
  exit 0
fi
rsync -az --delete public/ "$DEPLOY_TARGET"
echo "deployed public/ to $DEPLOY_TARGET"
