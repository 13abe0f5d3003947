package io.labbench.labmodel.engine;

import java.time.Instant;

/** The last result of one check of a step, as saved in the workspace. */
public record CheckRecord(int index, boolean passed, String why, Instant at) {
}
