#!/bin/sh
# summary-sheet.sh BINARY - makes docs/summary-sheet.png, the picture of
# the xlsx report's Summary sheet that the README shows: the sample
# screened as of the README's date, the workbook printed to PDF by
# LibreOffice Calc (headless, each sheet on one page), and the Summary's
# page drawn as PNG by pdftoppm (poppler-utils).  Needs soffice and
# pdftoppm: apt-get install libreoffice-calc-nogui poppler-utils.
set -eu
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp" # a fresh LibreOffice profile
"$bin" --as-of 2026-11-22 -f xlsx -o "$tmp/screened.xlsx" \
    "$top/data/applicants.csv" || [ $? -eq 1 ]
(cd "$tmp" && soffice --headless --convert-to \
    'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}' \
    screened.xlsx >/dev/null 2>&1)
# The Screened sheet is page 1, the Summary page 2.
pdftoppm -f 2 -l 2 -r 96 -png -singlefile "$tmp/screened.pdf" "$tmp/summary"
cp "$tmp/summary.png" "$top/docs/summary-sheet.png"
echo "docs/summary-sheet.png: made"
