# streampatterns: every target runs on a machine with only JDK 17, Maven and make.
# Kafka brokers are real KRaft processes started from jars the build resolves; no Docker needed.

MVN ?= mvn
MVN_FLAGS ?= -B -ntp
ifdef CI
MVN_FLAGS += -Dstyle.color=never
endif

.DEFAULT_GOAL := help
.PHONY: help build unit test conformance chaos bench lint clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## Compile and install every module, no tests
	$(MVN) $(MVN_FLAGS) -q install -DskipTests

unit: ## Fast unit tests only (*Test: no broker, no Spark streaming)
	$(MVN) $(MVN_FLAGS) test

test: ## Unit and integration tests (*Test and *IT: real brokers, real Delta), then examples/ on the installed kit
	$(MVN) $(MVN_FLAGS) install
	$(MVN) $(MVN_FLAGS) -f examples/pom.xml verify

conformance: build ## Run every pattern against every check; writes target/conformance/
	$(MVN) $(MVN_FLAGS) -q -pl harness exec:exec@conformance

chaos: build ## Kill brokers and drivers mid-stream; writes target/chaos/
	$(MVN) $(MVN_FLAGS) -q -pl chaos exec:exec@chaos

bench: build ## Throughput and latency against a raw Kafka baseline; writes target/bench/
	$(MVN) $(MVN_FLAGS) -q -pl benchmarks exec:exec@bench

CONFIG ?= jobs/configs/*.properties
lint: build ## Check pipeline configurations before they start: make lint CONFIG="a.properties b.properties"
	$(MVN) $(MVN_FLAGS) -q -pl jobs exec:java -Dexec.args="lint $(wildcard $(CONFIG))"

clean: ## Delete build output and reports
	$(MVN) $(MVN_FLAGS) -q clean
	$(MVN) $(MVN_FLAGS) -q -f examples/pom.xml clean
	rm -rf target
