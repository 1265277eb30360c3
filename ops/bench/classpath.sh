# Sourced by the benchmarks: builds the modules (tests skipped) and sets BENCH_CP to the platform's
# test classpath (classes, test classes and every dependency).
mvn -q -B install -DskipTests >/dev/null
mvn -q -B -pl platform test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
BENCH_CP="platform/target/test-classes:platform/target/classes:$(cat platform/target/bench.classpath)"
export BENCH_CP
