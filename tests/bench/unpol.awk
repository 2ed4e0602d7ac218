# unpol.awk - turns a file that gen.c wrote into one that the unpol-ipo
# rule set reads, record for record, for the benchmark: the same names
# and service history, and from the rest, deterministically, a date of
# birth, language scores (one test or the other, or none), a licence
# date and the tests.  Lines with a quote (a name with a comma, or a
# record spread over lines) are left out, so that every line is a
# record of plain fields; the name is made anew from the id.
BEGIN {
	FS = OFS = ","
	print "applicant_id,full_name,date_of_birth,police_experience_years," \
	    "employment_status,separation_date,language_test_english," \
	    "language_test_french,driving_licence_issued,driving_test," \
	    "firearms_test,computer_skills,previous_un_mission,map_reading," \
	    "negotiation,interviewing,first_aid"
}
NR == 1 || index($0, "\"") > 0 || NF != 15 { next }
{
	id = $1; name = "Officer " substr(id, 3)
	tot = $4; status = $7; sep = $8; eng = $9; weapon = $10
	manual = $11; bg = $12; pass = $13; phys = $14; agil = $15
	n = NR * 7919
	dob = sprintf("%04d-%02d-%02d", 1960 + n % 45, 1 + n % 12, 1 + n % 28)
	en = ""; fr = ""
	if (n % 5 == 0)
		fr = 40 + n % 60
	else if (n % 11 != 0)
		en = (tolower(eng) ~ /^(yes|y|true|1)$/) ? 60 + n % 40 : 30 + n % 40
	lic = sprintf("%04d-%02d-%02d", 1990 + n % 37, 1 + n % 12, 1 + n % 28)
	print id, name, dob, tot, status, sep, en, fr, lic, manual, weapon, \
	    bg, pass, phys, agil, (n % 3 ? "yes" : "no"), "yes"
}
