package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Turns a request body sent as {@code application/vnd.kubernetes.protobuf} into the JSON object the
 * rest of the API front works on. kubectl's typed commands ({@code kubectl create deployment},
 * {@code create namespace}, {@code create configmap} …) send protobuf, as client-go does for built-in
 * types; a real API server accepts both encodings, so this one must too.
 *
 * <p>The body is the {@code k8s\0} magic followed by a {@code runtime.Unknown} envelope whose
 * {@code raw} field holds the object. Go encodes every non-pointer field, also when empty, so empty
 * strings, zeros, {@code false} and empty nested messages are left out here as {@code omitempty} would
 * (a present but empty {@code strategy} would otherwise skip defaulting, and {@code generation: 0} would
 * show in {@code -o yaml}). Kept: empty volume sources ({@code emptyDir: {}}), whose presence is the
 * setting, and the pointer fields in {@link #POINTER_FIELDS}, where an explicit 0 or false is the
 * learner's ({@code --replicas=0}).
 */
public final class ProtobufBody {

    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {'k', '8', 's', 0};

    /** The kinds whose protobuf this server decodes, by {@code apiVersion/kind}. */
    private static final Map<String, String> MESSAGES = Map.of(
            "apps/v1/Deployment", "apps.v1.Deployment",
            "v1/Namespace", "core.v1.Namespace",
            "v1/ConfigMap", "core.v1.ConfigMap",
            "v1/Secret", "core.v1.Secret",
            "v1/Service", "core.v1.Service",
            "v1/ServiceAccount", "core.v1.ServiceAccount",
            "v1/Pod", "core.v1.Pod",
            "batch/v1/Job", "batch.v1.Job",
            "batch/v1/CronJob", "batch.v1.CronJob");

    /** Optional (pointer) numbers and booleans of the kinds above: Go sends them only when set. */
    private static final java.util.Set<String> POINTER_FIELDS = java.util.Set.of("replicas", "terminationGracePeriodSeconds",
            "activeDeadlineSeconds", "backoffLimit", "completions", "parallelism", "ttlSecondsAfterFinished",
            "revisionHistoryLimit", "progressDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit",
            "startingDeadlineSeconds", "suspend", "automountServiceAccountToken", "immutable", "runAsUser", "runAsGroup",
            "runAsNonRoot", "privileged", "readOnlyRootFilesystem", "allowPrivilegeEscalation", "optional", "defaultMode",
            "shareProcessNamespace", "enableServiceLinks", "setHostnameAsFQDN", "hostUsers", "allocateLoadBalancerNodePorts");

    private final ProtobufSchema schema;

    private ProtobufBody(ProtobufSchema schema) {
        this.schema = schema;
    }

    public static boolean isProtobuf(String contentType) {
        return contentType != null && contentType.trim().toLowerCase(java.util.Locale.ROOT).startsWith(MEDIA_TYPE);
    }

    /**
     * The object in {@code body} as JSON.
     *
     * @throws StoreException 415 for a kind this server cannot decode, saying what works instead
     * @throws BadRequestException when the body is not a Kubernetes protobuf envelope
     */
    public static ObjectNode toJson(byte[] body) {
        return new ProtobufBody(ProtobufSchema.builtIn()).decode(body);
    }

    private ObjectNode decode(byte[] body) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (body.length <= i || body[i] != MAGIC[i]) {
                throw new BadRequestException("the request body is not a Kubernetes protobuf object (no k8s\\0 prefix)");
            }
        }
        ObjectNode envelope = message("runtime.Unknown", new Reader(body, MAGIC.length, body.length));
        String apiVersion = Json.text(envelope, "typeMeta", "apiVersion");
        String kind = Json.text(envelope, "typeMeta", "kind");
        String message = MESSAGES.get(apiVersion + "/" + kind);
        if (message == null) {
            throw new StoreException(415, Json.status(415, "UnsupportedMediaType", "the local lab's API server reads "
                    + kind + " (" + apiVersion + ") only as JSON or YAML; write it to a file and use kubectl create -f"));
        }
        byte[] raw = envelope.has("raw") ? Base64.getDecoder().decode(envelope.get("raw").asText()) : new byte[0];
        ObjectNode object = Json.object();
        object.put("apiVersion", apiVersion).put("kind", kind);
        object.setAll(message(message, new Reader(raw, 0, raw.length)));
        object.remove("status");
        return object;
    }

    private ObjectNode message(String name, Reader in) {
        ObjectNode out = Json.object();
        while (in.more()) {
            long tag = in.varint();
            int number = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            var field = schema.field(name, number);
            if (field.isEmpty()) {
                in.skip(wire); // a field newer than the schema: the real server would keep it, the lab does not need it
                continue;
            }
            ProtobufSchema.Field f = field.get();
            JsonNode value = f.shape() == ProtobufSchema.Shape.MAP ? null : value(f.type(), wire, in);
            switch (f.shape()) {
                case MAP -> mapEntry(f, in.bytes(), out);
                case REPEATED -> {
                    if (value != null) {
                        (out.has(f.jsonName()) ? (ArrayNode) out.get(f.jsonName()) : out.putArray(f.jsonName())).add(value);
                    }
                }
                case SINGLE -> {
                    if (value != null && !(zero(value) && !POINTER_FIELDS.contains(f.jsonName()))) {
                        out.set(f.jsonName(), value);
                    }
                }
            }
        }
        return out;
    }

    private static boolean zero(JsonNode value) {
        return (value.isNumber() && value.asLong() == 0 && value.asDouble() == 0) || (value.isBoolean() && !value.asBoolean());
    }

    private void mapEntry(ProtobufSchema.Field f, Reader entry, ObjectNode out) {
        String key = "";
        JsonNode value = Json.MAPPER.getNodeFactory().textNode("");
        while (entry.more()) {
            long tag = entry.varint();
            if ((tag >>> 3) == 1) {
                key = new String(entry.bytes().rest(), StandardCharsets.UTF_8);
            } else if ((tag >>> 3) == 2) {
                JsonNode v = value(f.type(), (int) (tag & 7), entry);
                value = v == null ? Json.object() : v;
            } else {
                entry.skip((int) (tag & 7));
            }
        }
        (out.has(f.jsonName()) ? (ObjectNode) out.get(f.jsonName()) : out.putObject(f.jsonName())).set(key, value);
    }

    /** A field's value as JSON, or null when it is empty and {@code omitempty} would drop it. */
    private JsonNode value(String type, int wire, Reader in) {
        var nodes = Json.MAPPER.getNodeFactory();
        switch (type) {
            case "string" -> {
                String s = new String(in.bytes().rest(), StandardCharsets.UTF_8);
                return s.isEmpty() ? null : nodes.textNode(s);
            }
            case "bytes" -> {
                return nodes.textNode(Base64.getEncoder().encodeToString(in.bytes().rest()));
            }
            case "bool" -> {
                return nodes.booleanNode(in.varint() != 0);
            }
            case "int32" -> {
                return nodes.numberNode((int) in.varint());
            }
            case "int64", "uint32", "uint64" -> {
                return nodes.numberNode(in.varint());
            }
            case "double" -> {
                return nodes.numberNode(Double.longBitsToDouble(in.fixed64()));
            }
            default -> {
                return special(type, in.bytes());
            }
        }
    }

    /** Types whose JSON form is not an object of their fields. */
    private JsonNode special(String type, Reader in) {
        var nodes = Json.MAPPER.getNodeFactory();
        switch (type) {
            case "meta.v1.Time", "meta.v1.MicroTime" -> {
                ObjectNode t = message(type, in);
                long seconds = t.path("seconds").asLong(0);
                return seconds == 0 ? null : nodes.textNode(Instant.ofEpochSecond(seconds).toString());
            }
            case "resource.Quantity" -> {
                return nodes.textNode(Json.text(message(type, in), "string"));
            }
            case "intstr.IntOrString" -> {
                ObjectNode v = message(type, in);
                return v.path("type").asInt(0) == 1 ? nodes.textNode(Json.text(v, "strVal")) : nodes.numberNode(v.path("intVal").asInt(0));
            }
            case "runtime.RawExtension", "meta.v1.FieldsV1" -> {
                ObjectNode v = message(type, in);
                return v.has("raw") ? Json.parse(new String(Base64.getDecoder().decode(v.get("raw").asText()), StandardCharsets.UTF_8)) : null;
            }
            case "meta.v1.Duration" -> {
                return nodes.textNode(Json.text(message(type, in), "duration"));
            }
            default -> {
                ObjectNode v = message(type, in);
                return v.isEmpty() && !type.endsWith("VolumeSource") ? null : v;
            }
        }
    }

    /** A protobuf wire-format reader over part of a byte array. */
    private static final class Reader {
        private final byte[] data;
        private int pos;
        private final int end;

        Reader(byte[] data, int from, int to) {
            this.data = data;
            this.pos = from;
            this.end = to;
        }

        boolean more() {
            return pos < end;
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new BadRequestException("the protobuf body ends inside a number");
                }
                byte b = data[pos++];
                result |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new BadRequestException("the protobuf body holds a number longer than 10 bytes");
        }

        long fixed64() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (long) (data[pos++] & 0xff) << (8 * i);
            }
            return v;
        }

        /** A length-delimited field as its own reader. */
        Reader bytes() {
            int length = (int) varint();
            if (length < 0 || pos + length > end) {
                throw new BadRequestException("the protobuf body is cut short");
            }
            Reader sub = new Reader(data, pos, pos + length);
            pos += length;
            return sub;
        }

        byte[] rest() {
            return java.util.Arrays.copyOfRange(data, pos, end);
        }

        void skip(int wire) {
            switch (wire) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> bytes();
                case 5 -> pos += 4;
                default -> throw new BadRequestException("the protobuf body uses wire type " + wire + ", which Kubernetes never sends");
            }
        }
    }
}
