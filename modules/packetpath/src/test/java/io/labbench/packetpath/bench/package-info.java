/**
 * JMH benchmarks (not tests; surefire does not run them). Run from the repository root:
 * <pre>
 * ./mvnw -o -q -pl modules/packetpath -am test-compile
 * ./mvnw -o -q -pl modules/packetpath dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * cd modules/packetpath &amp;&amp; java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     org.openjdk.jmh.Main io.labbench.packetpath.bench -f 1 -wi 3 -i 5
 * </pre>
 * On a loaded machine wall-clock figures mislead: compare CPU time too (ThreadMXBean), as netparse's
 * CpuTimeFigures does. {@link io.labbench.packetpath.bench.KubeProxyNode} builds a node whose {@code iptables-save -c} holds a
 * given number of kube-proxy rules; {@link io.labbench.packetpath.bench.KubeProxyNodeTest} checks the flow
 * the benchmark resolves really crosses all of KUBE-SERVICES and ends DNATed, so the figure measures real work.
 */
package io.labbench.packetpath.bench;
