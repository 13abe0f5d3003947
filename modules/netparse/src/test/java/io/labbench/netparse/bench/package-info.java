/**
 * JMH benchmarks (not tests; surefire does not run them). Run from the repository root:
 * <pre>
 * mvn -o -q -pl modules/netparse test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * cd modules/netparse &amp;&amp; java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     org.openjdk.jmh.Main io.labbench.netparse.bench
 * </pre>
 * Each parse benchmark has a {@code …SplitScan} twin over the same text: the ratio of the two is the
 * figure to compare across machines. {@link io.labbench.netparse.bench.BenchInputsTest} checks that the
 * generated inputs parse whole, so the figures measure real work.
 */
package io.labbench.netparse.bench;
