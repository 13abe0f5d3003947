package io.labbench.sessions.local;

import io.labbench.sessions.LocalShellEndpoint;
import io.labbench.sessions.RemoteFileException;
import io.labbench.sessions.RemoteFileException.Reason;
import io.labbench.sessions.RemoteFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** A local endpoint's files are this machine's: relative paths start where its shell starts (the home folder by default). */
public final class LocalFiles implements RemoteFiles {

    private final LocalShellEndpoint endpoint;

    public LocalFiles(LocalShellEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public String endpointName() {
        return endpoint.name();
    }

    @Override
    public byte[] read(String path, int maxBytes, Duration timeout) throws RemoteFileException {
        Path home = Path.of(System.getProperty("user.home"));
        Path file = path.startsWith("~/") ? home.resolve(path.substring(2)) : endpoint.workingDir().orElse(home).resolve(path);
        String where = file + " (endpoint " + endpoint.name() + ")";
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new RemoteFileException(Reason.TOO_LARGE, "Did not read " + where + ": it has more than " + maxBytes + " bytes");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new RemoteFileException(Reason.NOT_FOUND, "There is no " + where, e);
        } catch (AccessDeniedException e) {
            throw new RemoteFileException(Reason.PERMISSION_DENIED, "Could not read " + where + ": permission denied", e);
        } catch (IOException e) {
            throw new RemoteFileException(Reason.FAILED, "Could not read " + where + ": " + e.getMessage(), e);
        }
    }
}
