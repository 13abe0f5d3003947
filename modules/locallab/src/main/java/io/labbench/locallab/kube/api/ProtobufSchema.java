package io.labbench.locallab.kube.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The field numbers of the Kubernetes protobuf messages the API front decodes, read from
 * {@code k8s-protobuf-fields.txt}. Message names are shortened ({@code apps.v1.Deployment},
 * {@code meta.v1.ObjectMeta}, {@code resource.Quantity}); scalar types keep their protobuf names.
 */
final class ProtobufSchema {

    /** How a field repeats: once, as a list, or as a {@code map<string, type>} (entries key=1, value=2). */
    enum Shape { SINGLE, REPEATED, MAP }

    record Field(int number, String jsonName, String type, Shape shape) {
        boolean scalar() {
            return !type.contains(".");
        }
    }

    private static final ProtobufSchema BUILT_IN = load();

    private final Map<String, Map<Integer, Field>> messages;

    private ProtobufSchema(Map<String, Map<Integer, Field>> messages) {
        this.messages = messages;
    }

    static ProtobufSchema builtIn() {
        return BUILT_IN;
    }

    Optional<Field> field(String message, int number) {
        return Optional.ofNullable(messages.getOrDefault(message, Map.of()).get(number));
    }

    boolean knows(String message) {
        return messages.containsKey(message);
    }

    private static ProtobufSchema load() {
        Map<String, Map<Integer, Field>> messages = new HashMap<>();
        try (InputStream in = Objects.requireNonNull(ProtobufSchema.class.getResourceAsStream("k8s-protobuf-fields.txt"),
                "k8s-protobuf-fields.txt missing from the build");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Map<Integer, Field> current = null;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("message ")) {
                    current = messages.computeIfAbsent(line.substring("message ".length()).trim(), k -> new HashMap<>());
                    continue;
                }
                String[] f = line.trim().split(" ");
                Shape shape = f.length > 3 ? Shape.valueOf(f[3].toUpperCase(java.util.Locale.ROOT)) : Shape.SINGLE;
                Field field = new Field(Integer.parseInt(f[0]), f[1], f[2], shape);
                Objects.requireNonNull(current, "field before the first message").put(field.number(), field);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ProtobufSchema(Map.copyOf(messages));
    }
}
