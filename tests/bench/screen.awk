# screen.awk - the twelve rules of data/civpol-2008.rules, written by hand
# in awk, the way a scripter would screen the file without civpol-screen.
#
# The benchmark times it with mawk against civpol-screen; it is also an
# independent implementation of the rules, so it follows their meaning
# exactly for the values an export holds: cells trimmed of space, tab, CR
# and LF; yes/no words in any case; years compared as exact decimals (no
# floating point); a separation date YYYY-MM-DD, M/D/YYYY or M/D/YY that
# must exist, lie in 1900..9999 and not after the as-of date, and lie no
# more than nine calendar years before it (inclusive); a sworn figure above
# the total makes sworn experience unknown.  A missing or unreadable cell
# makes its criterion unknown: REVIEW unless another criterion FAILs.
# Columns are found by their header names (case and punctuation ignored).
# What it does not do: newlines inside quoted fields, other delimiters,
# encodings.  A quoted field is split by a small quote-aware loop only on
# lines that hold a quote; the rest go through split() on commas.
#
#   mawk -f screen.awk [-v asof=YYYY-MM-DD] [-v detail=1] FILE
#
# prints the counts of PASS, FAIL, REVIEW and ERROR (a wrong field count);
# with detail=1 it prints instead, for the header and then each record,
# "STATUS,failed ids,unknown ids" (ids joined with ';'), which are the
# last three columns of `civpol-screen --format csv`.

BEGIN {
	FS = ","
	if (asof == "")
		asof = "2026-11-22"
	if (asof !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/) {
		print "screen.awk: asof must be YYYY-MM-DD" > "/dev/stderr"
		fatal = 1
		exit 2
	}
	ASOF = substr(asof, 1, 4) * 10000 + substr(asof, 6, 2) * 100 + substr(asof, 9, 2)
	# Nine calendar years before; February 29 becomes February 28.
	cy = substr(asof, 1, 4) - 9
	cm = substr(asof, 6, 2) + 0
	cd = substr(asof, 9, 2) + 0
	if (cm == 2 && cd == 29 && !leap(cy))
		cd = 28
	CUTOFF = cy * 10000 + cm * 100 + cd

	split("yes y true t 1 x pass passed", w, " ")
	for (i in w)
		BOOL[w[i]] = 1
	split("no n false f 0 fail failed", w, " ")
	for (i in w)
		BOOL[w[i]] = 0
	split("active serving employed current", w, " ")
	for (i in w)
		EMPL[w[i]] = "active"
	split("retired separated resigned former", w, " ")
	for (i in w)
		EMPL[w[i]] = "separated"
	split("31 28 31 30 31 30 31 31 30 31 30 31", MDAYS, " ")

	# The criteria in order: id, test, column(s).
	NC = split("citizenship total_experience sworn_experience full_service_department service_recency english weapon manual_transmission background passport physical_test agility_test", ID, " ")
	# Tests: 1 true COLUMN, 2 at-least N COLUMN, 3 within N STATUS DATE.
	split("1 2 2 1 3 1 1 1 1 1 1 1", TEST, " ")
	split("us_citizen total_experience_years sworn_experience_years full_service_department employment_status english_proficient weapon_qualified manual_transmission background_clear passport_valid physical_test agility_test", COL, " ")
	COL2[3] = "total_experience_years"   # sworn: not above total
	COL2[5] = "separation_date"          # recency: the date
	MIN[2] = "8"
	MIN[3] = "5"
	ST[0] = "PASS"; ST[1] = "FAIL"; ST[2] = "REVIEW"
}

function leap(y) {
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

function trim(s) {
	sub(/^[ \t\r\n]+/, "", s)
	sub(/[ \t\r\n]+$/, "", s)
	return s
}

# A header name as header_match() sees it: lower case, letters and digits.
function norm(s) {
	s = tolower(s)
	gsub(/[^a-z0-9]/, "", s)
	return s
}

# Splits a line that holds quotes into f[1..n]: split on commas, then
# join the pieces of a quoted field until its quotes balance, and undo the
# quoting ("" inside quotes is one quote).  Returns n, or -1 for a stray
# quote (inside an unquoted field, after a closing quote, or unclosed).
function qsplit(line, f,    p, np, n, i, v) {
	np = split(line, p, ",")
	n = 0
	for (i = 1; i <= np; i++) {
		v = p[i]
		if (index(v, "\"")) {
			while (gsub(/"/, "\"", v) % 2 == 1 && i < np)
				v = v "," p[++i]
			if (v !~ /^"([^"]|"")*"$/)
				return -1
			v = substr(v, 2, length(v) - 2)
			gsub(/""/, "\"", v)
		}
		f[++n] = v
	}
	return n
}

# Years: "P" parsed (sets YW whole, YF nine fraction digits), "M"issing
# or "I"nvalid.
function years(s) {
	s = trim(s)
	if (s == "")
		return "M"
	if (s !~ /^[0-9]+(\.[0-9]+)?$/)
		return "I"
	YW = s; YF = ""
	if (index(s, ".")) {
		YW = substr(s, 1, index(s, ".") - 1)
		YF = substr(s, index(s, ".") + 1)
	}
	sub(/^0+/, "", YW)
	YF = substr(YF "000000000", 1, 9)
	if (length(YW) > 9) {
		YW = "999999999"; YF = "999999999"
	}
	return "P"
}

# Compares two years given as (whole, fraction) strings: -1, 0 or 1.
function ycmp(aw, af, bw, bf) {
	if (length(aw) != length(bw))
		return length(aw) < length(bw) ? -1 : 1
	if (aw != bw)
		return aw < bw ? -1 : 1
	if (af != bf)
		return af < bf ? -1 : 1
	return 0
}

# A date as YYYYMMDD in DAY, or "M"issing or "I"nvalid.
function date(s,    y, m, d, p) {
	s = trim(s)
	if (s == "")
		return "M"
	if (length(s) == 10 && substr(s, 5, 1) == "-") {
		if (s !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/)
			return "I"
		y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
	} else {
		if (s !~ /^[0-9][0-9]?\/[0-9][0-9]?\/[0-9][0-9]([0-9][0-9])?$/)
			return "I"
		split(s, p, "/")
		m = p[1] + 0; d = p[2] + 0; y = p[3] + 0
		if (length(p[3]) == 2)
			y += (y >= 69) ? 1900 : 2000
	}
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1)
		return "I"
	if (d > MDAYS[m] + (m == 2 && leap(y)))
		return "I"
	DAY = y * 10000 + m * 100 + d
	return "P"
}

# The at-least test of criterion i on cell v: 0 pass, 1 fail, 2 unknown.
function atleast(i, v,    w, fr) {
	if (years(v) != "P")
		return 2
	w = YW; fr = YF
	if ((i in C2) && years(f[C2[i]]) == "P" && ycmp(w, fr, YW, YF) > 0)
		return 2
	return ycmp(w, fr, MIN[i], "000000000") < 0 ? 1 : 0
}

# The within test of criterion i on status cell v: active passes;
# separated needs a date no later than the as-of date, on or after the
# cutoff.
function within(i, v) {
	if (!(v in EMPL))
		v = tolower(trim(v))
	if (!(v in EMPL))
		return 2
	if (EMPL[v] == "active")
		return 0
	if (date(f[C2[i]]) != "P" || DAY > ASOF)
		return 2
	return DAY < CUTOFF ? 1 : 0
}

/^[ \t\r]*$/ { next }

!have_header {
	have_header = 1
	NH = qsplit($0, f)
	for (j = 1; j <= NH; j++)
		H[norm(f[j])] = j
	for (i = 1; i <= NC; i++) {
		if (!(norm(COL[i]) in H)) {
			print "screen.awk: no column " COL[i] > "/dev/stderr"
			fatal = 1
			exit 2
		}
		C[i] = H[norm(COL[i])]
		if (i in COL2) {
			if (!(norm(COL2[i]) in H)) {
				print "screen.awk: no column " COL2[i] > "/dev/stderr"
				fatal = 1
				exit 2
			}
			C2[i] = H[norm(COL2[i])]
		}
	}
	if (detail)
		print "screen_status,screen_failed,screen_unknown"
	next
}

{
	if (index($0, "\""))
		n = qsplit($0, f)
	else
		n = split($0, f, ",")
	if (n != NH) {
		count["ERROR"]++
		if (detail)
			print "ERROR,,"
		next
	}
	failed = ""; unknown = ""
	for (i = 1; i <= NC; i++) {
		v = f[C[i]]
		if (TEST[i] == 1) {
			# Most cells are already a word of the list as written.
			if (!(v in BOOL))
				v = tolower(trim(v))
			o = (v in BOOL) ? 1 - BOOL[v] : 2
		} else if (TEST[i] == 2)
			o = atleast(i, v)
		else
			o = within(i, v)
		if (o == 1)
			failed = failed (failed == "" ? "" : ";") ID[i]
		else if (o == 2)
			unknown = unknown (unknown == "" ? "" : ";") ID[i]
	}
	s = failed != "" ? "FAIL" : unknown != "" ? "REVIEW" : "PASS"
	count[s]++
	if (detail)
		print s "," failed "," unknown
}

END {
	if (fatal)
		exit 2
	if (!detail)
		printf "PASS %d\nFAIL %d\nREVIEW %d\nERROR %d\n", count["PASS"], count["FAIL"], count["REVIEW"], count["ERROR"]
}
