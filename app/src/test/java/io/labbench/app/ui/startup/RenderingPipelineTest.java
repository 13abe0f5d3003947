package io.labbench.app.ui.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderingPipelineTest {

    @TempDir
    Path dev;

    @Test
    void aMachineWithoutGraphicsDevicesGetsTheSoftwarePipeline() throws IOException {
        Files.createDirectories(dev.resolve("dri/by-path"));
        Files.createFile(dev.resolve("null"));

        assertThat(RenderingPipeline.softwareOnly(dev)).hasValueSatisfying(why -> assertThat(why).contains("dri"));
    }

    @Test
    void aRenderNodeOrACardLeavesTheChoiceToJavaFx() throws IOException {
        Files.createDirectories(dev.resolve("dri"));
        Files.createFile(dev.resolve("dri/renderD128"));
        assertThat(RenderingPipeline.softwareOnly(dev)).isEmpty();

        Files.delete(dev.resolve("dri/renderD128"));
        Files.createFile(dev.resolve("dri/card0"));
        assertThat(RenderingPipeline.softwareOnly(dev)).isEmpty();
    }

    @Test
    void anNvidiaDeviceLeavesTheChoiceToJavaFx() throws IOException {
        Files.createFile(dev.resolve("nvidia0"));

        assertThat(RenderingPipeline.softwareOnly(dev)).isEmpty();
    }
}
