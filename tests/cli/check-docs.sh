#!/bin/sh
# check-docs.sh BINARY - checks that --help and the man page describe the
# same options: every long option in --help's table has an entry
# (".It Fl \-name") in src/civpol-screen.1, and the man page has no entry
# that --help lacks.  The option table in main.c makes --help and
# getopt_long agree; this makes the man page agree with them.
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
echo "check-docs: $(wc -l < "$tmp/help") options agree in --help and the man page"
