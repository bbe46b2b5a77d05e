# Two commands for a fresh machine: `make build` and `make test`.
NPM_STAMP := node_modules/.package-lock.json

.PHONY: build compile test typecheck clean bench

build: compile
	node bin/briefpress.js build

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $(NPM_STAMP)

# Recompiles only when a source, the compiler settings or the font step changed.
DIST_STAMP := dist/.compiled
SOURCES := $(shell find src -name '*.ts') tsconfig.json scripts/prepare-fonts.mjs scripts/prepare-hyphenation.mjs scripts/bundle.mjs $(wildcard templates/themes/*.yaml)

compile: $(DIST_STAMP)

$(DIST_STAMP): $(NPM_STAMP) $(SOURCES)
	npx tsc -p tsconfig.json
	node scripts/bundle.mjs
	node scripts/prepare-fonts.mjs
	node scripts/prepare-hyphenation.mjs
	@touch $@

typecheck: $(NPM_STAMP)
	npx tsc -p tsconfig.json --noEmit

test: compile
	npx vitest run

bench: compile
	node scripts/bench.mjs $(BENCH_ARGS)

clean:
	rm -rf dist output .output.site .briefpress
