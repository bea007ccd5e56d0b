#!/usr/bin/env bash
# The protocol benchmarks of docs/benchmarks.md: the JMH run, then the interleaved CPU-time
# ratios, in one go. Results land in bench/results/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl bench -am -DskipTests package
mkdir -p bench/results
stamp=$(date -u +%Y%m%dT%H%M%SZ)
{ echo "# $(date -u) $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"; java -version 2>&1 | head -1; } \
  | tee "bench/results/protocol-$stamp.txt"
java -jar bench/target/benchmarks.jar Ed25519Benchmark -f 1 -wi 3 -i 5 -w 1s -r 2s \
  -rf json -rff "bench/results/protocol-$stamp.json" | tee -a "bench/results/protocol-$stamp.txt"
java -cp bench/target/benchmarks.jar org.carbonkiosk.bench.InterleavedRatios 40 \
  | tee -a "bench/results/protocol-$stamp.txt"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "bench/results/protocol-$stamp.txt"
