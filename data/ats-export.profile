# ats-export.profile - an applicant tracking system's export (the kind
# data/ats-export.csv shows): its own headers, and its own words.
#
# A profile describes a data source, not a programme: the same profile
# serves civpol-2008 and unpol-ipo alike, and lines about columns that a
# rule set does not read are left alone.
#
#   civpol-screen --profile data/ats-export.profile data/ats-export.csv
#
# column COLUMN "HEADER"      the rules' COLUMN is the export's HEADER
# value COLUMN "WORD" MEANING  the export's WORD means MEANING there
# value COLUMN [WORDS] MEANING (case and surrounding spaces are ignored;
#                              a MEANING of "" makes the cell empty)

profile ats-export

column applicant_id            "Applicant ID"
column full_name               "Name"
column us_citizen              "Citizenship"
column total_experience_years  "Years of Law Enforcement Experience"
column sworn_experience_years  "Years as Sworn Officer"
column full_service_department "Department Type"
column employment_status       "Employment Status"
column separation_date         "Date Separated"
column english_proficient      "English Proficiency"
column weapon_qualified        "Firearms Qualification"
column manual_transmission     "Manual Transmission"
column background_clear        "Background Check"
column passport_valid          "Passport Status"
column physical_test           "Physical Fitness Test"
column agility_test            "Agility Test"

value us_citizen              ["U.S. Citizen", "US Citizen", "Citizen"]  yes
value us_citizen              ["Permanent Resident", "Non-Citizen"]      no
value full_service_department "Full-Service"                           yes
value full_service_department ["Specialized", "Auxiliary"]             no
value employment_status       ["Currently Employed", "Active Duty"]    active
value english_proficient      ["Native", "Fluent"]                     yes
value english_proficient      ["Limited", "None"]                      no
value weapon_qualified        "Qualified"                              yes
value weapon_qualified        "Not Qualified"                          no
value background_clear        "Clear"                                  yes
value background_clear        "Flagged"                                no
# Not decided yet: an empty cell, so the applicant goes to REVIEW.
value background_clear        "Pending"                                ""
value passport_valid          "Valid"                                  yes
value passport_valid          ["Expired", "Revoked"]                   no
value physical_test           "Completed"                              pass
value physical_test           "Not Completed"                          fail
value agility_test            "Completed"                              pass
value agility_test            "Not Completed"                          fail
