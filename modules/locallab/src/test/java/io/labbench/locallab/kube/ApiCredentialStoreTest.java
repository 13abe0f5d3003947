package io.labbench.locallab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.tls.Pem;
import io.labbench.locallab.tls.Stored;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API server's CA and serving certificate kept between ups: the next up serves with the same ones and
 * a new token; the CA's key is never written; expiring, renamed-cluster and damaged files mean new ones.
 */
class ApiCredentialStoreTest {

    private static final String CLUSTER = "pkos.labbench.test";

    @TempDir
    Path dir;

    @Test
    void theNextUpServesTheKeptCertificatesWithANewToken() throws Exception {
        ApiCredentialStore store = new ApiCredentialStore(dir.resolve("lbt-keys"));
        ApiCredentials first = store.keptOrNew(CLUSTER);

        ApiCredentials second = store.keptOrNew(CLUSTER);

        assertThat(second.caPem()).isEqualTo(first.caPem());
        assertThat(second.serverCertPem()).isEqualTo(first.serverCertPem());
        assertThat(second.serverKeyPem()).isEqualTo(first.serverKeyPem());
        assertThat(second.token()).isNotEqualTo(first.token()).hasSizeGreaterThan(40);
        assertThat(second.acceptsToken(first.token())).isFalse();
        // the token and the CA's key are not on disk: nothing kept can admit a client or sign for the server
        try (var files = Files.list(store.dir())) {
            for (Path f : files.toList()) {
                String text = Files.readString(f);
                assertThat(text).doesNotContain(first.token()).doesNotContain(second.token());
            }
        }
        assertThat(store.dir().resolve("api-ca.key")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.dir().resolve(ApiCredentialStore.SERVER_KEY))))
                .isEqualTo("rw-------");
        // and Vert.x can serve with what was read back
        assertThat(LoopbackHttpServer.keyManagers(second).getKeyManagers()).isNotEmpty();
    }

    @Test
    void expiringOrRenamedOrDamagedMeansNewCertificates() throws Exception {
        ApiCredentialStore store = new ApiCredentialStore(dir.resolve("lbt-keys"));
        ApiCredentials first = store.keptOrNew(CLUSTER);

        assertThat(store.load(CLUSTER, Instant.now().plus(ApiCredentials.VALIDITY).minus(Duration.ofDays(10))))
                .isInstanceOf(Stored.Renew.class);
        assertThat(store.load("other.example.test", Instant.now())).isInstanceOf(Stored.Renew.class);

        Path cert = store.dir().resolve(ApiCredentialStore.SERVER_CERT);
        Files.writeString(cert, "not a certificate\n");
        Stored<ApiCredentials> damaged = store.load(CLUSTER, Instant.now());
        assertThat(damaged).isInstanceOf(Stored.Damaged.class);
        assertThat(damaged.describe()).contains(cert.toString()).contains("PEM certificate");

        // keptOrNew replaces the damaged file (no exception), and the new certificate is kept for the next up
        ApiCredentials renewed = store.keptOrNew(CLUSTER);
        assertThat(renewed.caPem()).isNotEqualTo(first.caPem());
        Pem.certificate(renewed.serverCertPem()).verify(Pem.certificate(renewed.caPem()).getPublicKey());
        assertThat(store.keptOrNew(CLUSTER).serverCertPem()).isEqualTo(renewed.serverCertPem());
    }
}
