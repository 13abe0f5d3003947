package io.labbench.labmodel.model;

import java.util.List;

/** A numbered part of the lab ("2.2"), its steps in order. */
public record Section(String id, Text title, List<Step> steps) {
    public Section {
        steps = List.copyOf(steps);
    }
}
