package io.labbench.watch.export;

/** The text forms a snapshot or diff can be exported in. */
public enum ExportFormat {
    TEXT("txt"), MARKDOWN("md");

    private final String extension;

    ExportFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }
}
