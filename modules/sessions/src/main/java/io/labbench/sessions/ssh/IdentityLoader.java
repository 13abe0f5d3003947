package io.labbench.sessions.ssh;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.UnixDomainSocketFactory;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Vector;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives a JSch instance the keys for one target: its key files (asking for the passphrase of an
 * encrypted key at most once per run of the app; the answer stays in this object's memory and is
 * wiped on {@link #forgetPassphrases()}), then the keys ssh-agent holds.
 */
public final class IdentityLoader {

    private static final int PASSPHRASE_ATTEMPTS = 3;

    private final PassphrasePrompt prompt;
    private final Map<Path, byte[]> passphrases = new ConcurrentHashMap<>();

    public IdentityLoader(PassphrasePrompt prompt) {
        this.prompt = prompt;
    }

    /** Adds the usable keys to {@code jsch}; returns a sentence per key that was skipped and why. */
    List<String> load(JSch jsch, List<Path> keyFiles, Optional<Path> agentSocket) throws JSchException {
        List<String> skipped = new ArrayList<>();
        for (Path keyFile : keyFiles) {
            if (!Files.isReadable(keyFile)) {
                skipped.add(keyFile + " does not exist or is not readable");
                continue;
            }
            KeyPair pair;
            try {
                pair = KeyPair.load(jsch, keyFile.toString());
            } catch (JSchException e) {
                skipped.add(keyFile + " is not a private key JSch can read (" + e.getMessage() + ")");
                continue;
            }
            try {
                if (!pair.isEncrypted()) {
                    jsch.addIdentity(keyFile.toString());
                    continue;
                }
                Optional<byte[]> passphrase = passphraseFor(keyFile, pair);
                if (passphrase.isEmpty()) {
                    skipped.add(keyFile + " is encrypted and no right passphrase was given");
                    continue;
                }
                jsch.addIdentity(keyFile.toString(), passphrase.get().clone());
            } finally {
                pair.dispose();
            }
        }
        if (agentSocket.isPresent() && Files.exists(agentSocket.get())) {
            try {
                AgentIdentityRepository agent = new AgentIdentityRepository(
                        new SSHAgentConnector(new UnixDomainSocketFactory(), agentSocket.get()));
                jsch.setIdentityRepository(new FilesThenAgent(jsch.getIdentityRepository(), agent));
            } catch (AgentProxyException e) {
                skipped.add("ssh-agent at " + agentSocket.get() + " cannot be reached (" + e.getMessage() + ")");
            }
        }
        return skipped;
    }

    private Optional<byte[]> passphraseFor(Path keyFile, KeyPair pair) {
        byte[] known = passphrases.get(keyFile);
        if (known != null && pair.decrypt(known.clone())) {
            return Optional.of(known);
        }
        // Asking is serialised so two endpoints sharing a key do not both pop a dialog.
        synchronized (this) {
            known = passphrases.get(keyFile);
            if (known != null && pair.decrypt(known.clone())) {
                return Optional.of(known);
            }
            for (int attempt = 1; attempt <= PASSPHRASE_ATTEMPTS; attempt++) {
                Optional<char[]> answer = prompt.passphraseFor(keyFile, attempt);
                if (answer.isEmpty()) {
                    return Optional.empty();
                }
                byte[] bytes = toUtf8(answer.get());
                Arrays.fill(answer.get(), '\0');
                if (pair.decrypt(bytes.clone())) {
                    passphrases.put(keyFile, bytes);
                    return Optional.of(bytes);
                }
                Arrays.fill(bytes, (byte) 0);
            }
            return Optional.empty();
        }
    }

    /** Wipes every remembered passphrase. */
    public void forgetPassphrases() {
        passphrases.values().forEach(bytes -> Arrays.fill(bytes, (byte) 0));
        passphrases.clear();
    }

    private static byte[] toUtf8(char[] chars) {
        var buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }

    /** Key files first (they are what the user named), then whatever the agent offers. */
    private static final class FilesThenAgent implements IdentityRepository {
        private final IdentityRepository files;
        private final IdentityRepository agent;

        FilesThenAgent(IdentityRepository files, IdentityRepository agent) {
            this.files = files;
            this.agent = agent;
        }

        @Override
        public String getName() {
            return "files+ssh-agent";
        }

        @Override
        public int getStatus() {
            return RUNNING;
        }

        @Override
        public Vector<Identity> getIdentities() {
            Vector<Identity> all = new Vector<>(files.getIdentities());
            if (agent.getStatus() != UNAVAILABLE) {
                all.addAll(agent.getIdentities());
            }
            return all;
        }

        @Override
        public boolean add(byte[] identity) {
            return files.add(identity);
        }

        @Override
        public boolean remove(byte[] blob) {
            return files.remove(blob);
        }

        @Override
        public void removeAll() {
            files.removeAll();
        }
    }
}
