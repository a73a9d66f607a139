# Empathy Lab: `make demo` sets everything up and audits the bundled demo service;
# `make test` sets everything up and runs the whole test suite. Both are safe to run again (quick the second time).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# Debian/Ubuntu packages the project needs: a browser, a voice, a virtual screen, fonts; and GNOME Orca with
# what it runs on (the real screen reader that the screen-reader parity test and make bench-sr compare with);
# Node.js and npm for ESLint over the page scripts (lint-tools).
DEBS   := chromium espeak-ng xvfb fonts-dejavu-core fonts-liberation2 orca at-spi2-core dbus-x11 xdotool python3-pyatspi nodejs npm

# Chromium's headless shell, where the distribution has it (Debian does): the auditor's pages run in it, about a
# fifth faster than in the full browser. Best effort: without it (no such package, no root, no network) set-up
# goes on, the auditor uses the full Chromium, and SHELL_SKIP keeps later runs from trying again.
SHELL_DEB := chromium-headless-shell
SHELL_SKIP := $(VENV)/.no-headless-shell

.PHONY: demo test setup system venv lint-tools bench bench-detect bench-precision bench-act bench-sr kiosk-demo soak clean

# The demo's inaccessible version fails by design: exit 1 (failures found) is the expected outcome here.
demo: setup
	@$(BIN)/audit; code=$$?; [ $$code -eq 0 ] || [ $$code -eq 1 ] || exit $$code

test: setup
	$(BIN)/pytest

setup: system venv lint-tools

# Install missing Debian packages (as root, or with sudo); elsewhere say what to install.
system:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v espeak-ng >/dev/null 2>&1 || missing="$$missing espeak-ng"; \
	command -v Xvfb >/dev/null 2>&1 || missing="$$missing xvfb"; \
	[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	[ -d /usr/share/fonts/truetype/liberation2 ] || missing="$$missing fonts-liberation2"; \
	[ -x /usr/bin/orca ] || missing="$$missing orca"; \
	[ -x /usr/libexec/at-spi-bus-launcher ] || missing="$$missing at-spi2-core"; \
	command -v dbus-launch >/dev/null 2>&1 || missing="$$missing dbus-x11"; \
	command -v xdotool >/dev/null 2>&1 || missing="$$missing xdotool"; \
	[ -d /usr/lib/python3/dist-packages/pyatspi ] || missing="$$missing python3-pyatspi"; \
	command -v node >/dev/null 2>&1 || missing="$$missing nodejs"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	command -v tesseract >/dev/null 2>&1 || missing="$$missing tesseract-ocr"; \
	[ -e /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] || missing="$$missing tesseract-ocr-eng"; \
	shell=""; [ -x /usr/bin/chromium-headless-shell ] || [ -e $(SHELL_SKIP) ] || ! command -v apt-get >/dev/null 2>&1 || shell="$(SHELL_DEB)"; \
	if [ -z "$$missing" ] && [ -z "$$shell" ]; then exit 0; fi; \
	skip() { echo "make: $(SHELL_DEB) not installed ($$1): the auditor uses the full Chromium, about a fifth slower" \
	  "(tried again once $(SHELL_SKIP) is removed)" >&2; mkdir -p $(VENV); touch $(SHELL_SKIP); }; \
	if command -v apt-get >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	  elif [ -n "$$missing" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; \
	  elif [ -z "$$missing" ] && sudo -n true >/dev/null 2>&1; then SUDO="sudo -n"; \
	  elif [ -n "$$missing" ]; then echo "make: please install as root: apt-get install -y$$missing" >&2; exit 1; \
	  else skip "it needs root or sudo"; exit 0; fi; \
	  if [ -n "$$missing" ]; then echo "installing Debian packages:$$missing"; \
	    $$SUDO apt-get update -qq || { echo "make: apt-get update failed" >&2; exit 1; }; \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null \
	    || { echo "make: apt-get could not install:$$missing" >&2; exit 1; }; fi; \
	  if [ -n "$$shell" ]; then \
	    if ! apt-cache show $$shell >/dev/null 2>&1; then skip "apt does not know it here"; \
	    elif DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$shell >/dev/null 2>&1; \
	    then echo "installed Debian package: $$shell (the auditor's headless pages run in it)"; \
	    else skip "apt-get could not install it"; fi; fi; \
	else \
	  echo "make: not a Debian/Ubuntu machine. Please install:$$missing (a Chromium or Google Chrome," >&2; \
	  echo "      or run '$(BIN)/playwright install chromium' after setup; espeak-ng; Xvfb for screenshots)." >&2; \
	fi

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "make: Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV) || { echo "make: could not create $(VENV): on Debian/Ubuntu install python3-venv" >&2; exit 1; }
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $(STAMP)

# ESLint for the page scripts (auditor/gatherers/js), pinned in package-lock.json; npm's cache makes a second
# install quick and lets it work offline. tests/unit/test_page_scripts.py runs it.
lint-tools: node_modules/.installed-stamp

node_modules/.installed-stamp: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make: npm is needed for ESLint (Debian: apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --prefer-offline --no-audit --no-fund --loglevel=error
	@touch $@

bench-detect: setup
	$(BIN)/python benchmarks/detect.py

# Design systems' component examples (npm packages pinned and cached under reports/bench/precision-cache):
# fail findings per page by rule; judged in docs/precision.md. Needs Node.js and npm.
bench-precision: setup
	$(BIN)/python benchmarks/precision.py

# The W3C ACT Rules' test cases (../shared/corpus/act-rules), scored per rule as ACT implementation reports are,
# beside bare axe-core (docs/act.md). About 1,000 pages: several minutes with 2 workers. --rules ID,ID for a subset.
bench-act: setup
	$(BIN)/python benchmarks/act.py $(ACT_ARGS)

bench: setup
	$(BIN)/python benchmarks/speed.py

# Empathy Lab's screen reader against GNOME Orca, key by key, on the demo, the GDS pages and
# benchmarks/sr_pages (docs/screen-reader.md). About an hour on a loaded 2-core machine.
bench-sr: setup
	$(BIN)/python benchmarks/sr_parity.py

# The kiosk under abuse for an hour of its (simulated) clock: random keys, chords, clicks; Chromium killed three
# times mid-task; the kiosk killed with SIGKILL while it saves (docs/reliability.md). About 6 minutes.
soak: setup
	$(BIN)/python -m benchmarks.soak --minutes 60 --kills 3

clean:
	rm -rf $(VENV) node_modules .pytest_cache reports/latest reports/demo
