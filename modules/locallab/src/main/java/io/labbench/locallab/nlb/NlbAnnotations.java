package io.labbench.locallab.nlb;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the controller's {@code service.beta.kubernetes.io/aws-load-balancer-*} annotations into an
 * {@link NlbSpec}, refusing a bad value the way the controller does: the model is not built and the
 * reason names the annotation. Certificates are checked later, against ACM ({@link NlbReconciler}).
 */
final class NlbAnnotations {

    static final String PREFIX = "service.beta.kubernetes.io/aws-load-balancer-";
    static final String TARGET_TYPE = PREFIX + "nlb-target-type";
    static final String SCHEME = PREFIX + "scheme";
    static final String CROSS_ZONE = PREFIX + "cross-zone-load-balancing-enabled";
    static final String HC_PORT = PREFIX + "healthcheck-port";
    static final String HC_INTERVAL = PREFIX + "healthcheck-interval";
    static final String HC_TIMEOUT = PREFIX + "healthcheck-timeout";
    static final String HC_HEALTHY = PREFIX + "healthcheck-healthy-threshold";
    static final String HC_UNHEALTHY = PREFIX + "healthcheck-unhealthy-threshold";
    static final String PROXY_PROTOCOL = PREFIX + "proxy-protocol";
    static final String SSL_CERT = PREFIX + "ssl-cert";
    static final String SSL_PORTS = PREFIX + "ssl-ports";
    static final String BACKEND_PROTOCOL = PREFIX + "backend-protocol";

    /** The annotations read, or the first one refused. */
    sealed interface Result permits Valid, Invalid {
    }

    record Valid(NlbSpec spec) implements Result {
    }

    /** @param reason the controller's words, e.g. {@code unknown scheme: public} */
    record Invalid(String annotation, String reason) implements Result {
        String message() {
            return "annotation " + annotation + ": " + reason;
        }
    }

    private NlbAnnotations() {
    }

    static Result read(Map<String, String> annotations) {
        return read(annotations, false);
    }

    /**
     * @param externalTrafficLocal the Service's {@code externalTrafficPolicy} is {@code Local}: instance targets are
     *                             then checked as the controller checks them, HTTP {@code /healthz} on the Service's
     *                             {@code healthCheckNodePort} (kube-proxy answers 200 only on nodes with a local
     *                             endpoint), every 10 s, timeout 6 s, thresholds 2 and 2, unless annotated otherwise
     */
    static Result read(Map<String, String> annotations, boolean externalTrafficLocal) {
        try {
            String targetType = annotations.getOrDefault(TARGET_TYPE, "instance").strip();
            if (!Set.of("ip", "instance").contains(targetType)) {
                throw new Refused(TARGET_TYPE, "unsupported target type \"" + targetType + "\" (expected ip or instance)");
            }
            String scheme = annotations.getOrDefault(SCHEME, "internal").strip();
            if (!Set.of("internal", "internet-facing").contains(scheme)) {
                throw new Refused(SCHEME, "unknown scheme: " + scheme + " (expected internal or internet-facing)");
            }
            boolean crossZone = bool(annotations, CROSS_ZONE, false);
            boolean localInstance = externalTrafficLocal && targetType.equals("instance");
            String hcPort = annotations.getOrDefault(HC_PORT, localInstance ? NlbSpec.KUBE_PROXY_HEALTH_PORT : "traffic-port").strip();
            String hcPath = hcPort.equals(NlbSpec.KUBE_PROXY_HEALTH_PORT) ? "/healthz" : "";
            if (!hcPort.equals("traffic-port") && !hcPort.equals(NlbSpec.KUBE_PROXY_HEALTH_PORT)) {
                int port = number(HC_PORT, hcPort, "health check port");
                if (port < 1 || port > 65535) {
                    throw new Refused(HC_PORT, "health check port " + port + " is outside 1-65535");
                }
            }
            NlbSpec.HealthCheckTiming timing = new NlbSpec.HealthCheckTiming(
                    ranged(annotations, HC_INTERVAL, 10, 5, 300), ranged(annotations, HC_TIMEOUT, localInstance ? 6 : 10, 2, 120),
                    ranged(annotations, HC_HEALTHY, localInstance ? 2 : 3, 2, 10),
                    ranged(annotations, HC_UNHEALTHY, localInstance ? 2 : 3, 2, 10));
            String proxy = annotations.getOrDefault(PROXY_PROTOCOL, "").strip();
            if (!proxy.isEmpty() && !proxy.equals("*")) {
                throw new Refused(PROXY_PROTOCOL, "invalid value \"" + proxy + "\" for proxy protocol annotation, only value currently supported is *");
            }
            List<String> certs = list(annotations.getOrDefault(SSL_CERT, ""));
            Set<String> sslPorts = new LinkedHashSet<>(list(annotations.getOrDefault(SSL_PORTS, "")));
            String backend = annotations.getOrDefault(BACKEND_PROTOCOL, "tcp").strip().toLowerCase(java.util.Locale.ROOT);
            if (!Set.of("tcp", "http", "ssl", "tls", "https").contains(backend)) {
                throw new Refused(BACKEND_PROTOCOL, "unsupported backend protocol \"" + backend + "\" (expected tcp, http, ssl or https)");
            }
            return new Valid(new NlbSpec(targetType, scheme, crossZone, hcPort, hcPath, timing, proxy.equals("*"), certs, sslPorts,
                    Set.of("ssl", "tls", "https").contains(backend)));
        } catch (Refused r) {
            return new Invalid(r.annotation, r.getMessage());
        }
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean bool(Map<String, String> annotations, String key, boolean fallback) throws Refused {
        String v = annotations.get(key);
        if (v == null) {
            return fallback;
        }
        return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new Refused(key, "failed to parse bool annotation, " + key + ": " + v + ": invalid syntax");
        };
    }

    private static int ranged(Map<String, String> annotations, String key, int fallback, int min, int max) throws Refused {
        String v = annotations.get(key);
        if (v == null) {
            return fallback;
        }
        int n = number(key, v.strip(), key.substring(PREFIX.length()));
        if (n < min || n > max) {
            throw new Refused(key, v.strip() + " is outside " + min + "-" + max);
        }
        return n;
    }

    private static int number(String key, String value, String what) throws Refused {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new Refused(key, "failed to parse " + what + " \"" + value + "\": strconv.Atoi: parsing \"" + value + "\": invalid syntax");
        }
    }

    private static final class Refused extends Exception {
        private final String annotation;

        Refused(String annotation, String message) {
            super(message);
            this.annotation = annotation;
        }
    }
}
