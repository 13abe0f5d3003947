package io.labbench.localaws.service;

import io.labbench.localaws.AwsErrors;
import io.labbench.localaws.AwsHttpRequest;
import io.labbench.localaws.AwsReply;
import io.labbench.localaws.Xml;
import io.labbench.localaws.state.LabCloud;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * S3 with path-style addressing: the lab's buckets, the objects the lab keeps there itself (the kOps
 * state, generated from the running cluster) and objects a learner puts, kept in memory for the life
 * of the lab. The lab's own objects are read-only here: {@code kops edit} is how they change.
 */
public final class S3Api implements ServiceApi {

    private static final String XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final List<String> SUPPORTED = List.of("ListBuckets", "HeadBucket", "GetBucketLocation", "ListObjects",
            "ListObjectsV2", "GetObject", "HeadObject", "PutObject", "DeleteObject");

    private final LabCloud cloud;
    private final Clock clock;
    private final Map<String, Map<String, LabCloud.StoredObject>> userObjects = new LinkedHashMap<>();

    public S3Api(LabCloud cloud, Clock clock) {
        this.cloud = cloud;
        this.clock = clock;
    }

    @Override
    public String signingName() {
        return "s3";
    }

    @Override
    public synchronized AwsReply handle(AwsHttpRequest request) {
        String path = request.path();
        String method = request.method();
        if (path.equals("/") || path.isEmpty()) {
            return method.equals("GET") ? listBuckets() : unsupported(method + " /");
        }
        String rest = path.substring(1);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        Optional<LabCloud.Bucket> found = cloud.buckets().stream().filter(b -> b.name().equals(bucket)).findFirst();
        if (found.isEmpty()) {
            return AwsErrors.error(AwsErrors.Shape.S3, 404, "NoSuchBucket", "The specified bucket does not exist: " + bucket
                    + " (the local lab has " + cloud.buckets().stream().map(LabCloud.Bucket::name).toList() + ")");
        }
        Map<String, String> query = request.query();
        if (key.isEmpty()) {
            return switch (method) {
                case "HEAD" -> AwsReply.empty(200);
                case "GET" -> query.containsKey("location") ? location()
                        : query.keySet().stream().anyMatch(q -> !List.of("list-type", "prefix", "delimiter", "encoding-type",
                                "max-keys", "continuation-token", "start-after", "marker", "fetch-owner").contains(q))
                        ? unsupported("GET /" + bucket + "?" + String.join("&", query.keySet()))
                        : list(bucket, query);
                default -> unsupported(method + " /" + bucket);
            };
        }
        return switch (method) {
            case "GET", "HEAD" -> object(bucket, key).map(o -> objectReply(o, method.equals("HEAD")))
                    .orElseGet(() -> AwsErrors.error(AwsErrors.Shape.S3, 404, "NoSuchKey", "The specified key does not exist."));
            case "PUT" -> put(bucket, key, request.body());
            case "DELETE" -> delete(bucket, key);
            default -> unsupported(method + " /" + bucket + "/" + key);
        };
    }

    private AwsReply unsupported(String what) {
        return Unsupported.call(AwsErrors.Shape.S3, "S3", what, SUPPORTED);
    }

    private AwsReply listBuckets() {
        Xml xml = Xml.document().open("ListAllMyBucketsResult", XMLNS).open("Owner").el("ID", owner()).el("DisplayName", cloud.userName())
                .close("Owner").open("Buckets");
        cloud.buckets().forEach(b -> xml.open("Bucket").el("Name", b.name()).el("CreationDate", b.created().truncatedTo(ChronoUnit.MILLIS))
                .close("Bucket"));
        return AwsReply.xml(xml.close("Buckets").close("ListAllMyBucketsResult").toString());
    }

    private AwsReply location() {
        // us-east-1 answers an empty LocationConstraint
        return AwsReply.xml(Xml.document().open("LocationConstraint", XMLNS).close("LocationConstraint").toString());
    }

    private Map<String, LabCloud.StoredObject> objects(String bucket) {
        Map<String, LabCloud.StoredObject> all = new TreeMap<>(userObjects.getOrDefault(bucket, Map.of()));
        cloud.labObjects(bucket).forEach(o -> all.put(o.key(), o));
        return all;
    }

    private Optional<LabCloud.StoredObject> object(String bucket, String key) {
        return Optional.ofNullable(objects(bucket).get(key));
    }

    private AwsReply list(String bucket, Map<String, String> query) {
        boolean v2 = "2".equals(query.get("list-type"));
        String prefix = query.getOrDefault("prefix", "");
        String delimiter = query.getOrDefault("delimiter", "");
        boolean url = "url".equals(query.get("encoding-type"));
        TreeSet<String> common = new TreeSet<>();
        Xml contents = new Xml();
        int count = 0;
        for (LabCloud.StoredObject o : objects(bucket).values()) {
            if (!o.key().startsWith(prefix)) {
                continue;
            }
            if (!delimiter.isEmpty()) {
                int at = o.key().indexOf(delimiter, prefix.length());
                if (at >= 0) {
                    common.add(o.key().substring(0, at + delimiter.length()));
                    continue;
                }
            }
            count++;
            contents.open("Contents").el("Key", url ? encode(o.key()) : o.key())
                    .el("LastModified", o.lastModified().truncatedTo(ChronoUnit.MILLIS)).el("ETag", etag(o.content()))
                    .el("Size", o.content().length).el("StorageClass", "STANDARD").close("Contents");
        }
        Xml xml = Xml.document().open("ListBucketResult", XMLNS).el("Name", bucket).el("Prefix", url ? encode(prefix) : prefix);
        if (v2) {
            xml.el("KeyCount", count + common.size());
        } else {
            xml.el("Marker", "");
        }
        xml.el("MaxKeys", 1000).opt("Delimiter", url ? encode(delimiter) : delimiter).el("IsTruncated", false)
                .opt("EncodingType", url ? "url" : "");
        StringBuilder body = new StringBuilder(xml.toString()).append(contents);
        Xml prefixes = new Xml();
        common.forEach(p -> prefixes.open("CommonPrefixes").el("Prefix", url ? encode(p) : p).close("CommonPrefixes"));
        body.append(prefixes).append("</ListBucketResult>");
        return AwsReply.xml(body.toString());
    }

    private AwsReply objectReply(LabCloud.StoredObject o, boolean head) {
        Map<String, String> headers = Map.of("ETag", etag(o.content()), "Last-Modified", HTTP_DATE.format(o.lastModified()),
                "Content-Length", Integer.toString(o.content().length));
        return new AwsReply(200, "application/octet-stream", headers, head ? new byte[0] : o.content());
    }

    private AwsReply put(String bucket, String key, byte[] body) {
        if (cloud.labObjects(bucket).stream().anyMatch(o -> o.key().equals(key))) {
            return AwsErrors.error(AwsErrors.Shape.S3, 403, "AccessDenied", "s3://" + bucket + "/" + key
                    + " is the running cluster's kOps state, which the local lab writes itself; change it with kops edit");
        }
        userObjects.computeIfAbsent(bucket, b -> new LinkedHashMap<>()).put(key, new LabCloud.StoredObject(key, body, clock.instant()));
        return new AwsReply(200, "application/xml", Map.of("ETag", etag(body)), new byte[0]);
    }

    private AwsReply delete(String bucket, String key) {
        if (cloud.labObjects(bucket).stream().anyMatch(o -> o.key().equals(key))) {
            return AwsErrors.error(AwsErrors.Shape.S3, 403, "AccessDenied", "s3://" + bucket + "/" + key
                    + " is the running cluster's kOps state; kops delete cluster removes it");
        }
        Map<String, LabCloud.StoredObject> objects = userObjects.get(bucket);
        if (objects != null) {
            objects.remove(key);
        }
        return AwsReply.empty(204);
    }

    private String owner() {
        return HexFormat.of().formatHex(digest("SHA-256", cloud.accountId().getBytes(StandardCharsets.UTF_8)));
    }

    private static String etag(byte[] content) {
        return "\"" + HexFormat.of().formatHex(digest("MD5", content)) + "\"";
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }

    static Instant now(Clock clock) {
        return clock.instant();
    }
}
