package io.labbench.labmodel.engine;

import java.time.Instant;

/**
 * One piece of homework evidence: a transcript excerpt or watch snapshot ({@code text}), or an image
 * saved in the workspace ({@code file}, relative to the workspace folder, empty for text evidence).
 */
public record Evidence(String kind, String title, String text, String file, Instant at) {
    public static final String TRANSCRIPT = "transcript";
    public static final String WATCH = "watch";
    public static final String IMAGE = "image";
}
