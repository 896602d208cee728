#!/usr/bin/env bash
# Renders the annual report's HTML in a real headless browser and checks the screenshot.
#
#   scripts/check_html.sh [REPORT.html] [SCREENSHOT.png]
#
# Without arguments it builds the default report (cargo run --release --example annual_report,
# HTML only) into out/annual-report-2021/ and writes out/annual-report-2021/report.png.
# Installs Debian's chromium when missing (apt-get, needs root), and fonts-noto-cjk, without
# which Chinese labels render as empty boxes ("tofu") in a minimal system.
# Checks that the PNG exists, is a PNG, and is not trivially small; then look at it.
# Not part of CI: it needs a browser and a few hundred MB of packages.
set -euo pipefail
cd "$(dirname "$0")/.."

html="${1:-}"
png="${2:-}"
if [[ -z "$html" ]]; then
    cargo run --quiet --release --example annual_report -- --format html --out out/annual-report-2021
    html="out/annual-report-2021/report.html"
fi
[[ -f "$html" ]] || { echo "error: no HTML file at $html" >&2; exit 2; }
png="${png:-${html%.html}.png}"

apt_updated=0
need() {
    local package="$1"
    if ! dpkg -s "$package" >/dev/null 2>&1; then
        if [[ $apt_updated -eq 0 ]]; then
            apt-get update -qq
            apt_updated=1
        fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
    fi
}
command -v chromium >/dev/null 2>&1 || need chromium
# Without a CJK font the Chinese labels are drawn as boxes.
need fonts-noto-cjk

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
rm -f "$png"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars \
    --screenshot="$(realpath -m "$png")" --window-size=1280,4000 \
    "file://$(realpath "$html")" >/dev/null 2>&1 || true

[[ -f "$png" ]] || { echo "error: chromium wrote no screenshot to $png" >&2; exit 1; }
signature="$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')"
[[ "$signature" == "89504e470d0a1a0a" ]] || { echo "error: $png is not a PNG" >&2; exit 1; }
size=$(stat -c %s "$png")
# A blank 1280x4000 page compresses to a few KB; the report with charts and Chinese text
# is far larger.
if (( size < 100000 )); then
    echo "error: $png is only $size bytes: the page looks blank" >&2
    exit 1
fi
echo "ok: $png ($size bytes) rendered from $html"
