package io.labbench.labmodel.load;

/** One problem in a lab file, at a 1-based line and column. */
public record LabError(String file, int line, int column, String message) {

    /** The form compilers use, which editors and CI logs turn into links. */
    public String format() {
        return file + ":" + line + ":" + column + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
