package io.labbench.locallab.kube.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.CoreTables;
import io.labbench.locallab.kube.api.KindStrategy;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.ResourceType;
import io.labbench.locallab.kube.api.TableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Endpoints, validated as {@code ValidateEndpoints} in {@code pkg/apis/core/validation/validation.go}
 * does for the subsets a learner writes by hand for a selector-less Service: each address a real,
 * non-special IPv4 address, each port in range with a known protocol, and names on ports when there
 * are several. The messages are the API server's own.
 */
final class EndpointsStrategy implements KindStrategy {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");

    @Override
    public ResourceType type() {
        return ResourceCatalog.ENDPOINTS;
    }

    @Override
    public TableSpec table() {
        return CoreTables.ENDPOINTS;
    }

    @Override
    public List<String> validate(ObjectNode endpoints) {
        List<String> errors = new ArrayList<>();
        JsonNode subsets = endpoints.path("subsets");
        for (int s = 0; s < subsets.size(); s++) {
            JsonNode subset = subsets.get(s);
            String at = "subsets[" + s + "]";
            addresses(errors, at + ".addresses", subset.path("addresses"));
            addresses(errors, at + ".notReadyAddresses", subset.path("notReadyAddresses"));
            JsonNode ports = subset.path("ports");
            for (int p = 0; p < ports.size(); p++) {
                JsonNode port = ports.get(p);
                String path = at + ".ports[" + p + "]";
                if (ports.size() > 1 && port.path("name").asText("").isEmpty()) {
                    errors.add(path + ".name: Required value");
                }
                int number = port.path("port").asInt(0);
                if (number < 1 || number > 65535) {
                    errors.add(path + ".port: Invalid value: " + number + ": must be between 1 and 65535, inclusive");
                }
                String protocol = port.path("protocol").asText("TCP");
                if (!PROTOCOLS.contains(protocol)) {
                    errors.add(path + ".protocol: Unsupported value: \"" + protocol + "\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
                }
            }
        }
        return errors;
    }

    private static void addresses(List<String> errors, String path, JsonNode addresses) {
        for (int a = 0; a < addresses.size(); a++) {
            String ip = addresses.get(a).path("ip").asText("");
            String field = path + "[" + a + "].ip: Invalid value: \"" + ip + "\": ";
            if (!IPV4.matcher(ip).matches()) {
                errors.add(field + "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
            } else if (ip.equals("0.0.0.0")) {
                errors.add(field + "may not be unspecified (0.0.0.0)");
            } else if (ip.startsWith("127.")) {
                errors.add(field + "may not be in the loopback range (127.0.0.0/8, ::1/128)");
            } else if (ip.startsWith("169.254.")) {
                errors.add(field + "may not be in the link-local range (169.254.0.0/16, fe80::/10)");
            } else if (ip.startsWith("224.0.0.")) {
                errors.add(field + "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)");
            }
        }
    }
}
