# Escalation Handbook: every command a developer or CI needs. Only Python 3.10+ and make required.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell $(PYTHON) -c "import hashlib,sys;print(hashlib.sha1(open('pyproject.toml','rb').read()).hexdigest()[:12])")
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve test fuzz check build render lint format schemas bench chromium clean

## serve: build and serve the sample handbook on http://127.0.0.1:8000 with live reload
serve: $(STAMP)
	$(BIN)/handbook serve . --host $(HOST) --port $(PORT)

## test: lint, then the whole test suite (unit, acceptance, site builds, browser)
test: $(STAMP) chromium
	$(BIN)/ruff check .
	$(BIN)/pytest -n 2 --dist loadgroup

## fuzz: the fuzz harness at length: each property runs HANDBOOK_FUZZ (default 40) times the
## examples it runs in `make test` (minutes; hostile and mutated handbooks, check and render)
HANDBOOK_FUZZ ?= 40
fuzz: $(STAMP)
	HANDBOOK_FUZZ=$(HANDBOOK_FUZZ) $(BIN)/pytest -n 2 -p no:randomly \
	  tests/unit/test_fuzz.py tests/unit/test_properties.py tests/site/test_accepted_builds.py

## check: check the sample handbook's YAML
check: $(STAMP)
	$(BIN)/handbook check .

## build: build the sample handbook's site into site/
build: $(STAMP)
	$(BIN)/handbook build .

## render: write the generated docs tree to build/rendered (builds with plain mkdocs)
render: $(STAMP)
	$(BIN)/handbook render . --out build/rendered

lint: $(STAMP)
	$(BIN)/ruff check .

format: $(STAMP)
	$(BIN)/ruff check --fix .

## schemas: regenerate the JSON Schemas shipped for editors
schemas: $(STAMP)
	$(BIN)/handbook schema --out escalation_handbook/schemas

## bench: measure checking and building at 100 to 5,000 playbooks (writes BENCHMARKS.md)
bench: $(STAMP)
	$(BIN)/python -m bench.run

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $@

## chromium: the browser tests drive Debian's chromium; install it when missing and root
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "chromium not found: browser tests will be skipped (apt-get install chromium)"; fi; }

clean:
	rm -rf site build .pytest_cache .ruff_cache
