# Every target sets up what it needs: a fresh clone needs only `make serve` or `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCKS  := requirements-build.txt requirements.txt requirements-dev.txt
STAMP  := $(VENV)/.installed-$(shell cat $(LOCKS) pyproject.toml | cksum | cut -d' ' -f1)
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DATA   ?= data/projects.yaml
PORT   ?= 8080
# Programs found by path (a CI runner brings its own Chromium); the tests read the same names.
CHROMIUM ?= /usr/bin/chromium
NGINX    ?= /usr/sbin/nginx
export CHROMIUM NGINX
# What a person types after make (FILE=…, DATA=…, PORT=…, URL=…) reaches the programs as
# environment variables that the recipes quote ("$$FILE"), never as text pasted into a
# shell command: a file name with `backticks` or $(…) in it stays a file name. Each is made
# a simple variable of its own text first ($(value …)), so that make does not expand a $(…)
# in it either when it exports it.
override DATA := $(value DATA)
override FILE := $(value FILE)
override OUTPUT := $(value OUTPUT)
override PORT := $(value PORT)
override URL := $(value URL)
export DATA FILE OUTPUT PORT URL
PIP    := $(BIN)/python -m pip --disable-pip-version-check -qq
# material 9.8 prints an end-of-life banner on every build
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve demo site check lock import draft check-draft screenshots test test-fast lint chromium fonts nginx preview bench lighthouse clean venv hooks lock-deps

# Every package is installed from a lock file with hash checking (make lock-deps writes them).
# The installer and the build backend come first, so that the generator itself is installed
# with them and nothing unpinned is ever downloaded.
# The stamp is named by the content of the locks (not their dates, which a clone resets).
$(STAMP):
	$(PYTHON) -m venv --clear $(VENV)
	$(PIP) install --require-hashes -r requirements-build.txt
	$(PIP) install --require-hashes --no-build-isolation -r requirements-dev.txt
	$(PIP) install --no-deps --no-build-isolation --editable .
	touch $@

venv: $(STAMP)

## make hooks: run the data check before every commit that touches data/ (pre-commit)
hooks: $(STAMP)
	$(BIN)/pre-commit install

## make lock-deps: re-resolve requirements*.in into the hashed lock files (needs the package
## index; add PIP_COMPILE_ARGS=--upgrade to move every indirect dependency to its newest version)
# This machine's pip settings (local wheels, constraints, extra indexes) are left out so that
# the locks hold only what any clean machine can install; PIP_INDEX_URL still picks a mirror.
LOCK_ENV := env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_CONSTRAINT PIP_CONFIG_FILE=/dev/null \
	CUSTOM_COMPILE_COMMAND="make lock-deps"
PIP_COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --no-emit-trusted-host $(PIP_COMPILE_ARGS)
lock-deps: $(STAMP)
	$(LOCK_ENV) $(PIP_COMPILE) -o requirements-build.txt requirements-build.in
	$(LOCK_ENV) $(PIP_COMPILE) -o requirements.txt requirements.in
	$(LOCK_ENV) $(PIP_COMPILE) -o requirements-dev.txt requirements-dev.in

# Pagefind (writes the search index at build time), axe-core for the accessibility tests and
# Lighthouse, at the exact versions in package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

## make serve: live preview at http://127.0.0.1:8000, rebuilt when data or templates change
serve: $(STAMP) node_modules/.package-lock.json fonts
	$(BIN)/mkdocs serve --dirty --strict -a 127.0.0.1:8000

## make demo: the invented sample notice with invented progress reports (tests/fixtures/sample)
demo: $(STAMP) node_modules/.package-lock.json fonts
	$(BIN)/mkdocs serve --dirty --strict -f tests/fixtures/sample/mkdocs.yml -a 127.0.0.1:8000

## make site: build a new release and publish it as site/ in one atomic step; a second make site
## waits for the first; site/ changes only if the build succeeds (generator/publish/release.py);
## refused without a public address: SITE_URL=https://…/ make site (generator/publish/address.py)
site: $(STAMP) node_modules/.package-lock.json fonts
	@$(BIN)/python -m generator.publish $(SITE_ARGS)

## make preview: the built site served by Debian's nginx with the production configuration
## (deploy/nginx/) at http://127.0.0.1:$PORT (8080 unless PORT=…); builds the site first
# its site is for this machine only: make site allows a local address here (publish/address.py)
preview: SITE_ARGS = --local
preview: site nginx
	@$(BIN)/python -m generator.publish.preview --port "$$PORT"

## make check: validate the data file (Chinese messages with line numbers) and record the
## addresses it adds in data/urls.lock; under CI=true only verify the lock (nothing written),
## failing with the list of addresses it lacks
check: $(STAMP)
	@if [ "$$CI" = true ]; then set -- --check-lock; fi; \
	$(BIN)/python -m generator check "$$@" -- "$$DATA" || $(QUIET_FAIL)

# A failed check's own messages are all a clerk should read, but make would add
# "make: *** [Makefile:NN: check] Error 1". So the failing recipe stops make itself with
# SIGINT, which make dies of without a word (exit status 130, still a failure). Where make
# ignores SIGINT (started in the background) or /proc cannot tell, the recipe fails the
# ordinary way: make prints its line, and exits 2.
QUIET_FAIL = { ign=$$(sed -n 's/^SigIgn:[[:space:]]*//p' /proc/$$PPID/status 2>/dev/null); \
  if [ -n "$$ign" ] && [ $$(( 0x$$ign & 2 )) -eq 0 ]; then kill -INT $$PPID; exit 0; fi; exit 1; }

## make lock: add the addresses the data now publishes (e.g. a new report's anchor) to the lock
lock: $(STAMP)
	@$(BIN)/python -m generator lock -- "$$DATA" || $(QUIET_FAIL)

## make import FILE=进度.xlsx: add the reports of a filled progress template (.xlsx or .csv)
## to the data file, and their addresses to the lock
import: $(STAMP)
	@[ -n "$$FILE" ] || { echo "用法：make import FILE=填好的进度填报表.xlsx" >&2; exit 1; }
	@$(BIN)/python -m generator import --data "$$DATA" -- "$$FILE" || $(QUIET_FAIL)

## make draft FILE=通知.docx: draft next year's data file from the notice (.docx, .pdf or .txt),
## with # 待核对 comments to review, as data/projects-<year>.yaml added to mkdocs.yml's notices
## (a draft: make serve shows it, make site refuses it); OUTPUT=path writes elsewhere, not listed
draft: $(STAMP)
	@[ -n "$$FILE" ] || { echo "用法：make draft FILE=通知.docx（也可以是 .pdf 或 .txt）" >&2; exit 1; }
	@$(BIN)/python -m generator draft $${OUTPUT:+--output "$$OUTPUT"} -- "$$FILE" || $(QUIET_FAIL)

## make check-draft DATA=draft.yaml: check a draft written elsewhere (make draft OUTPUT=…) on
## its own, recording nothing (a draft on the site is checked by make check DATA=…)
check-draft: $(STAMP)
	@$(BIN)/python -m generator check --no-record -- "$$DATA" || $(QUIET_FAIL)

## make lint: ruff, mypy (strict on generator/), the schema and the address lock up to date
lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy
	$(BIN)/zizmor --offline --persona=pedantic --quiet .github/workflows/
	$(BIN)/pre-commit validate-config .pre-commit-config.yaml
	$(BIN)/python -m generator schema --check
	$(BIN)/python -m generator lock --check -- "$$DATA"

## make chromium: what the browser tests need, installed with apt only where missing (see
## tools/missing-packages): chromium (found at $(CHROMIUM)), CJK fonts, zbarimg to decode the
## QR codes, faketime to build "on another day", Java for the HTML checker (vnu.jar), and
## nginx for the tests of make preview
chromium:
	@$(call apt_install,browser nginx)
	@"$$CHROMIUM" --version

## make fonts: the Chinese font every build draws the share images with (Debian's
## fonts-noto-cjk), installed with apt only where fontconfig knows no Chinese font
fonts:
	@$(call apt_install,fonts)

## make nginx: Debian's nginx and its brotli module, for make preview
nginx:
	@$(call apt_install,nginx)

apt_install = missing="$$(tools/missing-packages $(1))"; [ -z "$$missing" ] || { \
	echo "安装：$$missing"; $(SUDO) apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; }

## make test: everything, browser tests included
test: $(STAMP) node_modules/.package-lock.json chromium lint check
	$(BIN)/python -m pytest

## make test-fast: the everyday loop (seconds): every test that neither builds a site nor
## drives Chromium, then ruff
test-fast: $(STAMP) node_modules/.package-lock.json
	$(BIN)/python -m pytest -q -m "not slow"
	$(BIN)/ruff check generator tests bench

## make screenshots: the phone screenshots shown in the README (readme/), taken by the phone
## tests in Chromium at 360×740
screenshots: $(STAMP) node_modules/.package-lock.json chromium
	$(BIN)/python -m pytest -q tests/test_phone.py -k "home or project-items"
	mkdir -p readme
	cp test-results/phone/home-first-screen.png readme/phone-home.png
	cp test-results/phone/project-items-first-screen.png readme/phone-project.png

## make bench: the time from saving the data to the page in make serve (bench/edit.py: the
## real site, and a site of 7 fictional notices), the time to draft the 2020 notice from .txt,
## .docx and .pdf (bench/draft.py), then build CPU and wall time, peak memory and size for
## 33, 330 and 3,300 projects and for 7 fictional notices of 45, against plain MkDocs with the
## same finish step, and with an empty build cache (about an hour; not part of make test);
## writes bench/results.md with bench/resident.py's last first-load and search figures
bench: $(STAMP) node_modules/.package-lock.json
	$(BIN)/python bench/edit.py
	$(BIN)/python bench/edit.py --site n7x45 --runs 7
	$(BIN)/python bench/draft.py
	$(BIN)/python bench/run.py

## make lighthouse: Lighthouse (mobile preset) on the home page and a project page, the site
## served with gzip and cache headers (bench/serve.py); URL=https://… measures a real server
lighthouse: $(STAMP) node_modules/.package-lock.json chromium
	$(BIN)/python bench/lighthouse.py $${URL:+--url "$$URL"}

clean:
	rm -rf site .site-releases .site-link-* .site-new .site-old $(VENV) node_modules
