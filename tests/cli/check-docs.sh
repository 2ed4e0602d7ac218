#!/bin/sh
# check-docs.sh BINARY - checks that --help and the man page describe the
# same options: every long option in --help's table has an entry
# (".It Fl \-name") in src/civpol-screen.1, and the man page has no entry
# that --help lacks; and every report format that --help lists (from the
# table in report.c) has its entry (".It Cm NAME") under -f.  The option
# table in main_options.c makes --help and getopt_long agree; this makes
# the man page agree with them.
set -eu
bin=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" --help | sed -n 's/^  \(-., \)\{0,1\} *--\([a-z-]*\).*/\2/p' | sort > "$tmp/help"
sed -n 's/^\.It .*Fl \\-\([a-z-]*\).*/\1/p' "$top/src/civpol-screen.1" | sort -u > "$tmp/man"
if [ ! -s "$tmp/help" ]; then
	echo "check-docs: no options found in --help"
	exit 1
fi
if ! cmp -s "$tmp/help" "$tmp/man"; then
	echo "check-docs: --help and the man page list different options (< help, > man):"
	diff "$tmp/help" "$tmp/man" || true
	exit 1
fi
"$bin" --help | sed -n 's/.*FORMAT  *format: //p' | sed 's/ (default)//; s/, / /g' | tr ' ' '\n' > "$tmp/formats"
sed -n '/^\.It Fl f Ar format/,/^\.It Fl h /p' "$top/src/civpol-screen.1" > "$tmp/fman"
for f in $(cat "$tmp/formats"); do
	if ! grep -qx "\.It Cm $f" "$tmp/fman"; then
		echo "check-docs: format $f is in --help but not under -f in the man page"
		exit 1
	fi
done
echo "check-docs: $(wc -l < "$tmp/help") options and $(wc -l < "$tmp/formats") formats agree in --help and the man page"
