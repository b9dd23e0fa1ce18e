# StreamTune: `make run` and `make test` do everything on a fresh Debian machine.

SWIFT ?= swift
# Debian packages the build and the tests need. `deps` installs them only when
# one is missing, so repeated runs cost nothing.
DEB_PACKAGES := libopenblas-dev liblapacke-dev coinor-libcbc-dev libnlopt-dev librsvg2-bin slurm-wlm munge
# OpenBLAS's own thread pool collapses under our parallel evaluators.
export OPENBLAS_NUM_THREADS := 1
BIN := .build/release/streamtune

.PHONY: deps build run test bench results format lint clean

deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update && apt-get install -y --no-install-recommends $$missing; \
	fi
	@# pandas checks that result CSVs load with the right dtypes (tests only).
	@python3 -c "import pandas" 2>/dev/null || \
	  python3 -m pip install --quiet --disable-pip-version-check pandas

build: deps
	$(SWIFT) build -c release --product streamtune

# The default sweep: about a minute on two cores, results and plot in Results/.
RUN_SPACE := SearchSpaces/gpt2-medium-u55c.json
RUN_OUT := Results/latest
RUN_BUDGET := 150000

run: build
	$(BIN) validate $(RUN_SPACE)
	$(BIN) sweep $(RUN_SPACE) --strategy anneal --budget $(RUN_BUDGET) --seed 1 \
	  --out $(RUN_OUT) --overwrite
	$(BIN) report $(RUN_OUT)
	@echo "results: $(RUN_OUT)/evaluations.csv, pareto.csv, pareto.svg, report.md"

test: deps
	$(SWIFT) build -c release --product streamtune
	$(SWIFT) test

# Performance figures (docs/bench.md): under 15 minutes on two cores. BENCH_FLAGS=--quick
# gives a short run.
BENCH_OUT := Results/bench
BENCH_FLAGS :=

bench: build
	$(BIN) bench --out $(BENCH_OUT) $(BENCH_FLAGS)

# Reference results: one sweep per shipped search space into Results/<space>/, with the
# strategy, budget and seed below (docs/bench.md). tiny-block is enumerated whole.
RESULTS_STRATEGY := anneal
RESULTS_BUDGET := 2000
RESULTS_SEED := 1
RESULTS_SPACES := $(filter-out schema,$(basename $(notdir $(wildcard SearchSpaces/*.json))))

results: build
	@set -e; for space in $(RESULTS_SPACES); do \
	  strategy=$(RESULTS_STRATEGY); budget=$(RESULTS_BUDGET); \
	  if [ "$$space" = tiny-block ]; then strategy=exhaustive; budget=100000; fi; \
	  echo "$$space: $$strategy, budget $$budget, seed $(RESULTS_SEED)"; \
	  $(BIN) sweep SearchSpaces/$$space.json --strategy $$strategy --budget $$budget \
	    --seed $(RESULTS_SEED) --out Results/$$space --overwrite --quiet; \
	  $(BIN) report Results/$$space; \
	  rm -f Results/$$space/.lock; \
	done

format:
	$(SWIFT) format -i -r Sources Tests Package.swift

lint:
	$(SWIFT) format lint -r Sources Tests

clean:
	rm -rf .build
