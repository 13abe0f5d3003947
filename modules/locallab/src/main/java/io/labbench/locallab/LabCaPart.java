package io.labbench.locallab;

import io.labbench.locallab.inet.InternetStandIn;
import io.labbench.locallab.inet.LabCa;
import io.labbench.locallab.inet.LabCaStore;
import io.labbench.locallab.parts.Part;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.tls.Stored;
import java.io.IOException;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * The lab's certificate authority and the stand-in sites' certificate, in memory from the first moment
 * of {@code up} (it needs no other part), so that the internet stand-in, which comes after the network,
 * only writes their files. Read from the lab's key store when an earlier up kept usable ones (the JDK
 * alone, milliseconds); otherwise made (BouncyCastle, seconds of a busy machine's CPU) and kept. A
 * damaged kept file is logged naming it and replaced, never a failed up. Nothing to stop: the files go
 * with the lab folder; the key store stays.
 */
final class LabCaPart implements Part {

    private final LabSettings settings;
    private volatile LabCa ca;

    LabCaPart(LabSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "lab CA";
    }

    @Override
    public String description() {
        return "Reading the lab's certificate authority (made on its first up)";
    }

    @Override
    public void start() throws IOException {
        LabCaStore store = new LabCaStore(settings.keysDir());
        Stored<LabCa> kept = InternetStandIn.keptCa(InternetPart.standInDir(settings), store, Instant.now());
        if (kept instanceof Stored.Found<LabCa> found) {
            ca = found.value();
            return;
        }
        Logger log = Logger.getLogger(LabCaPart.class.getName());
        if (kept instanceof Stored.Damaged<LabCa>) {
            log.warning(() -> "the lab's kept CA is damaged (" + kept.describe() + "); making a new CA and stand-in certificate");
        } else {
            log.info(() -> "making a new lab CA: " + kept.describe());
        }
        LabCa made = InternetStandIn.prepareCa(InternetPart.standInDir(settings));
        store.save(made);
        ca = made;
    }

    /** The CA, once this part has started. */
    LabCa ca() {
        LabCa made = ca;
        if (made == null) {
            throw new IllegalStateException("the lab's CA is asked for before its part started");
        }
        return made;
    }
}
