# `make run` and `make test` work on a fresh machine with Swift 6: each first installs
# the system library the line editor links against (libedit) when it is missing.
SWIFT ?= swift
PREFIX ?= /usr/local
# The release binary links the Swift runtime and Foundation statically: starting it
# then loads no Swift shared libraries, which halves the time a piped one-liner takes.
RELEASE_FLAGS ?= -c release --static-swift-stdlib

.PHONY: run test build deps bench clean install check-lessons fuzz sizes

deps:
	@if ! dpkg -s libedit-dev >/dev/null 2>&1 || ! command -v pkg-config >/dev/null 2>&1; then \
		echo "installing libedit-dev and pkg-config"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libedit-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build $(RELEASE_FLAGS)

run: build
	./.build/release/tensortutor

# Suites run one at a time: several share process-wide state (the default random
# generator, print options) and would otherwise reseed each other mid-case.
# SUITE=NAME runs only the matching suites (make test SUITE=AutogradGraphTests).
SUITE ?=
test: deps
	$(SWIFT) test --no-parallel $(if $(SUITE),--filter $(SUITE),)
	$(if $(SUITE),,$(MAKE) check-lessons)

# Every lesson's blocks run, its answers pass their own checks, its wrong answers fail.
check-lessons:
	$(SWIFT) build --product tensortutor
	./.build/debug/tensortutor lesson --check lessons/*.md

# Files over 400 lines and functions over 80 (tables written one entry per line exempt).
sizes:
	python3 Tests/Scripts/size_check.py Sources

# The binary goes to $(PREFIX)/bin and the lessons next to it in share/, where
# `tensortutor lesson` looks for them from any working directory.
install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/tensortutor/lessons
	install -m 755 .build/release/tensortutor $(DESTDIR)$(PREFIX)/bin/tensortutor
	install -m 644 lessons/*.md $(DESTDIR)$(PREFIX)/share/tensortutor/lessons/

# The fuzzer of Tests/RobustnessTests for longer than the few seconds `make test` gives
# it: FUZZ_SECONDS of mutated conformance programs and random token streams through the
# parser and interpreter, from seed FUZZ_SEED (the same programs every run for one seed).
FUZZ_SECONDS ?= 300
FUZZ_SEED ?= 1
fuzz: deps
	TENSORTUTOR_FUZZ_SECONDS=$(FUZZ_SECONDS) TENSORTUTOR_FUZZ_SEED=$(FUZZ_SEED) \
		$(SWIFT) test --filter RobustnessTests.FuzzTests

# FILTER=TEXT runs only the cases whose name contains TEXT (make bench FILTER=softmax).
FILTER ?=
bench: build
	python3 Benchmarks/bench.py --binary .build/release/tensortutor --filter "$(FILTER)"

clean:
	rm -rf .build
