package io.labbench.aws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Renders the JSON that the AWS CLI prints (as in the aws-cli examples under the fixtures) as the
 * query-protocol XML the service sends on the wire: {@code <ActionResponse><ActionResult>…}, lists
 * as {@code <member>} elements. This is how CloudFormation, ELBv2, STS and IAM answer.
 */
public final class QueryXml {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryXml() {
    }

    public static String response(String action, String namespace, String cliJson) {
        try {
            JsonNode root = JSON.readTree(cliJson);
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<")
                    .append(action).append("Response xmlns=\"").append(namespace).append("\"><")
                    .append(action).append("Result>");
            fields(root, xml);
            xml.append("</").append(action).append("Result><ResponseMetadata><RequestId>6c0e0bf8-0000-4000-8000-000000000000</RequestId></ResponseMetadata></")
                    .append(action).append("Response>");
            return xml.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fields(JsonNode object, StringBuilder xml) {
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()) {
                continue;
            }
            xml.append('<').append(field.getKey()).append('>');
            value(field.getValue(), xml);
            xml.append("</").append(field.getKey()).append('>');
        }
    }

    private static void value(JsonNode node, StringBuilder xml) {
        if (node.isObject()) {
            fields(node, xml);
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                xml.append("<member>");
                value(item, xml);
                xml.append("</member>");
            }
        } else {
            xml.append(node.asText().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
        }
    }

    /** The N-th (0-based) top-level JSON block of an aws-cli example file. */
    public static String cliExampleJson(String rst, int exampleIndex) {
        java.util.regex.Matcher open = java.util.regex.Pattern.compile("(?m)^\\s*\\{\\s*$").matcher(rst);
        int searchFrom = 0;
        for (int block = 0; open.find(searchFrom); block++) {
            int start = rst.indexOf('{', open.start());
            int depth = 0;
            int end = -1;
            for (int i = start; i < rst.length() && end < 0; i++) {
                char c = rst.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    end = i + 1;
                }
            }
            if (end < 0) {
                break;
            }
            if (block == exampleIndex) {
                return rst.substring(start, end);
            }
            searchFrom = end;
        }
        throw new IllegalArgumentException("no JSON block number " + exampleIndex);
    }
}
