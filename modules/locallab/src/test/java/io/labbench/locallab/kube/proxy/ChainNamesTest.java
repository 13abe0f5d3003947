package io.labbench.locallab.kube.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Chain names against a real node's {@code iptables -t nat -L -n -v} (test resource
 * {@code kube-proxy/iptables-t-nat-L-n-v-kube-proxy-flannel.txt}, source in its SOURCES.md).
 */
class ChainNamesTest {

    @Test
    void kubeSystemServicesGetTheChainsEveryRealClusterGivesThem() throws IOException {
        String real = fixture();
        ServicePortName dns = new ServicePortName("kube-system", "kube-dns", "dns");
        ServicePortName dnsTcp = new ServicePortName("kube-system", "kube-dns", "dns-tcp");
        ServicePortName https = new ServicePortName("default", "kubernetes", "https");
        assertThat(ChainNames.cluster(dns, "UDP")).isEqualTo("KUBE-SVC-TCOU7JCQXEZGVUNU");
        assertThat(ChainNames.cluster(dnsTcp, "TCP")).isEqualTo("KUBE-SVC-ERIFXISQEP7F7OF4");
        assertThat(ChainNames.cluster(https, "TCP")).isEqualTo("KUBE-SVC-NPX46M4PTMTKRN6Y");
        assertThat(real).contains("KUBE-SVC-TCOU7JCQXEZGVUNU  udp").contains("/* kube-system/kube-dns:dns cluster IP */ udp dpt:53");
        assertThat(real).contains("KUBE-SVC-ERIFXISQEP7F7OF4  tcp").contains("KUBE-SVC-NPX46M4PTMTKRN6Y  tcp");
    }

    /** Every SEP chain of the capture, from its own DNAT target and comment, gets its real name. */
    @Test
    void everyEndpointChainOfTheCaptureIsNamedFromItsServicePortAndDnatTarget() throws IOException {
        String real = fixture();
        Pattern chain = Pattern.compile("Chain (KUBE-SEP-\\w+) .*\\n.*\\n.*\\n.*DNAT\\s+(\\w+) .*/\\* (\\S+)/(\\S+?):(\\S*) \\*/ \\w+ to:(\\S+)");
        Matcher m = chain.matcher(real);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            String expected = m.group(1);
            String protocol = m.group(2);
            String portName = m.group(5);
            // the capture's kube-proxy (2019) wrote an unnamed port as "default/nginx-svc:"; hash that very text
            String computed = portName.isEmpty()
                    ? "KUBE-SEP-" + ChainNames.hash(m.group(3) + "/" + m.group(4) + ":" + protocol + m.group(6))
                    : ChainNames.endpoint(new ServicePortName(m.group(3), m.group(4), portName), protocol.toUpperCase(), m.group(6));
            assertThat(computed).as("SEP chain for %s", m.group(0)).isEqualTo(expected);
            checked.add(expected);
        }
        assertThat(checked).hasSize(6).contains("KUBE-SEP-AZ26OUDW2ONMCF3B", "KUBE-SEP-KPC3R4X2272VTT4E");
    }

    @Test
    void anUnnamedPortInTheOldFormatHashesToTheCapturedChain() {
        assertThat("KUBE-SVC-" + ChainNames.hash("default/nginx-svc:tcp")).isEqualTo("KUBE-SVC-R2VK7O5AFVLRAXSH");
        assertThat(new ServicePortName("default", "nginx-svc", "").toString()).isEqualTo("default/nginx-svc");
    }

    @Test
    void theOtherChainKindsShareTheServiceHashWithTheirOwnPrefix() {
        ServicePortName echo = new ServicePortName("default", "svc-nlb-ip-type", "");
        String hash = ChainNames.cluster(echo, "TCP").substring("KUBE-SVC-".length());
        assertThat(ChainNames.local(echo, "TCP")).isEqualTo("KUBE-SVL-" + hash);
        assertThat(ChainNames.external(echo, "TCP")).isEqualTo("KUBE-EXT-" + hash);
        assertThat(ChainNames.firewall(echo, "TCP")).isEqualTo("KUBE-FW-" + hash);
        assertThat(ChainNames.cluster(echo, "TCP")).hasSize("KUBE-SVC-".length() + 16);
    }

    static String fixture() throws IOException {
        try (InputStream in = ChainNamesTest.class.getResourceAsStream("/kube-proxy/iptables-t-nat-L-n-v-kube-proxy-flannel.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
