# Sourced by the benchmarks: builds the modules (tests skipped) and sets BENCH_CP to a private copy of
# the platform's test classpath, so that rebuilding the project while a benchmark runs cannot touch it.
mvn -q -B install -DskipTests >/dev/null
mvn -q -B -pl platform test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
bench_dir=$(mktemp -d /tmp/wedsync-bench-cp.XXXXXX)
cp -r platform/target/classes "$bench_dir/classes"
cp -r platform/target/test-classes "$bench_dir/test-classes"
BENCH_CP="$bench_dir/test-classes:$bench_dir/classes"
IFS=':' read -r -a deps < platform/target/bench.classpath || true  # no trailing newline: read returns 1
for jar in "${deps[@]}"; do
  cp "$jar" "$bench_dir/" 2>/dev/null && BENCH_CP="$BENCH_CP:$bench_dir/$(basename "$jar")"
done
export BENCH_CP
