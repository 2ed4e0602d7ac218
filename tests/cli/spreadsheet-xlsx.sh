#!/bin/sh
# spreadsheet-xlsx.sh BINARY - reads workbooks that LibreOffice Calc
# makes now, on this machine, and checks the decisions.
#
# 1. data/applicants.csv and data/unpol-applicants.csv are imported by
#    Calc (dates and numbers detected, as tests/fixtures/xlsx/make.py
#    does) and saved as .xlsx; each workbook, screened with --expect,
#    must decide as the sample's expected columns say.
# 2. Each workbook of tests/fixtures/xlsx/ (and those of step 1) is
#    exported to CSV by Calc, sheet by sheet, and screened both ways:
#    the decisions (the jsonl report but for file names and the
#    records' cells: Calc's export writes a date as 06/30/2024) must be
#    the same.  A workbook screened as of another date, against its export,
#    shows that the check can fail.
# Skipped, with a message, when soffice is not installed (make
# test-spreadsheet; not part of make test).
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
top=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v soffice >/dev/null 2>&1; then
	echo "test-spreadsheet-xlsx: skipped: soffice (LibreOffice Calc) is not installed"
	echo "test-spreadsheet-xlsx: install it with: apt-get install libreoffice-calc-nogui"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp/home" # a fresh LibreOffice profile
mkdir -p "$HOME" "$tmp/made" "$tmp/csv"
asof=2026-11-22
pass=0
fail=0

ok() {
	pass=$((pass + 1))
}

bad() {
	fail=$((fail + 1))
	echo "FAIL $*"
}

# 1. Workbooks made now.
for name in applicants unpol-applicants; do
	(cd "$tmp/made" && soffice --headless \
	    --infilter="CSV:44,34,76,1,,1033,false,true" --convert-to xlsx \
	    "$top/data/$name.csv" >/dev/null 2>&1) || {
		echo "test-spreadsheet-xlsx: soffice failed"
		exit 1
	}
	rules=
	[ $name = unpol-applicants ] && rules="--rules unpol-ipo"
	# shellcheck disable=SC2086
	if out=$("$bin" --expect --as-of $asof $rules "$tmp/made/$name.xlsx"); then
		ok
	else
		bad "$name.xlsx made now: $out"
	fi
done

# jsonl decisions of one input, without its file name and cells.
decisions() {
	"$bin" -f jsonl --as-of $asof "$@" |
	    sed 's/^{"file":"[^"]*",//; s/,"record":{.*},"rules":/,"rules":/'
}

# 2. Each workbook against its CSV export, made now.
same() { # WORKBOOK CSV [OPTION...]
	book=$1 csv=$2
	shift 2
	decisions "$@" "$book" > "$tmp/a"
	decisions "$@" "$csv" > "$tmp/b"
	if [ -s "$tmp/a" ] && cmp -s "$tmp/a" "$tmp/b"; then
		ok
	else
		bad "$(basename "$book") $*: decisions differ from its CSV export"
		diff "$tmp/a" "$tmp/b" | head -6
	fi
}
export_csv() { # WORKBOOK: its sheets as $tmp/csv/NAME-SHEET.csv
	(cd "$tmp/csv" && soffice --headless --convert-to \
	    'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1' \
	    "$1" >/dev/null 2>&1) || {
		echo "test-spreadsheet-xlsx: soffice failed on $1"
		exit 1
	}
}
fx=$top/tests/fixtures/xlsx
for book in "$fx/applicants.xlsx" "$fx/unpol-applicants.xlsx" \
    "$fx/applicants-1904.xlsx" "$fx/sheets.xlsx" \
    "$tmp/made/applicants.xlsx" "$tmp/made/unpol-applicants.xlsx"; do
	export_csv "$book"
done
c=$tmp/csv
same "$fx/applicants.xlsx" "$c/applicants-applicants.csv"
same "$fx/applicants-1904.xlsx" "$c/applicants-1904-Mac.csv"
same "$fx/sheets.xlsx" "$c/sheets-Applicants.csv"
same "$fx/sheets.xlsx" "$c/sheets-UNPOL.csv" --rules unpol-ipo --sheet UNPOL
same "$fx/unpol-applicants.xlsx" "$c/unpol-applicants-unpol-applicants.csv" \
    --rules unpol-ipo
same "$tmp/made/applicants.xlsx" "$c/applicants-applicants.csv"
same "$tmp/made/unpol-applicants.xlsx" \
    "$c/unpol-applicants-unpol-applicants.csv" --rules unpol-ipo
# The check can fail: as of 2030, service recency decides otherwise.
decisions --as-of 2030-01-01 "$fx/applicants.xlsx" > "$tmp/a"
decisions "$c/applicants-applicants.csv" > "$tmp/b"
if cmp -s "$tmp/a" "$tmp/b"; then
	bad "the comparison cannot tell different decisions apart"
else
	ok
fi
echo "test-spreadsheet-xlsx: $pass passed, $fail failed"
[ $fail -eq 0 ]
