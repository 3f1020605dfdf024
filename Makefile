# Thin wrapper over CMake: `make demo` and `make test` do all set-up on a fresh Debian
# bookworm machine (dependencies, configure, build). CMake stays the build.
BUILD   ?= build
JOBS    ?= $(shell nproc)
OUT     ?= out
CMAKE_FLAGS ?=

.PHONY: deps configure build demo test bench clean

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j$(JOBS)

demo: build
	@$(BUILD)/bin/beian process samples/orders/* --out $(OUT)/ ; rc=$$?; \
	 echo; echo "Results: $(OUT)/summary.json and $(OUT)/<order-id>/ (report.json, documents)"; exit $$rc

test: build
	@ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS) --timeout 600

bench: build
	@bash bench/run.sh $(BUILD)

clean:
	@rm -rf $(BUILD) $(OUT)
