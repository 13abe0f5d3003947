package io.labbench.locallab.kube.api;

/** A store or admission refusal (conflict, not found, invalid, gone), with its HTTP code and Status body. */
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
