#!/bin/sh
# html-valid.sh BINARY [GEN] - the html report checked by a real parser.
#
# For each input below (the fixtures, the samples, hostile names, a rule
# set with hostile descriptions, malformed records, --only, and, with
# GEN, 2,000 generated applicants), the page must be:
# - well-formed XML (xmllint, strict: an unescaped < or & in a value, an
#   unclosed element or a bad byte is an error), as the page is written
#   to be;
# - free of HTML parser errors (xmllint --html) but for the tags of HTML5
#   and SVG that libxml2's HTML 4 parser does not know;
# - safe: no script, img, iframe, object, embed, link, a, base or form
#   element, no on* attribute, no href, src or action, and the
#   Content-Security-Policy meta that forbids loading anything;
# - accessible where a parser can tell: lang="en", a caption and <th
#   scope> on every table, a <title> and a <desc> on the chart;
# - true to the run: one row per record that --only lets through, with
#   the status that the jsonl report gives it, in the same order, and the
#   counts of every record;
# and the hostile names must come back from the parser as the text they
# were.  Run by make test (e2e); xmllint (libxml2-utils) is installed
# when missing.
set -u
bin=$1
gen=${2:-}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
case $gen in /* | "") ;; *) gen=$(pwd)/$gen ;; esac
top=$(cd "$(dirname "$0")/../.." && pwd)
f=$top/tests/fixtures
if ! command -v xmllint >/dev/null 2>&1; then
	sh "$top/tests/install-deps.sh" libxml2-utils || {
		echo "html-valid: xmllint (libxml2-utils) is needed"
		exit 1
	}
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
A="--as-of 2026-11-22"
pass=0
fail=0

# The elements of HTML5 and SVG that the page uses and libxml2's HTML
# parser calls invalid; any other error fails.
known='header|main|section|figure|figcaption|footer|time|svg|g|rect|line|text|title|desc|defs|pattern'

# xpath EXPR PAGE: the value, from the HTML parser.
xpath() {
	xmllint --html --xpath "$1" "$2" 2>/dev/null
}

# check NAME ARGS...: the page of civpol-screen ARGS.
check() {
	name=$1
	shift
	bad=
	page=$tmp/$name.html
	"$bin" $A -f html "$@" > "$page" 2> "$tmp/err"
	# The same run in jsonl, and without --only for the counts.
	"$bin" $A -f jsonl "$@" 2>/dev/null |
	    sed 's/.*"status":"\([A-Z]*\)".*/\1/' > "$tmp/want-status"
	xmllint --noout "$page" 2> "$tmp/xml" || bad="$bad xml"
	[ -s "$tmp/xml" ] && bad="$bad xml"
	xmllint --html --noout "$page" 2>&1 |
	    grep 'error :' | grep -v -E "Tag ($known) invalid" > "$tmp/html"
	[ -s "$tmp/html" ] && bad="$bad html"
	n=$(xpath 'count(//script|//img|//iframe|//object|//embed|//link|//a|//base|//form|//@*[starts-with(name(), "on")]|//@href|//@src|//@action|//@srcdoc)' "$page")
	[ "$n" = 0 ] || bad="$bad unsafe($n)"
	csp=$(xpath 'string(//head/meta[@http-equiv="Content-Security-Policy"]/@content)' "$page")
	[ "$csp" = "default-src 'none'; style-src 'unsafe-inline'" ] ||
	    bad="$bad csp"
	[ "$(xpath 'string(/html/@lang)' "$page")" = en ] || bad="$bad lang"
	n=$(xpath 'count(//table[not(caption)]|//thead//th[not(@scope)])' "$page")
	[ "$n" = 0 ] || bad="$bad table-a11y"
	n=$(xpath 'count(//svg[not(title) or not(desc)])' "$page")
	[ "$n" = 0 ] || bad="$bad chart-a11y"
	xpath '//table[@class="records"]/tbody/tr/td[4]/span/text()' "$page" \
	    > "$tmp/got-status"
	if ! cmp -s "$tmp/want-status" "$tmp/got-status"; then
		bad="$bad rows($(wc -l < "$tmp/want-status") wanted, $(wc -l < "$tmp/got-status") got)"
	fi
	echo "$want_counts" > "$tmp/want-counts"
	xpath '//ul[@class="counts"]/li/span/text()' "$page" | tr '\n' ' ' |
	    sed 's/ $//' > "$tmp/got-counts"
	echo >> "$tmp/got-counts"
	cmp -s "$tmp/want-counts" "$tmp/got-counts" ||
	    bad="$bad counts($(cat "$tmp/got-counts"), not $want_counts)"
	if [ -z "$bad" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name:$bad"
		head -5 "$tmp/xml" "$tmp/html"
	fi
}

# counts ARGS...: PASS FAIL REVIEW ERROR of every record, from --summary.
counts() {
	"$bin" $A --summary "$@" 2>/dev/null | sed -n \
	    's/^screened [0-9]* records: \([0-9]*\) PASS, \([0-9]*\) FAIL, \([0-9]*\) REVIEW, \([0-9]*\) ERROR$/\1 \2 \3 \4/p'
}

# run NAME ARGS...: check, with the counts worked out from the same run.
run() {
	name=$1
	shift
	want_counts=$(counts "$@")
	check "$name" "$@"
}

run small "$f/small.csv"
run sample "$top/data/applicants.csv"
run unpol --rules unpol-ipo "$top/data/unpol-applicants.csv"
run profile --profile "$top/data/ats-export.profile" "$top/data/ats-export.csv"
run bad-records "$f/bad-records.csv"
run when --rules "$f/when.rules" "$f/when.csv"
run controls "$f/terminal-controls.csv"
run bad-utf8 "$f/nul-and-bad-utf8.csv"
run windows-1252 "$f/spreadsheet/libreoffice-windows1252.csv"
run header-only "$f/header-only.csv"
run several "$f/small.csv" "$f/bad-records.csv" "$f/all-review.csv"
# --only: fewer rows, the counts of every record.
want_counts=$(counts "$f/small.csv" "$f/bad-records.csv")
check only-fail-error --only fail --only error "$f/small.csv" \
    "$f/bad-records.csv"
want_counts=$(counts "$top/data/applicants.csv")
check only-pass --only pass "$top/data/applicants.csv"

# Hostile names, ids, rule set and file name; then what the parser reads
# back from the page must be the text they were.
hostile="$tmp/\"><img src=x onerror=alert(1)>.csv"
cp "$f/hostile.csv" "$hostile"
run hostile --rules "$f/hostile.rules" "$hostile"
page=$tmp/hostile.html
bad=
cell() { # ROW COLUMN WANT: the text of a cell of the records' table
	got=$(xpath "string(//table[@class=\"records\"]/tbody/tr[$1]/td[$2])" "$page")
	[ "$got" = "$3" ] || bad="$bad row$1/col$2=[$got]"
}
cell 1 3 '<script>alert(1)</script>'
cell 2 3 '"><img src=x onerror=alert(1)>'
cell 3 3 "O'Brien & \"Sons\" </td></tr></table>"
cell 4 2 "'><svg onload=alert(1)>"
cell 4 3 '<!-- ]]> -->'
cell 5 3 "<a href='javascript:alert(1)'>x</a>"
got=$(xpath 'string(//table[@class="records"]/tbody/tr[2]/td[5]//abbr/@title)' "$page")
[ "$got" = '"><img src=x onerror=alert(1)> citizen' ] || bad="$bad title=[$got]"
got=$(xpath 'string(//dl/dd[1])' "$page")
[ "$got" = '<b>hostile</b>&amp; 5c4346c85187' ] || bad="$bad rules=[$got]"
got=$(xpath 'string(//dl/dd[3]//li)' "$page")
[ "$got" = "$hostile" ] || bad="$bad input=[$got]"
if [ -z "$bad" ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL hostile-text:$bad"
fi

# A TMPDIR that cannot take the spool fails the run, names the directory,
# and leaves no -o file.
bad=
TMPDIR=$tmp/missing "$bin" $A -f html -o "$tmp/spool.html" "$f/small.csv" \
    > /dev/null 2> "$tmp/spool.err"
[ $? -eq 2 ] || bad="$bad status"
grep -q "^civpol-screen: $tmp/missing: cannot write a temporary file: no such file or directory\$" \
    "$tmp/spool.err" || bad="$bad message"
[ -e "$tmp/spool.html" ] && bad="$bad written"
if [ -z "$bad" ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL spool:$bad"
	cat "$tmp/spool.err"
fi

if [ -n "$gen" ]; then
	"$gen" 2000 > "$tmp/gen.csv"
	run generated "$tmp/gen.csv"
fi
echo "html-valid: $pass passed, $fail failed"
[ $fail -eq 0 ]
