package io.labbench.locallab;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.net.LabNode;
import io.labbench.locallab.net.LabTopology;
import io.labbench.locallab.parts.Part;
import io.labbench.locallab.ssh.ClientKeyGeneration;
import io.labbench.locallab.ssh.LabKeyStore;
import io.labbench.locallab.ssh.LabKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;

/**
 * The learner's key (from ssh-keygen, so it is a key OpenSSH writes) and the machines' host keys: made on
 * the first up and kept in the lab's {@link LabKeyStore}, read from there on later ups.
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
        return "Reading the lab's SSH keys (made on its first up)";
    }

    @Override
    public String stopDescription() {
        return "Removing ssh-keygen's scratch folder";
    }

    @Override
    public void start() throws IOException {
        List<String> machines = topology.nodes().stream().map(LabNode::name).toList();
        LabKeyStore store = store(settings);
        Optional<LabKeys> stored = store.load(machines);
        if (stored.isPresent()) {
            keys = stored.get();
            return;
        }
        ClientKeyGeneration generation = ClientKeyGeneration.begin(scratchDir(settings));
        clientKey = generation;
        try {
            keys = LabKeys.generate(machines, generation.await());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate the lab's SSH keys: " + e.getMessage(), e);
        }
        store.save(keys, machines);
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

    /**
     * Where the keys stay between ups: beside the lab folder, which {@code down} deletes, so a second
     * {@code up} skips making them (seconds of ssh-keygen on a busy machine).
     */
    static LabKeyStore store(LabSettings settings) {
        return new LabKeyStore(settings.keysDir());
    }

    /** Where ssh-keygen writes the client key while up runs; beside the lab folder, not in it. */
    static Path scratchDir(LabSettings settings) {
        return settings.stateRoot().resolve(settings.prefix() + "-ssh-keygen");
    }
}
