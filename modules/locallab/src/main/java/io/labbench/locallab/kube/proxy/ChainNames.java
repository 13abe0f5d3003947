package io.labbench.locallab.kube.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * kube-proxy's chain names, computed as {@code pkg/proxy/iptables/proxier.go} computes them
 * ({@code portProtoHash}, {@code servicePortPolicyClusterChain}, {@code servicePortPolicyLocalChainName},
 * {@code serviceExternalChainName}, {@code serviceFirewallChainName}, {@code servicePortEndpointChainName}):
 * the first 16 characters of the standard base32 encoding of SHA-256 over the service port's name, the
 * lower-case protocol and, for an endpoint chain, the endpoint's {@code ip:port}. So a Service gets the
 * chain name it has on a real cluster ({@code kube-system/kube-dns:dns} over UDP is
 * {@code KUBE-SVC-TCOU7JCQXEZGVUNU} everywhere).
 */
public final class ChainNames {

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private ChainNames() {
    }

    /** {@code KUBE-SVC-…}: the Cluster-policy chain spreading over every ready endpoint. */
    public static String cluster(ServicePortName name, String protocol) {
        return "KUBE-SVC-" + hash(name + lower(protocol));
    }

    /** {@code KUBE-SVL-…}: the Local-policy chain spreading over this node's endpoints. */
    public static String local(ServicePortName name, String protocol) {
        return "KUBE-SVL-" + hash(name + lower(protocol));
    }

    /** {@code KUBE-EXT-…}: where NodePort, external IP and load-balancer traffic enters. */
    public static String external(ServicePortName name, String protocol) {
        return "KUBE-EXT-" + hash(name + lower(protocol));
    }

    /** {@code KUBE-FW-…}: the load balancer's source-range filter. */
    public static String firewall(ServicePortName name, String protocol) {
        return "KUBE-FW-" + hash(name + lower(protocol));
    }

    /** {@code KUBE-SEP-…}: one endpoint ({@code ip:port}) of one service port. */
    public static String endpoint(ServicePortName name, String protocol, String endpoint) {
        return "KUBE-SEP-" + hash(name + lower(protocol) + endpoint);
    }

    /** kube-proxy's hash of an arbitrary name string (for names in an older format, e.g. a trailing colon). */
    static String hash(String text) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
        // 16 base32 characters are exactly the first 80 bits (10 bytes): no padding case to handle
        StringBuilder out = new StringBuilder(16);
        long bits = 0;
        int count = 0;
        for (int i = 0; i < 10; i++) {
            bits = (bits << 8) | (digest[i] & 0xff);
            count += 8;
            while (count >= 5) {
                out.append(BASE32[(int) ((bits >> (count - 5)) & 31)]);
                count -= 5;
            }
        }
        return out.toString();
    }

    private static String lower(String protocol) {
        return protocol.toLowerCase(java.util.Locale.ROOT);
    }
}
