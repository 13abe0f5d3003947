package io.labbench.locallab.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.labbench.locallab.TestLabs;
import io.labbench.locallab.net.KernelAccess;
import io.labbench.locallab.net.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VPC resolver (real dnsmasq in a namespace of the test's own) answers a source's new name as soon as the
 * source's change signal returns, as Route 53's change batches and ELBv2's new load balancers signal it: the
 * lab shows a name (a Service's EXTERNAL-IP, a record in {@code list-resource-record-sets}) only after that
 * signal, so {@code dig} right after it must answer, with no wait and no retry. (Before, the signal only queued
 * a refresh on the resolver's thread and dnsmasq read the file in its own time: the walk's {@code curl} right
 * after {@code kubectl get svc} showed the name could fail to resolve.)
 */
class VpcResolverAnswersOnReturnTest {

    @TempDir
    Path dir;

    /** A source whose records the test changes, signalling as the lab's AWS state does. */
    private static final class ChangingSource implements ResolverRecordSource {
        private volatile List<ResolverRecord> records = List.of();
        private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

        @Override
        public List<ResolverRecord> records() {
            return records;
        }

        @Override
        public void onChange(Runnable listener) {
            listeners.add(listener);
        }

        void set(List<ResolverRecord> next) {
            records = List.copyOf(next);
            listeners.forEach(Runnable::run);
        }
    }

    @Test
    void aNameAddedOrRemovedIsAnsweredSoWhenTheChangeSignalReturns() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "builds a network namespace: run as root");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/dnsmasq")), "dnsmasq is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dig")), "dig (bind9-dnsutils) is not installed");
        String netns = TestLabs.settings(dir).prefix() + "-vpc";
        TestLabs.sh("ip", "netns", "add", netns);
        try {
            TestLabs.sh("ip", "-n", netns, "link", "set", "lo", "up");
            ChangingSource source = new ChangingSource();
            try (VpcResolver resolver = new VpcResolver(netns, "127.0.0.2", new KernelAccess.Root(), dir.resolve("resolver"),
                    List.of(source))) {
                resolver.start();
                List<ResolverRecord> records = new ArrayList<>();
                for (int i = 1; i <= 15; i++) {
                    String name = "k8s-default-svc" + i + ".elb.us-east-1.amazonaws.com";
                    records.add(new ResolverRecord.A(name, "172.30.1." + i));
                    source.set(records);
                    assertThat(dig(netns, name)).as("dig %s right after the signal (%d)", name, i).isEqualTo("172.30.1." + i);
                }
                records.remove(0);
                source.set(records);
                assertThat(dig(netns, "k8s-default-svc1.elb.us-east-1.amazonaws.com")).as("a removed name, right after the signal").isEmpty();
                // a TXT record restarts dnsmasq (it reads TXT only at start): still answered on return, A records too
                records.add(new ResolverRecord.Txt("nginx.pkos.labbench.test", "heritage=external-dns"));
                records.add(new ResolverRecord.A("nginx.pkos.labbench.test", "172.30.1.99"));
                source.set(records);
                assertThat(dig(netns, "nginx.pkos.labbench.test")).isEqualTo("172.30.1.99");
                assertThat(dig(netns, "k8s-default-svc15.elb.us-east-1.amazonaws.com")).isEqualTo("172.30.1.15");
            }
        } finally {
            ProcessRunner.runAllowingFailure(List.of("ip", "netns", "del", netns), "");
        }
    }

    /** One try, no retry: what a learner's first {@code dig +short} right after the name appeared shows. */
    private static String dig(String netns, String name) throws Exception {
        return TestLabs.inNetns(netns, "dig", "+short", "+tries=1", "+time=2", "@127.0.0.2", name).strip();
    }
}
