package io.labbench.locallab.kube.api;

/** A request the API server refuses with 400, carrying the message kubectl prints. */
public class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(message);
    }
}
