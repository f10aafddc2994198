# streampatterns: every target runs on a machine with only JDK 17, Maven and make.
# Kafka brokers are real KRaft processes started from jars the build resolves; no Docker needed.

MVN ?= mvn
MVN_FLAGS ?= -B -ntp
ifdef CI
MVN_FLAGS += -Dstyle.color=never
endif

.DEFAULT_GOAL := help
.PHONY: help build unit test conformance conformance-standalone chaos chaos-standalone bench lint clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-24s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## Compile and install every module, no tests
	$(MVN) $(MVN_FLAGS) -q install -DskipTests

unit: ## Fast unit tests only (*Test: no broker, no Spark streaming)
	$(MVN) $(MVN_FLAGS) test

test: ## Unit and integration tests (*Test and *IT: real brokers, real Delta), then examples/ on the installed kit
	$(MVN) $(MVN_FLAGS) install
	$(MVN) $(MVN_FLAGS) -f examples/pom.xml verify

conformance: build ## Run every pattern against every check; writes target/conformance/
	$(MVN) $(MVN_FLAGS) -q -pl harness exec:exec@conformance

# CI's standalone-backed subset: the patterns on a real Spark cluster (a master and two workers the kit
# starts), the checks that move data between JVMs and kill the driver. The whole matrix:
# SPARK_CLUSTER=standalone make conformance.
conformance-standalone: build ## The kit on a real Spark standalone cluster, CI's subset; writes target/conformance-standalone/
	SPARK_CLUSTER=standalone CONFORMANCE_OUTPUT=target/conformance-standalone \
	CONFORMANCE_PATTERNS=$${CONFORMANCE_PATTERNS:-bronze,enrichment,schema-validation-realtime} \
	CONFORMANCE_CHECKS=$${CONFORMANCE_CHECKS:-delivery,crash} \
	$(MVN) $(MVN_FLAGS) -q -pl harness exec:exec@conformance

chaos: build ## Kill brokers and drivers mid-stream; writes target/chaos/
	$(MVN) $(MVN_FLAGS) -q -pl chaos exec:exec@chaos

chaos-standalone: build ## Kill executors and Spark workers mid-stream on a real standalone cluster; writes target/chaos/
	SPARK_CLUSTER=standalone CHAOS_SCENARIOS=$${CHAOS_SCENARIOS:-executor-kill,worker-kill} \
	CHAOS_PATTERNS=$${CHAOS_PATTERNS:-bronze,realtime,enrichment} \
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
