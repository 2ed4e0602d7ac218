#!/bin/sh
# invariant.sh BINARY GEN - properties that must hold for any input.
#
# Over generated applicants (GEN is tests/bench/gen.c, built by make) and
# over copies damaged at random (commas dropped or doubled, NUL bytes,
# blank and space-only lines, garbage values, a cut last line), checks:
# - records in = records out: every non-blank line after the header gets
#   exactly one entry in the csv and jsonl reports (the generated names
#   hold no newlines, and the damage adds no quotes, so lines = records);
# - the text summary's counts add up to the records screened;
# - the decisions agree with tests/bench/screen.awk, an independent
#   implementation of the default rules, on the undamaged data.
set -u
bin=$1
gen=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
A="--as-of 2026-11-22"
pass=0
fail=0

check() { # NAME FILE
	name=$1
	f=$2
	want=$(tr -d '\r' < "$f" | grep -a -c -v '^[[:space:]]*$')
	want=$((want - 1))
	"$bin" $A -f jsonl "$f" > "$tmp/out.jsonl" 2>/dev/null
	got_j=$(wc -l < "$tmp/out.jsonl")
	"$bin" $A -f csv "$f" > "$tmp/out.csv" 2>/dev/null
	got_c=$(($(wc -l < "$tmp/out.csv") - 1))
	"$bin" $A --summary "$f" > "$tmp/sum" 2>/dev/null
	sum=$(sed -n 's/^screened \([0-9]*\) records: \([0-9]*\) PASS, \([0-9]*\) FAIL, \([0-9]*\) REVIEW, \([0-9]*\) ERROR$/\1 \2 \3 \4 \5/p' "$tmp/sum")
	set -- $sum
	if [ $# -eq 5 ] && [ "$got_j" -eq "$want" ] && [ "$got_c" -eq "$want" ] &&
	    [ "$1" -eq "$want" ] && [ $(($2 + $3 + $4 + $5)) -eq "$1" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name: $want records in; jsonl $got_j, csv $got_c, summary: $sum"
	fi
}

for n in 0 1 7 100 2500; do
	"$gen" $n > "$tmp/gen$n.csv"
	check "generated $n" "$tmp/gen$n.csv"
done

# The same decisions as the independent awk implementation.
awk -v asof=2026-11-22 -v detail=1 -f "$here/../bench/screen.awk" "$tmp/gen2500.csv" > "$tmp/awk"
"$bin" $A -f csv "$tmp/gen2500.csv" |
    awk -v cols=screen_status,screen_failed,screen_unknown \
    -f "$here/../bench/csvcols.awk" > "$tmp/ours"
if cmp -s "$tmp/awk" "$tmp/ours"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL decisions differ from tests/bench/screen.awk:"
	diff "$tmp/awk" "$tmp/ours" | head -5
fi

for seed in 1 2 3 4 5 6 7 8 9 10 11 12; do
	awk -v seed=$seed '
	BEGIN { srand(seed) }
	NR == 1 { print; next }
	{
		r = rand()
		if (r < 0.05) { sub(/,/, ""); print; next }          # a field fewer
		if (r < 0.10) { sub(/,/, ",,"); print; next }        # a field more
		if (r < 0.13) { print ""; print; next }               # a blank line
		if (r < 0.16) { print "   \t "; print; next }         # spaces only
		if (r < 0.20) { sub(/,yes,/, ",maybe,"); print; next }
		if (r < 0.23) { sub(/,/, ",@"); print; next }         # a NUL byte
		if (r < 0.26) { printf "%s\r\n", $0; next }           # CRLF
		print
	}' "$tmp/gen100.csv" | tr @ '\000' > "$tmp/bad$seed.csv"
	# Every other one loses the end of its last line.
	if [ $((seed % 2)) -eq 0 ]; then
		head -c -7 "$tmp/bad$seed.csv" > "$tmp/cut" && mv "$tmp/cut" "$tmp/bad$seed.csv"
	fi
	check "damaged $seed" "$tmp/bad$seed.csv"
done
echo "invariants: $pass passed, $fail failed"
[ $fail -eq 0 ]
