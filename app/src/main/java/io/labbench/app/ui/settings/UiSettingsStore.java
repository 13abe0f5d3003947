package io.labbench.app.ui.settings;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.labbench.storage.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads and writes {@link UiSettings} as JSON. Writes go to a temporary file that is then moved over
 * the real one, so a crash mid-write never leaves a half-written settings file behind.
 */
public final class UiSettingsStore {


    private final Path file;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public UiSettingsStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The saved settings, or defaults when there are none or the file cannot be read (the reason is logged). */
    public UiSettings load() {
        return tryLoad().result();
    }

    /** Like {@link #load()}, but says why the defaults were used. */
    public LoadOutcome tryLoad() {
        if (!Files.exists(file)) {
            return new LoadOutcome(UiSettings.defaults(), Optional.empty());
        }
        try {
            return new LoadOutcome(json.readValue(file.toFile(), UiSettings.class), Optional.empty());
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String problem = file + ":" + (where == null ? "?" : where.getLineNr()) + ": "
                    + e.getOriginalMessage() + " (expected the settings JSON LabBench writes;"
                    + " delete the file to start from defaults)";
            log().warning(problem);
            return new LoadOutcome(UiSettings.defaults(), Optional.of(problem));
        } catch (IOException e) {
            String problem = file + ": cannot read settings (" + e.getMessage() + "); using defaults";
            log().warning(problem);
            return new LoadOutcome(UiSettings.defaults(), Optional.of(problem));
        }
    }

    /** Saves atomically; a failure is logged and otherwise ignored because losing layout is not worth a crash. */
    public boolean save(UiSettings settings) {
        try {
            AtomicFileWriter.write(file, json.writeValueAsBytes(settings));
            return true;
        } catch (IOException e) {
            log().log(Level.WARNING, "Cannot save window settings to " + file + ": " + e.getMessage()
                    + " (check that the folder is writable)");
            return false;
        }
    }

    /** The settings read, and the problem that made them defaults if there was one. */
    public record LoadOutcome(UiSettings result, Optional<String> problem) {
    }

    // Fetched when a message is logged, not when the class loads: this class runs before the first frame, and the
    // first java.util.logging use looks for a logging back-end in every jar on the class path (DesktopLauncher says
    // which thread does that instead).
    private static Logger log() {
        return Logger.getLogger(UiSettingsStore.class.getName());
    }
}
