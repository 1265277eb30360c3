# Sourced by benchmarks: compiles the modules in the reactor (no mvn install) and sets BENCH_CP to a private
# copy of the platform's test classpath, so rebuilding the project while a benchmark runs cannot touch it.
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
bench_dir=$(mktemp -d /tmp/wedsync-bench-cp.XXXXXX)
for m in models pipelines migrations platform; do
  [ -d "$m/target/classes" ] && cp -r "$m/target/classes" "$bench_dir/$m-classes"
done
cp -r platform/target/test-classes "$bench_dir/test-classes"
BENCH_CP="$bench_dir/test-classes:$bench_dir/platform-classes:$bench_dir/pipelines-classes:$bench_dir/models-classes:$bench_dir/migrations-classes"
IFS=':' read -r -a deps < platform/target/bench.classpath || true  # no trailing newline: read returns 1
for entry in "${deps[@]}"; do
  case "$entry" in
    */target/classes) ;;   # the sibling modules, copied above
    *) cp "$entry" "$bench_dir/" 2>/dev/null && BENCH_CP="$BENCH_CP:$bench_dir/$(basename "$entry")" ;;
  esac
done
export BENCH_CP
