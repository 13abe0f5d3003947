package io.labbench.labmodel.model;

import io.labbench.cluster.Backend;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A whole guided lab as loaded from one YAML file. */
public record Lab(String id, int version, Text title, Text summary, Set<Backend> backends,
                  List<VariableDecl> variables, List<Section> sections, Path source) {
    public Lab {
        backends = Set.copyOf(backends);
        variables = List.copyOf(variables);
        sections = List.copyOf(sections);
    }

    public Optional<Step> step(String stepId) {
        return sections.stream().flatMap(s -> s.steps().stream()).filter(s -> s.id().equals(stepId)).findFirst();
    }

    public Optional<Section> sectionOf(String stepId) {
        return sections.stream().filter(s -> s.steps().stream().anyMatch(st -> st.id().equals(stepId))).findFirst();
    }

    public List<Step> allSteps() {
        return sections.stream().flatMap(s -> s.steps().stream()).toList();
    }

    public Optional<VariableDecl> variable(String name) {
        return variables.stream().filter(v -> v.name().equals(name)).findFirst();
    }
}
