package io.labbench.locallab.inet;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.tls.Stored;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab CA kept between ups: the next up uses the same CA and sites' certificate (and can still issue);
 * one near its end, for other names, with a file missing or damaged is made again, never a failed up.
 */
class LabCaStoreTest {

    private static final List<String> SITES = List.of("ipinfo.io", "wttr.in");

    @TempDir
    Path dir;

    @Test
    void theCaKeptAtOneUpIsTheCaTheNextUpReadsAndItStillIssues() throws Exception {
        LabCaStore store = new LabCaStore(dir.resolve("lbt-keys"));
        assertThat(store.load(dir.resolve("tls"), SITES, Instant.now())).isInstanceOf(Stored.Renew.class);
        LabCa made = LabCa.prepare(dir.resolve("tls"), SITES);
        store.save(made);

        Stored<LabCa> kept = store.load(dir.resolve("tls2"), SITES, Instant.now());

        LabCa read = ((Stored.Found<LabCa>) kept).value();
        assertThat(read.caCertificatePem()).isEqualTo(made.caCertificatePem());
        assertThat(read.site().certificatePem()).isEqualTo(made.site().certificatePem());
        read.writeFiles();
        assertThat(Files.readString(read.certificate())).isEqualTo(made.site().certificatePem());
        assertThat(read.key()).startsWith(dir.resolve("tls2"));
        // the read CA signs what the lab's ACM issues, and the issued chain ends at the same CA
        var issued = read.issue(List.of("www.example.test"));
        var leaf = io.labbench.locallab.tls.Pem.certificate(issued.certificatePem());
        leaf.verify(made.caCertificateObject().getPublicKey());
        assertThat(issued.chainPem()).isEqualTo(made.caCertificatePem());
        // only the owner can read the kept keys
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.dir()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.dir().resolve(LabCaStore.CA_KEY))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.dir().resolve(LabCaStore.SITE_KEY))))
                .isEqualTo("rw-------");
    }

    @Test
    void aCaNearItsEndOrForOtherNamesIsMadeAgain() throws Exception {
        LabCaStore store = new LabCaStore(dir.resolve("lbt-keys"));
        store.save(LabCa.prepare(dir.resolve("tls"), SITES));

        Stored<LabCa> late = store.load(dir.resolve("tls"), SITES, Instant.now().plus(LabCa.VALIDITY).minus(Duration.ofDays(6)));
        Stored<LabCa> otherSites = store.load(dir.resolve("tls"), List.of("ipinfo.io"), Instant.now());

        assertThat(late).isInstanceOf(Stored.Renew.class);
        assertThat(late.describe()).contains("less than 7 days");
        assertThat(otherSites).isInstanceOf(Stored.Renew.class);
        assertThat(store.load(dir.resolve("tls"), SITES, Instant.now().plus(Duration.ofDays(20)))).isInstanceOf(Stored.Found.class);
    }

    @Test
    void aDamagedOrMissingFileIsNamedWithWhatWasExpected() throws Exception {
        LabCaStore store = new LabCaStore(dir.resolve("lbt-keys"));
        store.save(LabCa.prepare(dir.resolve("tls"), SITES));
        Path key = store.dir().resolve(LabCaStore.CA_KEY);

        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n");
        Stored<LabCa> garbled = store.load(dir.resolve("tls"), SITES, Instant.now());

        assertThat(garbled).isInstanceOf(Stored.Damaged.class);
        assertThat(((Stored.Damaged<LabCa>) garbled).file()).isEqualTo(key);
        assertThat(garbled.describe()).contains(key.toString()).contains("PKCS#8");

        // a key that is valid but another CA's: the pair check names the key file
        LabCa other = LabCa.prepare(dir.resolve("tls"), SITES);
        Files.writeString(key, io.labbench.locallab.tls.Pem.of(other.caKeys().getPrivate()));
        Stored<LabCa> swapped = store.load(dir.resolve("tls"), SITES, Instant.now());
        assertThat(swapped).isInstanceOf(Stored.Damaged.class);
        assertThat(swapped.describe()).contains(key.toString()).contains("does not belong");

        Files.delete(store.dir().resolve(LabCaStore.SITE_CERT));
        Stored<LabCa> missing = store.load(dir.resolve("tls"), SITES, Instant.now());
        assertThat(missing).isInstanceOf(Stored.Damaged.class);
        assertThat(missing.describe()).contains(LabCaStore.SITE_CERT).contains("missing");

        // a new CA replaces the damaged files, and is what the next up reads
        LabCa fresh = LabCa.prepare(dir.resolve("tls"), SITES);
        store.save(fresh);
        Stored<LabCa> again = store.load(dir.resolve("tls"), SITES, Instant.now());
        assertThat(((Stored.Found<LabCa>) again).value().caCertificatePem()).isEqualTo(fresh.caCertificatePem());
    }
}
