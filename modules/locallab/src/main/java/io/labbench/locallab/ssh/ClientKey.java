package io.labbench.locallab.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * The learner's {@code id_rsa}: the public half the lab's SSH servers accept, and the private half
 * as the OpenSSH key file the clients read. The lab never signs with it, so it keeps only the file.
 */
public record ClientKey(PublicKey publicKey, byte[] openSshPrivateKey) {

    static final String COMMENT = "labbench-local-lab";

    /** A key pair made in this JVM, written in OpenSSH's format. */
    static ClientKey of(KeyPair pair) throws IOException {
        ByteArrayOutputStream pem = new ByteArrayOutputStream();
        try {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, COMMENT, null, pem);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encode the lab's SSH key: " + e.getMessage(), e);
        }
        return new ClientKey(pair.getPublic(), pem.toByteArray());
    }
}
