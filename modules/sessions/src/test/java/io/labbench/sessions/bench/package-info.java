/**
 * Benchmarks with a {@code main()} (not tests): SSH throughput of the terminal connector and exec
 * latency of the shared connection, each against the OpenSSH client on the same in-JVM server.
 * Run from the repository root (exec-maven-plugin cannot resolve offline here, so build a class path):
 * <pre>
 * mvn -o -q -B -pl modules/sessions test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * cd modules/sessions
 * CP=target/classes:target/test-classes:$(cat target/test-classpath.txt)
 * java -cp "$CP" io.labbench.sessions.bench.SshCatThroughputBenchmark
 * java -cp "$CP" io.labbench.sessions.bench.SharedExecLatencyBenchmark
 * </pre>
 */
package io.labbench.sessions.bench;
