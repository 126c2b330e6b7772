# trawl — `make demo` and `make test` work on a fresh Debian 12 machine as root:
# they install the C libraries that are missing, then build.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)

# Debian packages the build needs: libcurl (OpenSSL flavour) and libxml2
# headers, pkg-config to find libxml2, zlib for the tests' gzip fixtures,
# libpsl (the Public Suffix List libcurl already links) for --scope domain,
# and iproute2 + util-linux (`ip`, `unshare`) for the address-guard tests,
# which run inside a fresh network namespace; libsqlite3-dev for the crawl
# journal's store (TrawlStore); redis-server and libhiredis-dev for the
# `--frontier redis://` mode (TrawlRedis, over hiredis) and its tests and
# benchmark, which start their own private redis-server in a temporary
# folder: nothing needs a system Redis service running.
DEB_PACKAGES := libcurl4-openssl-dev libxml2-dev pkg-config zlib1g-dev libpsl-dev libsqlite3-dev iproute2 util-linux time redis-server libhiredis-dev

SWIFT ?= swift
RELEASE_BIN := .build/release/trawl

.PHONY: all deps build release demo test bench bench-million bench-journal bench-modes bench-robots bench-ceiling bench-real bench-redis-seen bench-cluster cluster-demo compare-all clean

all: build

deps:
	@command -v $(SWIFT) >/dev/null || { echo "error: swift not found (expected the Swift 6 toolchain in /opt/swift or on PATH)"; exit 1; }
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		if [ "$$(id -u)" != 0 ]; then echo "error: need root to apt-get install$$missing"; exit 1; fi; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: deps
	$(SWIFT) build

# The release binary links the Swift runtime and Foundation statically, and
# with LLD's packed relative relocations when the toolchain has LLD: the
# pages of shared libraries a process touches count in its RSS, and at a
# crawl's scale they were most of what trawl holds beyond the C crawler
# (README, "Where the memory goes"). Static linking resolves the Swift
# libraries' relocations at link time, and DT_RELR shrinks the rest ~60x.
LLD := $(wildcard $(dir $(shell command -v $(SWIFT) 2>/dev/null))ld.lld)
RELEASE_TOOLSET := .build/release-toolset.json
RELEASE_FLAGS := -c release --static-swift-stdlib $(if $(LLD),--toolset $(RELEASE_TOOLSET))

release: deps
	@mkdir -p .build
	@if [ -n "$(LLD)" ]; then printf '{"schemaVersion": "1.0", "linker": {"path": "%s", "extraCLIOptions": ["-z", "pack-relative-relocs"]}}\n' '$(LLD)' > $(RELEASE_TOOLSET); fi
	$(SWIFT) build $(RELEASE_FLAGS)

# The main job on the built-in local web: serve a generated web in-process,
# crawl it, print the summary and where the exports are; then a short
# `trawl compare` (under a minute) of every strategy on a small web.
demo: release
	$(RELEASE_BIN) demo
	$(RELEASE_BIN) compare --hosts 10 --pages 100 --latency 20ms --concurrency 16,128 --repeat 1

# Serial: several tests assert time bounds (timeouts, cancellation) and
# start hundreds of threads; run side by side on two cores they starve each
# other. The whole suite takes under a minute this way.
test: deps
	$(SWIFT) test --no-parallel

# Benchmark: 20,000 pages over 20 hosts at 50 ms latency, concurrency 256;
# then thousands of slow connections beside the plain-C crawler: 2,000 in
# flight at 500 ms on 4 hosts × 5,000 pages of ~2 KB.
bench: release
	scripts/bench.sh
	HOSTS=4 PAGES=5000 LATENCY=500ms PAGE_SIZE=2KB OUT_DEGREE=8 CONCURRENCY=2000 scripts/bench-ceiling.sh

# Memory at scale: ~1.2 million URLs with and without the journal; peak RSS,
# bytes per URL in RAM and in state.db. Builds nothing: `make release`
# first (or TRAWL=…); OLD=<other trawl> runs it beside, interleaved.
bench-million:
	scripts/bench-million.sh

# What the journal (OUT/state.db) costs: with and without --no-state, alternated.
bench-journal: release
	scripts/bench-journal.sh

# Every strategy on the 10,000-page web at concurrency 16, 256 and 1,024.
bench-modes: release
	scripts/bench-modes.sh

# trawl beside the plain-C crawler of ../shared/ceiling/ on 96 KB, 300-link pages.
bench-ceiling: release
	scripts/bench-ceiling.sh

# trawl beside the plain-C crawler on a real site served offline: Django's
# documentation (python-django-doc, installed when missing) as 6 hosts at 50 ms.
bench-real: release
	scripts/bench-real.sh

# µs per robots.txt check, hostile 500 KiB files and a realistic one.
bench-robots: deps
	scripts/bench-robots.sh

# Bytes per URL of the Redis seen set: 1,000,000 random int64 fingerprints
# SADDed into 4,096 intset buckets of a private redis-server (issue 16).
bench-redis-seen: deps
	scripts/bench-redis-seen.sh

# Scale-out through Redis: 1, 2 and 4 trawl processes on one shared frontier
# (a private redis-server on a unix socket), 40 hosts × 500 pages of 2 KB at
# 500 ms, concurrency 500 each: pages/s, scaling, trawl CPU, and Redis's CPU,
# commands and memory per page; edges checked against the truth.
bench-cluster: release
	scripts/bench-cluster.sh

# Several machines on one box (root, iproute2): Redis, the generated web and
# three trawl processes, each in a network namespace of its own on a bridge;
# one crawl shared through Redis, its edges checked against the truth.
cluster-demo: release
	TRAWL=$(RELEASE_BIN) scripts/cluster-demo.sh

# The README's "What we measured": every preset, every strategy, 3 repeats
# (about a quarter of an hour on 2 cores).
compare-all: release
	$(RELEASE_BIN) compare --preset all --repeat 3

clean:
	rm -rf .build
