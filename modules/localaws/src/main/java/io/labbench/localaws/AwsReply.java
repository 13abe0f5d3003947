package io.labbench.localaws;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What the endpoint sends back: status, content type, extra headers and body. */
public record AwsReply(int status, String contentType, Map<String, String> headers, byte[] body) {

    public static AwsReply xml(String xml) {
        return new AwsReply(200, "text/xml", Map.of(), xml.getBytes(StandardCharsets.UTF_8));
    }

    public static AwsReply xml(int status, String xml) {
        return new AwsReply(status, "text/xml", Map.of(), xml.getBytes(StandardCharsets.UTF_8));
    }

    public static AwsReply json(String json) {
        return new AwsReply(200, "application/x-amz-json-1.1", Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }

    public static AwsReply empty(int status) {
        return new AwsReply(status, "text/plain", Map.of(), new byte[0]);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
