# gongshi — two commands set everything up on a machine with Go and git:
#   make site   build the sample township's site into public/
#   make test   run every test
#   make bench  measure it on synthetic township and county repositories
GO      ?= go
BIN     := bin/gongshi
export GOTOOLCHAIN := local

.PHONY: all site test check serve schema vet fmt clean bench

all: site

$(BIN): FORCE
	$(GO) build -o $(BIN) ./generator

FORCE:

# Measure gongshi on synthetic township and county repositories: each
# phase of the first build, the build after one commit and a CI build with
# its cache restored, against git log and Hugo alone (gongshi's templates
# and trivial ones), the history index, the time per page from 700 to
# 13,500 pages, and a table of the targets met and missed. Results: bench/last.json (compared with
# the run before and with the committed bench/baseline.json).
bench: $(BIN)
	./$(BIN) bench

# Build the site from the records at HEAD (committed records only: the
# site always corresponds to exactly one commit).
site: $(BIN)
	./$(BIN) build --out public
	@echo
	@echo "Open the site:  file://$(CURDIR)/public/index.html"
	@echo "(or publish public/ on any web server; preview uncommitted edits with: ./$(BIN) serve)"

test: fmt vet
	$(GO) test ./...

# Validate the records in the working tree, listing every mistake.
check: $(BIN)
	./$(BIN) check

serve: $(BIN)
	./$(BIN) serve

# Regenerate generator/schema/*.json after changing a record type.
schema:
	$(GO) test ./generator/schema -update

vet:
	$(GO) vet ./...

fmt:
	@out=$$(gofmt -l generator); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

clean:
	rm -rf bin public bench/out bench/last.json
