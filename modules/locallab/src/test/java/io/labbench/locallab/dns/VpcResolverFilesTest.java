package io.labbench.locallab.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the VPC resolver hands dnsmasq: A records as a hosts file, CNAME and TXT as its options. */
class VpcResolverFilesTest {

    @Test
    void aRecordsBecomeHostsLinesFirstSourceFirstWithoutDuplicatesOrBadNames() {
        String hosts = VpcResolver.hostsFile(List.of(new ResolverRecord.A("ip-172-30-46-72.ec2.internal", "172.30.46.72"),
                new ResolverRecord.A("API.lab.example.", "172.30.37.165"), new ResolverRecord.A("api.lab.example", "172.30.37.165"),
                new ResolverRecord.A("bad name;rm", "1.2.3.4"), new ResolverRecord.A("noaddress.example", "not-an-ip"),
                new ResolverRecord.Txt("t.example", "x")));
        assertThat(hosts.lines().filter(l -> !l.startsWith("#")))
                .containsExactly("172.30.46.72 ip-172-30-46-72.ec2.internal", "172.30.37.165 api.lab.example");
    }

    @Test
    void cnameAndTxtBecomeDnsmasqOptionsOneCnamePerNameAndQuotesEscaped() {
        String options = VpcResolver.optionsFile(List.of(new ResolverRecord.Cname("www.example.", "lb.elb.amazonaws.com."),
                new ResolverRecord.Cname("www.example", "other.example"),
                new ResolverRecord.Txt("nginx.example", "heritage=external-dns,external-dns/owner=\"study\""),
                new ResolverRecord.Txt("two.example", "line\nbreak")));
        assertThat(options.lines().filter(l -> !l.startsWith("#"))).containsExactly("cname=www.example,lb.elb.amazonaws.com",
                "txt-record=nginx.example,\"heritage=external-dns,external-dns/owner=\\\"study\\\"\"");
    }
}
