#!/usr/bin/env bash
# Takes docs/img/upload-page.png: the mobile upload page of a sample order as a phone shows it,
# after three of the applicant's uploads, with the service's answers. Starts a throw-away
# `beian serve --dev` on a free loopback port, drives it with curl and photographs the page
# with headless Chromium (Debian package chromium; not needed by the build or the tests).
#
#   scripts/screenshot-upload-page.sh [BUILD_DIR]     (default: build)
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build}"
beian="$build/bin/beian"
samples="$build/bin/beian-samples"
out="$here/docs/img/upload-page.png"
for tool in "$beian" "$samples" chromium curl python3; do
  command -v "$tool" >/dev/null || { echo "screenshot: $tool not found" >&2; exit 1; }
done

work="$(mktemp -d)"
cleanup() { [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

"$beian" serve --listen 127.0.0.1:0 --data "$work/data" --dev >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
base="$(sed -n 's/^listening on //p' "$work/serve.out")"
[ -n "$base" ] || { cat "$work/serve.err" >&2; exit 1; }
key="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["api_key"])' "$work/data/dev-secrets.json")"

# A generated sample order (beian-samples): its manifest, then the applicant's photos uploaded
# through their link, as the phone would.
"$samples" --orders 1 --seed 7 --out "$work/orders" >/dev/null
folder="$(find "$work/orders" -mindepth 1 -maxdepth 1 -type d | head -1)"
order_id="$(basename "$folder")"
curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' --data-binary @"$folder/order.json" \
  "$base/api/orders" >/dev/null
link="$(curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"role":"applicant","ttl_minutes":60}' "$base/api/orders/$order_id/upload-links")"
token="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["token"])' "$link")"
# The ID card (both sides) and the verification photo are uploaded; anything else is left for
# the person to take.
python3 - "$folder/order.json" <<'PY' >"$work/uploads.txt"
import json, sys
order = json.load(open(sys.argv[1], encoding="utf-8"))
for u in order.get("uploads", []):
    if u.get("document") in ("id_front", "id_back", "portrait"):
        slot = [u["document"], u["person"]] + ([str(u["website"])] if "website" in u else [])
        print(u["file"], ".".join(slot))
PY
while read -r file slot; do
  # With a Content-Type: without one curl says form-urlencoded, which cpp-httplib caps at 8 KB.
  curl -s -H 'Content-Type: image/jpeg' --data-binary @"$folder/$file" "$base/u/$token/files?slot=$slot" >/dev/null || true
done <"$work/uploads.txt"

mkdir -p "$(dirname "$out")"
chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=2 \
  --window-size=390,900 --virtual-time-budget=5000 --user-data-dir="$work/chromium" \
  --screenshot="$out" "$base/u/$token" >/dev/null 2>&1
echo "wrote $out"
