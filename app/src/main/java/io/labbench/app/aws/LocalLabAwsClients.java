package io.labbench.app.aws;

import io.labbench.aws.AwsClientFactory;
import io.labbench.aws.AwsSettings;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.aws.LabAws;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The AWS window's SDK clients on the local backend: the same clients as for AWS, with the lab's
 * endpoint as endpoint override and the lab's own key. Both are read from the lab's files when used,
 * so the window follows the lab across re-rolls (new key, same address); the profile is not used.
 */
public final class LocalLabAwsClients implements Function<AwsSettings, AwsClientFactory> {

    private final LabSettings lab;

    public LocalLabAwsClients(LabSettings lab) {
        this.lab = lab;
    }

    @Override
    public AwsClientFactory apply(AwsSettings wanted) {
        URI endpoint = URI.create(read(LabAws.endpointFile(lab)).getProperty("endpoint"));
        return new AwsClientFactory(new AwsSettings(Optional.empty(), AwsSettings.STUDY_REGION, Optional.of(endpoint)), new LabKey());
    }

    /** The lab's key as the lab wrote it, read at each signing (a re-roll writes a new one). */
    private final class LabKey implements AwsCredentialsProvider {
        @Override
        public AwsCredentials resolveCredentials() {
            Path file = Path.of(read(LabAws.endpointFile(lab)).getProperty("credentials"));
            Properties ini = read(file);
            return AwsBasicCredentials.create(ini.getProperty("aws_access_key_id"), ini.getProperty("aws_secret_access_key"));
        }
    }

    private static Properties read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the local lab's AWS endpoint is not up (no " + file
                    + "); it starts with the lab: wait for the status bar's \"Local lab up\" or run `labbench lab up`");
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            // the credentials file is INI; its "key = value" lines read as properties ([default] is skipped below)
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return p;
    }
}
