package io.labbench.locallab;

import io.labbench.locallab.inet.InternetStandIn;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.inet.LabCa;
import io.labbench.locallab.parts.Part;
import java.io.IOException;

/**
 * The lab's certificate authority and the stand-in sites' certificate, made in memory from the first
 * moment of {@code up} (it needs no other part), so that the internet stand-in, which comes after the
 * network, only writes their files. Nothing to stop: the files go with the lab folder.
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
        return "Making the lab's certificate authority";
    }

    @Override
    public void start() throws IOException {
        ca = InternetStandIn.prepareCa(InternetPart.standInDir(settings));
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
