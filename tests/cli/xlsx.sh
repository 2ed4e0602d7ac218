#!/bin/sh
# xlsx.sh BINARY - the xlsx report read by real clients: openpyxl
# (xlsx_check.py) and LibreOffice Calc, headless, which exports the
# Screened sheet back to CSV.
#
# Each case screens some inputs three ways with the same options: the
# xlsx report, the csv report (--no-formula-guard, so that its cells are
# the input's exactly) and the text report; xlsx_check.py then checks the
# workbook against the other two (see its opening comment), and
# LibreOffice's CSV of the Screened sheet must hold the csv report's
# decisions.  The cases: the sample data, the UN set's sample (groups,
# advisory criteria, ages), malformed records, two inputs with different
# headers, text that is not UTF-8 or holds NUL, a set with when clauses.
# Last, 1,048,600 generated records must go on from Screened to
# Screened 2, each sheet with its header, every record there once (this
# takes about a minute).  A missing tool skips its part with a message
# (make test-xlsx installs them: python3-openpyxl, libreoffice-calc-nogui).
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
gen=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp" # a fresh LibreOffice profile

py=
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 &&
	    "$p" -c 'import openpyxl' >/dev/null 2>&1; then
		py=$p
		break
	fi
done
if [ -z "$py" ]; then
	echo "test-xlsx: skipped: python3 with openpyxl is not installed"
	echo "test-xlsx: install it with: apt-get install python3-openpyxl"
	exit 0
fi
lo=1
if ! command -v soffice >/dev/null 2>&1; then
	echo "test-xlsx: LibreOffice part skipped: soffice is not installed"
	echo "test-xlsx: install it with: apt-get install libreoffice-calc-nogui"
	lo=
fi

pass=0
fail=0
# check NAME OPTIONS... -- INPUTS...
check() {
	name=$1
	shift
	opts=
	while [ "$1" != "--" ]; do
		opts="$opts $1"
		shift
	done
	shift
	d=$tmp/$name
	mkdir -p "$d/lo"
	# shellcheck disable=SC2086
	"$bin" --as-of 2026-11-22 $opts -f xlsx -o "$d/screened.xlsx" "$@" \
	    2>/dev/null
	st=$?
	# shellcheck disable=SC2086
	"$bin" --as-of 2026-11-22 $opts -f csv --no-formula-guard "$@" \
	    > "$d/screened.csv" 2>/dev/null
	# shellcheck disable=SC2086
	"$bin" --as-of 2026-11-22 $opts "$@" > "$d/screened.txt" 2>/dev/null
	# shellcheck disable=SC2086
	"$bin" $opts --print-rules > "$d/rules" 2>/dev/null
	if [ $st -gt 2 ] || [ ! -s "$d/screened.xlsx" ]; then
		echo "FAIL $name: civpol-screen exited $st"
		fail=$((fail + 1))
		return
	fi
	set --
	if [ -n "$lo" ]; then
		(cd "$d" && soffice --headless --convert-to \
		    'csv:Text - txt - csv (StarCalc):44,34,76,1' \
		    --outdir lo screened.xlsx >/dev/null 2>&1)
		if [ -s "$d/lo/screened.csv" ]; then
			set -- "$d/lo/screened.csv"
		else
			echo "FAIL $name: LibreOffice could not open the workbook"
			fail=$((fail + 1))
			return
		fi
	fi
	if "$py" "$here/xlsx_check.py" "$d/screened.xlsx" "$d/screened.csv" \
	    "$d/screened.txt" "$d/rules" "$@" > "$d/check.log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name:"
		head -20 "$d/check.log"
	fi
}

f=$top/tests/fixtures
check sample -- "$top/data/applicants.csv"
check unpol --rules unpol-ipo -- "$top/data/unpol-applicants.csv"
check bad-records -- "$f/bad-records.csv"
check two-headers -- "$f/small.csv" "$f/other-headers.csv"
check not-utf8 -- "$f/nul-and-bad-utf8.csv"
check when --rules "$f/when.rules" -- "$f/when.csv"

# Past a sheet's 1,048,576 rows: Screened 2.
if [ -n "$gen" ]; then
	n=1048600
	"$gen" $n > "$tmp/big.csv"
	"$bin" --as-of 2026-11-22 -f xlsx -o "$tmp/big.xlsx" "$tmp/big.csv"
	if [ $? -le 1 ] && "$py" - "$tmp/big.xlsx" $n <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
n = int(sys.argv[2])
names = re.findall(r'<sheet name="([^"]+)"',
                   z.read("xl/workbook.xml").decode())
assert names == ["Screened", "Screened 2", "Summary", "Rules"], names
records = 0
for part, want in (("xl/worksheets/sheet1.xml", 1048576),
                   ("xl/worksheets/sheet2.xml", n - 1048575 + 1)):
    head, tail, count = b"", b"", 0
    with z.open(part) as f:
        while True:
            b = f.read(1 << 24)
            if not b:
                break
            if not head:
                head = b[:4000]
            count += (tail + b).count(b"<row ")
            tail = b[-4:]
    # Each sheet starts with the header, and is as long as it must be.
    assert b"<t>applicant_id</t>" in head, part
    assert count == want, (part, count, want)
    records += count - 1
assert records == n, (records, n)
summary = z.read("xl/worksheets/sheet3.xml").decode()
assert "the records fill 2 Screened sheets" in summary
print("big: %d records on Screened and Screened 2" % records)
PY
	then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL big: Screened 2"
	fi
fi
echo "test-xlsx: $pass passed, $fail failed"
[ $fail -eq 0 ]
