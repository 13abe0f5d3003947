package io.labbench.app.ui.terminal;

import io.labbench.app.terminals.TerminalLink;
import io.labbench.sessions.ConnectionState;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One terminal pane's state as the view shows it: its name ({@code master}, {@code pod:pod-1}), what
 * it is connected to, its connection state, whether it is in the broadcast group, maximised, and the
 * drop banner's text, and the hint shown when a connected shell stays silent. Holds no widget, so it is tested without a screen.
 */
public final class TerminalPaneViewModel {

    private final String name;
    private final StringProperty target = new SimpleStringProperty("");
    private final StringProperty addresses = new SimpleStringProperty("");
    private final ObjectProperty<ConnectionState> state = new SimpleObjectProperty<>(ConnectionState.DISCONNECTED);
    private final BooleanProperty broadcastMember = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper maximized = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper focused = new ReadOnlyBooleanWrapper();
    private final StringProperty dropMessage = new SimpleStringProperty("");
    private final BooleanBinding dropBannerVisible;
    private final StringProperty quietHint = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<TerminalLink> link = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding quietHintVisible;

    public TerminalPaneViewModel(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A terminal needs a name such as master or worker1");
        }
        this.name = name;
        // Connected and connecting panes show no banner; drops, failures and an exited shell do.
        dropBannerVisible = Bindings.createBooleanBinding(
                () -> state.get() != ConnectionState.CONNECTED && state.get() != ConnectionState.CONNECTING
                        && !dropMessage.get().isEmpty(), state, dropMessage);
        // A silent shell only matters while connected; a drop has its own banner.
        quietHintVisible = Bindings.createBooleanBinding(
                () -> state.get() == ConnectionState.CONNECTED && !quietHint.get().isEmpty(), state, quietHint);
    }

    public String name() {
        return name;
    }

    /**
     * The machine's addresses ({@code 172.30.46.72 / 198.51.100.72}: a node's VPC and public IP), which
     * the header keeps whole; empty for a pane on no lab machine.
     */
    public StringProperty addressesProperty() {
        return addresses;
    }

    /** What the pane talks to, e.g. {@code ubuntu@ip-172-30-46-72}, {@code local shell} or {@code ubuntu@10.0.0.11 via kops-ec2}. */
    public StringProperty targetProperty() {
        return target;
    }

    public ObjectProperty<ConnectionState> stateProperty() {
        return state;
    }

    public ConnectionState state() {
        return state.get();
    }

    public BooleanProperty broadcastMemberProperty() {
        return broadcastMember;
    }

    public boolean isBroadcastMember() {
        return broadcastMember.get();
    }

    public ReadOnlyBooleanProperty maximizedProperty() {
        return maximized.getReadOnlyProperty();
    }

    void setMaximized(boolean value) {
        maximized.set(value);
    }

    public ReadOnlyBooleanProperty focusedProperty() {
        return focused.getReadOnlyProperty();
    }

    void setFocused(boolean value) {
        focused.set(value);
    }

    /** Why the connection dropped and what happens next; empty when the pane is healthy. */
    public StringProperty dropMessageProperty() {
        return dropMessage;
    }

    public BooleanBinding dropBannerVisibleProperty() {
        return dropBannerVisible;
    }

    /** What to try when the connected shell has shown nothing for a while; empty once it has. */
    public StringProperty quietHintProperty() {
        return quietHint;
    }

    public BooleanBinding quietHintVisibleProperty() {
        return quietHintVisible;
    }

    /**
     * The session this pane shows, once connected; replaced when the pane starts a new session (its
     * shell exited, or the lab re-rolled the machine behind it). The view puts a widget on it.
     */
    public ReadOnlyObjectProperty<TerminalLink> linkProperty() {
        return link.getReadOnlyProperty();
    }

    void attach(TerminalLink value) {
        link.set(value);
        target.set(value == null ? target.get() : value.target());
        addresses.set(value == null ? addresses.get() : value.addresses());
    }

    /** Records a new connection state; a healthy connection clears the banner. */
    public void updateState(ConnectionState newState, String message) {
        state.set(newState);
        if (newState == ConnectionState.CONNECTED) {
            dropMessage.set("");
        } else {
            dropMessage.set(message == null ? "" : message);
        }
    }

    @Override
    public String toString() {
        return "TerminalPane[" + name + "]";
    }
}
