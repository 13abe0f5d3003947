package io.labbench.labmodel.model;

/** Takes the value of {@code variable} from the output of {@code from}. */
public record Capture(String variable, CommandSource from, Extraction extraction) {
}
