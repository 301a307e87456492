# ocirt: an OCI runtime in C# (NativeAOT). `make run` and `make test` do all the set-up on a fresh Debian machine.
SHELL := /bin/bash
.DEFAULT_GOAL := build

BIN        := bin/ocirt
BUNDLE     := bundle/busybox
DOTNET     ?= dotnet
CONFIG     ?= Release
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

SOURCES := $(shell find src -name '*.cs' -o -name '*.c' -o -name '*.h' -o -name '*.csproj' 2>/dev/null) Directory.Build.props

.PHONY: deps build run bundle test unit integration test-v2 clean bench conformance conformance-compare

# Installs the Debian packages the project needs, only those that are missing.
deps:
	@bash hack/install-deps.sh

build: $(BIN)

# NativeAOT publish; the C constructor stub (src/Runtime/Native/nsexec.c) is compiled and linked by the csproj.
$(BIN): $(SOURCES)
	$(DOTNET) publish src/Runtime/OciRuntime.csproj -c $(CONFIG) -o artifacts/publish --nologo -v quiet
	@mkdir -p bin
	cp artifacts/publish/ocirt $(BIN)

bundle: $(BUNDLE)/rootfs/bin/busybox

$(BUNDLE)/rootfs/bin/busybox:
	bash hack/make-rootfs.sh $(BUNDLE)/rootfs

# Installs what is missing, builds, makes a busybox bundle and runs a container in it.
run: deps build bundle
	bash hack/demo.sh $(BIN) $(BUNDLE)

# Unit tests (no root), then integration tests that drive bin/ocirt as root; ends with one summary line.
test: deps build bundle
	bash hack/run-tests.sh

unit:
	bash hack/run-tests.sh unit

integration: build bundle
	bash hack/run-tests.sh integration

# The cgroup v2 integration tests alone, in a user-mode-linux guest (this host is a v1/v2 hybrid).
test-v2: deps build bundle
	bash hack/uml/test-v2.sh

clean:
	rm -rf bin artifacts bundle
	find src tests -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +

bench: deps build bundle
	bash hack/bench/bench.sh

# The OCI conformance suite (conformance/) against one runtime: bin/ocirt, or RUNTIME=/usr/bin/runc make conformance.
# Its allowlist is conformance/allowlist/<name of the binary>.txt.
RUNTIME ?= $(CURDIR)/$(BIN)
conformance: deps build bundle
	bash conformance/run.sh --runtime $(RUNTIME)

# ocirt and runc side by side in one run; rewrites conformance/RESULTS.md and the table in README.md.
conformance-compare: deps build bundle
	bash conformance/run.sh --runtime $(CURDIR)/$(BIN) --runtime /usr/bin/runc --markdown conformance/RESULTS.md --readme README.md
