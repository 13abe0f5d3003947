package io.labbench.locallab.kube.api;

/** A column of a server-side table; priority 1 columns show only with {@code -o wide}. */
public record TableColumn(String name, String type, String format, int priority, String description) {

    public static TableColumn nameColumn() {
        return new TableColumn("Name", "string", "name", 0,
                "Name must be unique within a namespace. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names");
    }

    public static TableColumn text(String name, String description) {
        return new TableColumn(name, "string", "", 0, description);
    }

    public static TableColumn wide(String name, String description) {
        return new TableColumn(name, "string", "", 1, description);
    }

    public static TableColumn integer(String name, String description) {
        return new TableColumn(name, "integer", "", 0, description);
    }

    public static TableColumn age() {
        return text("Age", "CreationTimestamp is a timestamp representing the server time when this object was created.");
    }
}
