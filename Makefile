# Two commands for a newcomer (see README):  `make`  builds everything;  `make test`  runs the tests.
# Every target bootstraps the local virtualenv from the pinned requirements on first use.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)

.PHONY: all build normalise schemas validate release site serve test lint check-generated clean

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

release: $(STAMP) validate ## write dist/: CSV, JSON, XLSX, SQLite, Parquet, a zip of them and SHA256SUMS
	$(PY) -m scripts.release

site: $(STAMP) release ## build site/ from the package and the release (mkdocs --strict)
	$(PY) -m mkdocs build --strict --quiet

serve: $(STAMP) release ## preview the site on http://127.0.0.1:8000/
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

lint: $(STAMP)
	$(PY) -m ruff check scripts tests

test: $(STAMP) lint ## run the test suite
	$(PY) -m pytest -q

clean:
	rm -rf dist site screenshots .pytest_cache
