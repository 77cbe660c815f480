# Two commands do all set-up on a fresh machine: `make run` and `make test`.
# Each bootstraps a local .venv (re-installed when pyproject.toml changes).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXTRAS := office,pdf,llm,ui,dev
SAMPLE := eval_data/seed_yushui_2022/data.yaml

.PHONY: setup system-deps run test eval lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[$(EXTRAS)]"
	touch $(STAMP)

setup: $(STAMP)

# Debian packages for the browser, Word-rendering and font tests (installed only when missing).
system-deps:
	scripts/system-deps.sh

# The officer's workspace on http://127.0.0.1:7860 with the sample case loaded (no model needed).
run: setup
	$(BIN)/python app.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check assistant tests app.py
	$(BIN)/lint-imports

# pytest exits 5 when it collects no tests; that is not a failure of the suite.
test: setup system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check assistant tests app.py
	$(BIN)/lint-imports
	$(BIN)/python -m pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$rc
	$(BIN)/jixiao eval eval_data

eval: setup
	$(BIN)/jixiao eval eval_data

bench: setup system-deps
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
