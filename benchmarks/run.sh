#!/usr/bin/env bash
# Builds redis-jcache and the benchmarks, then runs the whole comparison against a redis-server of its own
# (about 50 minutes on 2 cores; --quick for a rough pass of about 15). Results, summary.md and chart.png go to
# benchmarks/results/ (or --out DIR); a full run into benchmarks/results/ also adds its connection settings sweep to
# benchmarks/results/history.csv. Other arguments: see BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests -Dits.skip install
./mvnw -q -f benchmarks/pom.xml package
mkdir -p benchmarks/results
java -jar benchmarks/target/benchmarks.jar "$@" 2>&1 | tee benchmarks/results/run.log
if [[ " $* " != *" --out "* ]]; then
  java -jar benchmarks/target/benchmarks.jar history benchmarks/results
fi
