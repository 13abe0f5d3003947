/**
 * Dialogs the sessions need from a person: an unknown host key (accept once / always / cancel with
 * its SHA256 fingerprint), an encrypted key's passphrase, and the endpoint editor.
 */
package io.labbench.app.ui.dialogs;
