# Two commands for a new user: `make demo` and `make test`. Everything else is for maintainers.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint install bench fuzz lock clean

demo: install
	$(BIN)/complaints check
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet
	@echo "The site is in public/ (open public/index.html); preview it with: $(BIN)/mkdocs serve"

test: lint
	$(BIN)/python -m pytest -q -n auto --dist loadfile

# Lint, formatting and types (configured in pyproject.toml): all must be clean.
lint: install
	$(BIN)/ruff check checker tests bench
	$(BIN)/ruff format --check checker tests bench
	$(BIN)/mypy

# The benchmark (not a test): times at 1,000, 10,000 and 100,000 cases, written to bench/RESULTS.md.
bench: install
	$(BIN)/python bench/run.py

# The property tests at length: at least 50,000 generated files, a new seed each run (tests/test_properties.py).
fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_properties.py

# Only the set-up, for CI jobs that then run their own `complaints check`.
install: $(STAMP)

# The virtual environment, installed only from the hash-pinned lock (a tampered package fails).
$(STAMP): pyproject.toml requirements/lock.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed (set PYTHON=python3.x)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Re-resolve the lock after changing dependencies in pyproject.toml (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml requirements/build.in --extra site --extra import --extra charts \
		--extra test --extra bench --universal \
		--python-version 3.11 --generate-hashes -o requirements/lock.txt

clean:
	rm -rf $(VENV) build *.egg-info
