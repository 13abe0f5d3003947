package io.labbench.netparse.model;

/** The first line {@code watch} prints: {@code Every 2.0s: COMMAND   HOST: DATE}. Empty fields when absent. */
public record WatchHeader(String interval, String command, String host, String time) {
    public static final WatchHeader NONE = new WatchHeader("", "", "", "");

    public boolean present() {
        return !interval.isEmpty();
    }
}
