package io.labbench.aws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Renders aws-cli JSON output as EC2's own wire XML: element names in lowerCamelCase, lists as
 * {@code <item>}s, and a top-level list named {@code xxxSet} (InstanceTypes → instanceTypeSet).
 */
public final class Ec2Xml {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Ec2Xml() {
    }

    public static String response(String action, String cliJson, Map<String, String> topLevelListNames) {
        try {
            JsonNode root = JSON.readTree(cliJson);
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(action)
                    .append("Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>");
            Iterator<Map.Entry<String, JsonNode>> it = root.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = topLevelListNames.getOrDefault(field.getKey(), lower(field.getKey()));
                xml.append('<').append(name).append('>');
                value(field.getValue(), xml);
                xml.append("</").append(name).append('>');
            }
            return xml.append("</").append(action).append("Response>").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void value(JsonNode node, StringBuilder xml) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = lower(field.getKey());
                xml.append('<').append(name).append('>');
                value(field.getValue(), xml);
                xml.append("</").append(name).append('>');
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                xml.append("<item>");
                value(item, xml);
                xml.append("</item>");
            }
        } else {
            xml.append(node.asText());
        }
    }

    private static String lower(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
