#!/usr/bin/env python3
"""xlsx_check.py - checks civpol-screen's xlsx report with openpyxl.

Usage: xlsx_check.py WORKBOOK REPORT.csv REPORT.txt RULES [LIBREOFFICE.csv]

WORKBOOK is `civpol-screen -f xlsx` of some inputs; REPORT.csv is
`-f csv --no-formula-guard` and REPORT.txt the text report of the same
inputs with the same options, RULES the rule set's text
(`--print-rules`).  LIBREOFFICE.csv, when given, is the Screened sheet as
LibreOffice Calc exported it.  What a spreadsheet reader finds must agree
with the other reports:

- Screened: the header is the csv report's input columns, then Status,
  Failed, Unknown (Not applicable) and Reasons; every record is a row,
  in order, with its input cells as the csv report has them; its status
  and its failed and unknown criteria are the csv report's.
- Fills: red only on cells of columns that a failed criterion of the
  row reads, amber only on those an unknown one reads, and each failed
  criterion has a red cell among its columns, each unknown one a red or
  amber cell (a criterion of one column: that very cell); status cells
  in their verdict's colour; each coloured cell's comment (while there
  are comments) gives the reasons of criteria that read its column.
- The header is frozen and filtered over every row; no cell anywhere is
  a formula (the cells, and the sheets' XML).
- Summary: the counts by status, and each criterion's failures and
  unknowns, are the text summary's; Rules: the rule set's name and hash
  and the as-of date are the text report's first line.
- LibreOffice's export has the same statuses, failed and unknown ids as
  the csv report, row by row.

Prints one line per failed check and exits 1 if there was any.
"""
import csv
import re
import sys
import zipfile

import openpyxl

RED, AMBER = "FFFFC7CE", "FFFFEB9C"
STATUS_FILL = {"PASS": "FFC6EFCE", "FAIL": "FFFFC7CE",
               "REVIEW": "FFFFEB9C", "ERROR": "FFC00000"}
OWN = ["Status", "Failed", "Unknown", "Not applicable", "Reasons"]
KEYWORDS = {"rule", "required", "advisory", "true", "one-of", "at-least",
            "at-most", "between", "within", "after", "before", "all-of",
            "any-of", "not", "end", "when", "is", "in", "not-above",
            "years", "months", "year", "month", "days"}

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL " + msg)


def norm(name):
    """A column's name as rules match it: letters and digits, lower."""
    return re.sub(r"[^0-9a-z]", "", (name or "").lower())


def unescape(s):
    """Excel's _xHHHH_ escapes, which openpyxl 3.0 leaves as they are."""
    if s is None:
        return ""
    return re.sub(r"_x([0-9A-Fa-f]{4})_",
                  lambda m: chr(int(m.group(1), 16)), str(s))


def criterion_columns(rules_text):
    """Each criterion's id -> the normal forms of the columns it reads."""
    cols, current, depth = {}, None, 0
    for line in rules_text.splitlines():
        if line.lstrip().startswith("#"):
            continue
        words = re.findall(r"[^\s\[\],]+", re.sub(r'"[^"]*"', " ", line))
        if not words:
            continue
        if words[0] == "rule":
            current = words[1]
            cols[current] = set()
            words = words[3:]
            depth = 1 if words and words[0] in ("all-of", "any-of") else 0
        elif current is not None and depth > 0:
            if words[0] == "end":
                depth -= 1
                continue
            if words[0] in ("all-of", "any-of") or \
                    words[:2] in (["not", "all-of"], ["not", "any-of"]):
                depth += 1
        else:
            continue
        for w in words:
            m = re.match(r"^[a-z-]+\((.*)\)$", w)
            if m:
                w = m.group(1)
            if w in KEYWORDS or re.match(r"^[0-9.]+$", w):
                continue
            cols[current].add(norm(w))
    return cols


def fill_of(cell):
    if cell.fill is None or cell.fill.patternType != "solid":
        return None
    return cell.fill.fgColor.rgb


def ids(s, sep):
    s = unescape(s)
    return set(x.strip() for x in s.split(sep) if x.strip())


def commented_records(wb):
    """Up to which record the Summary says cells have comments."""
    for r in wb["Summary"].iter_rows(values_only=True):
        if r[0] != "Comments":
            continue
        if r[1].startswith("every red or amber cell"):
            return float("inf")
        m = re.search(r"records 1 to (\d+)", r[1])
        return int(m.group(1)) if m else 0
    fail("Summary: no Comments line")
    return 0


def check_screened(wb, report, crit_cols, descriptions):
    sheets = [ws for ws in wb.worksheets if ws.title.startswith("Screened")]
    names = ["Screened"] + ["Screened %d" % k for k in
                            range(2, len(sheets) + 1)]
    if [ws.title for ws in sheets] != names:
        fail("Screened sheets: %s" % [ws.title for ws in sheets])
    rows = []
    header = None
    for ws in sheets:
        srows = list(ws.iter_rows())
        h = [unescape(c.value) for c in srows[0]]
        if header is None:
            header = h
        elif h != header:
            fail("%s: header differs from the first sheet's" % ws.title)
        if ws.freeze_panes != "A2":
            fail("%s: frozen at %s, not A2" % (ws.title, ws.freeze_panes))
        last = srows[0][len(h) - 1].column_letter
        want = "A1:%s%d" % (last, len(srows))
        if ws.auto_filter.ref != want:
            fail("%s: filter %s, not %s" % (ws.title, ws.auto_filter.ref,
                                            want))
        if not all(c.font.b for c in srows[0]):
            fail("%s: header not bold" % ws.title)
        rows.extend(srows[1:])
    csv_header = report[0]
    inputs = [c for c in csv_header if not c.startswith("screen_")]
    own = [c for c in OWN if c != "Not applicable" or
           "screen_not_applicable" in csv_header]
    if header != inputs + own:
        fail("header %s, expected %s" % (header, inputs + own))
        return
    at = {name: header.index(name) for name in own}
    col = {name: i for i, name in enumerate(csv_header)}
    records = report[1:]
    if len(rows) != len(records):
        fail("%d rows, the csv report has %d" % (len(rows), len(records)))
    through = commented_records(wb)
    for r, (row, rec) in enumerate(zip(rows, records), start=2):
        cells = [unescape(c.value) if c.value is not None else ""
                 for c in row]
        cells += [""] * (len(header) - len(cells))
        for j, name in enumerate(inputs):
            if cells[j] != rec[j]:
                fail("row %d, %s: %r, the csv report has %r" %
                     (r, name, cells[j], rec[j]))
        status = cells[at["Status"]]
        if status != rec[col["screen_status"]]:
            fail("row %d: status %s, csv %s" %
                 (r, status, rec[col["screen_status"]]))
        failed = ids(cells[at["Failed"]], ";")
        unknown = ids(cells[at["Unknown"]], ";")
        if failed != ids(rec[col["screen_failed"]], ";"):
            fail("row %d: failed %s, csv %s" % (r, failed,
                                               rec[col["screen_failed"]]))
        if unknown != ids(rec[col["screen_unknown"]], ";"):
            fail("row %d: unknown %s, csv %s" %
                 (r, unknown, rec[col["screen_unknown"]]))
        if fill_of(row[at["Status"]]) != STATUS_FILL.get(status):
            fail("row %d: status %s filled %s" %
                 (r, status, fill_of(row[at["Status"]])))
        # The fills of the input cells, by column.
        red = {j for j in range(len(inputs)) if j < len(row) and
               fill_of(row[j]) == RED}
        amber = {j for j in range(len(inputs)) if j < len(row) and
                 fill_of(row[j]) == AMBER}
        other = {j for j in range(len(row)) if fill_of(row[j]) and
                 j not in red | amber and j != at["Status"]}
        if other:
            fail("row %d: other fills on %s" % (r, sorted(other)))
        red_cols = set().union(*[crit_cols[c] for c in failed]) \
            if failed else set()
        unk_cols = set().union(*[crit_cols[c] for c in unknown]) \
            if unknown else set()
        for j in red:
            if norm(inputs[j]) not in red_cols:
                fail("row %d: %s red, but no failed criterion reads it" %
                     (r, inputs[j]))
        for j in amber:
            if norm(inputs[j]) not in unk_cols:
                fail("row %d: %s amber, but no unknown criterion reads it"
                     % (r, inputs[j]))
        for c, marks in [(c, red) for c in failed] + \
                [(c, red | amber) for c in unknown]:
            mine = [j for j in range(len(inputs))
                    if norm(inputs[j]) in crit_cols[c]]
            present = [j for j in mine if rec[j] != "" or j in marks]
            if mine and not any(j in marks for j in mine):
                fail("row %d: %s has no coloured cell" % (r, c))
            if len(crit_cols[c]) == 1 and len(present) == 1 and \
                    present[0] not in marks:
                fail("row %d: %s's cell %s not coloured" %
                     (r, c, inputs[present[0]]))
        # Comments: on coloured cells only, in words.
        for j in range(len(row)):
            comment = row[j].comment
            if comment is not None and j not in red | amber:
                fail("row %d: a comment on %s, not coloured" %
                     (r, header[j]))
        marked = sorted(red | amber)
        for j in marked:
            c = row[j].comment
            if (c is None) != (r - 1 > through):
                fail("row %d: %s coloured, %s comment (comments up to "
                     "record %s)" % (r, inputs[j],
                                     "no" if c is None else "a", through))
            if c is not None:
                for line in c.text.split("\n"):
                    if not any(line.startswith(descriptions[k] + ": ") and
                               norm(inputs[j]) in crit_cols[k]
                               for k in failed | unknown):
                        fail("row %d: comment on %s: %r" %
                             (r, inputs[j], line))
        if status == "ERROR" and not cells[at["Reasons"]]:
            fail("row %d: an ERROR with no reasons" % r)


def parse_text(text):
    """The text report's first line, counts and failed/unknown lists."""
    lines = text.splitlines()
    m = re.match(r"rules (.*) \(([0-9a-f]{12})\)(?:, profile .*)?, "
                 r"as of (\d{4}-\d\d-\d\d)$", lines[0])
    counts, lists, current = {}, {"failed": {}, "unknown": {}}, None
    for line in lines:
        m2 = re.match(r"screened (\d+) records?: (\d+) PASS, (\d+) FAIL, "
                      r"(\d+) REVIEW, (\d+) ERROR", line)
        if m2:
            counts = dict(zip(["records", "PASS", "FAIL", "REVIEW",
                               "ERROR"], map(int, m2.groups())))
            continue
        if line in ("failed:", "unknown:"):
            current = line[:-1]
            continue
        m3 = re.match(r"^  (\S+) +(\d+)$", line)
        if current and m3:
            lists[current][m3.group(1)] = int(m3.group(2))
        elif not line.startswith("  "):
            current = None
    return m.groups(), counts, lists


def check_summary(wb, text):
    (name, hsh, asof), counts, lists = parse_text(text)
    ws = wb["Summary"]
    rows = [[c for c in r] for r in ws.iter_rows(values_only=True)]
    got = {}
    crit = {}
    section = None
    for r in rows:
        if r[0] == "Status":
            section = "status"
            continue
        if r[0] == "Criterion":
            section = "criteria"
            continue
        if r[0] is None:
            section = None
            continue
        if section == "status":
            got[r[0]] = r[1]
        elif section == "criteria":
            crit[r[0]] = (r[2], r[3])
        elif r[0] == "Records":
            got["records"] = r[1]
    for k, v in counts.items():
        if got.get(k) != v:
            fail("Summary: %s %s, the text summary says %s" %
                 (k, got.get(k), v))
    for c, (nf, nu) in crit.items():
        if nf != lists["failed"].get(c, 0) or \
                nu != lists["unknown"].get(c, 0):
            fail("Summary: %s failed %s unknown %s; text %s %s" %
                 (c, nf, nu, lists["failed"].get(c, 0),
                  lists["unknown"].get(c, 0)))
    if set(lists["failed"]) - set(crit) or set(lists["unknown"]) - set(crit):
        fail("Summary: criteria missing")
    rules = {r[0]: r[1] for r in wb["Rules"].iter_rows(values_only=True)
             if r and r[0] is not None}
    if rules.get("Rule set") != name or rules.get("Rule set hash") != hsh:
        fail("Rules: %s %s, the text report says %s %s" %
             (rules.get("Rule set"), rules.get("Rule set hash"), name, hsh))
    d = rules.get("As of")
    if d is None or d.strftime("%Y-%m-%d") != asof:
        fail("Rules: as of %s, the text report says %s" % (d, asof))
    if not str(rules.get("Program", "")).startswith("civpol-screen "):
        fail("Rules: program %s" % rules.get("Program"))


def check_no_formula(path, wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    fail("%s!%s is a formula" % (ws.title, c.coordinate))
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            if n.startswith("xl/worksheets/sheet"):
                xml = z.read(n)
                if b"<f>" in xml or b"<f " in xml:
                    fail("%s holds a formula" % n)


def check_libreoffice(path, report):
    with open(path, newline="", encoding="utf-8") as f:
        lo = list(csv.reader(f))
    header = lo[0]
    col = {name: i for i, name in enumerate(report[0])}
    if len(lo) != len(report):
        fail("LibreOffice: %d rows, the csv report %d" %
             (len(lo), len(report)))
    for r, (a, b) in enumerate(zip(lo[1:], report[1:]), start=2):
        a = a + [""] * (len(header) - len(a))
        got = (a[header.index("Status")],
               ids(a[header.index("Failed")], ";"),
               ids(a[header.index("Unknown")], ";"))
        want = (b[col["screen_status"]], ids(b[col["screen_failed"]], ";"),
                ids(b[col["screen_unknown"]], ";"))
        if got != want:
            fail("LibreOffice row %d: %s, csv %s" % (r, got, want))


def main(argv):
    if len(argv) not in (5, 6):
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    path = argv[1]
    with open(argv[2], newline="", encoding="utf-8",
              errors="replace") as f:
        report = list(csv.reader(f))
    with open(argv[3], encoding="utf-8", errors="replace") as f:
        text = f.read()
    with open(argv[4], encoding="utf-8") as f:
        crit_cols = criterion_columns(f.read())
    wb = openpyxl.load_workbook(path)
    descriptions = {}
    summary = list(wb["Summary"].iter_rows(values_only=True))
    start = [i for i, r in enumerate(summary) if r[0] == "Criterion"][0]
    for r in summary[start + 1:]:
        if r[0] is None:
            break
        descriptions[r[0]] = r[4]
    check_screened(wb, report, crit_cols, descriptions)
    check_summary(wb, text)
    check_no_formula(path, wb)
    if len(argv) == 6:
        check_libreoffice(argv[5], report)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
