package io.labbench.locallab;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.storage.AtomicFileWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The learner's choices for the next {@code up} (instance types per node group, prefix delegation
 * with kubelet maxPods), kept beside the labs' folders as {@code <prefix>-settings.properties}. It
 * outlives {@code down}, which deletes the lab's own folder, so a re-rolled lab starts the same way
 * next time, as a cluster edited with {@code kops edit cluster} stays edited.
 */
public final class LabSettingsFile {

    private static final String CONTROL_PLANE = "controlPlaneInstanceType";
    private static final String NODES = "nodesInstanceType";
    private static final String PREFIX_DELEGATION = "prefixDelegation";
    private static final String MAX_PODS = "kubeletMaxPods";

    /** What was read: the settings to use, and why the file was ignored if it was. */
    public record Loaded(LabSettings settings, Optional<String> problem) {
    }

    private LabSettingsFile() {
    }

    public static Path file(LabSettings settings) {
        return settings.stateRoot().resolve(settings.prefix() + "-settings.properties");
    }

    /**
     * {@code base} with the saved choices applied. A file that cannot be read or names a type the lab
     * does not know leaves {@code base} as it is and says so: the lab must still start.
     */
    public static Loaded load(LabSettings base) {
        Path file = file(base);
        if (!Files.isRegularFile(file)) {
            return new Loaded(base, Optional.empty());
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
            LabSettings settings = base.withInstanceTypes(
                    p.getProperty(CONTROL_PLANE, base.controlPlaneInstanceType()).trim(),
                    p.getProperty(NODES, base.nodesInstanceType()).trim());
            if (Boolean.parseBoolean(p.getProperty(PREFIX_DELEGATION, "false").trim())) {
                settings = settings.withPrefixDelegation(Integer.parseInt(p.getProperty(MAX_PODS, "110").trim()));
            } else {
                settings = settings.withoutPrefixDelegation().withKubeletMaxPods(Integer.parseInt(p.getProperty(MAX_PODS, "0").trim()));
            }
            return new Loaded(settings, Optional.empty());
        } catch (IOException | IllegalArgumentException e) {
            return new Loaded(base, Optional.of("The saved local lab settings " + file + " were ignored (" + e.getMessage()
                    + "); the lab starts with the study's defaults. Choose again in Lab > Local lab settings."));
        }
    }

    /** Saves the choices of {@code settings} (written to a temporary file first, so a crash never leaves half a file). */
    public static void save(LabSettings settings) throws IOException {
        Properties p = new Properties();
        p.setProperty(CONTROL_PLANE, settings.controlPlaneInstanceType());
        p.setProperty(NODES, settings.nodesInstanceType());
        p.setProperty(PREFIX_DELEGATION, Boolean.toString(settings.prefixDelegation()));
        p.setProperty(MAX_PODS, Integer.toString(settings.kubeletMaxPods()));
        StringWriter text = new StringWriter();
        p.store(text, "LabBench local lab settings, applied on the next lab up (Lab > Local lab settings)");
        AtomicFileWriter.writeString(file(settings), text.toString());
    }
}
