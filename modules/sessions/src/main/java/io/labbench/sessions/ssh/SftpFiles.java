package io.labbench.sessions.ssh;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import io.labbench.sessions.CommandException;
import io.labbench.sessions.RemoteFileException;
import io.labbench.sessions.RemoteFileException.Reason;
import io.labbench.sessions.RemoteFiles;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Reads files over an SFTP channel of the endpoint's shared connection (no new handshake, the same
 * ProxyJump path as its terminals). SFTP has no {@code ~}: relative paths start in the login
 * directory, so {@code ~/} is simply dropped.
 */
public final class SftpFiles implements RemoteFiles {

    private final SshConnection connection;

    public SftpFiles(SshConnection connection) {
        this.connection = connection;
    }

    @Override
    public String endpointName() {
        return connection.endpointName();
    }

    @Override
    public byte[] read(String path, int maxBytes, Duration timeout) throws RemoteFileException {
        String where = path + " on " + endpointName();
        Session session;
        try {
            session = connection.sessionForCommand(timeout);
        } catch (CommandException e) {
            throw new RemoteFileException(Reason.NOT_CONNECTED, "Could not read " + where + ": " + e.getMessage(), e);
        }
        ChannelSftp sftp;
        try {
            sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect((int) Math.max(1, timeout.toMillis()));
        } catch (JSchException e) {
            if (!session.isConnected()) {
                throw new RemoteFileException(Reason.NOT_CONNECTED, "Could not read " + where + ": the connection went down", e);
            }
            throw new RemoteFileException(Reason.NO_SFTP, "Could not read " + where + ": the server offers no SFTP ("
                    + e.getMessage() + "). Enable the sftp subsystem in its sshd_config.", e);
        }
        try {
            String relative = path.startsWith("~/") ? path.substring(2) : path;
            SftpATTRS attrs = sftp.stat(relative);
            if (attrs.isDir()) {
                throw new RemoteFileException(Reason.NOT_FOUND, "Could not read " + where + ": it is a directory");
            }
            if (attrs.getSize() > maxBytes) {
                throw new RemoteFileException(Reason.TOO_LARGE, "Did not read " + where + ": it has " + attrs.getSize()
                        + " bytes, more than the " + maxBytes + " expected");
            }
            try (InputStream in = sftp.get(relative)) {
                byte[] bytes = in.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw new RemoteFileException(Reason.TOO_LARGE, "Did not read " + where + ": it grew past " + maxBytes + " bytes");
                }
                return bytes;
            }
        } catch (SftpException e) {
            throw switch (e.id) {
                case ChannelSftp.SSH_FX_NO_SUCH_FILE -> new RemoteFileException(Reason.NOT_FOUND, "There is no " + where, e);
                case ChannelSftp.SSH_FX_PERMISSION_DENIED -> new RemoteFileException(Reason.PERMISSION_DENIED,
                        "Could not read " + where + ": permission denied for its SSH user", e);
                default -> new RemoteFileException(Reason.FAILED, "Could not read " + where + ": " + e.getMessage(), e);
            };
        } catch (IOException e) {
            throw new RemoteFileException(session.isConnected() ? Reason.FAILED : Reason.NOT_CONNECTED,
                    "Could not read " + where + ": " + e.getMessage(), e);
        } finally {
            sftp.disconnect();
        }
    }
}
