package io.labbench.locallab.nlb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names as the AWS Load Balancer Controller gives them (pkg/service/model_build_load_balancer.go and
 * model_build_target_group.go): {@code k8s-<ns, 8>-<svc, 8>-<sha256, 10>} with everything but letters
 * and digits taken out of the namespace and name; ARNs and the DNS name in the shapes AWS uses.
 */
final class NlbNames {

    private static final Pattern NOT_ALNUM = Pattern.compile("[^A-Za-z0-9]");

    private NlbNames() {
    }

    /** sha256(cluster name, Service uid, scheme), as the controller hashes them. */
    static String loadBalancerName(String clusterName, String namespace, String service, String uid, String scheme) {
        return name(namespace, service, sha256(clusterName, uid, scheme));
    }

    /** sha256(cluster, namespace, name, service port, target port, target type, protocol, hc port, hc protocol). */
    static String targetGroupName(String clusterName, String namespace, String service, int servicePort, int targetPort,
                                  String targetType, String protocol, String healthCheckPort, String healthCheckProtocol) {
        return name(namespace, service, sha256(clusterName, namespace, service, Integer.toString(servicePort),
                Integer.toString(targetPort), targetType, protocol, healthCheckPort, healthCheckProtocol));
    }

    /** {@code <name>-<16 hex>.elb.us-east-1.amazonaws.com}: AWS appends its own id to the name. */
    static String dnsName(String lbName, String accountId) {
        return lbName + "-" + sha256(lbName, accountId, "dns").substring(0, 16) + ".elb.us-east-1.amazonaws.com";
    }

    static String loadBalancerArn(String accountId, String lbName) {
        return "arn:aws:elasticloadbalancing:us-east-1:" + accountId + ":loadbalancer/net/" + lbName + "/"
                + sha256(lbName, "lb").substring(0, 16);
    }

    static String targetGroupArn(String accountId, String tgName) {
        return "arn:aws:elasticloadbalancing:us-east-1:" + accountId + ":targetgroup/" + tgName + "/"
                + sha256(tgName, "tg").substring(0, 16);
    }

    static String listenerArn(String accountId, String lbName, int port) {
        String lbId = sha256(lbName, "lb").substring(0, 16);
        return "arn:aws:elasticloadbalancing:us-east-1:" + accountId + ":listener/net/" + lbName + "/" + lbId + "/"
                + sha256(lbName, Integer.toString(port), "listener").substring(0, 16);
    }

    private static String name(String namespace, String service, String hash) {
        return "k8s-" + first(NOT_ALNUM.matcher(namespace).replaceAll(""), 8) + "-"
                + first(NOT_ALNUM.matcher(service).replaceAll(""), 8) + "-" + hash.substring(0, 10);
    }

    private static String first(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }

    static String sha256(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
