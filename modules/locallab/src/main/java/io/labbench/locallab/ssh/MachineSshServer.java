package io.labbench.locallab.ssh;

import java.io.Closeable;
import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;

/** One machine's SSH server: host loopback, a port the system picks, the lab's key only. */
public final class MachineSshServer implements Closeable {

    private final SshServer server;
    private final MachineShell shell;
    private final MachineNamespaces namespaces;

    private MachineSshServer(SshServer server, MachineShell shell, MachineNamespaces namespaces) {
        this.server = server;
        this.shell = shell;
        this.namespaces = namespaces;
    }

    public static MachineSshServer start(MachineShell shell, KeyPair hostKey, PublicKey clientKey) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        // MINA writes each SSH packet as its own TCP write. Without TCP_NODELAY, the packets that end a
        // command (EOF, exit status, close) waited behind Nagle's algorithm for the client's delayed ACK,
        // ~33 ms on every command a watch panel polls. OpenSSH's sshd sends them in one write.
        CoreModuleProperties.TCP_NODELAY.set(server, true);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, clientKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        MachineNamespaces namespaces = new MachineNamespaces(shell);
        server.setShellFactory(channel -> new MachineShellCommand(shell, namespaces, Optional.empty()));
        server.setCommandFactory((channel, command) -> new MachineShellCommand(shell, namespaces, Optional.of(command)));
        server.start();
        return new MachineSshServer(server, shell, namespaces);
    }

    public int port() {
        return server.getPort();
    }

    public MachineShell shell() {
        return shell;
    }

    @Override
    public void close() throws IOException {
        try {
            server.stop(true);
        } finally {
            namespaces.close();
        }
    }
}
