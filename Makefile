# Two commands for a newcomer (see README):  `make`  builds everything;  `make test`  runs the tests.
# Every target bootstraps the local virtualenv from the pinned requirements on first use.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)

.PHONY: all build normalise schemas validate validated release site serve test lint clean new-document bench system-packages venv

export NO_MKDOCS_2_WARNING := 1

all: build

build: site ## validate the data, build the release and the site (a short summary; `make validate` for the report)
	@echo "done: dist/ holds the release, site/ the website (make serve to preview it)"

$(STAMP): requirements.txt
	@echo "installing the pinned requirements into $(VENV)/"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --disable-pip-version-check --quiet --requirement requirements.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

venv: $(STAMP)

normalise: $(STAMP) ## rewrite data/texts/ and data/text_repairs.csv from data/sources/
	$(PY) -m scripts.normalize

schemas: $(STAMP) ## regenerate datapackage.json and schemas/json/ from schemas/model.yaml
	$(PY) -m scripts.build_schemas

validate: $(STAMP) ## validate the package; FIX=1 removes BOMs and converts CRLF first
	$(PY) -m scripts.validate $(if $(FIX),--fix,) $(if $(JSON),--json,)

new-document: $(STAMP) ## add a document: make new-document SOURCE=path/to/text.txt ID=place-year [STARTS_AFTER=… ENDS_BEFORE=…]
	@test -n "$(SOURCE)" -a -n "$(ID)" || { echo "usage: make new-document SOURCE=path/to/text.txt ID=place-year" >&2; exit 2; }
	$(PY) -m scripts.new_document "$(SOURCE)" "$(ID)" $(if $(STARTS_AFTER),--starts-after "$(STARTS_AFTER)",) \
		$(if $(ENDS_BEFORE),--ends-before "$(ENDS_BEFORE)",)

# the release and the site build only from a valid package; a valid one is reported in one line
validated: $(STAMP)
	@$(PY) -m scripts.validate --summary

release: $(STAMP) validated ## write dist/: CSV, JSON, XLSX, SQLite, Parquet, a zip of them and SHA256SUMS
	@$(PY) -m scripts.release

site: $(STAMP) release ## build site/ from the package and the release (mkdocs --strict)
	@$(PY) -m mkdocs build --strict --quiet
	@echo "site/ built: $$(find site -name '*.html' | wc -l | tr -d ' ') pages"

serve: $(STAMP) release ## preview the site on http://127.0.0.1:8000/
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

# chromium and a CJK font for the browser tests and the page weights (installed from Debian when missing)
system-packages:
	@sh tools/system-packages.sh

bench: $(STAMP) system-packages ## time every stage on the real package and on synthetic corpora (not part of `make test`)
	$(PY) -m bench.run $(if $(SIZES),--sizes $(SIZES),) $(if $(REPEAT),--repeat $(REPEAT),)

lint: $(STAMP)
	@$(PY) -m ruff check --quiet scripts tests bench tools

test: $(STAMP) system-packages lint ## run every test, the browser tests included (deselect them: pytest -m "not browser")
	$(PY) -m pytest -q

clean:
	rm -rf dist site screenshots drafts bench/out .pytest_cache
