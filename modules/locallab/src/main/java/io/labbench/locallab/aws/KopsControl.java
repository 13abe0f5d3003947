package io.labbench.locallab.aws;

import io.labbench.locallab.LabSettings;
import java.io.IOException;
import java.util.Optional;

/** What re-rolls or stops the lab for kops (the lab's daemon cannot replace itself, so this acts from outside it). */
public interface KopsControl {

    /** Starts replacing the lab with {@code next}; this process ends in the course of it. */
    void reroll(LabSettings next) throws IOException;

    /** Starts stopping the lab ({@code kops delete cluster --yes}). */
    void delete() throws IOException;

    /** Why this lab cannot be re-rolled from kops-ec2, when it cannot. */
    Optional<String> unavailable();
}
