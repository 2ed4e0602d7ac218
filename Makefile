# civpol-screen - screen CIVPOL applicants against the minimum qualifications.
#
# make            build build/civpol-screen
# make run        build, then screen data/applicants.csv with the built-in rules
# make test       build with -Werror and run every test (unit and end-to-end)
# make help       every target
#
# Dependencies: Debian's libcsv-dev, libzip-dev, libexpat1-dev,
# libxlsxwriter-dev and libcmocka-dev (and zlib1g-dev for a test); `make
# run` and `make test` install them with apt-get when they are missing.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man/man1
SHAREDIR ?= $(PREFIX)/share/civpol-screen
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
DESTDIR ?=
CC      ?= cc
CFLAGS  ?= -O2 -g
CPPFLAGS ?=
LDFLAGS ?=
# Every build output lives under $(O); each flavour of build has its own.
O       ?= build

VERSION := 1.0.0
WARN    := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wwrite-strings -Wvla -Wmissing-prototypes -Wformat=2
WERROR  ?=
ALL_CPPFLAGS := -Iinclude -D_POSIX_C_SOURCE=200809L \
                -DCIVPOL_VERSION='"$(VERSION)"' $(CPPFLAGS)
ALL_CFLAGS   := $(WARN) $(WERROR) $(CFLAGS)
# libzip and libxlsxwriter are not linked: the workbook reader and the
# xlsx report load them when a workbook is read or written (dynlib.h
# says why), so their headers are all the program's build needs.
LDLIBS  := -lcsv -lexpat -lm
# zipfile.c opens the libzip the build finds, by its soname.
ZIP_SONAME = $(shell objdump -p "$$($(CC) -print-file-name=libzip.so)" \
                 2>/dev/null | sed -n 's/^ *SONAME *//p')
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
# libzip and zlib: test_zipfile and test_format_xlsx make and read back
# archives of their own.
TEST_LIBS := $(CMOCKA_LIBS) -lzip -lz
# libzip: fuzz_xlsx packs the parts it is given into a workbook.
FUZZ_LIBS := -lzip

# Every source file but main.c and main_*.c is the library; those are
# the program (they print, exit and see argv) and are linked into the
# binary alone.  Every tests/test_*.c is a unit-test program.  A new
# module, format, source or rule test is a new file: nothing to add here.
SRC     := $(basename $(notdir $(wildcard src/*.c)))
LIB     := $(filter-out main main_%,$(SRC))
LIB_OBJ := $(LIB:%=$(O)/obj/%.o) $(O)/obj/shipped_rules.o
MAIN    := $(filter main main_%,$(SRC))
MAIN_OBJ := $(MAIN:%=$(O)/obj/%.o)
UNITS   := $(patsubst tests/%.c,$(O)/%,$(wildcard tests/test_*.c))
BIN     := $(O)/civpol-screen

FUZZERS := reader rules value profile html xlsx
FUZZ_SECONDS ?= 20
REPLAY  := $(FUZZERS:%=$(O)/replay_%)

.PHONY: all run test check unit e2e replay deps install uninstall clean help \
        sanitize valgrind lint format format-check fuzz bench test-spreadsheet \
        test-html \
        test-xlsx
.DEFAULT_GOAL := all

all: $(BIN)

$(O)/obj/%.o: src/%.c include/*.h src/*.h | $(O)/obj
	$(CC) $(ALL_CPPFLAGS) $(OBJ_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(O)/obj/zipfile.o: OBJ_CPPFLAGS = \
    $(if $(ZIP_SONAME),-DZIPFILE_SONAME='"$(ZIP_SONAME)"')

# The shipped rule sets are data/*.rules, compiled in as bytes, the
# default (civpol-2008) first; each is named by its file's name.
SHIPPED := data/civpol-2008.rules \
           $(filter-out data/civpol-2008.rules,$(sort $(wildcard data/*.rules)))

$(O)/shipped_rules.c: $(SHIPPED) Makefile | $(O)/obj
	{ echo '/* Generated from data/NAME.rules by the Makefile; do not edit. */'; \
	  echo '#include <stddef.h>'; \
	  echo 'struct shipped_rules { const char *name; const char *text; size_t len; };'; \
	  echo 'extern const struct shipped_rules shipped_rules[];'; \
	  n=0; for f in $(SHIPPED); do \
	    echo "static const char text$$n[] = {"; \
	    od -An -v -tx1 $$f | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	    echo '0x00 };'; n=$$((n + 1)); \
	  done; \
	  echo 'const struct shipped_rules shipped_rules[] = {'; \
	  n=0; for f in $(SHIPPED); do \
	    echo "{ \"$$(basename $$f .rules)\", text$$n, sizeof(text$$n) - 1 },"; \
	    n=$$((n + 1)); \
	  done; \
	  echo '{ NULL, NULL, 0 } };'; \
	} > $@.tmp && mv $@.tmp $@

$(O)/obj/shipped_rules.o: $(O)/shipped_rules.c
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BIN): $(MAIN_OBJ) $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(O)/test_%: tests/test_%.c $(LIB_OBJ) include/*.h
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJ) \
	    $(LDLIBS) $(TEST_LIBS)

# The fuzz harnesses, linked with a plain driver that replays their
# corpus (seeds and kept crashers) in every test run.
$(O)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/driver.c $(LIB_OBJ) include/*.h
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< \
	    tests/fuzz/driver.c $(LIB_OBJ) $(LDLIBS) $(FUZZ_LIBS)

$(O)/obj:
	mkdir -p $@

# Checks for libcsv, libzip, expat and cmocka; installs them with
# apt-get when missing.
deps:
	@printf '#include <csv.h>\n#include <zip.h>\n#include <expat.h>\n#include <stdarg.h>\n#include <stddef.h>\n#include <setjmp.h>\n#include <stdint.h>\n#include <cmocka.h>\n' \
	    | $(CC) -E -x c - >/dev/null 2>&1 || sh tests/install-deps.sh libcsv-dev libzip-dev libexpat1-dev libcmocka-dev
	@printf '#include <xlsxwriter.h>\n#include <zlib.h>\n' \
	    | $(CC) -E -x c - >/dev/null 2>&1 || sh tests/install-deps.sh libxlsxwriter-dev zlib1g-dev

# As of the date the README's example was made, so that it shows the same.
run: deps $(BIN)
	$(BIN) --as-of 2026-11-22 data/applicants.csv || [ $$? -eq 1 ]

# The test build is its own flavour: warnings are errors.
test: deps
	@$(MAKE) --no-print-directory O=build/test WERROR=-Werror check

check: unit replay e2e

unit: $(UNITS)
	@for t in $(UNITS); do $(WRAP) ./$$t || exit 1; done

replay: $(REPLAY)
	@for f in $(FUZZERS); do \
	    $(WRAP) ./$(O)/replay_$$f tests/fuzz/corpus/$$f/* || exit 1; done

e2e: $(BIN) $(O)/gen
	@sh tests/cli/check-docs.sh $(BIN)
	@sh tests/cli/html-valid.sh $(BIN) $(O)/gen
	@sh tests/cli/invariant.sh $(BIN) $(O)/gen
	@sh tests/cli/consumers.sh $(BIN)
	@WRAP="$(WRAP)" sh tests/cli/run.sh $(BIN)

# The benchmark's data generator, also used by the invariant tests.
$(O)/gen: tests/bench/gen.c
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<

# Opens the csv report in LibreOffice Calc and checks the formula guard,
# and reads workbooks Calc makes (skipped with a message when soffice is
# missing).
test-spreadsheet: deps $(BIN)
	@command -v soffice >/dev/null || \
	    sh tests/install-deps.sh libreoffice-calc-nogui || true
	@sh tests/cli/spreadsheet.sh $(BIN)
	@sh tests/cli/spreadsheet-xlsx.sh $(BIN)

# Loads, prints and pictures the html report in headless Chromium (installed
# when missing; skipped with a message when it cannot be).
test-html: deps $(BIN)
	@sh tests/cli/html-browser.sh $(BIN) $(O)/test-html

# Reads the xlsx report with openpyxl and LibreOffice Calc, installing
# them when missing (each part skipped with a message when it cannot be).
test-xlsx: deps $(BIN) $(O)/gen
	@python3 -c 'import openpyxl' 2>/dev/null || \
	    /usr/bin/python3 -c 'import openpyxl' 2>/dev/null || \
	    sh tests/install-deps.sh python3-openpyxl || true
	@command -v soffice >/dev/null || \
	    sh tests/install-deps.sh libreoffice-calc-nogui || true
	@sh tests/cli/xlsx.sh $(BIN) $(O)/gen

# The whole suite under clang's address and undefined-behaviour sanitizers.
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
sanitize: deps
	@command -v clang >/dev/null || sh tests/install-deps.sh clang
	@printf 'int main(void) { return 0; }\n' \
	    | clang -fsanitize=address,undefined -x c - -o /dev/null 2>/dev/null \
	    || sh tests/install-deps.sh libclang-rt-dev
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	 $(MAKE) --no-print-directory O=build/asan CC=clang WERROR=-Werror \
	    CFLAGS='-O1 -g -fno-omit-frame-pointer $(SAN)' \
	    LDFLAGS='$(SAN)' check

# The unit and end-to-end tests under valgrind's memcheck.  A valgrind
# error changes the exit status to 99, which no expected file holds.
VALGRIND := valgrind -q --error-exitcode=99 --leak-check=full \
            --errors-for-leak-kinds=definite,indirect,possible \
            --suppressions=$(CURDIR)/tests/valgrind.supp
valgrind: deps
	@command -v valgrind >/dev/null || sh tests/install-deps.sh valgrind
	@$(MAKE) --no-print-directory O=build/test WERROR=-Werror \
	    WRAP='$(VALGRIND)' check

SOURCES := src/*.c src/*.h include/*.h tests/*.c tests/fuzz/*.c tests/bench/*.c
lint: deps
	@command -v cppcheck >/dev/null || sh tests/install-deps.sh cppcheck
	@command -v clang-tidy >/dev/null || sh tests/install-deps.sh clang-tidy
	cppcheck -q --enable=warning,performance,portability --std=c11 \
	    --error-exitcode=1 --inline-suppr -Iinclude \
	    -D_POSIX_C_SOURCE=200809L -DCIVPOL_VERSION='"lint"' src/*.c
	clang-tidy --quiet src/*.c -- -std=c11 -Iinclude \
	    -D_POSIX_C_SOURCE=200809L -DCIVPOL_VERSION='"lint"'

format-check:
	@command -v clang-format >/dev/null || sh tests/install-deps.sh clang-format
	clang-format --dry-run --Werror $(SOURCES)

format:
	clang-format -i $(SOURCES)

# libFuzzer, each harness for FUZZ_SECONDS, on a copy of its corpus.
FUZZ_CFLAGS := -O1 -g -fsanitize=fuzzer,address,undefined \
               -fno-sanitize-recover=all
fuzz: deps $(O)/shipped_rules.c
	@command -v clang >/dev/null || sh tests/install-deps.sh clang
	@printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)\n{ (void)d; (void)n; return 0; }\n' \
	    | clang -fsanitize=fuzzer -x c - -o /dev/null 2>/dev/null \
	    || sh tests/install-deps.sh libclang-rt-dev
	@mkdir -p build/fuzz
	@for f in $(FUZZERS); do \
	    clang $(ALL_CPPFLAGS) $(WARN) $(FUZZ_CFLAGS) -o build/fuzz/fuzz_$$f \
	        tests/fuzz/fuzz_$$f.c $(LIB:%=src/%.c) $(O)/shipped_rules.c \
	        $(LDLIBS) $(FUZZ_LIBS) || exit 1; \
	    mkdir -p build/fuzz/corpus_$$f; \
	    cp tests/fuzz/corpus/$$f/* build/fuzz/corpus_$$f/; \
	    echo "fuzz_$$f: $(FUZZ_SECONDS) s"; \
	    ./build/fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) \
	        -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
	        -dict=tests/fuzz/$$f.dict \
	        -artifact_prefix=build/fuzz/$$f- \
	        build/fuzz/corpus_$$f 2>build/fuzz/$$f.log || \
	        { tail -40 build/fuzz/$$f.log; exit 1; }; \
	    grep -E 'stat::number_of_executed_units|cov:' build/fuzz/$$f.log | tail -2; \
	done

bench: deps $(BIN)
	@CC='$(CC)' CFLAGS='$(CFLAGS)' sh tests/bench/bench.sh $(BIN)

# The rule sets are compiled in; the files are for users to copy and edit.
install: $(BIN)
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(SHAREDIR)
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/civpol-screen
	install -m 0644 src/civpol-screen.1 $(DESTDIR)$(MANDIR)/civpol-screen.1
	install -m 0644 $(SHIPPED) $(wildcard data/*.profile) $(DESTDIR)$(SHAREDIR)
	mkdir -p $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	$(BIN) --completion bash > $(DESTDIR)$(BASHCOMPDIR)/civpol-screen
	$(BIN) --completion zsh > $(DESTDIR)$(ZSHCOMPDIR)/_civpol-screen

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/civpol-screen $(DESTDIR)$(MANDIR)/civpol-screen.1
	rm -rf $(DESTDIR)$(SHAREDIR)
	rm -f $(DESTDIR)$(BASHCOMPDIR)/civpol-screen $(DESTDIR)$(ZSHCOMPDIR)/_civpol-screen

clean:
	rm -rf build

help:
	@echo 'make            build build/civpol-screen'
	@echo 'make run        screen data/applicants.csv with the built-in rules'
	@echo 'make test       build with -Werror and run the unit and end-to-end tests'
	@echo 'make install    install the program and man page under $$(DESTDIR)$$(PREFIX)'
	@echo 'make uninstall  remove what make install installed'
	@echo 'make test-spreadsheet  the csv formula guard and workbooks, in LibreOffice Calc'
	@echo 'make test-html  load, print and picture the html report in Chromium'
	@echo 'make test-xlsx  check the xlsx report with openpyxl and LibreOffice Calc'
	@echo 'make sanitize   the tests built with clang ASan and UBSan'
	@echo 'make valgrind   the tests under valgrind memcheck'
	@echo 'make lint       cppcheck and clang-tidy'
	@echo 'make format-check  check the sources against .clang-format'
	@echo 'make fuzz       run each libFuzzer harness FUZZ_SECONDS (default 20)'
	@echo 'make bench      measure speed and memory against a bare libcsv parse'
	@echo 'make clean      remove build/'
	@echo 'Variables: CC CFLAGS CPPFLAGS LDFLAGS PREFIX DESTDIR'
