package io.labbench.sessions.testing;

import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * The SFTP subsystem for {@link TestSshServer}, in a class of its own so that modules whose tests never
 * ask for SFTP do not need {@code sshd-sftp} on their class path.
 */
final class SftpSubsystem {

    private SftpSubsystem() {
    }

    /** Serves SFTP with {@code home} as both the root and the login directory (relative paths start there). */
    static void install(SshServer sshd, Path home) {
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(home));
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder().build()));
    }
}
