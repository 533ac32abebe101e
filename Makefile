# gongshi — two commands set everything up on a machine with Go and git:
#   make site   build the sample township's site into public/
#   make test   run every test
GO      ?= go
BIN     := bin/gongshi
export GOTOOLCHAIN := local

.PHONY: all site test check serve schema theme vet fmt clean

all: site

$(BIN): FORCE
	$(GO) build -o $(BIN) ./generator

FORCE:

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

# Regenerate the copy of the site files that gongshi embeds
# (generator/internal/theme/site) after changing hugo.toml, layouts/,
# assets/ or content/; a test fails while the copy is out of step.
theme:
	$(GO) generate ./generator/internal/theme

vet:
	$(GO) vet ./...

fmt:
	@out=$$(gofmt -l generator); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

clean:
	rm -rf bin public
