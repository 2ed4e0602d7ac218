#!/bin/sh
# consumers.sh BIN - what reads civpol-screen's CI reports reads them:
# the --expect junit report is checked against the JUnit schema
# (tests/schema/junit.xsd) with xmllint and parsed by junitparser, a
# Python consumer of JUnit XML from Debian's packages; the tap report is
# run through Perl's prove; the completion scripts are loaded by bash
# (and checked by zsh).  A tool that is missing is installed when it can
# be (tests/install-deps.sh), or its check is skipped with a line saying
# so; .ci/run installs them all, so CI runs every check.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
fx=$root/tests/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
checks=0

fail() {
	echo "consumers: FAIL $*" >&2
	failed=$((failed + 1))
}

# have TOOL PACKAGE: the tool is there, or installed now.
have() {
	command -v "$1" >/dev/null 2>&1 && return 0
	sh "$root/tests/install-deps.sh" "$2" >/dev/null 2>&1
	command -v "$1" >/dev/null 2>&1
}

# The fixtures: one whose decisions all match, one with mismatches and
# a fixture error; two files, two suites.
"$bin" --expect --format junit --as-of 2026-11-22 \
    "$fx/expect-match.csv" "$fx/expect-mismatch.csv" > "$tmp/r.xml"
[ $? -eq 1 ] || fail "junit: exit status (expected 1, a mismatch)"
"$bin" --expect --format tap --as-of 2026-11-22 \
    "$fx/expect-match.csv" "$fx/expect-mismatch.csv" > "$tmp/r.tap"
"$bin" --expect --format tap --as-of 2026-11-22 \
    "$fx/expect-match.csv" > "$tmp/ok.tap"

if have xmllint libxml2-utils; then
	checks=$((checks + 1))
	xmllint --noout --schema "$root/tests/schema/junit.xsd" "$tmp/r.xml" \
	    2>"$tmp/xmllint.err" ||
	    fail "junit: not valid against tests/schema/junit.xsd: $(cat "$tmp/xmllint.err")"
else
	echo "consumers: skipped: xmllint (libxml2-utils) is not installed"
fi

# Debian's Python, whose packages (python3-junitparser) are the ones
# installed, before any other python3 on the PATH.
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
if have "$py" python3 && { "$py" -c 'import junitparser' 2>/dev/null ||
    { sh "$root/tests/install-deps.sh" python3-junitparser >/dev/null 2>&1 &&
        "$py" -c 'import junitparser' 2>/dev/null; }; }; then
	checks=$((checks + 1))
	"$py" - "$tmp/r.xml" <<'PY' || fail "junit: junitparser disagrees"
import sys
from junitparser import JUnitXml, Failure, Error
xml = JUnitXml.fromfile(sys.argv[1])
suites = list(xml)
assert len(suites) == 2, len(suites)
match, mismatch = suites
assert match.tests == 4 and match.failures == 0 and match.errors == 0, (match.tests, match.failures, match.errors)
assert mismatch.tests == 4 and mismatch.failures == 2 and mismatch.errors == 1, (mismatch.tests, mismatch.failures, mismatch.errors)
props = {p.name: p.value for p in mismatch.properties()}
assert props["rules"] == "civpol-inl-2008" and props["as_of"] == "2026-11-22", props
cases = {c.name: c for c in mismatch}
kinds = {n: [type(r).__name__ for r in c.result] for n, c in cases.items()}
assert kinds == {"Y-1": ["Failure"], "Y-2": ["Failure"], "Y-3": ["Error"], "Y-4": []}, kinds
assert "expected FAIL [passport], got PASS []" == cases["Y-1"].result[0].message, cases["Y-1"].result[0].message
PY
else
	echo "consumers: skipped: python3-junitparser is not installed"
fi

if have prove perl; then
	checks=$((checks + 1))
	# prove runs a test by running it: a script that prints the report.
	printf '#!/bin/sh\ncat %s\n' "$tmp/ok.tap" > "$tmp/ok.t"
	printf '#!/bin/sh\ncat %s\n' "$tmp/r.tap" > "$tmp/r.t"
	chmod +x "$tmp/ok.t" "$tmp/r.t"
	prove -e sh "$tmp/ok.t" >"$tmp/prove.ok" 2>&1 ||
	    fail "tap: prove refuses a report of matches: $(cat "$tmp/prove.ok")"
	if prove -e sh "$tmp/r.t" >"$tmp/prove.r" 2>&1; then
		fail "tap: prove passes a report of mismatches"
	elif ! grep -q 'Failed 3/8 subtests' "$tmp/prove.r"; then
		fail "tap: prove did not count 3 of 8 failed: $(cat "$tmp/prove.r")"
	fi
else
	echo "consumers: skipped: prove (perl) is not installed"
fi

# Completion: every option of --help, offered by bash for "-"; zsh
# reads its script.
checks=$((checks + 1))
"$bin" --completion bash > "$tmp/c.bash"
"$bin" --help | sed -n 's/^ *\(-., \)\{0,1\}\(--[a-z-]*\).*/\2/p' | sort > "$tmp/help.opts"
bash -c '. "$1"; COMP_WORDS=(civpol-screen --); COMP_CWORD=1; _civpol_screen
    printf "%s\n" "${COMPREPLY[@]}"' sh "$tmp/c.bash" | sort > "$tmp/bash.opts"
cmp -s "$tmp/help.opts" "$tmp/bash.opts" ||
    fail "completion: bash offers other options than --help lists: $(diff "$tmp/help.opts" "$tmp/bash.opts" | tr '\n' ' ')"
got=$(bash -c '. "$1"; COMP_WORDS=(civpol-screen --only r); COMP_CWORD=2; _civpol_screen
    printf "%s\n" "${COMPREPLY[@]}"' sh "$tmp/c.bash")
[ "$got" = review ] || fail "completion: bash completes --only r to \"$got\""
if have zsh zsh; then
	checks=$((checks + 1))
	"$bin" --completion zsh > "$tmp/_civpol-screen"
	zsh -n "$tmp/_civpol-screen" || fail "completion: zsh cannot read its script"
	for o in $(cat "$tmp/help.opts"); do
		grep -q -- "$o" "$tmp/_civpol-screen" || fail "completion: zsh lacks $o"
	done
else
	echo "consumers: skipped: zsh is not installed"
fi

echo "consumers: $checks checks, $failed failed"
[ "$failed" -eq 0 ]
