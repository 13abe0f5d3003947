package io.labbench.app.watch;

/** The size of the tiny line of a counter's recent rates drawn beside it (scaled to its own maximum). */
final class Sparkline {

    static final double WIDTH = 48;
    static final double HEIGHT = 12;

    private Sparkline() {
    }
}
