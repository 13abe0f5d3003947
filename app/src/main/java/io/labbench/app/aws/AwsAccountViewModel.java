package io.labbench.app.aws;

import io.labbench.aws.AwsClientFactory;
import io.labbench.aws.AwsSettings;
import io.labbench.aws.IdentityCheck;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Which AWS profile and region the workspace uses, and whether the credentials work. The app never
 * sees a secret key: credentials come from the SDK's chain for the chosen profile.
 */
public final class AwsAccountViewModel {

    private final StringProperty profile = new SimpleStringProperty(this, "profile", "");
    private final StringProperty region = new SimpleStringProperty(this, "region", AwsSettings.STUDY_REGION);
    private final ReadOnlyStringWrapper identity = new ReadOnlyStringWrapper(this, "identity", "Not checked yet");
    private final ReadOnlyStringWrapper accountId = new ReadOnlyStringWrapper(this, "accountId", "");
    private final Function<AwsSettings, AwsClientFactory> factories;
    private final FxWork work;
    private AwsClientFactory clients;

    public AwsAccountViewModel(Function<AwsSettings, AwsClientFactory> factories, FxWork work) {
        this.factories = factories;
        this.work = work;
        work.problemProperty().addListener((obs, old, problem) -> {
            if (!problem.isEmpty()) {
                identity.set("Not connected");
                accountId.set("");
            }
        });
    }

    public StringProperty profileProperty() {
        return profile;
    }

    public StringProperty regionProperty() {
        return region;
    }

    public ReadOnlyStringProperty identityProperty() {
        return identity.getReadOnlyProperty();
    }

    /** The account of the last successful identity check, or empty. */
    public ReadOnlyStringProperty accountIdProperty() {
        return accountId.getReadOnlyProperty();
    }

    public FxWork work() {
        return work;
    }

    public AwsSettings settings() {
        String p = profile.get() == null ? "" : profile.get().trim();
        return new AwsSettings(p.isEmpty() ? Optional.empty() : Optional.of(p), region.get().trim(), Optional.empty());
    }

    /** The SDK clients for the current profile and region (rebuilt when either changes). */
    public synchronized AwsClientFactory clients() {
        AwsSettings wanted = settings();
        if (clients == null || !sameAccount(clients.settings(), wanted)) {
            if (clients != null) {
                clients.close();
            }
            clients = factories.apply(wanted);
        }
        return clients;
    }

    private static boolean sameAccount(AwsSettings a, AwsSettings b) {
        return a.profile().equals(b.profile()) && a.region().equals(b.region());
    }

    public void checkIdentity() {
        identity.set("Checking…");
        work.submit(() -> new IdentityCheck(clients().sts()).whoAmI(),
                id -> {
                    accountId.set(id.account());
                    identity.set("Account " + id.account() + " as " + id.arn());
                });
    }
}
