/** The main window's keyboard shortcuts and the dialog that lists them. */
package io.labbench.app.ui.shortcuts;
