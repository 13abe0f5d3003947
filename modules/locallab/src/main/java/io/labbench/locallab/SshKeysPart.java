package io.labbench.locallab;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.net.LabNode;
import io.labbench.locallab.net.LabTopology;
import io.labbench.locallab.parts.Part;
import io.labbench.locallab.ssh.ClientKeyGeneration;
import io.labbench.locallab.ssh.LabKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * The learner's key (from ssh-keygen, so it is a key OpenSSH writes) and the machines' host keys.
 * It needs no other part and runs from the first moment; ssh-keygen writes beside the lab folder,
 * which the leftovers part deletes.
 */
final class SshKeysPart implements Part {

    private final LabSettings settings;
    private final LabTopology topology;
    private volatile ClientKeyGeneration clientKey;
    private volatile LabKeys keys;

    SshKeysPart(LabSettings settings, LabTopology topology) {
        this.settings = settings;
        this.topology = topology;
    }

    @Override
    public String name() {
        return "ssh keys";
    }

    @Override
    public String description() {
        return "Generating the lab's SSH keys";
    }

    @Override
    public String stopDescription() {
        return "Removing ssh-keygen's scratch folder";
    }

    @Override
    public void start() throws IOException {
        ClientKeyGeneration generation = ClientKeyGeneration.begin(scratchDir(settings));
        clientKey = generation;
        try {
            keys = LabKeys.generate(topology.nodes().stream().map(LabNode::name).toList(), generation.await());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate the lab's SSH keys: " + e.getMessage(), e);
        }
    }

    LabKeys keys() {
        return keys;
    }

    @Override
    public void stop() throws IOException {
        ClientKeyGeneration generation = clientKey;
        if (generation != null) {
            generation.close();
        }
        LocalLab.deleteRecursively(scratchDir(settings));
    }

    /** Where ssh-keygen writes the client key while up runs; beside the lab folder, not in it. */
    static Path scratchDir(LabSettings settings) {
        return settings.stateRoot().resolve(settings.prefix() + "-ssh-keygen");
    }
}
