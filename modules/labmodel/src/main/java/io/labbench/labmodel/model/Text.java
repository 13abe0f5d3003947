package io.labbench.labmodel.model;

/** A text shown to the learner, in Korean and English (both are required by the format). */
public record Text(String ko, String en) {
    public Text {
        ko = ko == null ? "" : ko;
        en = en == null ? "" : en;
    }

    public String in(Language language) {
        return language == Language.KO ? ko : en;
    }

    public static Text both(String same) {
        return new Text(same, same);
    }
}
