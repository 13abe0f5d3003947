package io.labbench.app.aws;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * "Use my address" for the stack's SSH CIDR: looks up the learner's public IPv4 address off the
 * JavaFX thread, then asks before restricting SSH to it. Nothing changes in the form until the
 * learner confirms; a failed lookup leaves the field as it was and says why ({@link FxWork#problemProperty()}).
 *
 * <p>The question is state, not a dialog: {@link #questionProperty()} is non-empty while an answer is
 * awaited, and the view shows it however it likes and calls {@link #confirm()} or {@link #decline()}.
 */
public final class MyAddressViewModel {

    /** Looks up the public IPv4 address; blocking, run off the JavaFX thread. */
    @FunctionalInterface
    public interface AddressLookup {
        String lookup() throws Exception;
    }

    private final StackFormViewModel form;
    private final FxWork work;
    private final AddressLookup lookup;
    private final ReadOnlyStringWrapper question = new ReadOnlyStringWrapper(this, "question", "");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
    private String pendingAddress;

    public MyAddressViewModel(StackFormViewModel form, FxWork work, AddressLookup lookup) {
        this.form = form;
        this.work = work;
        this.lookup = lookup;
    }

    public FxWork work() {
        return work;
    }

    /** "Your address looks like … — allow SSH only from …/32?" while awaiting an answer, else empty. */
    public ReadOnlyStringProperty questionProperty() {
        return question.getReadOnlyProperty();
    }

    /** What the last attempt did, e.g. "SSH is allowed only from 203.0.113.7/32." */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** The address awaiting confirmation (empty when none). */
    public String pendingAddress() {
        return pendingAddress == null ? "" : pendingAddress;
    }

    /** Starts the lookup. On the JavaFX thread. */
    public void useMyAddress() {
        outcome.set("");
        question.set("");
        work.submit(lookup::lookup, address -> {
            pendingAddress = address;
            question.set("Your address looks like " + address + " — allow SSH only from " + address + "/32?");
        });
    }

    public void confirm() {
        if (pendingAddress == null) {
            return;
        }
        form.useMyAddressForSsh(pendingAddress);
        outcome.set("SSH is allowed only from " + pendingAddress + "/32.");
        clear();
    }

    public void decline() {
        if (pendingAddress == null) {
            return;
        }
        outcome.set("The SSH CIDR was left as it was.");
        clear();
    }

    private void clear() {
        pendingAddress = null;
        question.set("");
    }
}
