#!/bin/sh
# spreadsheet.sh BINARY - opens civpol-screen's csv output in LibreOffice
# Calc and checks that every guarded cell is still text after a save.
#
# The notes column of tests/fixtures/spreadsheet/source.csv holds cells a
# spreadsheet would run as formulas (=HYPERLINK(...), +1 555 0100, @home,
# -, =SUM(1+1)).  The csv report writes them with a leading ' (the
# formula guard); Calc imports that file, saves it as .xlsx, and exports
# it again; every such cell must come back as the text it went in as.  The
# same round trip with --no-formula-guard must evaluate =SUM(1+1) to 2,
# which shows that the check can fail.  Skipped, with a message, when
# soffice is not installed (make test-spreadsheet; not part of make test).
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
src=$(cd "$(dirname "$0")/../fixtures/spreadsheet" && pwd)/source.csv
if ! command -v soffice >/dev/null 2>&1; then
	echo "test-spreadsheet: skipped: soffice (LibreOffice Calc) is not installed"
	echo "test-spreadsheet: install it with: apt-get install libreoffice-calc-nogui"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp" # a fresh LibreOffice profile

roundtrip() { # NAME [OPTION] -> $tmp/NAME/out.tsv, the notes column
	mkdir -p "$tmp/$1/out"
	"$bin" --as-of 2026-11-22 -f csv ${2:-} "$src" > "$tmp/$1/screened.csv"
	(cd "$tmp/$1" &&
	    soffice --headless --infilter="CSV:44,34,76,1" \
	        --convert-to xlsx screened.csv >/dev/null 2>&1 &&
	    soffice --headless \
	        --convert-to 'csv:Text - txt - csv (StarCalc):9,0,76,1' \
	        --outdir out screened.xlsx >/dev/null 2>&1) || {
		echo "test-spreadsheet: soffice failed"
		exit 1
	}
	cut -f1,16 "$tmp/$1/out/screened.csv" > "$tmp/$1/notes"
}

pass=0
fail=0
expect() { # NAME ID WANT
	got=$(awk -F '\t' -v id="$2" '$1 == id { print $2 }' "$tmp/$1/notes")
	if [ "$got" = "$3" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $1 $2: want [$3], got [$got]"
	fi
}

roundtrip guarded
expect guarded S-02 "'=HYPERLINK(\"http://example.org\")"
expect guarded S-03 "'+1 555 0100"
expect guarded S-04 "'@home"
expect guarded S-05 "'-"
expect guarded S-11 "'=SUM(1+1)"
expect guarded S-01 "ok"
roundtrip unguarded --no-formula-guard
expect unguarded S-11 "2"
expect unguarded S-02 "http://example.org"
echo "test-spreadsheet: $pass passed, $fail failed"
[ $fail -eq 0 ]
