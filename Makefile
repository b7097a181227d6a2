# Rapport — the two commands a new machine needs, and a few more.
#   make demo    build, then open the demo book (written once under $XDG_DATA_HOME/rapport)
#   make test    build and run the whole test suite
SWIFT ?= swift
RAPPORT = .build/debug/rapport

.PHONY: demo test test-clock deps build bench fuzz format install uninstall deb

# Installs what may be missing on a fresh Debian machine, and nothing when it is there.
deps:
	@bash Scripts/ensure-deps.sh

build: deps
	$(SWIFT) build --product rapport

demo: build
	$(RAPPORT) demo

test: deps
	bash Scripts/test.sh

# The whole suite with every binary's wall clock moved to 2031 (README, "Development").
test-clock: deps
	bash Scripts/test-clock.sh

bench:
	$(SWIFT) run -c release rapport-bench all

fuzz:
	bash Scripts/fuzz.sh 60

# PREFIX (default /usr/local), DESTDIR; see Scripts/install.sh and README, "Installing".
install: deps
	bash Scripts/install.sh install

uninstall:
	bash Scripts/install.sh uninstall

# rapport_VERSION-1_ARCH.deb in DEBDIR (default: here), from what install writes; see Scripts/deb.sh.
deb: deps
	bash Scripts/deb.sh

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift
