# Two entry points, each self-sufficient on a fresh machine with Python and make.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB ?= $(CURDIR)/.demo/minutes.db

.PHONY: demo test install install-tests eval bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-tests: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[tests]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-tests: $(VENV)/.installed-tests

# The sample: every table/heading .docx, Markdown and IM paste of the annotated corpus.
DEMO_FILES = corpora/table-docx/*.docx corpora/heading-docx/*.docx corpora/markdown/*.md corpora/im-paste/*.txt
DEMO_OWNER ?= 张伟
DEMO_TODAY ?= 2024-11-25

demo: install
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm && mkdir -p $(dir $(DEMO_DB))
	MINUTES_DB=$(DEMO_DB) $(BIN)/minutes ingest $(DEMO_FILES) --roster corpora/roster.csv
	MINUTES_DB=$(DEMO_DB) $(BIN)/minutes todo --owner $(DEMO_OWNER) --today $(DEMO_TODAY)

test: install-tests
	@if [ -n "$$MINUTES_CHROMIUM" ]; then test -x "$$MINUTES_CHROMIUM"; \
	 else command -v chromium >/dev/null 2>&1 || test -x /usr/bin/chromium; fi \
	 || echo "NOTE: Chromium not found: the browser tests (tests/browser) will be SKIPPED. Install Debian's chromium to run them: sudo apt-get install chromium fonts-noto-cjk"
	$(BIN)/python -m pytest

eval: install
	$(BIN)/minutes eval corpora/

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .demo build *.egg-info
