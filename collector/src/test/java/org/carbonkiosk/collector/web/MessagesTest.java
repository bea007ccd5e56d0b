package org.carbonkiosk.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessagesTest {
    @Test
    void fromAcceptLanguage_picksTheFirstOfChineseOrEnglish() {
        assertThat(Messages.fromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo("zh");
        assertThat(Messages.fromAcceptLanguage("en-GB,zh;q=0.5")).isEqualTo("en");
        assertThat(Messages.fromAcceptLanguage("fr-FR,zh-TW;q=0.7")).isEqualTo("zh");
        assertThat(Messages.fromAcceptLanguage("fr-FR")).isEqualTo("en");
        assertThat(Messages.fromAcceptLanguage(null)).isEqualTo("en");
    }

    @Test
    void bothLanguages_haveTheSameKeys() throws Exception {
        assertThat(keys("zh").stringPropertyNames()).isEqualTo(keys("en").stringPropertyNames());
    }

    @Test
    void escaping_coversMarkupAndQuotes() {
        assertThat(Html.esc("<img src=x onerror=\"a\">'&")).isEqualTo("&lt;img src=x onerror=&quot;a&quot;&gt;&#39;&amp;");
        assertThat(Html.esc(null)).isEmpty();
    }

    private static Properties keys(String language) throws Exception {
        Properties p = new Properties();
        try (var in = Messages.class.getResourceAsStream("messages_" + language + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
