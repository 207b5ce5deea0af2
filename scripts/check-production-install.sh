#!/usr/bin/env bash
# A production install (`npm ci --omit=dev`, no devDependencies) can seed, run the CLI and
# produce the report as HTML, CSV and XLSX; PDF (which needs playwright-core and Chromium)
# says clearly what to install. Runs on a clean clone of HEAD with its own PGlite directory.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q . "$work/app"
cd "$work/app"
npm ci --omit=dev --no-audit --no-fund --loglevel=error
[ ! -e node_modules/playwright-core ] || { echo "playwright-core was installed: not a production install" >&2; exit 1; }
unset DATABASE_URL LINE_CHANNEL_SECRET LINE_CHANNEL_ACCESS_TOKEN
export DATA_DIR="$work/data"
npm run -s seed
npm run -s cli -- org list
round=$(node --input-type=module -e "
const d = new Date(Date.now() + 7 * 3600e3), y = d.getUTCFullYear() + 543, m = d.getUTCMonth() + 1;
console.log(m >= 10 ? (y + 1) + '-1' : m <= 3 ? y + '-1' : y + '-2');")
for format in html xlsx csv; do
  npm run -s report -- --org demo --round "$round" --format "$format" --out "$work/report-$format"
  [ -s "$work/report-$format" ] || [ -d "$work/report-$format" ] || { echo "no $format report" >&2; exit 1; }
done
if npm run -s report -- --org demo --round "$round" --format pdf --out "$work/report.pdf" >"$work/pdf.log" 2>&1; then
  echo "a PDF was made without playwright-core?" >&2; exit 1
fi
grep -q 'playwright-core' "$work/pdf.log" || { echo "the PDF refusal does not say what to install:" >&2; cat "$work/pdf.log" >&2; exit 1; }
echo "production install: seed, CLI, HTML/XLSX/CSV reports ok; PDF refused with: $(head -1 "$work/pdf.log")"
