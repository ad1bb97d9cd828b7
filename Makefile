# `make run` and `make test` work on a fresh machine with Swift 6: each first installs
# the system library the line editor links against (libedit) when it is missing.
SWIFT ?= swift

.PHONY: run test build deps bench clean

deps:
	@if ! dpkg -s libedit-dev >/dev/null 2>&1 || ! command -v pkg-config >/dev/null 2>&1; then \
		echo "installing libedit-dev and pkg-config"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libedit-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build -c release

run: build
	./.build/release/tensortutor

test: deps
	$(SWIFT) test

bench: build
	./.build/release/tensortutor timeit --suite

clean:
	rm -rf .build
