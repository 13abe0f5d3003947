package io.labbench.app.aws;

import io.labbench.aws.AwsFailure;
import io.labbench.aws.AwsProblem;
import io.labbench.aws.cfn.StackTemplate;
import io.labbench.aws.ec2.KeyPairs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Where the stack's template comes from: an HTTPS URL (the study's kops-oneclick.yaml) or a local
 * file. Loading parses it into a {@link StackFormViewModel} and offers the region's key pairs.
 */
public final class StackTemplateViewModel {

    /** The study's one-click template. */
    public static final String STUDY_TEMPLATE = "https://s3.ap-northeast-2.amazonaws.com/cloudformation.cloudneta.net/K8S/kops-oneclick.yaml";

    private final StringProperty source = new SimpleStringProperty(this, "source", STUDY_TEMPLATE);
    private final StringProperty loaded = new SimpleStringProperty(this, "loaded", "");
    private final FxWork work;
    private final Supplier<KeyPairs> keyPairs;
    private final Consumer<StackFormViewModel> onForm;

    public StackTemplateViewModel(FxWork work, Supplier<KeyPairs> keyPairs, Consumer<StackFormViewModel> onForm) {
        this.work = work;
        this.keyPairs = keyPairs;
        this.onForm = onForm;
    }

    public StringProperty sourceProperty() {
        return source;
    }

    public StringProperty loadedProperty() {
        return loaded;
    }

    public FxWork work() {
        return work;
    }

    public void load() {
        String where = source.get() == null ? "" : source.get().trim();
        work.submit(() -> {
            String body = read(where);
            StackTemplate template;
            try {
                template = StackTemplate.parse(body, where);
            } catch (StackTemplate.TemplateException e) {
                throw new AwsFailure(new AwsProblem(AwsProblem.Kind.INVALID_INPUT, e.getMessage(),
                        "Choose the study's kops-oneclick.yaml or a valid CloudFormation template.", ""), e);
            }
            List<String> pairs;
            try {
                pairs = keyPairs.get().names();
            } catch (AwsFailure e) {
                pairs = List.of(); // the form still works; the learner types the key name
            }
            return new Loaded(template, body, pairs);
        }, result -> {
            StackFormViewModel form = new StackFormViewModel(result.template(), result.body());
            form.offerKeyPairs(result.keyPairs());
            loaded.set(result.template().parameters().size() + " parameters, " + result.template().resourceCount() + " resources"
                    + (result.keyPairs().isEmpty() ? "" : ", " + result.keyPairs().size() + " key pair(s) offered"));
            onForm.accept(form);
        });
    }

    private static String read(String where) throws AwsFailure {
        try {
            if (where.startsWith("https://") || where.startsWith("http://")) {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(where)).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                return response.body();
            }
            return Files.readString(Path.of(where), StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            throw new AwsFailure(new AwsProblem(AwsProblem.Kind.NETWORK, "Could not read the template " + where + ": " + e.getMessage(),
                    "Check the URL or path; download the template and choose the file if the URL is unreachable.", ""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AwsFailure(new AwsProblem(AwsProblem.Kind.OTHER, "Stopped reading the template", "Press Load again.", ""), e);
        }
    }

    private record Loaded(StackTemplate template, String body, List<String> keyPairs) {
    }
}
