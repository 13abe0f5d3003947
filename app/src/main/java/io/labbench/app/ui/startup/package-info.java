/** Start-up measurement for {@code labbench --startup-probe} and the start-up benchmark. */
package io.labbench.app.ui.startup;
