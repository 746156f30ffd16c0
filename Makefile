# Developer shortcuts.  The README's two commands are the supported entry points.
PYTHON ?= $(if $(wildcard .venv/bin/python),.venv/bin/python,python3)

.PHONY: demo test lint

# Serve the offline replica on 127.0.0.1 and crawl it into a temporary folder.
demo:
	$(PYTHON) -m tests.site.demo

test:
	$(PYTHON) -m pytest

lint:
	$(PYTHON) -m ruff check . && $(PYTHON) -m ruff format --check .
