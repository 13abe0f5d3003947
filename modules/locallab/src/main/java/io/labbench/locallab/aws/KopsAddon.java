package io.labbench.locallab.aws;

import java.io.IOException;
import java.util.Optional;

/** A kOps add-on the Cluster document switches on or off; {@code kops update cluster --yes} applies it. */
interface KopsAddon {

    /** What {@code kops update cluster} would do now: a line for its "Will modify resources" list, if anything. */
    Optional<String> pending(String clusterYaml) throws IOException;

    /** Creates or removes the add-on's objects to match the Cluster document. */
    void apply(String clusterYaml) throws IOException;

    /** The add-on's name in kOps's messages. */
    String name();
}
