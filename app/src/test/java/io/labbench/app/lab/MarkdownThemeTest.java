package io.labbench.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Theme;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A step's prose takes the theme's text colour: light on the dark theme, dark on the light one. The
 * app's themes are AtlantaFX's, whose colour names differ from Modena's; a Modena name in the lab
 * pane's stylesheet does not resolve there, and the text fell back to black on the dark background.
 */
@ExtendWith(ApplicationExtension.class)
class MarkdownThemeTest {

    @Test
    void proseIsLightOnTheDarkThemeAndDarkOnTheLightOne() throws Exception {
        assertThat(brightnessOfProse(new PrimerDark())).isGreaterThan(0.7);
        assertThat(brightnessOfProse(new PrimerLight())).isLessThan(0.3);
    }

    private static double brightnessOfProse(Theme theme) throws Exception {
        AtomicReference<Paint> fill = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            VBox pane = new VBox();
            pane.getStyleClass().add("lab-pane");
            pane.getStylesheets().add(LabPaneStyles.URL);
            pane.getChildren().addAll(MarkdownView.render("Routes for the **pod** on `worker1`."));
            Scene scene = new Scene(pane, 400, 200);
            scene.setUserAgentStylesheet(theme.getUserAgentStylesheet());
            pane.applyCss();
            fill.set(firstProse(pane).getFill());
        }).get();
        assertThat(fill.get()).isInstanceOf(Color.class);
        return ((Color) fill.get()).getBrightness();
    }

    private static Text firstProse(Parent parent) {
        for (Node child : parent.getChildrenUnmodifiable()) {
            if (child instanceof Text text && text.getStyleClass().contains("md-text")) {
                return text;
            }
            if (child instanceof Parent inner) {
                Text found = firstProse(inner);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
