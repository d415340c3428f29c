# The two commands of the quick start: `make demo` and `make test`. Both set up .venv first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint bench clean

setup: $(STAMP)

# torch is pinned and installed first: an unpinned torch pulled in by sentence-transformers
# would download a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[embed,dev]'
	touch $(STAMP)

demo: setup
	$(BIN)/storycheck compare examples/story --format html --out examples/story-report.html
	$(BIN)/storycheck compare examples/story --format text
	@echo "The side-by-side page is at examples/story-report.html"

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check .

bench: setup
	$(BIN)/python benchmarks/bench_compare.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info src/*.egg-info
