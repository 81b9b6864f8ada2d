# The targets CI and people call. `make run` and `make test` are the two
# commands of the README.
GO      ?= go
BIN     := bin/infocentre
DB      ?= data/infocentre.duckdb
ADDR    ?= 127.0.0.1:8080
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
ECHARTS := internal/assets/echarts.min.js
REDOC   := internal/assets/redoc.standalone.js
AXE     := node_modules/axe-core/axe.min.js

.PHONY: all assets build run test lint-api fuzz bench bench-web bench-register bench-import samples

all: build

# echarts and Redoc (which draws the /api page) are served from the binary:
# pinned in package-lock.json, copied into the embedded assets folder, never
# committed. axe-core stays in node_modules, where the accessibility test
# (TestAccessibility) reads it.
assets: $(ECHARTS) $(REDOC) $(AXE)

# One npm ci for all, when package.json changes or axe-core is missing.
$(ECHARTS): $(AXE)
	cp node_modules/echarts/dist/echarts.min.js $@

$(REDOC): $(AXE)
	cp node_modules/redoc/bundles/redoc.standalone.js $@

$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

build: assets
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/infocentre

run: build
	$(BIN) serve --demo --db $(DB) --addr $(ADDR)

test: assets lint-api
	@unformatted="$$(gofmt -l cmd internal ingest dashboards sql samples)"; \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 60m ./...
	$(MAKE) fuzz FUZZTIME=10s

# The API's OpenAPI document, linted by @redocly/cli (pinned in
# package-lock.json) with its recommended rules: an error fails the build,
# warnings are printed.
REDOCLY := node_modules/.bin/redocly
OPENAPI := internal/web/openapi/openapi.json

$(REDOCLY): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

lint-api: $(REDOCLY)
	REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true $(REDOCLY) lint --format=summary --extends recommended $(OPENAPI)

FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParseCSV$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./ingest
	$(GO) test -run '^$$' -fuzz '^FuzzParseXLSX$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./ingest

# Benchmarks report their baseline measured in the same run and the ratio.
# An import of 100k rows takes a quarter of a second: on the 2-core machine,
# quiet, five runs of 3 pairs gave ratios of 1.54-1.81 (1.55-2.34 on a busier
# day), five runs of 10 pairs 1.60-1.76; the importer runs 10.
bench:
	$(GO) test -run '^$$' -bench . -benchtime 10x ./internal/importer
	$(GO) test -run '^$$' -bench . -benchtime 3x ./ingest ./internal/store ./internal/extract ./internal/register

bench-web: build
	scripts/bench-web.sh

bench-register:
	scripts/bench-register.sh

bench-import:
	scripts/bench-import.sh

samples:
	$(GO) run ./samples/gen
