# Every target sets up what it needs: a fresh clone needs only `make serve` or `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt pyproject.toml | cksum | cut -d' ' -f1)
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DATA   ?= data/projects.yaml
# material 9.8 prints an end-of-life banner on every build
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve demo site check lock test lint chromium bench lighthouse clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $@

# Pagefind (writes the search index at build time), axe-core for the accessibility tests and
# Lighthouse, at the exact versions in package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

## make serve: live preview at http://127.0.0.1:8000, rebuilt when data or templates change
serve: $(STAMP) node_modules/.package-lock.json
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

## make demo: the invented sample notice with invented progress reports (tests/fixtures/sample)
demo: $(STAMP) node_modules/.package-lock.json
	$(BIN)/mkdocs serve --strict -f tests/fixtures/sample/mkdocs.yml -a 127.0.0.1:8000

## make site: build into site/; the old site/ is replaced only if the build succeeds
site: $(STAMP) node_modules/.package-lock.json
	rm -rf .site-new
	$(BIN)/mkdocs build --strict --quiet -d .site-new || { rm -rf .site-new; exit 1; }
	rm -rf .site-old; [ ! -d site ] || mv site .site-old
	mv .site-new site; rm -rf .site-old
	@echo "网站已生成：site/"

## make check: validate the data file (Chinese messages with line numbers)
check: $(STAMP)
	$(BIN)/python -m generator check $(DATA)
	$(BIN)/python -m generator lock --check $(DATA)

## make lock: add the addresses the data now publishes (e.g. a new report's anchor) to the lock
lock: $(STAMP)
	$(BIN)/python -m generator lock $(DATA)

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/python -m generator schema --check
	$(BIN)/python -m generator lock --check $(DATA)

## make chromium: Debian's chromium for the browser tests (Playwright cannot download one here),
## and zbarimg (zbar-tools) to decode the QR codes in them, and faketime to build "on another day"
chromium:
	@{ command -v chromium && command -v zbarimg && command -v faketime; } >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk zbar-tools faketime >/dev/null; }
	@chromium --version

## make test: everything, browser tests included
test: $(STAMP) node_modules/.package-lock.json chromium lint check
	$(BIN)/python -m pytest

## make bench: build time, peak memory and size for 33, 330 and 3,300 projects against plain
## MkDocs (about 10 minutes; not part of make test); writes bench/results.md
bench: $(STAMP) node_modules/.package-lock.json
	$(BIN)/python bench/run.py

## make lighthouse: Lighthouse (mobile preset) on the home page and a project page, the site
## served with gzip and cache headers (bench/serve.py); URL=https://… measures a real server
lighthouse: $(STAMP) node_modules/.package-lock.json chromium
	$(BIN)/python bench/lighthouse.py $(if $(URL),--url $(URL))

clean:
	rm -rf site .site-new .site-old $(VENV) node_modules
