# Sourced by the bench scripts: builds pkrj and the benchmarks (src/bench/java, compiled with the tests) and sets
# bench_cp to the class path that runs them.
(cd "$root" && mvn -B -q package dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >&2)
bench_cp="$root/target/test-classes:$root/target/classes:$(cat "$root/target/bench.classpath")"
