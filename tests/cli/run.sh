#!/bin/sh
# run.sh BINARY [CASE...] - the end-to-end tests.
#
# Each directory tests/cli/cases/NAME is one case: `cmd` is a line of sh
# run in that directory with `civpol-screen` on PATH (so it may pipe,
# redirect and read the fixtures beside it or in tests/fixtures), and
# `stdout`, `stderr` and `status` hold what it must print and return,
# compared byte for byte.  A newcomer adds a test without writing C.
#
# Environment: WRAP, a command to run the binary under (valgrind ...);
# UPDATE=1 rewrites the expected files from what the binary does (read
# the diff before committing it).
set -u
bin=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/bin"
# Under valgrind, its messages go to a file of their own, so that a case
# that closes standard error still runs, and any message fails the case.
wrap=${WRAP:-}
case $wrap in
*valgrind*) wrap="$wrap --log-file=$tmp/valgrind.%p" ;;
esac
printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$wrap" "$bin" > "$tmp/bin/civpol-screen"
chmod +x "$tmp/bin/civpol-screen"

if [ $# -eq 0 ]; then
	set -- $(cd "$here/cases" && ls)
fi
pass=0
fail=0
skipped=0
for name in "$@"; do
	dir=$here/cases/$name
	# A case about the process's own file descriptors cannot run under
	# valgrind, which opens files in the same process: its file
	# not-under-valgrind says why.
	if [ -n "${WRAP:-}" ] && [ -f "$dir/not-under-valgrind" ]; then
		skipped=$((skipped + 1))
		continue
	fi
	(cd "$dir" && PATH="$tmp/bin:$PATH" NO_COLOR= LC_ALL=C TZ=UTC \
	    sh ./cmd > "$tmp/out" 2> "$tmp/err" < /dev/null; \
	    echo $? > "$tmp/status")
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$tmp/out" "$dir/stdout"
		cp "$tmp/err" "$dir/stderr"
		cp "$tmp/status" "$dir/status"
	fi
	bad=
	for f in stdout stderr status; do
		src=$tmp/out
		[ $f = stderr ] && src=$tmp/err
		[ $f = status ] && src=$tmp/status
		if ! cmp -s "$src" "$dir/$f"; then
			bad="$bad $f"
			echo "--- $name: $f differs (expected, then got):"
			diff "$dir/$f" "$src" | head -20
		fi
	done
	for log in "$tmp"/valgrind.*; do
		[ -s "$log" ] || continue
		bad="$bad valgrind"
		echo "--- $name: valgrind says:"
		head -40 "$log"
	done
	rm -f "$tmp"/valgrind.*
	if [ -z "$bad" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name:$bad"
	fi
done
echo "end-to-end: $pass passed, $fail failed${WRAP:+, $skipped not run under ${WRAP%% *}}"
[ $fail -eq 0 ]
