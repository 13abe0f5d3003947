package io.labbench.localaws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request as it came off the wire: the raw (still percent-encoded) path and query, which SigV4
 * signs, headers under lower-case names, and the body with any {@code aws-chunked} framing removed.
 */
public record AwsHttpRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    public AwsHttpRequest {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.merge(k.toLowerCase(Locale.ROOT), List.copyOf(v), (a, b) -> {
            List<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return all;
        }));
        headers = Map.copyOf(lower);
        rawQuery = rawQuery == null ? "" : rawQuery;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
    }

    /** The decoded path, e.g. {@code /pkos-state/pkos.labbench.test/config}. */
    public String path() {
        return decode(rawPath.isEmpty() ? "/" : rawPath);
    }

    /** The decoded query parameters (a key without {@code =} maps to ""). */
    public Map<String, String> query() {
        return pairs(rawQuery);
    }

    /** Form fields of a query-protocol request ({@code Action=DescribeInstances&…}). */
    public Map<String, String> form() {
        String type = header("content-type").orElse("");
        Map<String, String> fields = new LinkedHashMap<>(query());
        if (type.startsWith("application/x-www-form-urlencoded")) {
            fields.putAll(pairs(bodyText()));
        }
        return fields;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    static Map<String, String> pairs(String encoded) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return pairs;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            pairs.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return pairs;
    }

    /** Path decoding: unlike a form, a {@code +} in a path is a plus sign. */
    static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
