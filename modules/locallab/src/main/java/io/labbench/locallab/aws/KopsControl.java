package io.labbench.locallab.aws;

import io.labbench.locallab.settings.LabSettings;
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

    /**
     * For a lab that runs inside another program (a test, a benchmark): that program owns the lab, so
     * kops can only say why it cannot re-roll or delete it.
     */
    static KopsControl insideAnotherProgram() {
        String why = "this lab runs inside another program, not as the lab daemon "
                + "(labbench lab up / the app), so kops cannot re-roll it; use that program's own settings";
        return new KopsControl() {
            @Override
            public void reroll(LabSettings next) throws IOException {
                throw new IOException(why);
            }

            @Override
            public void delete() throws IOException {
                throw new IOException(why);
            }

            @Override
            public Optional<String> unavailable() {
                return Optional.of(why);
            }
        };
    }
}
