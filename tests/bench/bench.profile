# bench.profile - a profile for the benchmark's generated file: a few
# words of a source, so that judging takes the way a profile takes.
profile bench
value us_citizen       ["U.S. Citizen", "US Citizen"]   yes
value background_clear ["Clear", "Cleared"]             yes
value background_clear "Pending"                        ""
value physical_test    "Completed"                      pass
