#!/bin/sh
# html-browser.sh BINARY OUTDIR - the html report in a real browser:
# headless Chromium loads it, prints it and takes its picture (make
# test-html; .ci/run).
#
# For each page (the sample, hostile names and rules, --only over
# malformed records, and rows tall enough to fall across pages):
# - loading it makes no network request (Chromium's net log holds no
#   request that the page started) and logs nothing to the console
#   (--enable-logging: no CONSOLE line);
# - the DOM that Chromium built (--dump-dom, read by xmllint) has one row
#   per reported record, in order, with the status the jsonl report gives
#   it, and no script, img, iframe, object or embed element: hostile
#   names come back as the text they were.
# Two controls show that the first checks can fail: the sample with an
# <img> of a local address and an inline script added is blocked by the
# page's Content-Security-Policy (the console says so, the net log has no
# request, the script does not run); the same page without the policy
# makes the request and runs the script, and both show.
# Printed to PDF (--print-to-pdf) as Chromium prints it (Letter) and on
# A4 (an @page size added): more than one page, the table header on
# every page that has rows, every id, no word past the page's edge, the
# status colours in the picture of the first page (pdftoppm), and no row
# split across two pages; the same tall rows without the page's
# break-inside rule do split, which shows that the check can fail.
# report.png (the README's picture) and the PDFs are left in OUTDIR.
#
# Chromium, poppler-utils (pdfinfo, pdftotext, pdftoppm) and xmllint are
# installed with tests/install-deps.sh when missing; without Chromium the
# test is skipped with a message.
set -u
bin=$1
out=$2
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
top=$(cd "$(dirname "$0")/../.." && pwd)
f=$top/tests/fixtures
need() { # COMMAND PACKAGE
	command -v "$1" >/dev/null 2>&1 ||
	    sh "$top/tests/install-deps.sh" "$2" >/dev/null 2>&1 || true
}
need chromium chromium
if ! command -v chromium >/dev/null 2>&1; then
	echo "test-html: skipped: chromium is not installed and could not be"
	echo "test-html: installed (apt-get install chromium)"
	exit 0
fi
need pdftotext poppler-utils
need xmllint libxml2-utils
for c in pdfinfo pdftotext pdftoppm xmllint; do
	command -v $c >/dev/null 2>&1 || {
		echo "test-html: $c is needed (poppler-utils, libxml2-utils)"
		exit 1
	}
done
mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
A="--as-of 2026-11-22"
# The time the README's page gives as the run's.
export SOURCE_DATE_EPOCH=1795338000
pass=0
fail=0
runs=0

ok() {
	pass=$((pass + 1))
}
bad() {
	fail=$((fail + 1))
	echo "FAIL $*"
}

# chrome ARGS...: headless Chromium with a fresh profile, and nothing of
# its own going out (no updates, sync or first-run pages).  As root, and
# in containers without user namespaces, its sandbox cannot start.
chrome() {
	runs=$((runs + 1))
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
	    --disable-dev-shm-usage --no-first-run --no-default-browser-check \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --disable-default-apps --disable-extensions \
	    --user-data-dir="$tmp/profile-$runs" "$@"
}

# load NAME: loads $tmp/NAME.html; the DOM in $tmp/NAME.dom, Chromium's
# log in $tmp/NAME.log, the page's own network requests in $tmp/NAME.req.
load() {
	chrome --enable-logging=stderr --v=0 --log-net-log="$tmp/$1.net" \
	    --dump-dom "file://$tmp/$1.html" > "$tmp/$1.dom" 2> "$tmp/$1.log"
	# One event a line; a request that a page made is keyed by its site.
	grep 'site=file://' "$tmp/$1.net" | grep -o '"url":"[^"]*"' |
	    sort -u > "$tmp/$1.req"
	grep 'CONSOLE' "$tmp/$1.log" > "$tmp/$1.console"
}

# xpath EXPR FILE: the value, from xmllint's HTML parser.
xpath() {
	xmllint --html --xpath "$1" "$2" 2>/dev/null
}

# page NAME ARGS...: the report of civpol-screen ARGS, loaded: no request,
# no console message, and the DOM true to the jsonl report's records.
page() {
	name=$1
	shift
	(cd "$tmp" && "$bin" $A -f html "$@" > "$name.html" 2>/dev/null)
	(cd "$tmp" && "$bin" $A -f jsonl "$@" 2>/dev/null) |
	    sed 's/.*"status":"\([A-Z]*\)".*/\1/' > "$tmp/$name.want"
	load "$name"
	if [ -s "$tmp/$name.req" ]; then
		bad "$name: network requests:" $(cat "$tmp/$name.req")
	else
		ok
	fi
	if [ -s "$tmp/$name.console" ]; then
		bad "$name: console:" $(head -3 "$tmp/$name.console")
	else
		ok
	fi
	xpath '//table[@class="records"]/tbody/tr/td[4]/span/text()' \
	    "$tmp/$name.dom" > "$tmp/$name.got"
	if [ -s "$tmp/$name.want" ] && cmp -s "$tmp/$name.want" "$tmp/$name.got"; then
		ok
	else
		bad "$name: rows: $(wc -l < "$tmp/$name.want") records," \
		    "$(wc -l < "$tmp/$name.got") rows, or another status"
	fi
	n=$(xpath 'count(//script|//img|//iframe|//object|//embed)' "$tmp/$name.dom")
	if [ "$n" = 0 ]; then ok; else bad "$name: $n elements from data"; fi
}

# The inputs, named as a user would name them: from where they are.
mkdir "$tmp/data"
cp "$top/data/applicants.csv" "$tmp/data/"
cp "$f/small.csv" "$f/bad-records.csv" "$f/hostile.rules" "$tmp/"
cp "$f/hostile.csv" "$tmp/\"><img src=x onerror=alert(1)>.csv"
page sample data/applicants.csv
page only --only fail --only error small.csv bad-records.csv
page hostile --rules hostile.rules "\"><img src=x onerror=alert(1)>.csv"
# The hostile names, as the browser shows them: text.
cell() { # ROW COLUMN WANT
	got=$(xpath "string(//table[@class=\"records\"]/tbody/tr[$1]/td[$2])" \
	    "$tmp/hostile.dom")
	if [ "$got" = "$3" ]; then ok; else bad "hostile row $1: [$got]"; fi
}
cell 1 3 '<script>alert(1)</script>'
cell 2 3 '"><img src=x onerror=alert(1)>'
cell 3 3 "O'Brien & \"Sons\" </td></tr></table>"
cell 4 2 "'><svg onload=alert(1)>"
cell 5 3 "<a href='javascript:alert(1)'>x</a>"
{
	head -n 1 "$f/small.csv"
	i=1
	while [ $i -le 40 ]; do
		echo "T-$i,Tall Row $i,no,1,0.5,no,retired,01/01/2001,no,no,no,no,no,fail,fail"
		i=$((i + 1))
	done
} > "$tmp/tall.csv"
page tall tall.csv

# The controls: what the policy blocks, and the same without it.
canary='<img src="http://127.0.0.1:9/canary.png" alt="" /><script>console.log("canary ran")</script>'
sed "s|<h1>Screening report</h1>|&$canary|" "$tmp/sample.html" > "$tmp/canary.html"
sed 's|<meta http-equiv="Content-Security-Policy"[^>]*>||' "$tmp/canary.html" \
    > "$tmp/open.html"
load canary
load open
if ! grep -q 127.0.0.1:9 "$tmp/canary.req" &&
    [ "$(grep -c 'Content Security Policy' "$tmp/canary.console")" -ge 2 ] &&
    ! grep -q 'canary ran' "$tmp/canary.console"; then
	ok
else
	bad "control: the policy did not block an image and a script"
fi
if grep -q 127.0.0.1:9 "$tmp/open.req" && grep -q 'canary ran' "$tmp/open.console"; then
	ok
else
	bad "control: without the policy, no request or no console line seen"
fi

# The README's picture.
chrome --hide-scrollbars --window-size=1100,1700 \
    --screenshot="$out/report.png" "file://$tmp/sample.html" \
    > /dev/null 2>&1
if [ "$(head -c 8 "$out/report.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
	ok
else
	bad "screenshot: no PNG made"
fi

# pdf NAME PAPER: prints $tmp/NAME.html (on PAPER: auto, or an @page
# size) to $out/NAME-PAPER.pdf; its pages' text in $tmp/NAME-PAPER.N.
pdf() {
	src=$tmp/$1.html
	if [ "$2" != auto ]; then
		sed "s|</style>|@page { size: $2; }\n&|" "$src" > "$tmp/$1-$2.html"
		src=$tmp/$1-$2.html
	fi
	doc=$out/$1-$2.pdf
	chrome --no-pdf-header-footer --print-to-pdf="$doc" "file://$src" \
	    > /dev/null 2>&1
	pages=$(pdfinfo "$doc" 2>/dev/null | sed -n 's/^Pages: *//p')
	size=$(pdfinfo "$doc" 2>/dev/null | sed -n 's/^Page size: *//p')
	pages=${pages:-0}
	i=1
	while [ $i -le $pages ]; do
		pdftotext -layout -f $i -l $i "$doc" "$tmp/$1-$2.$i"
		i=$((i + 1))
	done
}

# split NAME PAPER FILE: the pages whose first row after the repeated
# header is not the start of a record (FILE:LINE).
split() {
	i=2
	while [ $i -le $pages ]; do
		awk -v file="$3" '/^ *Where +ID +Name +Status +Why/ { h = 1; next }
		    h && NF { if ($1 !~ ("(^|/)" file ":[0-9]+$")) print FILENAME; exit }' \
		    "$tmp/$1-$2.$i"
		i=$((i + 1))
	done
}

# printed NAME PAPER WIDTH FILE IDS: the checks of a printed report.
printed() {
	pdf "$1" "$2"
	what="$1 on $2 ($size, $pages pages)"
	if echo "$size" | awk -v w="$3" '{ exit !($1 > w - 1 && $1 < w + 1) }'; then
		ok
	else
		bad "$what: not $3 pt wide"
	fi
	if [ "$pages" -ge 2 ]; then ok; else bad "$what: one page"; fi
	# The header on every page that has rows.
	n=0
	i=1
	while [ $i -le $pages ]; do
		if grep -q "$4:[0-9]" "$tmp/$1-$2.$i" &&
		    ! grep -q '^ *Where  *ID  *Name  *Status  *Why' "$tmp/$1-$2.$i"; then
			n=$((n + 1))
		fi
		i=$((i + 1))
	done
	if [ $n -eq 0 ]; then ok; else bad "$what: $n pages without the header"; fi
	missing=0
	for id in $5; do
		cat "$tmp/$1-$2".* | grep -q -- "$id " || missing=$((missing + 1))
	done
	if [ $missing -eq 0 ]; then ok; else bad "$what: $missing ids missing"; fi
	# No word past the page's edge.
	over=$(pdftotext -bbox "$out/$1-$2.pdf" - | awk -v w="${size%% *}" '
	    /<page / { for (k = 1; k <= NF; k++) if ($k ~ /^width=/) { gsub(/[^0-9.]/, "", $k); w = $k } }
	    /<word / { for (k = 1; k <= NF; k++) if ($k ~ /^xMax=/) { gsub(/[^0-9.]/, "", $k); if ($k + 0 > w + 0) n++ } }
	    END { print n + 0 }')
	if [ "$over" = 0 ]; then ok; else bad "$what: $over words past the edge"; fi
	s=$(split "$1" "$2" "$4")
	if [ -z "$s" ]; then ok; else bad "$what: rows split across pages"; fi
}

ids=$(cut -d, -f1 "$top/data/applicants.csv" | sed 1d)
tall_ids=$(cut -d, -f1 "$tmp/tall.csv" | sed 1d)
printed sample auto 612 applicants.csv "$ids"
printed sample A4 595.3 applicants.csv "$ids"
printed tall letter 612 tall.csv "$tall_ids"
printed tall A4 595.3 tall.csv "$tall_ids"

# The status colours are printed: the tiles of the counts, in the first
# page's picture.
pdftoppm -r 40 -f 1 -l 1 "$out/sample-auto.pdf" "$tmp/p1"
set -- $(sed -n 2p "$tmp/p1-1.ppm")
tail -c $(($1 * $2 * 3)) "$tmp/p1-1.ppm" | od -An -v -tx1 -w3 |
    sort | uniq -c > "$tmp/colours"
for c in 'dc f3 e3' 'fb e4 e2' 'fd ef c3' '5b 2a 86'; do
	n=$(grep " $c\$" "$tmp/colours" | awk '{ print $1 }')
	if [ "${n:-0}" -ge 100 ]; then ok; else bad "print: colour $c missing"; fi
done

# The control: without the rule, tall rows do fall across pages.
sed 's/tr { break-inside: avoid; page-break-inside: avoid; }/tr { }/' \
    "$tmp/tall.html" > "$tmp/tall-free.html"
pdf tall-free letter
if [ -n "$(split tall-free letter tall.csv)" ]; then
	ok
else
	bad "control: rows were not split without break-inside: avoid"
fi
rm -f "$out/tall-free-letter.pdf"

echo "test-html: screenshot and PDFs in $out"
echo "test-html: $pass passed, $fail failed"
[ $fail -eq 0 ]
