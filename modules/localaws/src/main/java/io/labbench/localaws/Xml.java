package io.labbench.localaws;

/**
 * A small XML writer for the AWS answers: elements in the order written, text escaped. Empty values
 * are left out ({@link #opt}) the way AWS omits unset fields.
 */
public final class Xml {

    private final StringBuilder out = new StringBuilder();

    public static Xml document() {
        Xml xml = new Xml();
        xml.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        return xml;
    }

    public Xml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    public Xml open(String name, String xmlns) {
        out.append('<').append(name).append(" xmlns=\"").append(xmlns).append("\">");
        return this;
    }

    public Xml close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    public Xml el(String name, Object value) {
        out.append('<').append(name).append('>').append(escape(String.valueOf(value))).append("</").append(name).append('>');
        return this;
    }

    /** An element only when the value is non-null and non-empty. */
    public Xml opt(String name, Object value) {
        return value == null || String.valueOf(value).isEmpty() ? this : el(name, value);
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
