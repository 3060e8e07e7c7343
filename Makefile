# exitdrill — see README.md. Every target does its own set-up on a fresh machine.
SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(HOME)/go/bin:$(PATH)
GO ?= go
BIN := bin/exitdrill

.PHONY: build test lint demo bench bench-cluster fuzz integration release schema setup clean

build: ## Build exitdrill and exitdrill-engine (the same program with the embedded Temporal server) into bin/
	scripts/build bin

setup: ## Install what the tests need (idempotent; apt-get as root)
	scripts/setup

test: setup ## Run every unit test (the README's test command)
	$(GO) test ./...

lint: ## gofmt, go vet and the architecture rules
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags exitdrill_light ./cmd/... ./internal/cli/ ./internal/engine/
	$(GO) run go.temporal.io/sdk/contrib/tools/workflowcheck@v0.6.0 ./workflows/...
	$(GO) test -run 'TestArchitecture|TestNoHeavyInit|TestSchemaFilesUpToDate' ./internal/archtest/ ./internal/cli/

demo: ## Install what the drill needs, build, run the demo on the example organisation and check its result
	scripts/demo

bench: ## Benchmarks; prints a table of the figures
	scripts/bench

fuzz: ## Run each fuzz target briefly (FUZZTIME=20s by default)
	scripts/fuzz

integration: ## Integration suite on Docker: server, workers and restore sandboxes in containers (fails without Docker)
	scripts/integration

bench-cluster: ## Scale benchmark on the multi-service Temporal cluster in Docker (not in CI; BENCH_PROCESSES, default 2500); prints a table
	EXITDRILL_BENCH_CLUSTER=1 IT_RUN='^TestBenchCluster$$' IT_TIMEOUT=90m scripts/integration

release: ## Static linux/amd64 and arm64 binaries, the image FROM scratch, SBOMs and SHA256SUMS in dist/
	scripts/release

schema: build ## Regenerate the JSON Schemas in schema/
	$(BIN) schema -o schema

clean:
	rm -rf bin drill-reports dist
