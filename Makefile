# Front door: 'make demo' and 'make check' work on a fresh Debian machine.
BUILD      ?= build
ASAN_BUILD ?= build-asan
DEMO_DB    ?= demo.db
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)

FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 60
# make check fuzzes briefly (its seeds and kept inputs, then a little
# more); make fuzz alone runs the full FUZZ_SECONDS.
CHECK_FUZZ_SECONDS ?= 20

.PHONY: all deps build demo check test test-asan fuzz realdata clean

all: build

deps:
	@./scripts/deps

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# Build the demo partnership from the seed documents, give each demo user
# a password (printed once), and serve it on 127.0.0.1:8080 (Ctrl-C stops).
DEMO_LISTEN ?= 127.0.0.1:8080
demo: build
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	./$(BUILD)/vitals --db $(DEMO_DB) demo --passwords
	@echo
	@echo "Open http://$(DEMO_LISTEN)/ and sign in as one of the users above (Ctrl-C stops the server)."
	./$(BUILD)/vitals --db $(DEMO_DB) serve --listen $(DEMO_LISTEN)

# ctest runs under scripts/pg-test: a throwaway PostgreSQL server for the
# suites that run on both engines.
test: build
	@./scripts/pg-test run sh -c 'cd $(BUILD) && ctest --output-on-failure -j $(JOBS)'


# Vitals against the DfE's published figures in ../shared/data (Surrey,
# 31 March 2020); skipped when they are not there.  Not part of check.
realdata: build
	@./scripts/realdata
	@./scripts/realdata-extracts

# The same tests again under AddressSanitizer + UndefinedBehaviorSanitizer,
# with leak detection on; the pages once, on SQLite (the server's code is
# the same on either engine, and cli-pg runs every store path under the
# sanitizers).  The golden refusals run on SQLite only here: what they
# test is the loader's checks, the same code on either engine, and the
# first phase runs them on PostgreSQL too.
test-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DVT_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@./scripts/pg-test run sh -c 'cd $(ASAN_BUILD) && \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --output-on-failure -j $(JOBS) \
		-E '\''browser-pg|cli-pg/t_[a-z]*_golden'\'''

# Each fuzz target runs FUZZ_SECONDS on its seeds and kept inputs; a
# finding stops the run and leaves the input in $(FUZZ_BUILD)/findings/.
fuzz: deps
	@cmake -S . -B $(FUZZ_BUILD) -DCMAKE_C_COMPILER=clang-14 -DVT_FUZZ=ON \
		-DVT_TESTS=OFF -DCMAKE_BUILD_TYPE=Debug >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS)
	@mkdir -p $(FUZZ_BUILD)/findings
	@for t in $(FUZZ_BUILD)/fuzz_*; do \
		name=$${t##*/fuzz_}; \
		rm -rf $(FUZZ_BUILD)/corpus/$$name; \
		mkdir -p $(FUZZ_BUILD)/corpus/$$name; \
		cp -r fuzz/corpus/$$name/. $(FUZZ_BUILD)/corpus/$$name/ 2>/dev/null; \
		cp -r tests/fuzz/$$name/. $(FUZZ_BUILD)/corpus/$$name/ 2>/dev/null; \
		echo "fuzz: $$name for $(FUZZ_SECONDS)s"; \
		ASAN_OPTIONS=detect_leaks=1 $$t -max_total_time=$(FUZZ_SECONDS) \
			-print_final_stats=0 -close_fd_mask=3 \
			-artifact_prefix=$(FUZZ_BUILD)/findings/$$name- \
			$(FUZZ_BUILD)/corpus/$$name >$(FUZZ_BUILD)/fuzz-$$name.log 2>&1 \
			|| { tail -40 $(FUZZ_BUILD)/fuzz-$$name.log; exit 1; }; \
		grep -E '^Done [0-9]+ runs' $(FUZZ_BUILD)/fuzz-$$name.log | tail -1; \
	done

check: test test-asan
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(CHECK_FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
