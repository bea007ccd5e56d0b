package org.carbonkiosk.agent.display;

/** The languages a kiosk speaks: {@code display.language=zh|en|both}. */
public enum Language {
    ZH, EN, BOTH;

    public static Language fromConfig(String value) {
        return switch (value) {
            case "zh" -> ZH;
            case "en" -> EN;
            case "both" -> BOTH;
            default -> throw new IllegalArgumentException("display.language must be zh, en or both");
        };
    }
}
