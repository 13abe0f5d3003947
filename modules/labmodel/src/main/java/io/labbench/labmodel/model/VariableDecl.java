package io.labbench.labmodel.model;

import java.util.Optional;

/** A variable the lab declares up front: shown and editable in the wizard, masked in exports if secret. */
public record VariableDecl(String name, Text description, Optional<String> defaultValue, boolean secret) {
}
