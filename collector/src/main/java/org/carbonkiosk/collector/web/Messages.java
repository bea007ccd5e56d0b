package org.carbonkiosk.collector.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/** The console's words in English and Chinese ({@code messages_en.properties}, {@code messages_zh.properties}). */
public final class Messages {
    private static final Map<String, Messages> ALL = Map.of("en", load("en"), "zh", load("zh"));
    private final String language;
    private final Properties words;

    private Messages(String language, Properties words) {
        this.language = language;
        this.words = words;
    }

    public static Messages of(String language) {
        return ALL.getOrDefault(language, ALL.get("en"));
    }

    /** "zh" or "en" from an {@code Accept-Language} header: the first of the two the browser lists. */
    public static String fromAcceptLanguage(String header) {
        if (header != null) {
            for (String part : header.split(",")) {
                String tag = part.split(";")[0].trim().toLowerCase(Locale.ROOT);
                if (tag.startsWith("zh")) {
                    return "zh";
                }
                if (tag.startsWith("en")) {
                    return "en";
                }
            }
        }
        return "en";
    }

    public String language() {
        return language;
    }

    /** The HTML {@code lang} attribute. */
    public String htmlLang() {
        return language.equals("zh") ? "zh-CN" : "en";
    }

    /** The word for {@code key}, with {@code {0}}, {@code {1}}... replaced by {@code args}; the key when missing. */
    public String t(String key, Object... args) {
        String s = words.getProperty(key);
        if (s == null) {
            s = ALL.get("en").words.getProperty(key, key);
        }
        for (int i = 0; i < args.length; i++) {
            s = s.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return s;
    }

    private static Messages load(String language) {
        Properties p = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream("messages_" + language + ".properties")) {
            if (in == null) {
                throw new IllegalStateException("messages_" + language + ".properties missing");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Messages(language, p);
    }
}
