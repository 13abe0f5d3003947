package io.labbench.cluster.vpccni;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The instance types LabBench knows offline: ENI limits from {@code instance-network-limits.txt} (the
 * types the local lab can emulate, and the AWS calculator's fallback before the learner has an AWS
 * account) and the VPC CNI's published max-pods table ({@code eni-max-pods.txt}, copied from
 * amazon-vpc-cni-k8s).
 */
public final class InstanceTypeCatalog {

    private static final Pattern FIELDS = Pattern.compile("\\s+");
    private static final InstanceTypeCatalog BUILT_IN = load();

    private final Map<String, InstanceType> types;

    /**
     * The 800-line max-pods table, read on first use: every {@code labbench lab} command and the daemon
     * check instance types at start, and only the calculator and the tests compare against this table.
     */
    private static final class PublishedMaxPods {
        static final Map<String, Integer> TABLE = loadPublishedMaxPods();
    }

    private InstanceTypeCatalog(Map<String, InstanceType> types) {
        this.types = Collections.unmodifiableMap(types);
    }

    public static InstanceTypeCatalog builtIn() {
        return BUILT_IN;
    }

    public Optional<InstanceType> find(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /** The type, or an error naming the types the lab knows. */
    public InstanceType require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "instance type '" + name + "' is not one the local lab can emulate; choose one of " + types.keySet()));
    }

    public Map<String, InstanceType> types() {
        return types;
    }

    /** The max pods AWS publishes for the type (secondary-IP mode), when the VPC CNI's table lists it. */
    public OptionalInt publishedMaxPods(String name) {
        Integer value = PublishedMaxPods.TABLE.get(name);
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static InstanceTypeCatalog load() {
        Map<String, InstanceType> types = new TreeMap<>();
        readLines("instance-network-limits.txt", (line, number) -> {
            String[] f = FIELDS.split(line.trim());
            if (f.length != 6) {
                throw new IllegalStateException("instance-network-limits.txt line " + number
                        + ": expected 'type enis ips vcpus memoryMiB nitro|xen', got '" + line + "'");
            }
            types.put(f[0], new InstanceType(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                    Integer.parseInt(f[3]), Long.parseLong(f[4]), f[5].equals("nitro")));
        });
        return new InstanceTypeCatalog(types);
    }

    private static Map<String, Integer> loadPublishedMaxPods() {
        Map<String, Integer> maxPods = new TreeMap<>();
        readLines("eni-max-pods.txt", (line, number) -> {
            String[] f = FIELDS.split(line.trim());
            if (f.length == 2) {
                maxPods.put(f[0], Integer.parseInt(f[1]));
            }
        });
        return Collections.unmodifiableMap(maxPods);
    }

    private interface LineHandler {
        void handle(String line, int number);
    }

    private static void readLines(String resource, LineHandler handler) {
        try (InputStream in = InstanceTypeCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the labbench-cluster jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank() && !line.startsWith("#")) {
                    handler.handle(line, number);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
