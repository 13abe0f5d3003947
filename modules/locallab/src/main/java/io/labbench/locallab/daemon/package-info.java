/**
 * The local lab as a background process: {@code labbench lab up} starts {@link
 * io.labbench.locallab.daemon.LabDaemon} detached and returns once its {@code status.json} says the
 * lab is up; {@code labbench lab down} stops it (SIGTERM, then the crash clean-up as a safety net).
 */
package io.labbench.locallab.daemon;
