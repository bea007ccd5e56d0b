package org.carbonkiosk.collector.web;

/** HTML escaping and a tiny builder: every piece of text passes through {@link #esc(String)}. */
public final class Html {
    private final StringBuilder out = new StringBuilder(4096);

    /** Escapes text for element content and quoted attribute values. */
    public static String esc(Object value) {
        String s = value == null ? "" : String.valueOf(value);
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Markup written by this code (never data). */
    public Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** Text, escaped. */
    public Html text(Object value) {
        out.append(esc(value));
        return this;
    }

    /** {@code <tag attrs>text</tag>} with the text escaped; {@code attrs} is markup written by this code. */
    public Html el(String tag, String attrs, Object text) {
        out.append('<').append(tag);
        if (!attrs.isEmpty()) {
            out.append(' ').append(attrs);
        }
        out.append('>').append(esc(text)).append("</").append(tag).append('>');
        return this;
    }

    public Html el(String tag, Object text) {
        return el(tag, "", text);
    }

    /** A hidden form field. */
    public Html hidden(String name, String value) {
        out.append("<input type=\"hidden\" name=\"").append(esc(name)).append("\" value=\"").append(esc(value))
                .append("\">");
        return this;
    }

    /** A link; {@code href} is escaped. */
    public Html link(String href, Object text) {
        out.append("<a href=\"").append(esc(href)).append("\">").append(esc(text)).append("</a>");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
