# Two commands for a fresh machine: `make build` and `make test`.
NPM_STAMP := node_modules/.package-lock.json

.PHONY: build compile test typecheck clean bench

build: compile
	node bin/briefpress.js build

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $(NPM_STAMP)

compile: $(NPM_STAMP)
	npx tsc -p tsconfig.json
	node scripts/prepare-fonts.mjs

typecheck: $(NPM_STAMP)
	npx tsc -p tsconfig.json --noEmit

test: compile
	npx vitest run

bench: compile
	node scripts/bench.mjs $(BENCH_ARGS)

clean:
	rm -rf dist output
