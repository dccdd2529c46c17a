# Two commands for a newcomer (see README):  `make`  builds everything;  `make test`  runs the tests.
# Every target bootstraps the local virtualenv from the pinned requirements on first use.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)

.PHONY: all build normalise schemas validate release site serve test lint check-generated clean new-document bench

export NO_MKDOCS_2_WARNING := 1

all: build

build: validate release site ## validate the data, build the release and the site

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check --quiet --requirement requirements.txt
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

release: $(STAMP) validate ## write dist/: CSV, JSON, XLSX, SQLite, Parquet, a zip of them and SHA256SUMS
	$(PY) -m scripts.release

site: $(STAMP) release ## build site/ from the package and the release (mkdocs --strict)
	$(PY) -m mkdocs build --strict --quiet

serve: $(STAMP) release ## preview the site on http://127.0.0.1:8000/
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

bench: $(STAMP) ## time every stage on the real package and on synthetic corpora (not part of `make test`)
	$(PY) -m bench.run $(if $(SIZES),--sizes $(SIZES),) $(if $(REPEAT),--repeat $(REPEAT),)

lint: $(STAMP)
	$(PY) -m ruff check scripts tests bench

test: $(STAMP) lint ## run the test suite
	$(PY) -m pytest -q

clean:
	rm -rf dist site screenshots drafts bench/out .pytest_cache
