# csvcols.awk - prints the named columns of a CSV file, comma-separated.
#
#   awk -v cols=screen_status,screen_failed,screen_unknown -f csvcols.awk FILE
#
# Reads RFC 4180 fields (quoted fields with doubled quotes and commas;
# not line breaks inside quotes, which civpol-screen's screen_ columns
# never hold), finds the columns by the header's names, and prints them
# for each row, the header's included, joined with commas, unquoted.  The
# tests use it to read civpol-screen's csv report without a CSV library.
function split_csv(line, out,    n, i, c, f, inq) {
	n = 0
	f = ""
	inq = 0
	for (i = 1; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (inq) {
			if (c == "\"") {
				if (substr(line, i + 1, 1) == "\"") {
					f = f "\""
					i++
				} else
					inq = 0
			} else
				f = f c
		} else if (c == "\"")
			inq = 1
		else if (c == ",") {
			out[++n] = f
			f = ""
		} else
			f = f c
	}
	out[++n] = f
	return n
}
BEGIN {
	nwant = split(cols, want, ",")
}
{
	sub(/\r$/, "")
	n = split_csv($0, field)
	if (NR == 1) {
		for (i = 1; i <= n; i++)
			at[field[i]] = i
		for (k = 1; k <= nwant; k++)
			if (!(want[k] in at)) {
				print "csvcols.awk: no column " want[k] > "/dev/stderr"
				exit 2
			}
	}
	line = ""
	for (k = 1; k <= nwant; k++)
		line = line (k > 1 ? "," : "") field[at[want[k]]]
	print line
}
