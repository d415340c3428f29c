# The two commands of the quick start: `make demo` and `make test`. Both set up .venv first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup native demo test lint bench bench-serve bench-store serve services clean

setup: $(STAMP) native

# torch is pinned and installed first: an unpinned torch pulled in by sentence-transformers
# would download a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[embed,senses,dev]'
	touch $(STAMP)

# The optional compiled clustering core (storycheck.native): Cython on cluster, refine, regroup and split, each
# extension named after the hash of the source it was built from, so an edited source runs as pure Python until
# this is run again. `--install` pip-installs the pinned Cython first. A failed install or build says so and
# leaves pure Python working (exit 0); an up-to-date build is a no-op, and so is a module whose C failed to compile
# before with the same tool chain (until its source or the compiler changes, or `scripts/build_native.py --retry`).
native: $(STAMP)
	$(BIN)/python scripts/build_native.py --install

demo: setup
	$(BIN)/storycheck compare examples/story --format html --out examples/story-report.html
	$(BIN)/storycheck compare examples/story --format text
	@echo "The side-by-side page is at examples/story-report.html"

# The tests use real services: PostgreSQL on 127.0.0.1 and the system Chromium, both Debian packages
# that scripts/test-services.sh installs (apt-get, as root) and starts. STORYCHECK_SKIP_PG=1 skips
# the PostgreSQL tests (they say so); without it a PostgreSQL that cannot be started fails the run.
services:
	@scripts/test-services.sh >/dev/null

# With any module of the compiled core built, the clustering tests run a second time on the pure-Python modules.
test: setup
	url=$$(scripts/test-services.sh) && \
	STORYCHECK_TEST_PG="$${STORYCHECK_TEST_PG:-$$url}" $(BIN)/python -m pytest -q
	if $(BIN)/python -c "import sys, storycheck.native as n; sys.exit(n.main())"; then \
	STORYCHECK_NATIVE=0 $(BIN)/python -m pytest -q tests/test_cluster*.py tests/test_native.py; fi

serve: setup
	$(BIN)/storycheck serve

lint: setup
	$(BIN)/ruff check .

bench: setup
	$(BIN)/python benchmarks/bench_compare.py

bench-serve: setup
	$(BIN)/python benchmarks/bench_serve.py

bench-store: setup
	url=$$(scripts/test-services.sh) && \
	STORYCHECK_TEST_PG="$${STORYCHECK_TEST_PG:-$$url}" $(BIN)/python benchmarks/bench_store.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info src/*.egg-info src/storycheck/_compiled
