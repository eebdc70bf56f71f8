# Quick start: `make site` then `make test` (Python 3.11 is all a fresh machine needs).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site site-internal serve test browser bench lock clean materialx

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,pdf]'
	touch $(STAMP)

export NO_MKDOCS_2_WARNING := 1

# Content-keyed cache of the build (PDFs of the information documents): only what changed is redone. The
# publish workflow keeps this folder from one run to the next (actions/cache).
REFPUB_CACHE_DIR ?= .cache/refpub
site site-internal: export REFPUB_CACHE_DIR := $(REFPUB_CACHE_DIR)

site: $(STAMP)
	$(BIN)/mkdocs build --strict

# The certification committee's build, with the confidential audit detail: never publish it.
# Sealed detail is read with REFPUB_COMMITTEE_IDENTITY (the build names it when it is missing).
# The example data is sealed to the example committee alone, whose key ships for that purpose:
# while it is the only recipient, and no identity is set, its key is used.
EXAMPLE_IDENTITY := confidentiel/exemple-identite-comite.txt
RECIPIENTS := confidentiel/destinataires.txt
site-internal: $(STAMP)
	@if [ -z "$$REFPUB_COMMITTEE_IDENTITY" ] && [ -f $(EXAMPLE_IDENTITY) ] && [ -f $(RECIPIENTS) ] \
	  && [ "$$(sed 's/#.*//' $(RECIPIENTS) | tr -d ' \t' | grep -v '^$$')" \
	       = "$$(sed -n 's/^# public key: //p' $(EXAMPLE_IDENTITY))" ]; then \
	  echo "make site-internal : données d'exemple, lues avec la clé du comité d'exemple" \
	    "($(EXAMPLE_IDENTITY)) ; pour vos données : REFPUB_COMMITTEE_IDENTITY"; \
	  REFPUB_COMMITTEE_IDENTITY="$$(cat $(EXAMPLE_IDENTITY))"; export REFPUB_COMMITTEE_IDENTITY; \
	fi; \
	REFPUB_INTERNAL=1 $(BIN)/mkdocs build --strict --site-dir site-interne

# Served at the root (http://127.0.0.1:8000/), whatever path the public site_url has.
serve: $(STAMP)
	REFPUB_SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:8000

# Browser tests drive Debian's chromium (no browser can be downloaded): install it where we can.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && (apt-get update -qq && apt-get install -y -qq chromium >/dev/null); } \
	  || echo "chromium absent : les tests navigateur seront ignorés (apt-get install chromium)"

test: $(STAMP) browser
	$(BIN)/ruff check plugins tests benchmarks
	$(BIN)/ruff format --check plugins tests benchmarks
	$(BIN)/mypy plugins/refpub
	$(BIN)/python -m pytest

# Opt-in, never part of `make test`: the site rendered without the plugin (`refpub render`) and
# built by ProperDocs with the MaterialX theme, in an environment of its own
# (maintainers/migration.md).
MATERIALX_VENV := .cache/materialx-venv
MATERIALX_RENDER := .cache/rendu-materialx
materialx: $(STAMP)
	test -x $(MATERIALX_VENV)/bin/properdocs || { $(PYTHON) -m venv $(MATERIALX_VENV) \
	  && $(MATERIALX_VENV)/bin/pip install --quiet properdocs mkdocs-materialx; }
	$(BIN)/refpub render $(MATERIALX_RENDER)
	printf 'INHERIT: mkdocs.yml\ntheme:\n  name: materialx\n' > $(MATERIALX_RENDER)/materialx.yml
	$(MATERIALX_VENV)/bin/properdocs build --strict -f $(MATERIALX_RENDER)/materialx.yml \
	  -d $(CURDIR)/site-materialx

# Every figure of issue #12 at 100 and 1000 companies beside a plain Material site
# (maintainers/performance.md); `make bench BENCH_SIZES=100,1000,10000` for 10,000 too.
# Never part of `make test`.
BENCH_SIZES ?= 100,1000
BENCH_PLAIN_UP_TO ?= 1000
bench: $(STAMP) browser
	$(BIN)/python benchmarks/build_scaling.py --sizes $(BENCH_SIZES) --plain-up-to $(BENCH_PLAIN_UP_TO)
	$(BIN)/python benchmarks/serve_rebuild.py --companies 400

# The publication installs from requirements/publish.lock: every package of the runtime and the
# `pdf` extra (and the build backend) pinned with its hashes, for Python 3.11 on Linux, so a
# release swapped on the package index is refused. `make lock` moves every pin to the newest
# release the ranges of pyproject.toml allow; review the diff, then commit it.
PIP_TOOLS := pip-tools==7.6.2
lock: $(BIN)/python
	@$(BIN)/python -c 'import platform, sys; sys.exit(sys.version_info[:2] != (3, 11) \
	  or platform.system() != "Linux")' || { echo "make lock : il faut Python 3.11 sous Linux," \
	  "celui des workflows (PYTHON=python3.11 make lock dans un .venv neuf)"; exit 1; }
	$(BIN)/python -m pip install --quiet '$(PIP_TOOLS)'
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --upgrade --generate-hashes \
	  --allow-unsafe --all-build-deps --extra pdf --strip-extras --no-emit-index-url \
	  --no-emit-find-links --output-file requirements/publish.lock pyproject.toml

clean:
	rm -rf site site-interne .venv .cache
