package io.labbench.locallab.kube.api;

/** A store operation the CRUD dispatcher refused (conflict, not found, invalid), with its HTTP code. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;

    public StoreException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
