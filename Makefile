# civpol-screen - screen CIVPOL applicants against the minimum qualifications.
#
# make            build build/civpol-screen
# make run        build, then screen data/applicants.csv with the built-in rules
# make test       build with -Werror and run every test (unit and end-to-end)
# make help       every target
#
# Dependencies: Debian's libcsv-dev and libcmocka-dev; `make run` and
# `make test` install them with apt-get when they are missing.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man/man1
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
LDLIBS  := -lcsv
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

LIB     := error reader value header rules report
LIB_OBJ := $(LIB:%=$(O)/obj/%.o) $(O)/obj/default_rules.o
UNITS   := $(LIB:%=$(O)/test_%)
BIN     := $(O)/civpol-screen

.PHONY: all run test check unit e2e deps install uninstall clean help
.DEFAULT_GOAL := all

all: $(BIN)

$(O)/obj/%.o: src/%.c include/*.h | $(O)/obj
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# The default rule set is data/civpol-2008.rules, compiled in as bytes.
$(O)/default_rules.c: data/civpol-2008.rules | $(O)/obj
	{ echo '/* Generated from $< by the Makefile; do not edit. */'; \
	  echo '#include <stddef.h>'; \
	  echo 'extern const char default_rules_text[];'; \
	  echo 'extern const size_t default_rules_len;'; \
	  echo 'const char default_rules_text[] = {'; \
	  od -An -v -tx1 $< | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '0x00 };'; \
	  echo 'const size_t default_rules_len = sizeof(default_rules_text) - 1;'; \
	} > $@.tmp && mv $@.tmp $@

$(O)/obj/default_rules.o: $(O)/default_rules.c
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BIN): $(O)/obj/main.o $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(O)/test_%: tests/test_%.c $(LIB_OBJ) include/*.h
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJ) \
	    $(LDLIBS) $(CMOCKA_LIBS)

$(O)/obj:
	mkdir -p $@

# Checks for libcsv and cmocka; installs them with apt-get when missing.
deps:
	@printf '#include <csv.h>\n#include <stdarg.h>\n#include <stddef.h>\n#include <setjmp.h>\n#include <stdint.h>\n#include <cmocka.h>\n' \
	    | $(CC) -E -x c - >/dev/null 2>&1 || sh tests/install-deps.sh libcsv-dev libcmocka-dev

run: deps $(BIN)
	$(BIN) data/applicants.csv || [ $$? -eq 1 ]

# The test build is its own flavour: warnings are errors.
test: deps
	@$(MAKE) --no-print-directory O=build/test WERROR=-Werror check

check: unit e2e

unit: $(UNITS)
	@for t in $(UNITS); do ./$$t || exit 1; done

e2e: $(BIN)
	@sh tests/cli/run.sh $(BIN)

install: $(BIN)
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	cp $(BIN) $(DESTDIR)$(BINDIR)/civpol-screen
	cp src/civpol-screen.1 $(DESTDIR)$(MANDIR)/civpol-screen.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/civpol-screen $(DESTDIR)$(MANDIR)/civpol-screen.1

clean:
	rm -rf build

help:
	@echo 'make            build build/civpol-screen'
	@echo 'make run        screen data/applicants.csv with the built-in rules'
	@echo 'make test       build with -Werror and run the unit and end-to-end tests'
	@echo 'make install    install the program and man page under $$(DESTDIR)$$(PREFIX)'
	@echo 'make uninstall  remove what make install installed'
	@echo 'make clean      remove build/'
	@echo 'Variables: CC CFLAGS CPPFLAGS LDFLAGS PREFIX DESTDIR'
