/**
 * Transcripts: each terminal's output as plain text lines with timestamps (ANSI stripped), written to
 * the workspace folder, with secrets masked by {@link io.labbench.sessions.transcript.SecretMasker} —
 * the same masker exports and logs use so no AWS key, token, private key or typed password leaves the app.
 */
package io.labbench.sessions.transcript;
