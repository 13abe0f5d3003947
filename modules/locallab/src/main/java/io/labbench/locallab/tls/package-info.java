/**
 * The lab's TLS material kept from one {@code up} to the next: PEM text read and written with the JDK
 * alone ({@link io.labbench.locallab.tls.Pem}), a private folder of such files that names the file and
 * what was expected when one is damaged ({@link io.labbench.locallab.tls.PemFolder}), and what a look into
 * it found ({@link io.labbench.locallab.tls.Stored}). Making certificates needs BouncyCastle, whose classes
 * alone took a busy machine seconds of CPU at each {@code up}; reading kept ones needs only the JDK.
 */
package io.labbench.locallab.tls;
