package io.labbench.localaws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a request's Signature Version 4 the way AWS does: rebuilds the canonical request from what
 * arrived (method, path, query, the signed headers, the payload hash), derives the signing key from
 * the lab's secret and the credential scope, and compares signatures. Written from the published
 * SigV4 algorithm; the tests sign with the AWS SDK and the real AWS CLI, so both must agree with it.
 */
public final class SigV4Verifier {

    /** The outcome: who signed for which service and region, or why the request is refused. */
    public sealed interface Outcome permits Signed, Refused {
    }

    /** @param service the scope's service, e.g. {@code ec2}, {@code s3}, {@code sts} */
    public record Signed(String service, String region) implements Outcome {
    }

    public enum Reason { MISSING, UNKNOWN_KEY, BAD_SIGNATURE, EXPIRED, MALFORMED }

    /** @param service the scope's service when the header could be read (to answer in its error shape) */
    public record Refused(Reason reason, Optional<String> service, String detail) implements Outcome {
    }

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-f]{64})\\s*");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration SKEW = Duration.ofMinutes(15);

    private final LabCredentials credentials;
    private final Clock clock;

    public SigV4Verifier(LabCredentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    public Outcome verify(AwsHttpRequest request) {
        Optional<String> header = request.header("authorization");
        if (header.isEmpty()) {
            return new Refused(Reason.MISSING, Optional.empty(), "Request is missing Authentication Token");
        }
        Matcher m = AUTHORIZATION.matcher(header.get());
        if (!m.matches()) {
            return new Refused(Reason.MALFORMED, Optional.empty(),
                    "Authorization header requires AWS4-HMAC-SHA256 with Credential, SignedHeaders and Signature");
        }
        String keyId = m.group(1);
        String date = m.group(2);
        String region = m.group(3);
        String service = m.group(4);
        List<String> signedHeaders = List.of(m.group(5).split(";"));
        String signature = m.group(6);
        if (!keyId.equals(credentials.accessKeyId())) {
            return new Refused(Reason.UNKNOWN_KEY, Optional.of(service), "The security token included in the request is invalid.");
        }
        String amzDate = request.header("x-amz-date").orElse("");
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            return new Refused(Reason.MALFORMED, Optional.of(service), "X-Amz-Date header is missing or not in yyyyMMdd'T'HHmmss'Z' form");
        }
        Instant now = clock.instant();
        if (Duration.between(signedAt, now).abs().compareTo(SKEW) > 0) {
            return new Refused(Reason.EXPIRED, Optional.of(service), "Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
        }
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        byte[] key = signingKey(date, region, service);
        // S3 signs the path as sent; every other service signs it encoded once more
        List<String> paths = service.equals("s3") ? List.of(emptyAsSlash(request.rawPath()))
                : List.of(encodePath(emptyAsSlash(request.rawPath())), emptyAsSlash(request.rawPath()));
        for (String path : paths) {
            String canonical = canonicalRequest(request, path, signedHeaders);
            String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
            if (MessageDigest.isEqual(hex(hmac(key, toSign)).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
                return new Signed(service, region);
            }
        }
        return new Refused(Reason.BAD_SIGNATURE, Optional.of(service), "The request signature we calculated does not match the signature you provided. "
                + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }

    private String canonicalRequest(AwsHttpRequest request, String path, List<String> signedHeaders) {
        StringBuilder c = new StringBuilder(request.method()).append('\n').append(path).append('\n')
                .append(canonicalQuery(request.rawQuery())).append('\n');
        for (String name : signedHeaders) {
            String value = name.equals("host") ? request.header("host").orElse("") : request.header(name).orElse("");
            c.append(name).append(':').append(value.trim().replaceAll("\\s+", " ")).append('\n');
        }
        c.append('\n').append(String.join(";", signedHeaders)).append('\n');
        c.append(request.header("x-amz-content-sha256").orElseGet(() -> hex(sha256(request.body()))));
        return c.toString();
    }

    static String canonicalQuery(String rawQuery) {
        List<String[]> pairs = new ArrayList<>();
        for (Map.Entry<String, String> e : rawPairs(rawQuery)) {
            pairs.add(new String[] {encode(e.getKey()), encode(e.getValue())});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder q = new StringBuilder();
        for (String[] p : pairs) {
            if (q.length() > 0) {
                q.append('&');
            }
            q.append(p[0]).append('=').append(p[1]);
        }
        return q.toString();
    }

    private static List<Map.Entry<String, String>> rawPairs(String rawQuery) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return pairs;
        }
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                pairs.add(Map.entry(AwsHttpRequest.decode(eq < 0 ? pair : pair.substring(0, eq)),
                        eq < 0 ? "" : AwsHttpRequest.decode(pair.substring(eq + 1))));
            }
        }
        return pairs;
    }

    private static String emptyAsSlash(String path) {
        return path == null || path.isEmpty() ? "/" : path;
    }

    /** Each segment percent-encoded (RFC 3986 unreserved kept), slashes kept. */
    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (out.length() > 0 || path.startsWith("/")) {
                out.append('/');
            }
            out.append(encode(segment));
        }
        String s = out.toString();
        return s.startsWith("//") ? s.substring(1) : s;
    }

    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private byte[] signingKey(String date, String region, String service) {
        byte[] k = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, region);
        k = hmac(k, service);
        return hmac(k, "aws4_request");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
