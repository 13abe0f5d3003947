/** The status bar: each endpoint's connection state, the broadcast indicator and short notices. */
package io.labbench.app.ui.status;
