# Front door: 'make demo' and 'make check' work on a fresh Debian machine.
BUILD      ?= build
ASAN_BUILD ?= build-asan
DEMO_DB    ?= demo.db
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps build demo check test test-asan clean

all: build

deps:
	@./scripts/deps

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# Build the demo partnership from the seed documents and summarise it.
demo: build
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	./$(BUILD)/vitals --db $(DEMO_DB) demo

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The same tests again under AddressSanitizer + UndefinedBehaviorSanitizer,
# with leak detection on.
test-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DVT_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --output-on-failure -j $(JOBS)

check: test test-asan

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
